"""Nomination spreadsheets into records: the shipped template, real-world
sheets (merged cells, stray spaces, text dates, NFD, empty rows, labels,
odd headers), problems by sheet/row/column, no partial or overwritten files."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from honour_roll.editors import record_writer
from honour_roll.editors.cli import main
from honour_roll.record.loader import load_roll
from honour_roll.record.loader import movement_of
from honour_roll.editors.nomination import INSTRUCTIONS_SHEET, SHEET, TEMPLATE_CSV, TEMPLATE_XLSX, sheet_of
from honour_roll.editors.nomination_template import csv_text, xlsx_bytes
from honour_roll.record.vocabulary import Status

from conftest import FIXTURES, ROOT, make_project

MOVEMENT = movement_of(ROOT / "data", ROOT)
NOMINATION = sheet_of(MOVEMENT, ROOT / "data")
COLUMNS = NOMINATION.columns
INDIVIDUAL = MOVEMENT.kind("individual")

STORY = "Năm 2022, tỷ lệ hồ sơ trực tuyến mới đạt 18%.\nĐến năm 2024, hơn 9.000 người dân đã dùng dịch vụ công trực tuyến."


def run(capsys, *argv) -> tuple[int, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as e:
        code = e.code
    return code, capsys.readouterr().out


@pytest.fixture
def project(tmp_path):
    return with_movement(make_project(tmp_path / "p", [FIXTURES / "valid" / "honorees" / "tran-van-mau.yml"], photos=FIXTURES / "valid" / "photos"))


def with_movement(project: Path) -> Path:
    """The bundled movement beside the records, when make_project has not copied one."""
    if not (project / "data" / "movement.yml").exists():
        shutil.copy(ROOT / "data" / "movement.yml", project / "data" / "movement.yml")
    return project


def honorees(project: Path) -> dict:
    return {h.id: h for h in load_roll(project / "data", project).honorees}


def files_in(project: Path) -> list[str]:
    return sorted(p.name for p in (project / "data" / "honorees").iterdir())


def workbook(path: Path, headers: list[str], rows: list[list], sheet: str = SHEET, title: bool = True, merges=()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    start = 1
    if title:
        ws["A1"] = "DANH SÁCH ĐỀ CỬ NĂM 2024"
        ws.merge_cells("A1:F1")
        start = 3
    for c, h in enumerate(headers, start=1):
        ws.cell(row=start, column=c, value=h)
    for r, row in enumerate(rows, start=start + 1):
        for c, v in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=v)
    for m in merges:
        ws.merge_cells(m)
    wb.create_sheet(INSTRUCTIONS_SHEET)["A1"] = "Hướng dẫn"
    wb.save(path)
    return path


# --- the template --------------------------------------------------------------------------------

def test_committed_templates_are_what_the_script_makes():
    committed = openpyxl.load_workbook(ROOT / TEMPLATE_XLSX)
    made = openpyxl.load_workbook(__import__("io").BytesIO(xlsx_bytes(NOMINATION)))
    assert committed.sheetnames == made.sheetnames == [SHEET, INSTRUCTIONS_SHEET]
    for name in committed.sheetnames:
        values = lambda ws: [[c.value for c in row] for row in ws.iter_rows()]  # noqa: E731
        assert values(committed[name]) == values(made[name]), "run: python scripts/make_nomination_template.py"
    assert (ROOT / TEMPLATE_CSV).read_bytes() == csv_text(NOMINATION).encode("utf-8")
    assert xlsx_bytes(NOMINATION) == xlsx_bytes(NOMINATION)  # regenerating changes nothing


def test_template_has_vietnamese_headers_and_instructions():
    wb = openpyxl.load_workbook(ROOT / TEMPLATE_XLSX)
    headers = [c.value for c in wb[SHEET][3]]
    assert headers == [c.header for c in COLUMNS]
    assert {"Loại", "Địa bàn", "Trụ cột", "Câu chuyện", "Ngày quyết định"} <= set(headers)
    guide = " ".join(str(c.value) for row in wb[INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value)
    for column in COLUMNS:
        assert column.header in guide
    assert "Nghị định 13/2023/NĐ-CP" in guide and "H. Xuyên Mộc" in guide and "Chính quyền số" in guide
    with open(ROOT / TEMPLATE_CSV, encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f)) == headers


def test_the_empty_template_says_it_has_no_rows_yet(capsys, project):
    """Importing the template as shipped is a mistake (the unit sent it back
    unfilled): said plainly, exit status 1, nothing written."""
    code, out = run(capsys, "import", "-C", project, ROOT / TEMPLATE_XLSX)
    assert (code, out) == (1, (
        "mau-de-cu.xlsx: Danh sách, dòng 4: bảng chưa có dòng đề cử nào (dòng 3 là dòng tiêu đề, các dòng từ 4 trở xuống "
        "đang trống). Hãy điền mỗi đề cử một dòng, từ dòng 4, lưu tệp rồi nhập lại; chưa tạo hồ sơ nào.\n"
    ))
    code, out = run(capsys, "import", "-C", project, ROOT / TEMPLATE_CSV)
    assert code == 1 and out.startswith("mau-de-cu.csv: dòng 2: bảng chưa có dòng đề cử nào (dòng 1 là dòng tiêu đề,")
    assert files_in(project) == ["tran-van-mau.yml"]


def test_the_instructions_example_row_imports_cleanly(capsys, tmp_path):
    """A unit copies the "Ví dụ" column of the instructions sheet into the first
    row of the list: it imports, beside the sample records, with no problem."""
    samples = sorted((ROOT / "data" / "honorees").glob("*.yml"))
    project = with_movement(make_project(tmp_path / "p", samples, photos=ROOT / "data" / "photos"))
    wb = openpyxl.load_workbook(ROOT / TEMPLATE_XLSX)
    examples: dict = {}
    for row in wb[INSTRUCTIONS_SHEET].iter_rows(values_only=True):  # the table of columns comes first
        if len(row) >= 4 and row[0]:
            examples.setdefault(row[0], row[3])
    ws = wb[SHEET]
    for c, column in enumerate(COLUMNS, start=1):
        ws.cell(row=4, column=c, value=examples[column.header])
    wb.save(tmp_path / "vi-du.xlsx")
    code, out = run(capsys, "import", "-C", project, tmp_path / "vi-du.xlsx")
    assert code == 0, out
    assert out.splitlines() == [
        "data/honorees/nguyen-van-mau.yml",
        "Đã tạo 1 hồ sơ với trạng thái 'nominated' (được đề cử).",
    ]
    h = honorees(project)["nguyen-van-mau"]
    assert (h.kind, h.locality.id, h.year, h.recognition.award.id) == (INDIVIDUAL, "xuyen-moc", 2024, "bang-khen")
    assert [c.id for c in h.criteria_met] == ["3.3.a", "3.3.b", "3.3.c"]


def test_a_filled_template_imports(capsys, project, tmp_path):
    wb = openpyxl.load_workbook(ROOT / TEMPLATE_XLSX)
    ws = wb[SHEET]
    values = {
        "Loại": "Cá nhân", "Tên tập thể, doanh nghiệp / Họ và tên": "Nguyễn Thị Hường", "Chức vụ": "Chuyên viên",
        "Đơn vị công tác": "UBND huyện Xuyên Mộc", "Địa bàn": "Xuyên Mộc", "Trụ cột": "Chính quyền số; Xã hội số",
        "Năm công nhận": 2024, "Tóm tắt": "Tổ công nghệ số cộng đồng ở 12 xã.", "Câu chuyện": STORY,
        "Sáng kiến": "Mô hình Tổ công nghệ số cộng đồng; tỉnh; Hội đồng sáng kiến tỉnh; 2023",
        "Tiêu chí đáp ứng": "3.3b, 3.3.C", "Các bước nhân rộng": "- Lập danh sách tình nguyện viên.\n- Tập huấn 2 buổi.",
        "Cơ quan đầu mối nhân rộng": "Phòng Văn hóa và Thông tin huyện Xuyên Mộc", "Đơn vị đề cử": "UBND huyện Xuyên Mộc",
    }
    for c, column in enumerate(COLUMNS, start=1):
        ws.cell(row=4, column=c, value=values.get(column.header))
    wb.save(tmp_path / "mau-de-cu.xlsx")
    code, out = run(capsys, "import", "-C", project, tmp_path / "mau-de-cu.xlsx")
    assert code == 0, out
    h = honorees(project)["nguyen-thi-huong"]
    assert h.status is Status.NOMINATED and h.kind == INDIVIDUAL and h.locality.id == "xuyen-moc"
    assert [p.id for p in h.pillars] == ["digital-government", "digital-society"]
    assert [c.id for c in h.criteria_met] == ["3.3.a", "3.3.b", "3.3.c"]
    assert h.replication.steps == ("Lập danh sách tình nguyện viên.", "Tập huấn 2 buổi.")
    assert h.story == STORY.replace("\n", "\n\n")
    assert h.editor_notes == "Nhập từ mau-de-cu.xlsx: Danh sách, dòng 4. Đơn vị đề cử: UBND huyện Xuyên Mộc."
    text = (project / "data" / "honorees" / "nguyen-thi-huong.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../docs/du-lieu-mo/honoree.schema.json\nstatus: nominated\n")


# --- real-world sheets ---------------------------------------------------------------------------

MESSY_HEADERS = [
    "stt", "LOẠI", unicodedata.normalize("NFD", "Họ và tên"), "chuc vu", "  Đơn vị  công tác ", "Dia ban (huyện)", "Trụ Cột",
    "NĂM", "Tóm tắt", "Nội dung", "Sáng kiến", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành", "Hình thức khen thưởng",
]


def messy_rows():
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    return [
        [1, " Cá nhân ", "  Nguyễn   Thị  Hường ", "Chuyên viên", "UBND huyện Xuyên Mộc", "Huyện Xuyên Mộc",
         "Chính quyền số; Xã hội số", None, "Tổ công nghệ số   cộng đồng.", STORY,
         "Mô hình A; cấp tỉnh; Hội đồng sáng kiến tỉnh; 2023", "1452/QĐ-UBND", "18/12/2024",
         "Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu", "Bằng khen của Chủ tịch UBND tỉnh"],
        [2, nfd("cá nhân"), nfd("Đặng Văn Ân"), "Giáo viên", "Trường THCS Bàu Lâm", None, nfd("xã hội số"), "2023",
         nfd("Lớp học công dân số."), nfd(STORY), "A; cơ sở; Phòng GD-ĐT; 2022\nB; Cơ sở; Phòng GD-ĐT; 2023",
         None, None, None, None],
        [None] * 15,  # an empty row in the middle
        [4, "Tập thể", "UBND xã Bình Châu", None, None, "TP. Vũng Tàu", "kinh te so, CQS", 2024.0, "Chợ 4.0.", STORY,
         None, None, None, None, None],
        [5, "Doanh nghiệp", "Công ty TNHH Đồi Bazan", None, None, "tx phu my", "Kinh tế số", dt.datetime(2025, 3, 2),
         "Truy xuất nguồn gốc.", STORY, None, None, None, None, None],
    ]


def test_a_messy_real_world_sheet_imports(capsys, project, tmp_path):
    # "Địa bàn" merged over rows 4-5: both nominees are from Xuyên Mộc.
    path = workbook(tmp_path / "de-cu-xuyen-moc.xlsx", MESSY_HEADERS, messy_rows(), merges=["F4:F5"])
    code, out = run(capsys, "import", "-C", project, path)
    assert code == 0, out
    found = honorees(project)
    an = found["dang-van-an"]
    assert an.name == "Đặng Văn Ân" and unicodedata.is_normalized("NFC", an.story) and an.locality.id == "xuyen-moc"
    assert an.year == 2023 and [i.level.id for i in an.initiatives] == ["grassroots", "grassroots"]
    huong = found["nguyen-thi-huong"]
    assert huong.name == "Nguyễn Thị Hường" and huong.summary == "Tổ công nghệ số cộng đồng."
    assert huong.recognition.date == dt.date(2024, 12, 18) and huong.recognition.award.id == "bang-khen"
    assert huong.year == 2024 and huong.status is Status.NOMINATED  # the year from the decision date
    assert found["ubnd-xa-binh-chau"].locality.id == "vung-tau"
    assert [p.id for p in found["ubnd-xa-binh-chau"].pillars] == ["digital-economy", "digital-government"]
    assert found["cong-ty-tnhh-doi-bazan"].year == 2025 and found["cong-ty-tnhh-doi-bazan"].locality.id == "phu-my"
    assert "Đã tạo 4 hồ sơ" in out


def test_problems_are_named_by_sheet_row_and_column_and_nothing_is_written(capsys, project, tmp_path):
    rows = messy_rows()
    rows[0][5] = "Xuyen Moc 2"
    rows[1][12] = "30/02/2024"
    rows[3][9] = STORY + "\nLiên hệ ông Tư, sinh ngày 12/3/1965."
    rows.append(list(rows[4]))  # the same nominee twice
    path = workbook(tmp_path / "mau-de-cu.xlsx", MESSY_HEADERS + ["Số điện thoại"], rows)
    code, out = run(capsys, "import", "-C", project, path)
    assert code == 1
    assert out.splitlines() == [
        "mau-de-cu.xlsx: Danh sách, dòng 3, cột 'Số điện thoại': cột không có trong mẫu nên được bỏ qua"
        " (không ghi số điện thoại, thư điện tử, địa chỉ của cá nhân vào hồ sơ)",
        "mau-de-cu.xlsx: Danh sách, dòng 4, cột 'Dia ban (huyện)': 'Xuyen Moc 2' không có trong danh sách; hãy ghi một trong: "
        "Cấp tỉnh; TP. Vũng Tàu; TP. Bà Rịa; TX. Phú Mỹ; H. Châu Đức; H. Xuyên Mộc; H. Long Điền; H. Đất Đỏ; H. Long Đất; H. Côn Đảo",
        "mau-de-cu.xlsx: Danh sách, dòng 5, cột 'Dia ban (huyện)': thiếu trường bắt buộc: Địa bàn tại thời điểm công nhận,"
        " ghi theo tên của năm đó",
        "mau-de-cu.xlsx: Danh sách, dòng 5, cột 'Ngày quyết định': ngày '30/02/2024' không tồn tại trên lịch; hãy kiểm tra lại ngày và tháng",
        "mau-de-cu.xlsx: Danh sách, dòng 7, cột 'Nội dung': có ngày sinh 'sinh ngày **/*/**65'; không ghi ngày, năm sinh vào hồ sơ "
        "(Nghị định 13/2023/NĐ-CP) — hãy xóa",
        "mau-de-cu.xlsx: Danh sách, dòng 9, cột 'Họ và tên': trùng tên với dòng 8 của bảng; mỗi gương điển hình chỉ có một dòng",
        "Không tạo hồ sơ nào: 4 trong 5 dòng đề cử có lỗi. Hãy sửa bảng rồi chạy lại (hoặc thêm --skip-invalid để chỉ nhập các dòng không có lỗi).",
    ]
    assert files_in(project) == ["tran-van-mau.yml"]

    code, out = run(capsys, "import", "-C", project, path, "--skip-invalid")
    assert code == 1 and "Đã tạo 1 hồ sơ" in out and "Bỏ qua 4 dòng có lỗi (dòng 4, 5, 7, 9)" in out
    assert files_in(project) == ["cong-ty-tnhh-doi-bazan.yml", "tran-van-mau.yml"]


def test_every_problem_of_a_row_comes_at_once_named_by_its_column(capsys, project, tmp_path):
    """The row a unit sent: six problems, all reported in one run, left to right,
    each named by the sheet's own heading (never a record field name)."""
    headers = ["Loại", "Họ và tên", "Địa bàn", "Trụ cột", "Năm", "Tóm tắt", "Câu chuyện", "Cách nhân rộng", "Cơ quan đầu mối"]
    row = ["Cá nhân", "Lê Văn Sáu", "Hà Nội", "Xã hội số", 2030, "Tổ công nghệ số ở 12 xã.", None,
           "Lập danh sách tình nguyện viên.", "Phòng Văn hóa, ĐT 0913 456 789"]
    code, out = run(capsys, "import", "-C", project, workbook(tmp_path / "de-cu.xlsx", headers, [row], title=False))
    assert code == 1
    assert out.splitlines() == [
        "de-cu.xlsx: Danh sách, dòng 2, cột 'Địa bàn': 'Hà Nội' không có trong danh sách; hãy ghi một trong: "
        "Cấp tỉnh; TP. Vũng Tàu; TP. Bà Rịa; TX. Phú Mỹ; H. Châu Đức; H. Xuyên Mộc; H. Long Điền; H. Đất Đỏ; H. Long Đất; H. Côn Đảo",
        "de-cu.xlsx: Danh sách, dòng 2, cột 'Năm': 2030 nằm ngoài khoảng cho phép (2021–2025)",
        "de-cu.xlsx: Danh sách, dòng 2, cột 'Câu chuyện': thiếu trường bắt buộc: Câu chuyện, viết bằng Markdown",
        "de-cu.xlsx: Danh sách, dòng 2, cột 'Cơ quan đầu mối': có số điện thoại di động '091* *** *89' của cá nhân; "
        "không ghi số điện thoại cá nhân vào hồ sơ (Nghị định 13/2023/NĐ-CP) — hãy xóa; đầu mối liên hệ là cơ quan, tổ chức, "
        "ghi ở cột 'Cơ quan đầu mối'",
        "de-cu.xlsx: Danh sách, dòng 2, cột 'Chức vụ': thiếu trường bắt buộc: Chức vụ (chỉ với cá nhân)",
        "de-cu.xlsx: Danh sách, dòng 2, cột 'Đơn vị công tác': thiếu trường bắt buộc: Đơn vị công tác (chỉ với cá nhân)",
        "Không tạo hồ sơ nào: 1 trong 1 dòng đề cử có lỗi. Hãy sửa bảng rồi chạy lại (hoặc thêm --skip-invalid để chỉ nhập các dòng không có lỗi).",
    ]
    assert "replication" not in out and "year" not in out
    assert files_in(project) == ["tran-van-mau.yml"]


