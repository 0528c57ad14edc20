"""Nomination spreadsheets (XLSX or CSV) into records, one per row.

Sheets come from units and are filled in by hand, so reading them is
forgiving: merged cells, stray spaces, dates typed as text, Vietnamese in NFC
or NFD, empty rows, labels instead of ids and headers in any case or without
diacritics are all understood. What cannot be understood is reported by
sheet, row and column. Every generated record goes through the build's own
validator before it is written; a record is written whole (temporary file,
then rename) or not at all, and an existing record is never replaced unless
asked to.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from honour_roll.record.loader import display_path, movement_of, record_files
from honour_roll.record.movement import Movement
from honour_roll.editors.nomination import COLUMN_KEYS, INSTRUCTIONS_SHEET, SHEET, Column, Sheet, header_key, sheet_of
from honour_roll.editors.record_writer import check_text, record_yaml, slugify, write_atomically
from honour_roll.record.validation import name_key
from honour_roll.record.vocabulary import Status
from honour_roll.record.yaml_source import read_source

HEADER_SEARCH_ROWS = 15  # a title and notes may sit above the header row
MULTILINE = ("story",)
LISTS = ("achievements", "replication.steps", "replication.requirements")


class SheetUnreadable(Exception):
    """The file as a whole cannot be read (not a spreadsheet, no header row...)."""


@dataclass
class Table:
    name: str  # file name as shown in messages
    sheet: str | None  # None for CSV
    header_row: int
    columns: dict[int, tuple[str, Column]]  # column index -> (header as written, column)
    rows: list[tuple[int, list[Any]]]  # (row number as the spreadsheet shows it, cells)
    nomination: Sheet  # the movement's columns and labels the table was read with
    merged: set[tuple[int, int]] = field(default_factory=set)  # (row number, column index) filled from a merged cell above
    unknown: list[tuple[int, str]] = field(default_factory=list)  # (column index, header) not in the template

    def where(self, row: int, header: str | None = None) -> str:
        place = f"{self.sheet}, dòng {row}" if self.sheet else f"dòng {row}"
        return f"{self.name}: {place}" + (f", cột '{header}'" if header else "")


@dataclass
class Planned:
    row: int
    record_id: str
    path: Path
    text: str
    overwrite: bool


@dataclass
class ImportResult:
    planned: list[Planned] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # rows that cannot become records
    notes: list[str] = field(default_factory=list)  # things ignored, for the editor's information
    rows: int = 0  # nomination rows read (empty rows not counted)
    failed_rows: list[int] = field(default_factory=list)
    written: list[Planned] = field(default_factory=list)
    no_rows: str = ""  # said instead of "0 records" when the sheet has no nomination row yet


# --- reading the file -------------------------------------------------------------------------

def read_table(path: Path, nomination: Sheet, sheet: str | None = None) -> Table:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_table(path, nomination)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_table(path, nomination, sheet)
    raise SheetUnreadable(f"{path.name}: chỉ đọc được tệp .xlsx hoặc .csv (tệp .xls cũ: hãy mở bằng Excel và lưu thành .xlsx)")


def _xlsx_table(path: Path, nomination: Sheet, wanted: str | None) -> Table:
    import openpyxl  # only the importer and exporter need it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # Not read-only: merged cell ranges are only known in the full mode.
        wb = openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as e:
        raise SheetUnreadable(f"{path.name}: không mở được tệp Excel ({e.__class__.__name__}); hãy lưu lại bằng Excel dạng .xlsx") from None
    names = wb.sheetnames
    if wanted is not None:
        matches = [n for n in names if _same(n, wanted)]
        if not matches:
            raise SheetUnreadable(f"{path.name}: không có trang tính '{wanted}'; các trang tính: {', '.join(names)}")
        order = matches
    else:
        order = [n for n in names if _same(n, SHEET)] + [n for n in names if not _same(n, SHEET) and not _same(n, INSTRUCTIONS_SHEET)]
    for name in order:
        ws = wb[name]
        grid = [list(r) for r in ws.iter_rows(values_only=True)]
        table = _table(path.name, name, grid, nomination, _fill_merged(ws, grid))
        if table is not None:
            return table
    raise SheetUnreadable(
        f"{path.name}: không tìm thấy dòng tiêu đề (Loại, Tên..., Địa bàn...) trong trang tính "
        f"{', '.join(repr(n) for n in order) or '(không có)'}; hãy dùng mẫu data/templates/mau-de-cu.xlsx"
    )


def _fill_merged(ws, grid: list[list[Any]]) -> set[tuple[int, int]]:
    """A cell merged over several rows holds its value in each of them (a
    district written once for a group of nominees). Only downwards: a value
    merged across columns belongs to its first column alone."""
    filled = set()
    for rng in ws.merged_cells.ranges:
        top, left, bottom = rng.min_row, rng.min_col, rng.max_row
        if top - 1 >= len(grid) or left - 1 >= len(grid[top - 1]):
            continue
        value = grid[top - 1][left - 1]
        for r in range(top + 1, min(bottom, len(grid)) + 1):
            grid[r - 1][left - 1] = value
            filled.add((r, left - 1))
    return filled


def _csv_table(path: Path, nomination: Sheet) -> Table:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetUnreadable(
            f"{path.name}: tệp CSV không được lưu bằng mã UTF-8; trong Excel hãy chọn Lưu thành → 'CSV UTF-8 (Comma delimited)'"
        ) from None
    # Excel writes ',' or ';' depending on the computer's regional settings:
    # the delimiter is the one that makes the most known headers.
    best = None
    for delimiter in (",", ";", "\t"):
        grid = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
        table = _table(path.name, None, grid, nomination)
        if table is not None and (best is None or len(table.columns) > len(best.columns)):
            best = table
    table = best
    if table is None:
        raise SheetUnreadable(f"{path.name}: không tìm thấy dòng tiêu đề (Loại, Tên..., Địa bàn...); hãy dùng mẫu data/templates/mau-de-cu.csv")
    return table


def _same(a: str, b: str) -> bool:
    return header_key(a) == header_key(b)


def _table(name: str, sheet: str | None, grid: list[list[Any]], nomination: Sheet, merged: set | None = None) -> Table | None:
    for i, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        found = {j: (str(v).strip(), nomination.column_for_header(_nfc(v))) for j, v in enumerate(row) if _nfc(v)}
        known = {j: hc for j, hc in found.items() if hc[1] is not None}
        if len(known) < 3:
            continue
        columns: dict[int, tuple[str, Column]] = {}
        seen: set[str] = set()
        unknown = []
        for j, (header, column) in sorted(found.items()):
            if column is None:
                unknown.append((j, " ".join(_nfc(header).split())))
            elif column.key not in seen:
                seen.add(column.key)
                columns[j] = (" ".join(_nfc(header).split()), column)
            else:
                unknown.append((j, " ".join(_nfc(header).split())))
        rows = [(i + 2 + k, r) for k, r in enumerate(grid[i + 1 :])]
        return Table(name, sheet, i + 1, columns, rows, nomination, merged=merged or set(), unknown=unknown)
    return None


# --- cells to values --------------------------------------------------------------------------

def _nfc(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = unicodedata.normalize("NFC", str(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    return text.strip()


def _line(value: Any) -> str:
    return " ".join(_nfc(value).split())


def _lines(value: Any) -> list[str]:
    """One item per line; bullets typed by hand are dropped."""
    out = []
    for ln in _nfc(value).split("\n"):
        ln = re.sub(r"^\s*(?:[-+•*–]|\d+[.)])\s+", "", ln)
        ln = " ".join(ln.split())
        if ln:
            out.append(ln)
    return out


def _parts(value: Any) -> list[str]:
    return [p for p in (" ".join(x.split()) for x in re.split(r"[;,/\n]|\s+và\s+|\s\+\s", _nfc(value))) if p]


_EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value: Any, example: str) -> tuple[dt.date | None, str | None]:
    """A date as Excel stores it or as people type it; (date, None) or (None, message).
    ``example``: a date as the message shows one, e.g. '18/12/2000'."""
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # an Excel serial number shown as a number
            return _EXCEL_EPOCH + dt.timedelta(days=int(value)), None
        return None, f"'{value}' không phải là ngày; hãy ghi dạng ngày/tháng/năm, ví dụ {example}"
    text = _line(value)
    m = re.fullmatch(r"(?:ngày\s*)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", text, re.I) or re.fullmatch(
        r"(?:ngày\s*)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s*năm\s+(\d{4})", text, re.I
    )
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))), None
        if iso:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))), None
    except ValueError:
        return None, f"ngày '{text}' không tồn tại trên lịch; hãy kiểm tra lại ngày và tháng"
    return None, f"không đọc được ngày '{text}'; hãy ghi dạng ngày/tháng/năm, ví dụ {example}"


def parse_year(value: Any, example: str) -> tuple[int | None, str | None]:
    """``example``: a year as the message shows one."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 1900 <= value <= 2100:
            return int(value), None
    text = _line(value)
    if re.fullmatch(r"\d{4}", text):
        return int(text), None
    date, _ = parse_date(value, "")
    if date is not None:
        return date.year, None
    return None, f"'{text}' không phải là năm; hãy ghi 4 chữ số, ví dụ {example}"


