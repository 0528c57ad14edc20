"""A new record to fill in: valid as it stands (a draft is never published),
with the optional sections shown as comments to uncomment."""

from __future__ import annotations

from . import placeholders
from .criteria import criteria_for
from .record_writer import record_yaml
from .vocabulary import Kind, Locality, Pillar, Status

SUMMARY_PLACEHOLDER = placeholders.SUMMARY
STORY_PLACEHOLDER = placeholders.STORY

# Optional sections, as comments: the editor removes the "# " to use one.
_OPTIONAL = """
# --- Các mục không bắt buộc: bỏ dấu "# " ở đầu dòng để dùng ---
# recognition:                 # bắt buộc khi status: recognised
#   decision: 1452/QĐ-UBND
#   date: 2024-12-18           # dạng YYYY-MM-DD
#   issued_by: Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu
#   award: bang-khen           # giay-khen | bang-khen | co-thi-dua | giay-chung-nhan
# achievements:
#   - {p.ACHIEVEMENT}
# initiatives:
#   - title: {p.INITIATIVE_TITLE}
#     level: grassroots        # grassroots | provincial | national
#     recognised_by: {p.INITIATIVE_BODY}
#     year: 2023
# criteria: [{criteria}]
# replication:
#   steps:
#     - {p.STEP}
#   requirements:
#     - {p.REQUIREMENT}
#   contact:
#     organisation: {p.CONTACT}
# photos:
#   - file: photos/ten-anh.jpg
#     alt: {p.PHOTO_ALT}
#     credit: {p.PHOTO_CREDIT}
#     consent: true            # bắt buộc với ảnh cá nhân
# links:
#   - title: {p.LINK_TITLE}
#     url: https://...
# editor_notes: Ghi chú nội bộ, không bao giờ được đăng.
"""


def skeleton_text(
    kind: Kind,
    name: str,
    locality: Locality,
    pillars: list[Pillar],
    year: int,
    status: Status = Status.DRAFT,
    position: str | None = None,
    unit: str | None = None,
    parent_body: str | None = None,
) -> str:
    values: dict = {
        "status": status.id,
        "kind": kind.id,
        "name": name,
        "position": position if kind is Kind.INDIVIDUAL else None,
        "unit": unit if kind is Kind.INDIVIDUAL else None,
        "parent_body": parent_body if kind is not Kind.INDIVIDUAL else None,
        "locality": locality.id,
        "pillars": [p.id for p in pillars],
        "year": year,
        "summary": SUMMARY_PLACEHOLDER,
        "story": STORY_PLACEHOLDER,
    }
    examples = ", ".join(c.id for c in criteria_for(kind) if not c.computed)
    return record_yaml(values, trailer=_OPTIONAL.format(criteria=examples, p=placeholders))
