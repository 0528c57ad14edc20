"""A new record to fill in: valid as it stands (a draft is never published),
with the optional sections shown as comments to uncomment. The values those
comments offer (awards, levels, the awarding body, criteria) are the movement's."""

from __future__ import annotations

import re

from honour_roll.record import placeholders
from honour_roll.record.movement import Kind, Locality, Movement, Pillar
from honour_roll.editors.nomination import Sheet
from honour_roll.editors.record_writer import record_yaml
from honour_roll.record.vocabulary import Status

SUMMARY_PLACEHOLDER = placeholders.SUMMARY
STORY_PLACEHOLDER = placeholders.STORY
COMMENT_COLUMN = 31  # where the hints after a value start, as in the sample records

# Optional sections, as comments: the editor removes the "# " to use one.
_OPTIONAL = """
# --- Các mục không bắt buộc: bỏ dấu "# " ở đầu dòng để dùng ---
{recognition}
# achievements:
#   - {p.ACHIEVEMENT}
# initiatives:
#   - title: {p.INITIATIVE_TITLE}
{level}#     recognised_by: {p.INITIATIVE_BODY}
#     year: {initiative_year}
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
{consent}
# links:
#   - title: {p.LINK_TITLE}
#     url: https://...
# editor_notes: Ghi chú nội bộ, không bao giờ được đăng.
"""


def _hinted(line: str, hint: str) -> str:
    return f"{line.ljust(COMMENT_COLUMN - 1)} # {hint}" if len(line) < COMMENT_COLUMN - 1 else f"{line}  # {hint}"


def _iso(date_text: str) -> str | None:
    """'18/12/2000' -> '2000-12-18'."""
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", date_text.strip())
    return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else None


def skeleton_text(
    movement: Movement,
    kind: Kind,
    name: str,
    locality: Locality,
    pillars: list[Pillar],
    year: int,
    status: Status = Status.DRAFT,
    position: str | None = None,
    unit: str | None = None,
    parent_body: str | None = None,
    examples: dict | None = None,
) -> str:
    """``examples``: the deployment's example texts (nomination.read_examples), whose
    decision, date and award the recognition comment shows when it has them."""
    m = movement
    row = (examples or {}).get("row") or {}
    values: dict = {
        "status": status.id,
        "kind": kind.id,
        "name": name,
        "position": position if kind.person else None,
        "unit": unit if kind.person else None,
        "parent_body": parent_body if not kind.person else None,
        "locality": locality.id,
        "pillars": [p.id for p in pillars],
        "year": year,
        "summary": SUMMARY_PLACEHOLDER,
        "story": STORY_PLACEHOLDER,
    }
    award = Sheet(m).resolve("recognition.award", str(row.get("recognition.award", ""))) or m.awards[0].id
    recognition = "\n".join([
        _hinted("# recognition:", "bắt buộc khi status: recognised"),
        f"#   decision: {row.get('recognition.decision') or '01/QĐ'}",
        _hinted(f"#   date: {_iso(str(row.get('recognition.date', ''))) or f'{year}-12-31'}", "dạng YYYY-MM-DD"),
        f"#   issued_by: {m.awarding_body}",
        _hinted(f"#   award: {award}", " | ".join(a.id for a in m.awards)),
    ])  # fmt: skip
    level = _hinted(f"#     level: {m.levels[0].id}", " | ".join(lv.id for lv in m.levels)) + "\n" if m.levels else ""
    consent = _hinted("#     consent: true", "bắt buộc với ảnh " + ", ".join(k.label.lower() for k in m.kinds if k.person))
    examples_ids = ", ".join(c.id for c in m.criteria_for(kind) if not c.computed)
    # The initiative's year: the sheet's example initiative's ("tên; cấp; cơ quan; năm"), else the year before.
    shown_year = str(row.get("initiatives", "")).split(";")[-1].strip()
    initiative_year = int(shown_year) if re.fullmatch(r"\d{4}", shown_year) else max(year - 1, m.period.first_year)
    trailer = _OPTIONAL.format(
        recognition=recognition, level=level, consent=consent, criteria=examples_ids,
        initiative_year=initiative_year, p=placeholders,
    )  # fmt: skip
    return record_yaml(values, m, trailer=trailer)
