"""The editors' report: what the honour roll holds and what is still to do.

Counts and quota are of recognised records, as the site shows them; the
to-do lists (the movement's initiative rule, placeholder text left by `new`, photos, replication) cover every record so that
editors can fix nominations before they are recognised. One structure,
two renderings: a plain-text table for the terminal and Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from honour_roll.record.loader import Roll
from honour_roll.record.placeholders import placeholder_findings
from honour_roll.site.stats import counts, quota_progress
from honour_roll.record.vocabulary import Status


@dataclass
class Section:
    title: str
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # lines before the table
    empty: str = ""  # said instead of an empty table


def build_report(roll: Roll) -> list[Section]:
    movement = roll.movement
    published = roll.published
    by_status = {s: sum(1 for h in roll.honorees if h.status is s) for s in Status}
    overview = Section(
        "Tổng quan",
        notes=[
            f"Tổng số hồ sơ: {len(roll.honorees)} — đã được công nhận: {by_status[Status.RECOGNISED]}, "
            f"được đề cử: {by_status[Status.NOMINATED]}, bản nháp: {by_status[Status.DRAFT]}.",
            "Chỉ hồ sơ đã được công nhận mới được đăng lên trang và được tính ở hai mục dưới đây.",
        ],
    )

    years = movement.years
    table = counts(published, movement)
    count_rows = []
    for p in movement.pillars:
        for k in movement.kinds:
            cells = [table[(p, k, y)] for y in years]
            count_rows.append([p.label, k.label, *map(str, cells), str(sum(cells))])
    totals = [sum(1 for h in published if h.year == y) for y in years]
    count_rows.append(["Số gương điển hình (mỗi gương tính một lần)", "", *map(str, totals), str(len(published))])
    pillar = movement.pillar_label.lower()
    matrix = Section(
        f"Gương điển hình đã được công nhận theo {pillar}, loại và năm",
        [movement.pillar_label, "Loại", *map(str, years), "Tổng"],
        count_rows,
        notes=[f"Một gương điển hình thuộc nhiều {pillar} được tính ở mỗi {pillar}."],
    )

    progress = quota_progress(published, movement)
    clause = f"mục {movement.guidance.quota_section} của Hướng dẫn" if movement.guidance.quota_section else "theo Hướng dẫn"
    least = " và ".join(f"{q.target} {q.kind.label.lower()}" for q in progress)
    quota = Section(
        f"Tiến độ chỉ tiêu ({clause}: ít nhất {least})" if progress else "Tiến độ chỉ tiêu",
        ["Loại", "Đã được công nhận/chỉ tiêu"],
        # Said plainly: 12 of 10 is "12/10, đạt", never a percentage capped at 100%.
        [[q.kind.label, f"{q.count}/{q.target}, " + ("đạt" if q.met else f"còn thiếu {q.target - q.count}")] for q in progress],
        empty="Hướng dẫn không đặt chỉ tiêu số lượng.",
    )

    rule_rows = []
    for h in sorted(roll.honorees, key=lambda h: (h.status is not Status.RECOGNISED, h.id)):
        rule = h.initiative_rule
        if rule is not None and not rule.met:
            rule_rows.append([h.id, h.name, h.status.label, rule.reason])
    sections = [overview, matrix, quota]
    criterion = movement.rule_criterion
    if criterion is not None:
        who = criterion.kind.label
        sections.append(Section(
            f"{who} chưa đạt tiêu chí {criterion.id} (sáng kiến)",
            ["Mã hồ sơ", "Họ và tên" if criterion.kind.person else "Tên", "Trạng thái", "Lý do"],
            rule_rows,
            notes=["Hồ sơ đã được công nhận mà chưa đạt làm bản dựng --strict dừng lại; hồ sơ đề cử cần bổ sung trước khi công nhận."],
            empty=f"Tất cả {who.lower()} đều đạt tiêu chí {criterion.id}.",
        ))  # fmt: skip

    gaps = []
    for h in sorted(roll.honorees, key=lambda h: (h.status is not Status.RECOGNISED, h.id)):
        placeholder = bool(placeholder_findings({"summary": h.summary, "story": h.story}))
        missing = [what for what, absent in (("tóm tắt, câu chuyện (còn chữ mẫu)", placeholder), ("ảnh", not h.photos),
                                             ("cách nhân rộng", h.replication is None)) if absent]
        if missing:
            gaps.append([h.id, h.name, h.status.label, ", ".join(missing)])
    completeness = Section(
        "Hồ sơ còn chữ mẫu, thiếu ảnh hoặc thiếu cách nhân rộng",
        ["Mã hồ sơ", "Tên", "Trạng thái", "Còn thiếu"],
        gaps,
        empty="Mọi hồ sơ đều đã viết xong, có ảnh và cách nhân rộng.",
    )
    sections = [*sections, completeness]
    if movement.en is not None:  # the English edition: which recognised records have their page in English
        english = [h for h in published if h.en is not None]
        by_kind = [[k.label, f"{sum(1 for h in english if h.kind == k)}/{sum(1 for h in published if h.kind == k)}"] for k in movement.kinds]
        sections.append(Section(
            "Bản tiếng Anh (trang /en/)",
            ["Loại", "Có bản tiếng Anh/đã được công nhận"],
            by_kind,
            notes=[
                f"{len(english)}/{len(published)} hồ sơ đã được công nhận có bản tiếng Anh (nhóm en:), do người viết, không dịch máy; "
                "hồ sơ chưa có vẫn hiện trên các trang tiếng Anh bằng tiếng Việt, kèm nhãn “In Vietnamese”.",
            ],
        ))  # fmt: skip
    return sections


def title(roll: Roll) -> str:
    return f"Báo cáo gương điển hình tiên tiến trong {roll.movement.short_name.lower()}"


def render_text(sections: list[Section], title: str) -> str:
    out = [title, "=" * len(title)]
    for s in sections:
        out += ["", s.title, "-" * len(s.title), *s.notes]
        if s.headers and s.rows:
            widths = [max(len(r[i]) for r in [s.headers, *s.rows]) for i in range(len(s.headers))]
            numeric = [all(r[i].rstrip("%").isdigit() for r in s.rows if r[i]) for i in range(len(s.headers))]

            def line(cells):
                return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric)).rstrip()

            out += [line(s.headers), "  ".join("-" * w for w in widths)] + [line(r) for r in s.rows]
        elif s.headers:
            out.append(s.empty)
    return "\n".join(out) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(sections: list[Section], title: str) -> str:
    out = [f"# {title}"]
    for s in sections:
        out += ["", f"## {s.title}", ""]
        if s.notes:
            out += [*s.notes, ""]
        if s.headers and s.rows:
            numeric = [all(r[i].rstrip("%").isdigit() for r in s.rows if r[i]) for i in range(len(s.headers))]
            out.append("| " + " | ".join(_md_cell(h) for h in s.headers) + " |")
            out.append("| " + " | ".join("---:" if n else "---" for n in numeric) + " |")
            out += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in s.rows]
        elif s.headers:
            out.append(s.empty)
    return "\n".join(out).rstrip() + "\n"
