"""A second, deliberately different movement (tests/fixtures/deployment-hoa-lac: other years,
two kinds only, another initiative rule, other localities with a merger) builds in strict mode
with the same code, and says nothing of the bundled movement; and the code holds no literal
of the bundled movement."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from htmltext import visible_text
from honour_roll.record.movement import load_movement

from conftest import FIXTURES, MOVEMENT, ROOT, run_build

DEPLOYMENT = FIXTURES / "deployment-hoa-lac"
OTHER = load_movement(DEPLOYMENT / "data" / "movement.yml")


@pytest.fixture(scope="module")
def second(tmp_path_factory) -> tuple[Path, Path]:
    """(project, built site): the project's theme files, the second movement's data and config."""
    project = tmp_path_factory.mktemp("hoa-lac") / "project"
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(ROOT / "hooks", project / "hooks")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    (project / "docs" / "du-lieu-mo").mkdir(parents=True)
    from honour_roll.record.schema import schema_text

    (project / "docs" / "du-lieu-mo" / "honoree.schema.json").write_text(schema_text(OTHER), encoding="utf-8")
    base = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("  - honour_roll/templates\n", "")
    (project / "base.yml").write_text(base, encoding="utf-8")
    shutil.copy(DEPLOYMENT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(DEPLOYMENT / "data", project / "data")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return project, site


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): visible_text(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}


def test_it_differs_from_the_bundled_movement_as_the_issue_asks():
    assert (OTHER.period.first_year, OTHER.period.last_year) != (MOVEMENT.period.first_year, MOVEMENT.period.last_year)
    assert len(OTHER.kinds) == 2
    assert OTHER.initiative_rule.any_of != MOVEMENT.initiative_rule.any_of
    merged = [loc for loc in OTHER.localities if loc.became]
    assert merged and not {loc.id for loc in OTHER.localities} & {loc.id for loc in MOVEMENT.localities}


def test_the_home_page_speaks_of_the_second_movement(second):
    _, site = second
    home = visible_text((site / "index.html").read_text(encoding="utf-8"))
    assert "Phong trào “Thi đua đổi mới sáng tạo trong trường học” giai đoạn 2026–2030" in home
    assert "trên địa bàn thành phố Hòa Lạc có thành tích tiêu biểu trên hai lĩnh vực: giáo dục mầm non và giáo dục phổ thông" in home
    assert "Mục 3 của Hướng dẫn đặt chỉ tiêu giai đoạn 2026–2030: ít nhất 4 tập thể và 6 cá nhân điển hình tiên tiến." in home
    assert "loai/doanh-nghiep" not in (site / "index.html").read_text(encoding="utf-8")


def test_no_page_names_the_bundled_movement(second):
    _, site = second
    for name, text in pages(site).items():
        for word in ("Bà Rịa", "Vũng Tàu", "chuyển đổi số quốc gia", "2021–2025", "Chính quyền số"):
            assert word not in text, (name, word)


def test_its_own_pages_criteria_and_rule(second):
    _, site = second
    assert (site / "tru-cot" / "mam-non" / "index.html").is_file() and (site / "tru-cot" / "pho-thong" / "index.html").is_file()
    assert not (site / "loai" / "doanh-nghiep").exists()
    guidance = (site / "huong-dan" / "index.html").read_text(encoding="utf-8")
    assert 'id="tieu-chi-2-2-a"' in guidance and 'id="tieu-chi-2-1-b"' in guidance
    khoa = visible_text((site / "guong-dien-hinh" / "le-van-khoa" / "index.html").read_text(encoding="utf-8"))
    assert "Đạt: có 1 sáng kiến cấp thành phố." in khoa
    anh = visible_text((site / "guong-dien-hinh" / "tran-thi-mai-anh" / "index.html").read_text(encoding="utf-8"))
    assert "Đạt: có 3 sáng kiến cấp trường." in anh


def test_the_404_page_calls_its_pillars_by_its_word(second):
    _, site = second
    assert "Tra cứu gương điển hình theo lĩnh vực, loại, địa bàn và năm" in visible_text((site / "404.html").read_text(encoding="utf-8"))


def test_a_record_before_the_merger_keeps_the_old_name(second):
    _, site = second
    page = visible_text((site / "guong-dien-hinh" / "truong-mam-non-hoa-sen" / "index.html").read_text(encoding="utf-8"))
    assert "P. An Bình" in page


def test_a_record_naming_a_merged_locality_after_the_merger_is_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DEPLOYMENT / "data", data)
    record = data / "honorees" / "truong-tieu-hoc-binh-an.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("locality: phuong-binh-an", "locality: phuong-an-binh"), encoding="utf-8")
    from honour_roll.record.loader import load_roll
    from honour_roll.record.problems import RecordsInvalid

    with pytest.raises(RecordsInvalid) as caught:
        load_roll(data, tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "data/honorees/truong-tieu-hoc-binh-an.yml:4: locality: P. An Bình chỉ dùng cho hồ sơ 2026–2027 "
        "(nhập vào phường Bình An từ 01/01/2028); hồ sơ năm 2028 hãy ghi tên đơn vị hành chính của năm đó, "
        "ví dụ 'phuong-binh-an' (P. Bình An)"
    ]


def test_search_tra_cuu_and_open_data_follow_its_movement(second):
    _, site = second
    data = json.loads((site / "du-lieu-mo" / "guong-dien-hinh.json").read_text(encoding="utf-8"))
    assert data["licence"] == "CC0 1.0" and data["count"] == 4
    assert {r["kind"] for r in data["honorees"]} == {"collective", "individual"}
    browse = (site / "tra-cuu" / "index.html").read_text(encoding="utf-8")
    assert 'value="cap-thanh-pho"' in browse and 'value="mam-non"' in browse and "2026" in browse
    index = " ".join(p.read_text(encoding="utf-8") for p in (site / "tim-kiem" / "index").rglob("*.json"))
    assert "khoa" in index and "mai" in index


def test_nothing_unpublished_leaks(second):
    _, site = second
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".txt", ".map"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for secret in ("zxqwvy", "kinnoteuniq", "Bímật", "nguyen-van-nhap"):
                assert secret not in text, (path, secret)


def test_its_editors_tools_use_its_movement(second):
    project, _ = second
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "honour_roll.editors.cli", *args, "-C", str(project)], capture_output=True, text=True
    )
    assert run("validate").returncode == 0
    report = run("report")
    assert report.returncode == 0, report.stdout + report.stderr
    assert "2026" in report.stdout and "2.2.a" in report.stdout and "Bà Rịa" not in report.stdout


def _literals(path: Path):
    """The text a Python file holds: its strings and comments."""
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type in (tokenize.STRING, tokenize.COMMENT):
            yield tok.start[0], tok.string


def test_no_literal_of_the_bundled_movement_in_the_code():
    """Its place, bodies, units, years, pillars and criteria live only in data/movement.yml."""
    m = MOVEMENT
    needles = {m.title, m.scope, m.place, m.issuer.name, m.awarding_body, m.open_data.attribution, m.guidance.date_text}
    needles |= {loc.label for loc in m.localities if not loc.label.startswith("Cấp ")}  # "Cấp tỉnh" is any province's
    needles |= {p.label for p in m.pillars} | {c.title for c in m.criteria} | {k.intro for k in m.kinds}
    years = re.compile(rf"(?<![/\d])({'|'.join(str(y) for y in m.years)})\b")  # not a decree's "13/2023"
    found = []
    for path in sorted([*(ROOT / "honour_roll").rglob("*.py"), *(ROOT / "hooks").rglob("*.py")]):
        for line, text in _literals(path):
            hits = [n for n in needles if n and n in text] + years.findall(text)
            if hits:
                found.append(f"{path.relative_to(ROOT)}:{line}: {hits}")
    assert found == []
