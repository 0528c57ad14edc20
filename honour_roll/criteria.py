"""The criteria of section 3 of the guidance, by stable id, and the 3.3 rule.

The ids follow the order of the items in the guidance (3.1.a is the first
item of 3.1). The full text of each item comes from the guidance itself
(see ``guidance.py``); here each has the short title used in lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from .vocabulary import Kind, Level

if TYPE_CHECKING:
    from .model import Initiative


@dataclass(frozen=True)
class Criterion:
    id: str
    kind: Kind
    title: str
    computed: bool = False  # met or not from the record's initiatives, never declared

    @property
    def anchor(self) -> str:
        return "tieu-chi-" + self.id.replace(".", "-")


CRITERIA: tuple[Criterion, ...] = (
    Criterion("3.1.a", Kind.COLLECTIVE, "Hoàn thành văn bản hướng dẫn; có sáng kiến, giải pháp tham mưu"),
    Criterion("3.1.b", Kind.COLLECTIVE, "Đóng góp cụ thể, thiết thực cho chuyển đổi số của tỉnh"),
    Criterion("3.1.c", Kind.COLLECTIVE, "Vận động cán bộ, công chức, viên chức, người lao động hưởng ứng"),
    Criterion("3.1.d", Kind.COLLECTIVE, "Xây dựng mô hình chuyển đổi số; nhiều sáng kiến"),
    Criterion("3.2.a", Kind.ENTERPRISE, "Ứng dụng công nghệ số tạo sản phẩm, dịch vụ mới"),
    Criterion("3.2.b", Kind.ENTERPRISE, "Ứng dụng, giải pháp tạo đột phá tại địa phương"),
    Criterion("3.2.c", Kind.ENTERPRISE, "Đồng hành trong quá trình chuyển đổi số của tỉnh"),
    Criterion(
        "3.3.a",
        Kind.INDIVIDUAL,
        "Ít nhất 01 sáng kiến cấp tỉnh hoặc toàn quốc, hoặc ít nhất 02 sáng kiến cấp cơ sở",
        computed=True,
    ),
    Criterion("3.3.b", Kind.INDIVIDUAL, "Sáng kiến, giải pháp hữu ích về cơ chế, chính sách"),
    Criterion("3.3.c", Kind.INDIVIDUAL, "Hoàn thành nhiệm vụ; đóng góp cụ thể, thiết thực"),
    Criterion("3.3.d", Kind.INDIVIDUAL, "Sáng kiến, sáng tạo, cách làm hay"),
)
CRITERION_BY_ID = {c.id: c for c in CRITERIA}
INITIATIVE_RULE = CRITERION_BY_ID["3.3.a"]


def criteria_for(kind: Kind) -> tuple[Criterion, ...]:
    return tuple(c for c in CRITERIA if c.kind is kind)


@dataclass(frozen=True)
class InitiativeRuleResult:
    """Criterion 3.3.a for one individual, with the reason shown on the page."""

    met: bool
    higher: int  # initiatives at provincial or national level
    grassroots: int

    @property
    def reason(self) -> str:
        parts = []
        if self.higher:
            parts.append(f"{self.higher} sáng kiến cấp tỉnh hoặc toàn quốc")
        if self.grassroots:
            parts.append(f"{self.grassroots} sáng kiến cấp cơ sở")
        have = " và ".join(parts) if parts else "chưa có sáng kiến nào được công nhận"
        need = "cần ít nhất 01 sáng kiến cấp tỉnh/toàn quốc hoặc 02 sáng kiến cấp cơ sở"
        return f"Đạt: có {have}." if self.met else f"Chưa đạt: {have}; {need}."


def initiative_rule(initiatives: Iterable["Initiative"]) -> InitiativeRuleResult:
    """Guidance 3.3: at least one initiative recognised at provincial or national
    level, or at least two recognised at grassroots level."""
    levels = [i.level for i in initiatives]
    higher = sum(1 for lv in levels if lv in (Level.PROVINCIAL, Level.NATIONAL))
    grassroots = sum(1 for lv in levels if lv is Level.GRASSROOTS)
    return InitiativeRuleResult(met=higher >= 1 or grassroots >= 2, higher=higher, grassroots=grassroots)