# --- rows to records --------------------------------------------------------------------------

class _Row:
    """The cells of one row by column key, and the problems met reading them."""

    def __init__(self, table: Table, number: int, cells: list[Any]):
        self.table = table
        self.number = number
        self.cells: dict[str, Any] = {}
        self.headers: dict[str, str] = {}
        self.own: set[str] = set()  # keys typed in this row, not inherited from a merged cell
        for j, (header, column) in table.columns.items():
            value = cells[j] if j < len(cells) else None
            self.headers[column.key] = header
            if _nfc(value):
                self.cells[column.key] = value
                if (number, j) not in table.merged:
                    self.own.add(column.key)
        self.found: list[tuple[str | None, str]] = []  # (column key, message), in the order met
        # Columns left to right as this sheet has them; the template's order for the rest.
        self.order = {column.key: j for j, (_, column) in table.columns.items()}

    def empty(self) -> bool:
        return not any(k != "stt" for k in self.own)

    def header(self, key: str) -> str:
        return self.headers.get(key) or self.table.nomination.by_key[key].header

    def problem(self, key: str | None, message: str) -> None:
        self.found.append((key, message))

    def has_problem(self, key: str | None) -> bool:
        return any(k == key for k, _ in self.found)

    @property
    def problems(self) -> list[str]:
        """Every problem of the row, left to right as the editor reads the sheet."""
        keys = list(COLUMN_KEYS)

        def position(item: tuple[str | None, str]) -> tuple[int, int]:
            key = item[0]
            if key is None:
                return (-1, 0)
            return (0, self.order[key]) if key in self.order else (1, keys.index(key))

        return [
            f"{self.table.where(self.number, self.header(key) if key else None)}: {self.in_sheet_terms(message)}"
            for key, message in sorted(self.found, key=position)
        ]

    def in_sheet_terms(self, message: str) -> str:
        """The record's field names in a validator message ('replication.contact',
        '(year: 2000)') as the sheet's own column headings."""
        parts = re.split(r"('[^']*')", message)  # leave quoted values alone
        for i in range(0, len(parts), 2):
            parts[i] = _FIELD_NAME.sub(lambda m: f"cột '{self.header(_FIELD_COLUMN[m.group(0)])}'", parts[i])
        return "".join(parts)