def test_validator_problems_point_at_their_column(capsys, project, tmp_path):
    headers = ["Loại", "Họ và tên", "Địa bàn", "Trụ cột", "Năm", "Tóm tắt", "Câu chuyện", "Ngày quyết định"]
    rows = [["Cá nhân", "Lý Thị Bé", "Côn Đảo", "Xã hội số", 2019, "<b>Tóm tắt</b>", STORY, "01/02/2024"]]
    code, out = run(capsys, "import", "-C", project, workbook(tmp_path / "x.xlsx", headers, rows, title=False))
    assert code == 1
    lines = out.splitlines()
    assert "x.xlsx: Danh sách, dòng 2, cột 'Năm': 2019 nằm ngoài khoảng cho phép (2021–2025)" in lines
    assert "x.xlsx: Danh sách, dòng 2, cột 'Chức vụ': thiếu trường bắt buộc: Chức vụ (chỉ với cá nhân)" in lines
    assert "x.xlsx: Danh sách, dòng 2, cột 'Số quyết định': thiếu trường bắt buộc: Số quyết định, ví dụ 1452/QĐ-UBND" in lines


def test_existing_records_are_never_overwritten_without_force(capsys, project, tmp_path):
    headers = ["Loại", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Địa bàn", "Trụ cột", "Năm", "Tóm tắt", "Câu chuyện", "Sáng kiến"]
    row = ["Cá nhân", "Trần Văn Mẫu", "Giáo viên", "Trường THCS", "Vũng Tàu", "Xã hội số", 2023, "Mới.", STORY,
           "A; tỉnh; Hội đồng sáng kiến tỉnh; 2022"]
    path = workbook(tmp_path / "x.xlsx", headers, [row])
    record = project / "data" / "honorees" / "tran-van-mau.yml"
    before = record.read_bytes()
    code, out = run(capsys, "import", "-C", project, path)
    assert code == 1 and "đã có hồ sơ data/honorees/tran-van-mau.yml; không ghi đè (dùng --force" in out
    assert record.read_bytes() == before
    code, out = run(capsys, "import", "-C", project, path, "--force")
    assert code == 0 and "data/honorees/tran-van-mau.yml (ghi đè)" in out
    assert honorees(project)["tran-van-mau"].summary == "Mới." and files_in(project) == ["tran-van-mau.yml"]


def test_ids_come_from_names_and_are_deduplicated(capsys, project, tmp_path):
    headers = ["Loại", "Tên", "Địa bàn", "Trụ cột", "Năm", "Tóm tắt", "Câu chuyện"]
    rows = [
        ["Tập thể", "Đội Tình nguyện Số Đất Đỏ", "Đất Đỏ", "Xã hội số", 2023, "a", STORY],
        ["Tập thể", "Đội tình nguyện số Đất Đỏ!", "Đất Đỏ", "Xã hội số", 2023, "b", STORY],  # another name, the same slug
        ["Tập thể", "Trần Văn Mẫu", "Vũng Tàu", "Xã hội số", 2023, "c", STORY],  # a collective named like the existing individual
    ]
    code, out = run(capsys, "import", "-C", project, workbook(tmp_path / "x.xlsx", headers, rows), "--skip-invalid")
    assert "dòng 6, cột 'Tên': đã có hồ sơ data/honorees/tran-van-mau.yml" in out
    assert files_in(project) == ["doi-tinh-nguyen-so-dat-do-2.yml", "doi-tinh-nguyen-so-dat-do.yml", "tran-van-mau.yml"]


def test_csv_import_with_semicolons_and_bom(capsys, project, tmp_path):
    path = tmp_path / "de-cu.csv"
    lines = [
        "Loại;Tên tập thể, doanh nghiệp / Họ và tên;Địa bàn;Trụ cột;Năm công nhận;Tóm tắt;Câu chuyện",
        'Tập thể;Hội Nông dân xã Láng Lớn;Châu Đức;Kinh tế số;2024;Bán nông sản trên sàn.;"Năm 2023, hội mở lớp.\nNăm 2024, 300 hộ bán hàng trực tuyến."',
        ";;;;;;",
    ]
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    code, out = run(capsys, "import", "-C", project, path)
    assert code == 0, out
    assert honorees(project)["hoi-nong-dan-xa-lang-lon"].story == "Năm 2023, hội mở lớp.\n\nNăm 2024, 300 hộ bán hàng trực tuyến."

    legacy = tmp_path / "cu.csv"
    legacy.write_bytes("\r\n".join(lines).encode("cp1258", errors="replace"))  # Excel's old "CSV" on Windows
    code, out = run(capsys, "import", "-C", project, legacy)
    assert code == 1 and "không được lưu bằng mã UTF-8" in out


def test_an_unreadable_or_foreign_file(capsys, project, tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"not a zip")
    assert run(capsys, "import", "-C", project, tmp_path / "a.xlsx")[0] == 1
    (tmp_path / "a.xls").write_bytes(b"x")
    assert run(capsys, "import", "-C", project, tmp_path / "a.xls")[0] == 2
    code, out = run(capsys, "import", "-C", project, workbook(tmp_path / "b.xlsx", ["A", "B", "C"], [[1, 2, 3]]))
    assert code == 1 and "không tìm thấy dòng tiêu đề" in out
    code, out = run(capsys, "import", "-C", project, workbook(tmp_path / "c.xlsx", ["Loại", "Tên", "Địa bàn"], [["Tập thể", "A", "Bà Rịa"]]))
    assert code == 1 and "thiếu cột bắt buộc 'Trụ cột', 'Tóm tắt', 'Câu chuyện'" in out


def test_a_record_that_fails_to_write_leaves_no_file(capsys, project, tmp_path, monkeypatch):
    headers = ["Loại", "Tên", "Địa bàn", "Trụ cột", "Năm", "Tóm tắt", "Câu chuyện"]
    path = workbook(tmp_path / "x.xlsx", headers, [["Tập thể", "Đội A", "Bà Rịa", "Xã hội số", 2023, "a", STORY]])

    def broken(src, dst):
        Path(src).write_text("half", encoding="utf-8")  # the disk fills up mid-way
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(record_writer.os, "link", broken)
    monkeypatch.setattr(record_writer.os, "replace", broken)
    assert main(["import", "-C", str(project), str(path)]) == 1  # said, not a traceback
    assert "hết chỗ trống trên đĩa" in capsys.readouterr().err
    assert os.listdir(project / "data" / "honorees") == ["tran-van-mau.yml"]


def test_dry_run_writes_nothing(capsys, project, tmp_path):
    path = workbook(tmp_path / "x.xlsx", MESSY_HEADERS, messy_rows(), merges=["F4:F5"])
    code, out = run(capsys, "import", "-C", project, path, "--dry-run")
    assert code == 0 and "4 dòng hợp lệ" in out
    assert files_in(project) == ["tran-van-mau.yml"]
