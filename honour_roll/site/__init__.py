"""The site room: everything one build generates from a roll of records (pages, search, Tra cứu, feeds, open data, cards, server files), and the page store that reuses finished pages."""