# Field paths a message may name, and the column that fills each.
_FIELD_COLUMN = {
    **{key: key for key in COLUMN_KEYS if key not in ("stt", "nominated_by", "notes")},
    "replication.contact.email": "replication.contact.organisation",
    "replication.contact.phone": "replication.contact.organisation",
    "replication.contact": "replication.contact.organisation",
    "recognition": "recognition.decision",
}
_FIELD_NAME = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(f) for f in sorted(_FIELD_COLUMN, key=len, reverse=True)) + r")(?![\w.]*\w)"
)


def _record_values(row: _Row) -> dict:
    c = row.cells
    nomination = row.table.nomination
    resolve, choices = nomination.resolve, nomination.choices
    pillar_word = nomination.movement.pillar_label.lower()
    v: dict[str, Any] = {"status": Status.NOMINATED.id}
    for key in ("kind", "locality"):
        if key in c:
            found = resolve(key, _line(c[key]))
            if found is None:
                row.problem(key, f"'{_line(c[key])}' không có trong danh sách; hãy ghi một trong: {choices(key)}")
            v[key] = found
    for key in ("name", "position", "unit", "parent_body", "summary"):
        if key in c:
            v[key] = _line(c[key])
    if "story" in c:
        v["story"] = "\n\n".join(_lines_keep_markup(c["story"]))
    if "pillars" in c:
        pillars = []
        for part in _parts(c["pillars"]):
            found = resolve("pillars", part)
            if found is None:
                row.problem("pillars", f"'{part}' không phải {pillar_word}; hãy ghi một hoặc nhiều trong: {choices('pillars')}")
            elif found not in pillars:
                pillars.append(found)
        v["pillars"] = pillars
    recognition: dict[str, Any] = {}
    if "recognition.date" in c:
        date, message = parse_date(c["recognition.date"], nomination.example_date)
        if message:
            row.problem("recognition.date", message)
        recognition["date"] = date
    if "year" in c:
        year, message = parse_year(c["year"], nomination.example_year)
        if message:
            row.problem("year", message)
        v["year"] = year
    elif recognition.get("date"):
        v["year"] = recognition["date"].year
    for key in ("recognition.decision", "recognition.issued_by"):
        if key in c:
            recognition[key.split(".")[1]] = _line(c[key])
    if "recognition.award" in c:
        award = resolve("recognition.award", _line(c["recognition.award"]))
        if award is None:
            row.problem("recognition.award", f"'{_line(c['recognition.award'])}' không có trong danh sách; hãy ghi một trong: {choices('recognition.award')}")
        recognition["award"] = award
    if any(value is not None for value in recognition.values()):
        v["recognition"] = recognition
    for key in LISTS:
        if key in c:
            _put(v, key, _lines(c[key]))
    if "replication.contact.organisation" in c:
        _put(v, "replication.contact.organisation", _line(c["replication.contact.organisation"]))
    if "criteria" in c:
        v["criteria"] = [nomination.criterion_id(p) for p in re.split(r"[;,\n]+|\s+", _nfc(c["criteria"])) if p.strip()]
    if "initiatives" in c:
        v["initiatives"] = _initiatives(row, c["initiatives"])
    notes = [f"Nhập từ {row.table.where(row.number)}."]
    if "nominated_by" in c:
        notes.append(f"Đơn vị đề cử: {_line(c['nominated_by'])}.")
    if "notes" in c:
        notes.append(f"Ghi chú khi đề cử: {_line(c['notes'])}")
    v["editor_notes"] = " ".join(notes)
    return v


