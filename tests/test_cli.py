"""honour-roll: new, validate, export and report, on temporary projects."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from honour_roll.editors.cli import main
from honour_roll.record.loader import load_roll
from honour_roll.editors.progress import Progress
from honour_roll.editors.record_writer import MODELINE
from honour_roll.record.loader import movement_of
from honour_roll.record.vocabulary import Status

from conftest import BUILD_ENV, FIXTURES, ROOT, make_project, run_build

MOVEMENT = movement_of(ROOT / "data", ROOT)
INDIVIDUAL, ENTERPRISE = MOVEMENT.kind("individual"), MOVEMENT.kind("enterprise")
QUOTA = {k: k.quota for k in MOVEMENT.kinds if k.quota}

VALID = FIXTURES / "valid" / "honorees" / "tran-van-mau.yml"
SECRET = "BÍ-MẬT-NỘI-BỘ"


def run(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as e:  # argparse's own usage errors
        code = e.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def project(tmp_path):
    return with_movement(make_project(tmp_path / "p", [VALID], photos=FIXTURES / "valid" / "photos"))


def with_movement(project: Path) -> Path:
    """The bundled movement beside the records, when make_project has not copied one."""
    if not (project / "data" / "movement.yml").exists():
        shutil.copy(ROOT / "data" / "movement.yml", project / "data" / "movement.yml")
    return project


def records(project: Path) -> Path:
    return project / "data" / "honorees"


# --- the tool ------------------------------------------------------------------------------------

def test_the_entry_point_is_installed_with_the_project():
    script = Path(sys.executable).parent / "honour-roll"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, env=BUILD_ENV)
    assert result.returncode == 0
    for command in ("new", "validate", "import", "export", "report", "template", "init"):
        assert re.search(rf"^\s+{command}\s+\S.* / \S", result.stdout, re.M), command
    assert "honour-roll = \"honour_roll.editors.cli:main\"" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["new", "validate", "import", "export", "report", "template", "init"])
def test_every_help_text_is_in_vietnamese_and_english(capsys, command):
    from honour_roll.editors.cli import build_parser

    code, out, _ = run(capsys, command, "--help")
    assert code == 0 and " / " in out
    parser = build_parser()
    assert " / " in parser.description
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    assert " / " in next(c.help for c in sub._choices_actions if c.dest == command)
    commands = sub.choices[command]
    assert " / " in commands.description
    for action in commands._actions:
        if action.dest != "help":
            vietnamese, _, english = action.help.partition(" / ")
            assert vietnamese and english, action.dest


# argparse's own English, as an editor would otherwise meet it.
ARGPARSE_ENGLISH = (
    "usage:", "positional arguments", "optional arguments", "options:", "show this help message", "invalid choice",
    "choose from", "the following arguments are required", "unrecognized arguments", "error:", "expected one argument",
    "invalid int value", "argument ", "ambiguous option",
)


@pytest.mark.parametrize("argv", [["--help"], *([c, "--help"] for c in ("new", "validate", "import", "export", "report", "template", "init"))])
def test_help_has_no_english_of_argparse(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 0 and out.startswith("cách dùng: honour-roll") and err == ""
    assert "\ntùy chọn:\n  -h, --help" in out and "hiện hướng dẫn này rồi thoát" in out
    for english in ARGPARSE_ENGLISH:
        assert english not in out, english


def test_usage_errors_are_in_vietnamese(capsys, project):
    cases = {
        ("frobnicate",): "honour-roll: lỗi: tham số LỆNH: 'frobnicate' không có trong danh sách; "
        "hãy chọn một trong: 'new', 'validate', 'import', 'export', 'report', 'template', 'init'",
        ("validate", "--format", "xml"): "honour-roll validate: lỗi: tham số --format: 'xml' không có trong danh sách; "
        "hãy chọn một trong: 'text', 'json'",
        ("import",): "honour-roll import: lỗi: thiếu tham số bắt buộc: TỆP",
        ("validate", "--bogus"): "honour-roll: lỗi: không hiểu tham số: --bogus",
        ("export", "-o"): "honour-roll export: lỗi: tham số -o/--output: cần ghi một giá trị sau tùy chọn này",
        ("new", "--year", "hai nghìn"): "honour-roll new: lỗi: tham số --year: năm 'hai nghìn' không hợp lệ; hãy ghi 4 chữ số, ví dụ 2024",
        ("new", "--status", "recognised"): "honour-roll new: lỗi: tham số --status: 'recognised' không có trong danh sách; "
        "hãy chọn một trong: 'draft', 'nominated'",
    }
    for argv, message in cases.items():
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "", argv
        assert err.startswith("cách dùng: honour-roll") and err.splitlines()[-1] == message, err
        for english in ARGPARSE_ENGLISH:
            assert english not in err, (argv, english)
    import argparse

    assert argparse._("usage: ") == "usage: "  # the rest of the process keeps argparse's own words


def test_wrong_usage_exits_with_2(capsys, project):
    assert run(capsys, "validate", "-C", project, project / "nope.yml")[0] == 2
    assert run(capsys, "validate", "-C", project, project / "docs" / "boi-canh.md")[0] == 2
    assert run(capsys, "validate", "--format", "xml")[0] == 2
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys, "export", "-C", project, "--format", "xlsx", "-o", "-")[0] == 2


@pytest.mark.parametrize("command", ["validate", "report", "export", "import x.xlsx", "new --kind individual"])
def test_outside_the_project_folder_says_where_to_run(capsys, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)  # a folder with no mkdocs.yml above it
    name = command.split()[0]
    (tmp_path / "x.xlsx").write_bytes(b"")
    code, out, err = run(capsys, *command.split())
    assert (code, out) == (2, "")
    assert err == (
        f"honour-roll {name}: lỗi: không tìm thấy thư mục hồ sơ: {tmp_path.resolve()} không phải thư mục dự án "
        "(ở đây và các thư mục cha không có tệp mkdocs.yml).\n"
        "Hãy chạy lệnh trong thư mục dự án, nơi có mkdocs.yml và thư mục data/honorees, ví dụ:\n"
        f"  cd <thư-mục-dự-án> && honour-roll {name}\n"
        "hoặc chỉ rõ thư mục dự án bằng -C (--project):\n"
        f"  honour-roll {name} -C <thư-mục-dự-án>\n"
    )
    assert list(tmp_path.iterdir()) == [tmp_path / "x.xlsx"]  # nothing created


def test_the_project_is_found_from_a_sub_folder_a_named_file_or_c(capsys, project, tmp_path, monkeypatch):
    monkeypatch.chdir(records(project))
    assert run(capsys, "validate")[:2] == (0, "Đã kiểm tra 1 hồ sơ: không có lỗi.\n")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "validate", records(project) / "tran-van-mau.yml")[:2] == (0, "Đã kiểm tra 1 hồ sơ: không có lỗi.\n")
    assert run(capsys, "validate", "-C", project)[:2] == (0, "Đã kiểm tra 1 hồ sơ: không có lỗi.\n")
    code, _, err = run(capsys, "validate", "-C", tmp_path / "khong-co")
    assert code == 2 and err.startswith(f"honour-roll validate: lỗi: không có thư mục dự án {tmp_path / 'khong-co'}")


# --- new -----------------------------------------------------------------------------------------

def test_new_writes_a_valid_draft_skeleton(capsys, project):
    code, out, _ = run(
        capsys, "new", "-C", project, "--kind", "Cá nhân", "--name", "Đỗ Thị Ánh", "--position", "Chuyên viên",
        "--unit", "UBND xã Bàu Lâm", "--locality", "Xuyên Mộc", "--pillar", "Chính quyền số", "--pillar", "digital-society",
        "--year", "2024",
    )
    assert code == 0, out
    path = records(project) / "do-thi-anh.yml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE == "# yaml-language-server: $schema=../../docs/du-lieu-mo/honoree.schema.json"
    assert (path.parent / MODELINE.split("=", 1)[1]).resolve() == (project / "docs/du-lieu-mo/honoree.schema.json").resolve()
    roll = load_roll(project / "data", project)
    h = roll.honorees[[x.id for x in roll.honorees].index("do-thi-anh")]
    assert (h.status, h.kind, h.name, h.locality.id, h.year) == (Status.DRAFT, INDIVIDUAL, "Đỗ Thị Ánh", "xuyen-moc", 2024)
    assert [p.id for p in h.pillars] == ["digital-government", "digital-society"]
    assert "# recognition:" in text and "# replication:" in text  # optional sections to uncomment
    assert "data/honorees/do-thi-anh.yml" in out


def test_new_never_overwrites(capsys, project):
    path = records(project) / "tran-van-mau.yml"
    before = path.read_bytes()
    code, out, _ = run(
        capsys, "new", "-C", project, "--kind", "individual", "--name", "Trần Văn Mẫu", "--position", "x", "--unit", "y",
        "--locality", "vung-tau", "--pillar", "digital-society", "--year", "2023",
    )
    assert code == 1 and "không bao giờ ghi đè" in out
    assert path.read_bytes() == before


def test_new_without_a_terminal_names_what_is_missing(capsys, project, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = run(capsys, "new", "-C", project, "--kind", "Tập thể", "--name", "UBND xã Long Sơn")
    assert code == 2 and "--locality" in err and "--pillar" in err and "--year" in err
    assert sorted(p.name for p in records(project).iterdir()) == ["tran-van-mau.yml"]


def test_new_asks_on_a_terminal(capsys, project, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    answers = iter(["Doanh nghiệp", "Công ty TNHH Số Hóa Biển", "", "TX. Phú Mỹ", "Kinh tế số", "2025"])
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code, out, _ = run(capsys, "new", "-C", project, "--status", "nominated")
    assert code == 0, out
    h = {x.id: x for x in load_roll(project / "data", project).honorees}["cong-ty-tnhh-so-hoa-bien"]
    assert (h.kind, h.locality.id, h.status, h.parent_body) == (ENTERPRISE, "phu-my", Status.NOMINATED, None)


def test_new_asks_a_wrong_answer_again(capsys, project, monkeypatch):
    """Scripted terminal session: each wrong or empty answer is asked again at
    once, with what is wrong; the answers already given are kept."""

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    answers = iter(["ca nhan", "", "Đỗ Văn Hỏi", "", "Chuyên viên", "UBND xã Bàu Lâm", "Hà Nội", "Xuyên Mộc", "xã hội số",
                    "", "2030", "2024"])
    asked = []

    def fake_input(prompt=""):
        asked.append(prompt.split(" / ")[0])
        return next(answers)

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("builtins.input", fake_input)
    code, out, err = run(capsys, "new", "-C", project)
    assert code == 0, out + err
    assert asked == ["Loại", "Tên tập thể, doanh nghiệp hoặc họ và tên", "Tên tập thể, doanh nghiệp hoặc họ và tên",
                     "Chức vụ", "Chức vụ", "Đơn vị công tác", "Địa bàn", "Địa bàn", "Trụ cột", "Năm công nhận",
                     "Năm công nhận", "Năm công nhận"]
    assert out.splitlines() == [
        "Tên không được để trống. Xin ghi lại.",
        "Chức vụ của cá nhân không được để trống. Xin ghi lại.",
        "Địa bàn 'Hà Nội' không hợp lệ; hãy ghi một trong: Cấp tỉnh; TP. Vũng Tàu; TP. Bà Rịa; TX. Phú Mỹ; H. Châu Đức; "
        "H. Xuyên Mộc; H. Long Điền; H. Đất Đỏ; H. Long Đất; H. Côn Đảo. Xin ghi lại.",
        "Năm công nhận không được để trống; hãy ghi 4 chữ số, ví dụ 2024. Xin ghi lại.",
        "Năm 2030 nằm ngoài giai đoạn 2021–2025. Xin ghi lại.",
        "Đã tạo data/honorees/do-van-hoi.yml (trạng thái: bản nháp).",
        "Mở tệp để điền tóm tắt, câu chuyện và các mục khác, rồi chạy: honour-roll validate data/honorees/do-van-hoi.yml",
    ]
    assert "None" not in out
    h = {x.id: x for x in load_roll(project / "data", project).honorees}["do-van-hoi"]
    assert (h.kind, h.position, h.unit, h.locality.id, h.year) == (INDIVIDUAL, "Chuyên viên", "UBND xã Bàu Lâm", "xuyen-moc", 2024)


def test_new_rejects_unknown_values(capsys, project):
    code, _, err = run(capsys, "new", "-C", project, "--kind", "Cá nhân", "--name", "A B", "--position", "x", "--unit", "y",
                       "--locality", "Hà Nội", "--pillar", "xã hội số", "--year", "2024")
    assert code == 2 and "địa bàn 'Hà Nội' không hợp lệ" in err


# --- validate ------------------------------------------------------------------------------------

def test_validate_clean_project(capsys, project):
    code, out, err = run(capsys, "validate", "-C", project)
    assert code == 0 and out.strip() == "Đã kiểm tra 1 hồ sơ: không có lỗi."
    assert err == ""  # no progress line when stderr is not a terminal


def test_validate_gives_exactly_the_builds_messages(capsys, tmp_path):
    bad = [FIXTURES / "invalid" / f"{n}.yml" for n in ("impossible-date", "duplicate-key", "privacy-mobile-phone", "unknown-key-typo")]
    project = with_movement(make_project(tmp_path / "p", bad, photos=FIXTURES / "photos"))
    code, out, _ = run(capsys, "validate", "-C", project)
    assert code == 1
    build = run_build(project, tmp_path / "site")
    build_output = build.stdout + build.stderr
    assert build.returncode == 1
    lines = out.strip().splitlines()
    assert len(lines) == 6 and lines[-1].startswith("Có 5 lỗi trong 4 tệp hồ sơ")
    for line in lines:
        assert line in build_output, line
    assert "data/honorees/privacy-mobile-phone.yml:18: story: có số điện thoại di động '091*.***.*78'" in out


def test_validate_named_files_against_the_whole_roll(capsys, project):
    twin = records(project) / "tran-van-mau-2.yml"
    twin.write_text(VALID.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run(capsys, "validate", "-C", project, twin)
    assert code == 1  # the duplicate is the build's error, reported where the build reports it
    assert "data/honorees/tran-van-mau.yml:4: name: trùng tên với hồ sơ data/honorees/tran-van-mau-2.yml" in out
    twin.unlink()
    # problems of other files are not the named file's
    (records(project) / "khac.yml").write_text("kind: [", encoding="utf-8")
    code, out, _ = run(capsys, "validate", "-C", project, records(project) / "tran-van-mau.yml")
    assert code == 0 and out.strip() == "Đã kiểm tra 1 hồ sơ: không có lỗi."
    code, out, _ = run(capsys, "validate", "-C", project)
    assert code == 1 and "data/honorees/khac.yml:2: lỗi cú pháp YAML" in out


def test_validate_json_and_the_rule_3_3_warning(capsys, project):
    path = records(project) / "tran-van-mau.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("initiatives:")] + text[text.index("criteria:") :], encoding="utf-8")
    code, out, _ = run(capsys, "validate", "-C", project, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["checked"] == 1
    (problem,) = report["problems"]
    assert set(problem) == {"file", "line", "field", "message", "severity"}
    assert (problem["file"], problem["line"], problem["field"], problem["severity"]) == (
        "data/honorees/tran-van-mau.yml", 3, "initiatives", "warning")
    assert problem["message"].startswith("cá nhân đã được công nhận nhưng chưa đạt tiêu chí 3.3.a")
    code, out, _ = run(capsys, "validate", "-C", project)
    assert code == 1 and "data/honorees/tran-van-mau.yml:3: initiatives: cá nhân đã được công nhận" in out

    path.write_text("kind: [", encoding="utf-8")
    code, out, _ = run(capsys, "validate", "-C", project, "--format", "json")
    assert code == 1 and [p["severity"] for p in json.loads(out)["problems"]] == ["error"]


def test_the_real_records_validate(capsys):
    code, out, _ = run(capsys, "validate", "-C", ROOT)
    assert code == 0, out


def test_progress_is_a_counter_on_a_terminal_only():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    progress = Progress("Đang kiểm tra hồ sơ", screen, every=0)
    for i in range(1, 4):
        progress(i, 3)
    progress.close()
    assert screen.getvalue() == "\rĐang kiểm tra hồ sơ 1/3\rĐang kiểm tra hồ sơ 2/3\rĐang kiểm tra hồ sơ 3/3\n"
    pipe = io.StringIO()
    quiet = Progress("x", pipe, every=0)
    quiet(1, 1)
    quiet.close()
    assert pipe.getvalue() == ""


# --- export --------------------------------------------------------------------------------------

@pytest.fixture
def mixed(tmp_path):
    """A recognised record, a nomination and a draft; every one has editor notes."""
    project = with_movement(make_project(tmp_path / "p", [VALID], photos=FIXTURES / "valid" / "photos"))
    text = VALID.read_text(encoding="utf-8")
    for stem, name, status in (("le-thi-de-cu", "Lê Thị Đề Cử", "nominated"), ("pham-van-nhap", "Phạm Văn Nháp", "draft")):
        (records(project) / f"{stem}.yml").write_text(
            text.replace("name: Trần Văn Mẫu", f"name: {name}").replace("status: recognised", f"status: {status}")
            .replace(SECRET, f"{SECRET}-{stem}"),
            encoding="utf-8",
        )
    return project


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith("\ufeff".encode("utf-8"))  # Excel reads the diacritics
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_export_has_only_recognised_records_by_default(capsys, mixed, tmp_path):
    target = tmp_path / "bao-cao.csv"
    code, out, _ = run(capsys, "export", "-C", mixed, "-o", target)
    assert code == 0 and "Đã xuất 1 hồ sơ đã được công nhận" in out
    data = target.read_bytes()
    rows = read_csv(data)
    assert [r["Mã hồ sơ"] for r in rows] == ["tran-van-mau"]
    assert rows[0]["Ngày quyết định"] == "20/11/2023" and rows[0]["Tiêu chí đáp ứng"] == "3.3.a; 3.3.c; 3.3.d"
    text = data.decode("utf-8")
    assert SECRET not in text and "Lê Thị Đề Cử" not in text and "Phạm Văn Nháp" not in text


def test_export_all_marks_what_is_not_recognised(capsys, mixed, tmp_path):
    target = tmp_path / "tat-ca.csv"
    code, out, _ = run(capsys, "export", "-C", mixed, "--all", "-o", target)
    assert code == 0 and "2 hồ sơ chưa được công nhận" in out
    rows = read_csv(target.read_bytes())
    assert [(r["Mã hồ sơ"], r["Trạng thái"]) for r in rows] == [
        ("tran-van-mau", "đã được công nhận"),
        ("le-thi-de-cu", "CHƯA ĐƯỢC CÔNG NHẬN – được đề cử"),
        ("pham-van-nhap", "CHƯA ĐƯỢC CÔNG NHẬN – bản nháp"),
    ]
    assert [r["Địa chỉ trang"] for r in rows] == ["/guong-dien-hinh/tran-van-mau/", "", ""]
    assert SECRET not in target.read_text(encoding="utf-8")


def test_export_xlsx(capsys, mixed, tmp_path):
    import openpyxl

    record = records(mixed) / "tran-van-mau.yml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "summary: >-\n  Thầy Mẫu", 'summary: >-\n  =HYPERLINK("https://example.com") Thầy Mẫu'), encoding="utf-8")
    target = tmp_path / "bao-cao.xlsx"
    code, _, _ = run(capsys, "export", "-C", mixed, "--all", "-o", target)
    assert code == 0
    ws = openpyxl.load_workbook(target).active
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]
    assert [r["Mã hồ sơ"] for r in rows] == ["tran-van-mau", "le-thi-de-cu", "pham-van-nhap"]
    assert rows[0]["Năm công nhận"] == 2023
    assert rows[0]["Tóm tắt"].startswith('=HYPERLINK(') and ws["S2"].data_type == "s"  # text, never a formula
    assert ws["A3"].fill.fgColor.rgb.endswith("FCE4D6") and ws["A2"].fill.fill_type is None
    assert not any(SECRET in str(c.value) for r in ws.iter_rows() for c in r)
    code, _, _ = run(capsys, "export", "-C", mixed, "-o", tmp_path / "a.csv")
    assert read_csv((tmp_path / "a.csv").read_bytes())[0]["Tóm tắt"].startswith("'=HYPERLINK(")


def test_export_refuses_invalid_records(capsys, tmp_path):
    project = with_movement(make_project(tmp_path / "p", [FIXTURES / "invalid" / "impossible-date.yml"], photos=FIXTURES / "photos"))
    code, out, _ = run(capsys, "export", "-C", project, "-o", tmp_path / "x.csv")
    assert code == 1 and "recognition.date" in out and not (tmp_path / "x.csv").exists()


# --- report --------------------------------------------------------------------------------------

def test_report_of_the_real_records(capsys):
    roll = load_roll(ROOT / "data", ROOT)
    code, text, _ = run(capsys, "report", "-C", ROOT)
    assert code == 0
    published = roll.published
    for kind, target in QUOTA.items():
        count = sum(1 for h in published if h.kind == kind)
        result = "đạt" if count >= target else f"còn thiếu {target - count}"
        assert re.search(rf"^{kind.label}\s+{count}/{target}, {result}$", text, re.M)
    assert "%" not in text.split("Tiến độ chỉ tiêu")[1].split("Cá nhân chưa đạt")[0]  # 12 of 10 is never "100%"
    total_line = re.search(r"^Số gương điển hình \(mỗi gương tính một lần\)\s+(.*)$", text, re.M).group(1).split()
    assert [int(x) for x in total_line] == [sum(1 for h in published if h.year == y) for y in range(2021, 2026)] + [len(published)]
    below = [h for h in roll.honorees if h.initiative_rule is not None and not h.initiative_rule.met]
    assert below and all(h.id in text for h in below)
    no_photo = [h for h in roll.honorees if not h.photos]
    assert all(re.search(rf"^{h.id}\s.*\sảnh", text, re.M) for h in no_photo)
    # the English edition's progress, by kind
    english = [h for h in published if h.en is not None]
    assert f"{len(english)}/{len(published)} hồ sơ đã được công nhận có bản tiếng Anh" in text
    for kind in MOVEMENT.kinds:
        mine = [h for h in published if h.kind == kind]
        assert re.search(rf"^{kind.label}\s+{sum(1 for h in mine if h.en)}/{len(mine)}$", text, re.M)


def test_report_as_markdown(capsys, mixed):
    record = records(mixed) / "le-thi-de-cu.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text[: text.index("initiatives:")] + text[text.index("criteria:") : text.index("replication:")]
                      + text[text.index("photos:") :], encoding="utf-8")
    code, md, _ = run(capsys, "report", "-C", mixed, "--format", "markdown")
    assert code == 0
    assert md.startswith("# Báo cáo gương điển hình tiên tiến trong chuyển đổi số\n")
    assert "| Trụ cột | Loại | 2021 | 2022 | 2023 | 2024 | 2025 | Tổng |" in md
    assert "| Xã hội số | Cá nhân | 0 | 0 | 1 | 0 | 0 | 1 |" in md
    assert "| Loại | Đã được công nhận/chỉ tiêu |" in md and "| Cá nhân | 1/10, còn thiếu 9 |" in md
    assert "| le-thi-de-cu | Lê Thị Đề Cử | được đề cử | Chưa đạt: chưa có sáng kiến nào được công nhận;" in md
    assert "| le-thi-de-cu | Lê Thị Đề Cử | được đề cử | cách nhân rộng |" in md
    assert SECRET not in md


# --- placeholder text ----------------------------------------------------------------------------

PLACEHOLDER_RECORD = FIXTURES / "invalid" / "placeholder-recognised.yml"


def test_placeholder_text_is_refused_once_recognised(capsys, tmp_path):
    project = with_movement(make_project(tmp_path / "p", [PLACEHOLDER_RECORD]))
    code, out, _ = run(capsys, "validate", "-C", project)
    assert code == 1
    assert out.splitlines() == [
        "data/honorees/placeholder-recognised.yml:12: summary: vẫn còn chữ mẫu '(Tóm tắt một đoạn: đã làm gì, cho ai, kế…' "
        "của lệnh honour-roll new; hãy thay bằng nội dung thật trước khi công nhận (status: recognised)",
        "data/honorees/placeholder-recognised.yml:13: story: vẫn còn chữ mẫu '(Câu chuyện 150–400 chữ, viết bằng Markd…' "
        "của lệnh honour-roll new; hãy thay bằng nội dung thật trước khi công nhận (status: recognised)",
        "data/honorees/placeholder-recognised.yml:26: initiatives[1].recognised_by: vẫn còn chữ mẫu 'Hội đồng sáng kiến ...' "
        "của lệnh honour-roll new; hãy thay bằng nội dung thật trước khi công nhận (status: recognised)",
        "Có 3 lỗi trong 1 tệp hồ sơ. Hãy sửa các lỗi trên rồi chạy lại; trang web chưa được tạo.",
    ]
    # The same record as a draft or a nomination is work in progress: accepted,
    # and listed in the report's to-do list.
    record = records(project) / "placeholder-recognised.yml"
    for status in ("draft", "nominated"):
        record.write_text(PLACEHOLDER_RECORD.read_text(encoding="utf-8").replace("status: recognised", f"status: {status}"), encoding="utf-8")
        assert run(capsys, "validate", "-C", project)[0] == 0
    code, md, _ = run(capsys, "report", "-C", project, "--format", "markdown")
    assert code == 0
    assert "| placeholder-recognised | Đỗ Thị Mẫu Chữ | được đề cử | tóm tắt, câu chuyện (còn chữ mẫu), ảnh, cách nhân rộng |" in md


def test_every_placeholder_of_the_skeleton_is_found(capsys, project):
    """Uncommenting every optional section of `new`'s skeleton without rewriting
    it: each example text is refused on a recognised record."""
    code, out, _ = run(
        capsys, "new", "-C", project, "--kind", "individual", "--name", "Đỗ Thị Mẫu Chữ", "--position", "x", "--unit", "y",
        "--locality", "xuyen-moc", "--pillar", "digital-society", "--year", "2024",
    )
    assert code == 0, out
    path = records(project) / "do-thi-mau-chu.yml"
    text = path.read_text(encoding="utf-8").replace("status: draft", "status: recognised")
    text = re.sub(r"^# (?!---|yaml-language-server|editor_notes|photos|  - file|    alt|    credit|    consent|links|  - title: Tiêu đề|    url)",
                  "", text, flags=re.M)
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "validate", "-C", project, path)
    assert code == 1
    flagged = [line.split(": ")[1] for line in out.splitlines() if "vẫn còn chữ mẫu" in line]
    assert flagged == ["summary", "story", "achievements[1]", "initiatives[1].title", "initiatives[1].recognised_by",
                       "replication.steps[1]", "replication.requirements[1]", "replication.contact.organisation"], out


# --- broken YAML ---------------------------------------------------------------------------------

BROKEN_YAML = {
    "kind: individual\npillars: [digital-society, digital-economy\nyear: 2024\n": (
        "data/honorees/hong.yml:3: lỗi cú pháp YAML (cột 5): danh sách trong ngoặc vuông '[ ]' chưa có dấu ']' đóng, "
        "hoặc thiếu dấu phẩy giữa các mục (ngoặc mở ở dòng 2)"
    ),
    "name: Trần Văn A\nsummary: Kết quả: 1.200 học sinh\n": (
        "data/honorees/hong.yml:2: lỗi cú pháp YAML (cột 17): dấu hai chấm ':' không đúng chỗ; "
        "nếu giá trị có dấu ':' hãy đặt nó trong dấu nháy kép"
    ),
    "name: x\nsummary: {a: 1\nstory: b\n": None,
    'name: "Trần Văn A\n': None,
    "name: @tranvana\n": None,
    "name: x\n- a\n": None,
    'name: "a\\q"\n': None,
    "name: *x\n": None,
    "name: |0\n  x\n": None,
    "name: x\nstory: a\x01b\n": None,
    "a: 1\n---\nb: 2\n": None,
    "%YAML 9.9\n---\na: 1\n": None,
    "name: x\n\tkind: individual\n": None,
    "name: 'a'b\n": None,
    "name: a\n- b\nkind: c\n": None,
}
PYYAML_ENGLISH = re.compile(
    r"\b(found|expected|while|parsing|scanning|mapping|allowed|character|stream|document|indicator|token|block|flow|"
    r"sequence|scalar|key|node|content|alias|directive|could|did|not|the|of|in)\b",
    re.I,
)


@pytest.mark.parametrize("text", list(BROKEN_YAML), ids=range(len(BROKEN_YAML)))
def test_broken_yaml_is_explained_in_vietnamese_with_line_and_column(capsys, project, text):
    (records(project) / "hong.yml").write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "validate", "-C", project)
    assert code == 1
    (line, summary) = out.splitlines()
    assert re.match(r"data/honorees/hong\.yml:\d+: lỗi cú pháp YAML( \(cột \d+\))?: \S", line), line
    assert not PYYAML_ENGLISH.search(re.sub(r"'[^']*'", "", line)), line  # quoted bits are the record's own text
    if BROKEN_YAML[text]:
        assert line == BROKEN_YAML[text]


def test_one_wording_of_the_recognised_status_everywhere():
    """"đã được công nhận", as the status label: never "đã công nhận" in what
    editors or visitors read (the tool, the templates, the guides)."""
    assert Status.RECOGNISED.label == "đã được công nhận"
    sources = [*(ROOT / "honour_roll").rglob("*.py"), *(ROOT / "honour_roll" / "templates").glob("*.j2"),
               ROOT / "README.md", ROOT / "HUONG-DAN-BIEN-TAP.md", ROOT / "docs" / "du-lieu-mo" / "honoree.schema.json"]
    found = [f"{path.relative_to(ROOT)}: {line.strip()}" for path in sources
             for line in path.read_text(encoding="utf-8").splitlines() if re.search(r"(?<!được )đã công nhận|CHƯA CÔNG NHẬN", line)]
    assert found == []


# --- the movement file ---------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [["validate"], ["report"], ["export", "-o", "-"], ["new", "--kind", "x"], ["import", "x.csv"]])
def test_a_broken_movement_file_is_reported_like_records(capsys, project, argv):
    movement = project / "data" / "movement.yml"
    movement.write_text(movement.read_text(encoding="utf-8").replace("  first_year: 2021\n", "  first_year: 2O21\n"), encoding="utf-8")
    (project / "x.csv").write_text("Loại,Tên,Địa bàn\n", encoding="utf-8")
    code, out, err = run(capsys, argv[0], "-C", project, *[project / a if a == "x.csv" else a for a in argv[1:]])
    assert code == 1, (out, err)
    lines = out.splitlines()
    assert lines[0].startswith("data/movement.yml:") and "period.first_year" in lines[0], out
    assert lines[-1] == "Có 1 lỗi trong tệp phong trào. Hãy sửa các lỗi trên rồi chạy lại; trang web chưa được tạo."
    assert "Traceback" not in out + err


# --- init ----------------------------------------------------------------------------------------

MKDOCS = Path(sys.executable).parent / "mkdocs"


def test_init_writes_a_deployment_that_builds_strict_at_once(capsys, tmp_path):
    new = tmp_path / "phong-trao-moi"
    code, out, _ = run(capsys, "init", new, "--title", "Thi đua đổi mới sáng tạo vì cộng đồng", "--short-name", "Đổi mới sáng tạo",
                       "--scope", "huyện Hòa Lạc", "--first-year", "2026", "--last-year", "2030")
    assert code == 0, out
    assert (new / "data" / "movement.yml").is_file() and (new / "data" / "guidance" / "huong-dan.txt").is_file()
    assert "[THAY:" in (new / "data" / "movement.yml").read_text(encoding="utf-8")  # placeholders, clearly marked
    result = subprocess.run([str(MKDOCS), "build", "--strict"], cwd=new, capture_output=True, text=True, env=BUILD_ENV)
    assert result.returncode == 0, result.stderr
    home = (new / "site" / "index.html").read_text(encoding="utf-8")
    assert "Thi đua đổi mới sáng tạo vì cộng đồng" in home and "2026–2030" in home
    assert "Tập thể Ví dụ" in (new / "site" / "loai" / "tap-the" / "index.html").read_text(encoding="utf-8")
    assert "Bà Rịa" not in home and "Vũng Tàu" not in home  # nothing of the bundled movement
    code, out, _ = run(capsys, "validate", "-C", new)
    assert (code, out) == (0, "Đã kiểm tra 1 hồ sơ: không có lỗi.\n")


def test_init_with_no_options_is_valid_and_builds(capsys, tmp_path):
    new = tmp_path / "moi"
    assert run(capsys, "init", new)[0] == 0
    assert run(capsys, "validate", "-C", new)[:2] == (0, "Đã kiểm tra 1 hồ sơ: không có lỗi.\n")
    result = subprocess.run([str(MKDOCS), "build", "--strict"], cwd=new, capture_output=True, text=True, env=BUILD_ENV)
    assert result.returncode == 0, result.stderr
    assert "[THAY: Tên phong trào thi đua]" in (new / "site" / "index.html").read_text(encoding="utf-8")


def test_the_tools_of_an_init_deployment_speak_its_movement(capsys, tmp_path):
    """new, import and report of a fresh deployment: its kinds, localities, years, quota and rule."""
    from honour_roll.editors.nomination import Sheet

    new = tmp_path / "moi"
    run(capsys, "init", new, "--first-year", "2026", "--last-year", "2030")
    code, out, err = run(capsys, "new", "-C", new, "--kind", "ca nhan", "--name", "Lê Văn Thử", "--position", "Chuyên viên",
                         "--unit", "Văn phòng", "--locality", "tỉnh", "--pillar", "linh-vuc-2", "--year", "2031")
    assert (code, out, err.splitlines()[-1]) == (2, "", "honour-roll new: lỗi: năm 2031 nằm ngoài giai đoạn 2026–2030")
    code, out, _ = run(capsys, "new", "-C", new, "--kind", "ca nhan", "--name", "Lê Văn Thử", "--position", "Chuyên viên",
                       "--unit", "Văn phòng", "--locality", "Cấp tỉnh", "--pillar", "linh-vuc-2", "--year", "2027")
    assert code == 0, out
    text = (new / "data" / "honorees" / "le-van-thu.yml").read_text(encoding="utf-8")
    assert "# criteria: [3.2.b]" in text and "giay-khen | bang-khen" in text and "grassroots | higher" in text

    # The nomination sheet init wrote for this movement, filled in as a unit would.
    import openpyxl

    template = new / "data" / "templates" / "mau-de-cu.xlsx"
    before = template.read_bytes()
    assert run(capsys, "template", "-C", new)[0] == 0 and template.read_bytes() == before  # regenerated: same bytes
    sheet = Sheet(movement_of(new / "data", new))
    cells = {"kind": "Cá nhân", "name": "Trần Thị Nhập", "position": "Kỹ sư", "unit": "Trung tâm", "locality": "Cấp tỉnh",
             "pillars": "linh-vuc-1", "year": "2028", "summary": "Một đoạn tóm tắt có con số: 120 người dùng.",
             "story": "Câu chuyện đủ dài để được nhập. " * 10,
             "initiatives": "Sáng kiến một; cơ sở; Hội đồng; 2027\nSáng kiến hai; cơ sở; Hội đồng; 2028"}
    wb = openpyxl.load_workbook(template)
    ws = wb["Danh sách"]
    headers = [c.value for c in ws[3]]
    assert headers == [c.header for c in sheet.columns]
    for key, value in cells.items():
        ws.cell(row=4, column=headers.index(sheet.by_key[key].header) + 1, value=value)
    csv_path = tmp_path / "de-cu.xlsx"
    wb.save(csv_path)
    code, out, _ = run(capsys, "import", "-C", new, csv_path)
    assert code == 0, out
    assert out.splitlines()[-1] == "Đã tạo 1 hồ sơ với trạng thái 'nominated' (được đề cử)."

    code, report, _ = run(capsys, "report", "-C", new)
    assert code == 0, report
    assert report.startswith("Báo cáo gương điển hình tiên tiến trong [thay: tên ngắn]\n")
    assert "Tiến độ chỉ tiêu (mục 4 của Hướng dẫn: ít nhất 5 tập thể và 5 cá nhân)" in report
    assert re.search(r"^Lĩnh vực\s+Loại\s+2026\s+2027\s+2028\s+2029\s+2030\s+Tổng$", report, re.M), report
    assert "Cá nhân chưa đạt tiêu chí 3.2.a (sáng kiến)" in report
    assert re.search(r"^le-van-thu\s+Lê Văn Thử\s+bản nháp\s+Chưa đạt", report, re.M), report
    assert "tran-thi-nhap" not in report.split("Cá nhân chưa đạt")[1].split("Hồ sơ còn chữ mẫu")[0]  # two grassroots: met


def test_init_never_writes_into_a_folder_that_has_files(capsys, tmp_path):
    (tmp_path / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    code, out, err = run(capsys, "init", tmp_path)
    assert code == 2 and out == ""
    assert err.splitlines()[-1] == (f"honour-roll init: lỗi: {tmp_path} đã có tệp; lệnh init chỉ ghi vào thư mục mới hoặc trống, "
                                    f"không bao giờ ghi đè / {tmp_path} is not empty")
    assert [p.name for p in tmp_path.iterdir()] == ["ghi-chu.txt"]


def test_validate_reads_the_guidance_as_the_build_does(capsys, tmp_path):
    """A criterion placed beyond the guidance's items stops the build: validate says so first."""
    target = tmp_path / "moi"
    assert run(capsys, "init", str(target))[0] == 0
    movement = target / "data" / "movement.yml"
    text = movement.read_text(encoding="utf-8")
    assert "id: 3.1.b, kind: collective, item: 2," in text
    movement.write_text(text.replace("id: 3.1.b, kind: collective, item: 2,", "id: 3.1.b, kind: collective, item: 9,"), encoding="utf-8")
    code, out, _ = run(capsys, "validate", "-C", str(target))
    assert code == 1
    assert out.splitlines()[0] == (
        "data/guidance/huong-dan.txt: mục 3.1: tiêu chí 3.1.b là ý thứ 9, nhưng mục này của văn bản chỉ có 2 ý; "
        "hãy kiểm tra văn bản, hoặc trường 'item' của tiêu chí trong tệp phong trào"
    )
