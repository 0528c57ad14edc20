"""The editors' room: the honour-roll command and the tools behind it (new, validate, import, export, report, init, the nomination sheet)."""