def _lines_keep_markup(value: Any) -> list[str]:
    return [" ".join(ln.split()) for ln in _nfc(value).split("\n") if ln.strip()]


def _put(values: dict, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    target = values
    for p in parents:
        target = target.setdefault(p, {})
    target[last] = value


def _initiatives(row: _Row, value: Any) -> list[dict]:
    resolve, choices = row.table.nomination.resolve, row.table.nomination.choices
    out = []
    for i, ln in enumerate(_lines(value), start=1):
        parts = [" ".join(p.split()) for p in re.split(r"[;|]", ln)]
        if len(parts) != 4 or not all(parts):
            row.problem(
                "initiatives",
                f"sáng kiến thứ {i} ('{ln[:60]}') cần đủ 4 phần cách nhau bằng dấu chấm phẩy: tên; cấp; cơ quan công nhận; năm",
            )
            continue
        title, level_text, by, year_text = parts
        level = resolve("level", re.sub(r"(?i)^cấp\s+", "", level_text)) or resolve("level", level_text)
        if level is None:
            row.problem("initiatives", f"sáng kiến thứ {i}: cấp '{level_text}' không hợp lệ; hãy ghi một trong: {choices('level')}")
            continue
        year, message = parse_year(year_text, row.table.nomination.example_year)
        if message:
            row.problem("initiatives", f"sáng kiến thứ {i}: {message}")
            continue
        out.append({"title": title, "level": level, "recognised_by": by, "year": year})
    return out


def _column_for_field(path: str) -> str | None:
    """The column a validator problem belongs to: 'initiatives[2].year' -> 'initiatives'."""
    bare = re.sub(r"\[\d+\]", "", path)
    best = None
    for f in _FIELD_COLUMN:
        if f in COLUMN_KEYS and (bare == f or bare.startswith(f + ".")) and (best is None or len(f) > len(best)):
            best = f
    if best is None and bare.startswith("replication.contact"):
        best = "replication.contact.organisation"
    if best is None and bare.startswith("replication"):
        best = "replication.steps"  # a replication section without steps
    if best is None and bare.startswith("recognition"):
        best = "recognition.decision"
    return best


# --- the import -------------------------------------------------------------------------------

def plan_import(
    path: Path,
    data_dir: Path,
    project_root: Path,
    force: bool = False,
    sheet: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    movement: Movement | None = None,
) -> ImportResult:
    """Read the file and prepare one record per row; nothing is written. The
    movement is the data folder's unless given (MovementInvalid if it has problems;
    ExamplesInvalid if the sheet's example texts cannot be read)."""
    movement = movement or movement_of(data_dir, project_root)
    table = read_table(path, sheet_of(movement, data_dir), sheet)
    result = ImportResult()
    for j, header in table.unknown:
        result.notes.append(
            f"{table.where(table.header_row, header)}: cột không có trong mẫu nên được bỏ qua"
            " (không ghi số điện thoại, thư điện tử, địa chỉ của cá nhân vào hồ sơ)"
        )
    present = {column.key for _, column in table.columns.values()}
    missing = [table.nomination.by_key[k].header for k in ("kind", "name", "locality", "pillars", "summary", "story") if k not in present]
    if missing:
        raise SheetUnreadable(
            f"{table.where(table.header_row)}: thiếu cột bắt buộc {', '.join(repr(m) for m in missing)}; "
            "hãy dùng mẫu data/templates/mau-de-cu.xlsx"
        )

    existing_names: dict[str, str] = {}  # name key -> record id
    existing_ids: dict[str, str] = {}  # record id -> name key
    for file in record_files(data_dir):
        source, _ = read_source(file.name, file.read_bytes())
        name = source.data.get("name") if source is not None and isinstance(source.data, dict) else None
        key = name_key(name) if isinstance(name, str) else ""
        existing_ids[file.stem] = key
        if key:
            existing_names.setdefault(key, file.stem)
    context = _Context(data_dir, project_root, force, existing_ids, existing_names, movement)
    for done, (number, cells) in enumerate(table.rows, start=1):
        if progress:
            progress(done, len(table.rows))
        row = _Row(table, number, cells)
        if row.empty():
            continue
        result.rows += 1
        planned = _plan_row(row, context)
        if row.found:
            result.problems += row.problems
            result.failed_rows.append(number)
        elif planned is not None:
            result.planned.append(planned)
    if result.rows == 0:
        first = table.header_row + 1
        result.no_rows = (
            f"{table.where(first)}: bảng chưa có dòng đề cử nào (dòng {table.header_row} là dòng tiêu đề, "
            f"các dòng từ {first} trở xuống đang trống). Hãy điền mỗi đề cử một dòng, từ dòng {first}, "
            "lưu tệp rồi nhập lại; chưa tạo hồ sơ nào."
        )
    return result


@dataclass
class _Context:
    data_dir: Path
    project_root: Path
    force: bool
    existing_ids: dict[str, str]  # record id on disk -> name key
    existing_names: dict[str, str]  # name key on disk -> record id
    movement: Movement
    taken: dict[str, str] = field(default_factory=dict)  # ids of this import -> name key
    names_here: dict[str, int] = field(default_factory=dict)  # name key -> row number


def _plan_row(row: _Row, ctx: _Context) -> Planned | None:
    """One row as a checked record text, or None with the row's problems.

    Every problem of the row is found in one pass: a cell that cannot be read
    does not stop the others from being checked, so the unit fixes the row once."""
    values = _record_values(row)
    name = values.get("name")
    folder = ctx.data_dir / "honorees"
    record_id, overwrite = f"dong-{row.number}", False  # checks the rest of a row whose name is unusable
    if not name:
        row.problem("name", "đang để trống; mỗi dòng là một đề cử, cần có tên")
    else:
        key = name_key(name)
        base = slugify(name)
        owner = ctx.existing_names.get(key)
        if key in ctx.names_here:
            row.problem("name", f"trùng tên với dòng {ctx.names_here[key]} của bảng; mỗi gương điển hình chỉ có một dòng")
        elif not base:
            row.problem("name", "không tạo được tên tệp từ tên này; hãy ghi tên bằng chữ")
        else:
            ctx.names_here[key] = row.number
            record_id, overwrite = _choose_id(base, key, ctx.existing_ids, ctx.taken)
            if owner is not None and owner != record_id:
                row.problem("name", f"trùng tên với hồ sơ {display_path(folder / (owner + '.yml'), ctx.project_root)}; hồ sơ này đã có")
            elif overwrite and not ctx.force:
                row.problem(
                    "name",
                    f"đã có hồ sơ {display_path(folder / (record_id + '.yml'), ctx.project_root)}; "
                    "không ghi đè (dùng --force nếu muốn thay bằng dữ liệu của bảng)",
                )
            else:
                ctx.taken[record_id] = key
    target = folder / f"{record_id}.yml"
    text = record_yaml(values, ctx.movement)
    for p in check_text(text, record_id, display_path(target, ctx.project_root), ctx.data_dir, ctx.movement):
        column = _column_for_field(p.field)
        if column is not None and row.has_problem(column):
            continue  # a cell already reported as unreadable is also "missing" to the validator
        row.problem(column, p.message if column else f"{p.field}: {p.message}" if p.field else p.message)
    return None if row.found else Planned(row.number, record_id, target, text, overwrite)


def _choose_id(base: str, key: str, existing_ids: dict[str, str], taken: dict[str, str]) -> tuple[str, bool]:
    """The record id for a name: the slug, or slug-2, slug-3... when another
    honoree already has it. The same honoree keeps its id (overwrite=True)."""
    n = 1
    while True:
        candidate = base if n == 1 else f"{base}-{n}"
        if candidate not in taken and candidate not in existing_ids:
            return candidate, False
        if candidate not in taken and existing_ids.get(candidate) == key:
            return candidate, True
        n += 1


def write_planned(result: ImportResult, progress: Callable[[int, int], None] | None = None) -> None:
    """Write every planned record, each one whole or not at all."""
    try:
        for done, planned in enumerate(result.planned, start=1):
            write_atomically(planned.path, planned.text, overwrite=planned.overwrite)
            result.written.append(planned)
            if progress:
                progress(done, len(result.planned))
    finally:
        if progress is not None and hasattr(progress, "close"):
            progress.close()


