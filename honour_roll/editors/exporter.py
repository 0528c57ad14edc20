"""The records as a table for reporting: CSV (UTF-8 with BOM, so Excel shows
the diacritics) or XLSX.

Only recognised records by default, as on the site. With ``include_all``
drafts and nominations are added, each marked in its own column and, in
XLSX, on a shaded row: a report must never pass a nomination off as an
honour. ``editor_notes`` is never exported: an export leaves the editors'
hands (e-mail, meetings, other departments), and the notes are internal.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Callable

from honour_roll.record.model import Honoree
from honour_roll.record.movement import Movement
from honour_roll.editors.nomination import columns as sheet_columns
from honour_roll.site.urls import DIRECTORY_URLS, honoree_src
from honour_roll.record.vocabulary import Status

NOT_RECOGNISED = "CHƯA ĐƯỢC CÔNG NHẬN"


@dataclass(frozen=True)
class ExportColumn:
    header: str
    value: Callable[[Honoree], object]


def _join(items) -> str:
    return "; ".join(items)


def columns(movement: Movement) -> tuple[ExportColumn, ...]:
    """The export's columns; those that name the movement's kinds and pillars are headed as in
    the nomination sheet, so an export reads like the sheet units filled in."""
    sheet = {c.key: c.header for c in sheet_columns(movement)}
    return (
        *_COLUMNS[:3],
        ExportColumn(sheet["name"], lambda h: h.name),
        *_COLUMNS[3:7],
        ExportColumn(sheet["pillars"], lambda h: _join(p.label for p in h.pillars)),
        *_COLUMNS[7:],
    )


_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("Mã hồ sơ", lambda h: h.id),
    ExportColumn("Trạng thái", lambda h: h.status.label if h.is_published else f"{NOT_RECOGNISED} – {h.status.label}"),
    ExportColumn("Loại", lambda h: h.kind.label),
    ExportColumn("Chức vụ", lambda h: h.position or ""),
    ExportColumn("Đơn vị công tác", lambda h: h.unit or ""),
    ExportColumn("Cơ quan chủ quản", lambda h: h.parent_body or ""),
    ExportColumn("Địa bàn", lambda h: h.locality.label),
    ExportColumn("Năm công nhận", lambda h: h.year),
    ExportColumn("Số quyết định", lambda h: h.recognition.decision if h.recognition else ""),
    ExportColumn("Ngày quyết định", lambda h: h.recognition.date.strftime("%d/%m/%Y") if h.recognition else ""),
    ExportColumn("Cơ quan ban hành quyết định", lambda h: h.recognition.issued_by if h.recognition else ""),
    ExportColumn("Hình thức khen thưởng", lambda h: h.recognition.award.label if h.recognition else ""),
    ExportColumn("Tiêu chí đáp ứng", lambda h: _join(c.id for c in h.criteria_met)),
    ExportColumn("Số sáng kiến", lambda h: len(h.initiatives)),
    ExportColumn("Có ảnh", lambda h: "Có" if h.photos else "Không"),
    ExportColumn("Có cách nhân rộng", lambda h: "Có" if h.replication else "Không"),
    ExportColumn("Tóm tắt", lambda h: h.summary),
    # The site's address layout is MkDocs' default (use_directory_urls), as in mkdocs.yml.
    ExportColumn("Địa chỉ trang", lambda h: "/" + DIRECTORY_URLS.page(honoree_src(h)) if h.is_published else ""),
)


def export_rows(honorees: tuple[Honoree, ...], include_all: bool = False) -> list[Honoree]:
    """Recognised records in the site's order; with include_all, the others after them."""
    published = sorted((h for h in honorees if h.is_published), key=lambda h: h.sort_key)
    if not include_all:
        return published
    order = {Status.NOMINATED: 0, Status.DRAFT: 1}
    others = sorted((h for h in honorees if not h.is_published), key=lambda h: (order[h.status], h.name.casefold()))
    return published + others


def _safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula (=, +, -, @) is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(honorees: list[Honoree], movement: Movement) -> bytes:
    cols = columns(movement)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([c.header for c in cols])
    for h in honorees:
        writer.writerow([_safe(c.value(h)) for c in cols])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(honorees: list[Honoree], movement: Movement) -> bytes:
    cols = columns(movement)
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Gương điển hình"
    ws.append([c.header for c in cols])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    shade = PatternFill("solid", fgColor="FCE4D6")
    for r, h in enumerate(honorees, start=2):
        for col, c in enumerate(cols, start=1):
            value = c.value(h)
            cell = ws.cell(row=r, column=col)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            if not h.is_published:
                cell.fill = shade
    for col, c in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(col)].width = min(60, max(12, len(c.header) + 2))
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = ws.dimensions
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
