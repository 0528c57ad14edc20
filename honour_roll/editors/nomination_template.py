"""The nomination template units fill in: an XLSX with the list sheet and an
instructions sheet, and the CSV equivalent. Generated from ``nomination.py``
and the deployment's movement by scripts/make_nomination_template.py; the
committed files are its output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from honour_roll.editors.nomination import INSTRUCTIONS_SHEET, REQUIRED, SHEET, Sheet

HEADER_ROW = 3
# Any fixed instant will do (it is not the movement's): the file is the same bytes every time it is generated.
FIXED_TIME = dt.datetime(2000, 1, 1)

PRIVACY = (
    "Dữ liệu cá nhân được bảo vệ theo Nghị định 13/2023/NĐ-CP. Không ghi vào bất kỳ cột nào: số điện thoại, "
    "thư điện tử cá nhân, số căn cước công dân hoặc chứng minh nhân dân, ngày sinh, năm sinh, địa chỉ nhà riêng, "
    "nơi thường trú của cá nhân. Đầu mối nhân rộng là cơ quan, tổ chức. Hồ sơ có dữ liệu cá nhân sẽ không được nhập."
)


def title(sheet: Sheet) -> str:
    m = sheet.movement
    return f"DANH SÁCH ĐỀ CỬ GƯƠNG ĐIỂN HÌNH TIÊN TIẾN – PHONG TRÀO “{m.title.upper()}” {m.period.text}"


def note(sheet: Sheet) -> str:
    persons = ", ".join(k.label.lower() for k in sheet.movement.kinds if k.person)
    return (
        "Mỗi dòng là một đề cử. Cột tô màu cam là bắt buộc"
        + (f"; cột tô màu vàng bắt buộc với {persons}" if persons else "")
        + ". Xem trang tính “Hướng dẫn” trước khi điền. Không ghi số điện thoại, thư điện tử, số CCCD, ngày sinh, "
        "địa chỉ nhà của cá nhân."
    )


def workbook(sheet: Sheet):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = sheet.columns
    wb = Workbook()
    wb.properties.creator = "honour-roll"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    ws = wb.active
    ws.title = SHEET
    last = get_column_letter(len(columns))
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")

    ws["A1"] = title(sheet)
    ws["A1"].font = Font(bold=True, size=13)
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = note(sheet)
    ws["A2"].alignment = wrap
    ws.merge_cells(f"A2:{last}2")
    ws.row_dimensions[2].height = 32
    required = PatternFill("solid", fgColor="F8CBAD")
    individual = PatternFill("solid", fgColor="FFE699")
    optional = PatternFill("solid", fgColor="DDEBF7")
    for i, column in enumerate(columns, start=1):
        cell = ws.cell(row=HEADER_ROW, column=i, value=column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = border
        cell.fill = required if column.required == REQUIRED else individual if column.required else optional
        ws.column_dimensions[get_column_letter(i)].width = column.width
        for row in range(HEADER_ROW + 1, HEADER_ROW + 201):
            ws.cell(row=row, column=i).alignment = wrap
    ws.row_dimensions[HEADER_ROW].height = 45
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)

    # Drop-down lists: a warning, not a refusal, so a locality typed without its prefix is still accepted.
    m = sheet.movement
    for key, labels in (
        ("kind", [k.label for k in m.kinds]),
        ("locality", [loc.label for loc in m.localities]),
        ("recognition.award", [a.label for a in m.awards]),
    ):
        col = get_column_letter(next(i for i, c in enumerate(columns, start=1) if c.key == key))
        dv = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True, errorStyle="warning")
        dv.error = "Giá trị không có trong danh sách; hãy kiểm tra lại."
        dv.add(f"{col}{HEADER_ROW + 1}:{col}{HEADER_ROW + 1000}")
        ws.add_data_validation(dv)
    date_col = get_column_letter(next(i for i, c in enumerate(columns, start=1) if c.key == "recognition.date"))
    for row in range(HEADER_ROW + 1, HEADER_ROW + 201):
        ws[f"{date_col}{row}"].number_format = "dd/mm/yyyy"

    _instructions(sheet, wb.create_sheet(INSTRUCTIONS_SHEET), Font, Alignment, border, wrap)
    return wb


def _instructions(sheet: Sheet, ws, Font, Alignment, border, wrap) -> None:
    m = sheet.movement
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 80
    ws.column_dimensions["D"].width = 45
    rows: list[tuple] = [
        ("HƯỚNG DẪN ĐIỀN DANH SÁCH ĐỀ CỬ",),
        ("Điền trang tính “Danh sách”, mỗi dòng một đề cử, từ dòng 4. Không đổi tên các cột. Có thể thêm dòng, để trống dòng; "
         "ô gộp (merge) theo chiều dọc được hiểu là cùng một giá trị cho các dòng đó.",),
        (),
        ("Cột", "Bắt buộc", "Cách ghi", "Ví dụ"),
    ]
    rows += [(c.header, c.required or "Không", c.help, c.example) for c in sheet.columns]
    rows += [
        (),
        ("GIÁ TRỊ ĐƯỢC CHẤP NHẬN",),
        ("Loại", "", "; ".join(k.label for k in m.kinds)),
        ("Địa bàn", "", "; ".join(f"{loc.label}" + (f" ({loc.note})" if loc.note else "") for loc in m.localities)),
        (m.pillar_label, "", "; ".join(p.label for p in m.pillars)),
        *([("Cấp sáng kiến", "", "; ".join(lv.label for lv in m.levels))] if m.levels else []),
        ("Hình thức khen thưởng", "", "; ".join(a.label for a in m.awards)),
    ]
    rows += [(f"Tiêu chí {c.id}", "", c.title + (" (tính tự động)" if c.computed else "")) for c in m.criteria]
    rows += [(), ("DỮ LIỆU CÁ NHÂN",), ("", "", PRIVACY), (), ("SAU KHI ĐIỀN",),
             ("", "", "Lưu tệp dạng .xlsx (hoặc CSV UTF-8) và gửi về Sở. Biên tập viên nhập bằng lệnh: honour-roll import <tệp>. "
                      "Mọi lỗi được báo theo trang tính, dòng và cột để đơn vị sửa.")]
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.alignment = wrap
            if len(values) == 1 or r == 4:
                cell.font = Font(bold=True)
            if r >= 4 and len(values) == 4:
                cell.border = border


def xlsx_bytes(sheet: Sheet) -> bytes:
    """The workbook with fixed timestamps inside the archive, so regenerating
    it changes nothing unless its content changed."""
    raw = io.BytesIO()
    workbook(sheet).save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode(), data)
            dst.writestr(fixed, data)
    return out.getvalue()


def csv_text(sheet: Sheet) -> str:
    """The header row of the list, for units that work in CSV (UTF-8 with BOM, so Excel reads the diacritics)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow([c.header for c in sheet.columns])
    return "\ufeff" + buf.getvalue()


def write_templates(root: Path, data_dir: Path | None = None) -> list[Path]:
    """The templates of the deployment at ``root`` (its movement read from ``data_dir``,
    by default root/data); MovementInvalid when its movement file has problems."""
    from honour_roll.record.loader import movement_of
    from honour_roll.editors.nomination import TEMPLATE_CSV, TEMPLATE_XLSX, sheet_of

    data_dir = data_dir or root / "data"
    sheet = sheet_of(movement_of(data_dir, root), data_dir)
    folder = data_dir / "templates"
    xlsx, csv_path = folder / Path(TEMPLATE_XLSX).name, folder / Path(TEMPLATE_CSV).name
    xlsx.parent.mkdir(parents=True, exist_ok=True)
    xlsx.write_bytes(xlsx_bytes(sheet))
    csv_path.write_bytes(csv_text(sheet).encode("utf-8"))
    return [xlsx, csv_path]
