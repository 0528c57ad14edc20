"""Key figures: the number an achievement is about, to show large.

Records hold achievements as sentences ("Tỷ lệ hao hụt nguyên liệu giảm từ 9%
xuống 3,5%."). A page shows the sentence whole and, above it, its figure:
the change "9% → 3,5%" when the sentence says from what to what, otherwise
its first number with its percent sign or unit ("210.000", "4,8 tỷ đồng").
Years and dates are not figures ("năm 2000", "11/1999").

The key figure of a record, on its card, is its first achievement that has
a figure: editors put the result they are proudest of first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from honour_roll.record.model import Honoree

# Vietnamese numbers: 1.286 (thousands), 3,5 (decimals), 8–12 (ranges).
_N = r"\d+(?:[.,]\d+)*(?:\s?[–-]\s?\d+(?:[.,]\d+)*)?"
_UNITS = (
    "tỷ đồng", "triệu đồng", "nghìn đồng", "triệu", "nghìn", "tỷ", "tấn", "ha", "km", "giờ", "phút", "ngày",
    "lần", "ngôn ngữ",
)
_UNIT = r"(?:\s?%|\s(?:" + "|".join(re.escape(u) for u in _UNITS) + r")\b)"
_HEDGE = r"(?:khoảng|dưới|hơn|gần|còn|trên)\s"
_NOTE = r"(?:\s\([^)]*\))?"  # "từ 9% (2000) lên 58% (2001)"
_CHANGE = re.compile(rf"\btừ\s(?:{_HEDGE})?(?P<a>{_N})(?P<ua>{_UNIT})?{_NOTE}\s(?:xuống|lên|còn)\s(?:{_HEDGE})?(?P<b>{_N})(?P<ub>{_UNIT})?")
_NUMBER = re.compile(rf"(?<![\w/.,])(?P<n>{_N})(?P<u>{_UNIT})?(?![\w/])")
_DATE_BEFORE = re.compile(r"(?:năm|tháng|ngày|quý|giai đoạn)\s$", re.IGNORECASE)
_DATE_AFTER = re.compile(r"\s(?:tháng|năm|quý)\b")  # "5 tháng đầu năm": a period, not a result


@dataclass(frozen=True)
class Figure:
    value: str  # what is shown large
    text: str  # the whole achievement


def _unit(u: str | None) -> str:
    return (u or "").strip()


def _join(number: str, unit: str) -> str:
    return number + unit if unit == "%" else f"{number} {unit}".strip()


def figure_of(text: str) -> Figure | None:
    change = _CHANGE.search(text)
    if change:
        ua, ub = _unit(change["ua"]), _unit(change["ub"])
        a = _join(change["a"], ua) if ua and ua != ub else (change["a"] + "%" if ua == "%" else change["a"])
        return Figure(f"{a} → {_join(change['b'], ub)}", text)
    for m in _NUMBER.finditer(text):
        number, unit = m["n"], _unit(m["u"])
        if not unit and (
            re.fullmatch(r"(?:19|20)\d\d", number) or _DATE_BEFORE.search(text[: m.start()]) or _DATE_AFTER.match(text, m.end())
        ):
            continue
        return Figure(_join(number, unit), text)
    return None


def figures(h: Honoree) -> tuple[Figure | None, ...]:
    """One per achievement, in order: None for a sentence without a number."""
    return tuple(figure_of(a) for a in h.achievements)


def key_figure(h: Honoree) -> Figure | None:
    return next((f for f in figures(h) if f is not None), None)
