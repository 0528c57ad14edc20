"""What every output says while the records are sample data
(mkdocs.yml: ``extra.honour_roll.illustrative_data``): pages say it in their
banner (overrides/main.html), and everything that leaves the site on its own
(share cards, feeds, open data, sharing previews) says it too, so that a
made-up decision cannot circulate as a real one."""

from __future__ import annotations

LABEL = "Dữ liệu minh họa"
TEXT = (
    "Dữ liệu minh họa: các cá nhân, doanh nghiệp, số liệu và quyết định khen thưởng là hư cấu, "
    "dùng để trình bày mẫu; không phải quyết định khen thưởng thật."
)
# The same, on the English edition's pages and feed.
LABEL_EN = "Illustrative data"
TEXT_EN = (
    "Illustrative data: the people, enterprises, figures and award decisions are fictional, "
    "shown as a sample; they are not real award decisions."
)
# On a share card, in capitals above everything else.
CARD = "DỮ LIỆU MINH HỌA · HỒ SƠ HƯ CẤU, KHÔNG PHẢI QUYẾT ĐỊNH KHEN THƯỞNG THẬT"
CARD_EN = "ILLUSTRATIVE DATA · A FICTIONAL RECORD, NOT A REAL AWARD DECISION"


def marked(text: str, illustrative: bool, english: bool = False) -> str:
    """A description as it leaves the site: prefixed with the label while data are illustrative."""
    return f"[{LABEL_EN if english else LABEL}] {text}" if illustrative else text
