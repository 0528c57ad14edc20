"""Sites built for real: a tiny one in tmp_path, and the project's own."""

from __future__ import annotations

import gzip
import re

import pytest

from honour_roll.record.guidance import load_guidance, paragraphs
from honour_roll.record.loader import load_roll
from honour_roll.site.stats import counts
from honour_roll.record.vocabulary import Status

from conftest import FIXTURES, GUIDANCE_FILE, MOVEMENT, ROOT, SEED, make_project, run_build
from htmltext import elements, normalised, visible_text

VALID = FIXTURES / "valid" / "honorees" / "tran-van-mau.yml"


def read(site, path):
    return (site / path).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("tiny"), [VALID], photos=FIXTURES / "valid" / "photos")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_tiny_site_builds_strict_with_the_honoree_page(tiny_site):
    html = read(tiny_site, "guong-dien-hinh/tran-van-mau/index.html")
    text = normalised(visible_text(html))
    assert "<title>Trần Văn Mẫu - Gương điển hình chuyển đổi số</title>" in html
    for expected in ("Giáo viên Tin học", "Trường THCS Phước Thắng", "Số 88/QĐ-STTTT ngày 20/11/2023",
                     "Đạt: có 2 sáng kiến cấp cơ sở", "Chọn một giáo viên đầu mối", "Ảnh: Trường THCS Phước Thắng"):
        assert expected in text
    assert (tiny_site / "anh" / "lop-hoc.png").is_file()
    # The photo leads the page, resized (never enlarged: it is 8 pixels wide), WebP with a JPEG fallback.
    imgs = [a for _, a in elements(html, "img") if a.get("src", "").endswith("lop-hoc-png-8.jpg")]
    assert imgs and imgs[0]["alt"] == "Học sinh thực hành trong phòng máy" and imgs[0]["width"] == "8"
    assert ("type", "image/webp") in [(k, v) for _, a in elements(html, "source") for k, v in a.items()]
    assert (tiny_site / "anh" / "lop-hoc-png-8.webp").read_bytes()[8:12] == b"WEBP"
    assert (tiny_site / "anh" / "lop-hoc-png-8.jpg").read_bytes()[:2] == b"\xff\xd8"
    # criteria link to their anchors in the guidance, which lists the honoree back
    assert 'href="../../huong-dan/#tieu-chi-3-3-a"' in html
    guidance = read(tiny_site, "huong-dan/index.html")
    assert 'id="tieu-chi-3-3-a"' in guidance and "../guong-dien-hinh/tran-van-mau/" in guidance


def test_tiny_site_leaks_no_editor_notes(tiny_site):
    checked = 0
    for path, text in all_output_text(tiny_site):  # compressed copies and the server's files included
        checked += 1
        assert "BÍ-MẬT-NỘI-BỘ" not in text, path
    assert checked > 20 and (tiny_site / "guong-dien-hinh" / "tran-van-mau" / "index.html.gz").is_file()


def test_invalid_record_fails_the_build_cleanly(tmp_path):
    bad = [FIXTURES / "invalid" / "impossible-date.yml", FIXTURES / "invalid" / "duplicate-key.yml"]
    project = make_project(tmp_path, bad, photos=FIXTURES / "photos")
    result = run_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert "data/honorees/impossible-date.yml:12: recognition.date: ngày '2023-02-30' không tồn tại trên lịch" in output
    assert "data/honorees/duplicate-key.yml:10: year: trường bị lặp lại (đã có ở dòng 9)" in output
    assert "Có 2 lỗi trong 2 tệp hồ sơ" in output
    assert not (project / "site" / "index.html").exists()


def test_recognised_individual_below_rule_3_3_fails_a_strict_build(tmp_path):
    text = VALID.read_text(encoding="utf-8")
    text = re.sub(r"initiatives:\n(  .*\n|    .*\n)+", "", text)
    project = make_project(tmp_path, [], photos=FIXTURES / "valid" / "photos")
    (project / "data" / "honorees" / "tran-van-mau.yml").write_text(text, encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode == 1
    assert "data/honorees/tran-van-mau.yml:3: initiatives: cá nhân đã được công nhận nhưng chưa đạt tiêu chí 3.3.a" in result.stderr + result.stdout


# --- the real site -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def roll():
    return load_roll(ROOT / "data", ROOT)


def all_output_text(site):
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        yield path, data.decode("utf-8", errors="replace")


def test_every_recognised_record_has_its_page(real_site, roll):
    assert len(roll.published) >= 30
    for h in roll.published:
        html = read(real_site, f"guong-dien-hinh/{h.id}/index.html")
        assert h.name in visible_text(html)


def test_unpublished_records_appear_nowhere(real_site, roll):
    hidden = [h for h in roll.honorees if h.status is not Status.RECOGNISED]
    assert {h.status for h in hidden} == {Status.DRAFT, Status.NOMINATED}
    needles = [h.name for h in hidden] + [h.id for h in hidden]
    needles += [h.editor_notes for h in roll.honorees if h.editor_notes]
    needles += [alias for h in hidden for alias in h.aliases]  # an unpublished record's old id redirects nowhere
    assert any(h.aliases for h in hidden)
    checked = []
    for path, text in all_output_text(real_site):
        checked.append(path.relative_to(real_site).as_posix())
        for needle in needles:
            assert needle not in text, (needle, path)
    assert len(checked) > 40
    # The server's files and the compressed copies are output too.
    assert {".server/redirects.map", ".server/csp.conf", ".htaccess", "guong-dien-hinh/.htaccess", "tra-cuu/index.html.gz"} <= set(checked)
    assert (real_site / "sitemap.xml").is_file()


def test_guidance_text_is_on_the_site_paragraph_by_paragraph(real_site):
    text = normalised(visible_text(read(real_site, "huong-dan/index.html")))
    seed = SEED if SEED.is_file() else ROOT / "data" / "guidance" / "huong-dan-2022.txt"
    count = 0
    for para in paragraphs(seed.read_text(encoding="utf-8")):
        body = normalised(re.sub(r"^(- \+ |- |\+ )", "", para).replace("**", ""))
        assert body in text, body[:80]
        count += 1
    assert count >= 40


def test_bundled_guidance_is_the_seed_text():
    if not SEED.is_file():
        pytest.skip(
            "nothing to fix on a fresh clone: this test compares data/guidance/huong-dan-2022.txt with the original "
            f"guidance text, which only exists in the authors' workspace ({SEED.relative_to(ROOT.parent)} beside the checkout)"
        )
    assert (ROOT / "data" / "guidance" / "huong-dan-2022.txt").read_bytes() == SEED.read_bytes()


def test_every_criterion_has_a_stable_anchor_and_its_honorees(real_site, roll):
    html = read(real_site, "huong-dan/index.html")
    guidance = load_guidance(GUIDANCE_FILE, MOVEMENT)
    for block in guidance.blocks:
        if block.criterion:
            assert f'id="{block.anchor}"' in html
    for section in ("muc-1", "muc-2", "muc-3", "muc-3-1", "muc-3-2", "muc-3-3", "muc-4", "muc-5"):
        assert f'id="{section}"' in html
    meeting = [h for h in roll.published if any(c.id == "3.3.a" for c in h.criteria_met)]
    block = html.split('id="tieu-chi-3-3-a"', 1)[1].split('id="tieu-chi-3-3-b"', 1)[0]
    for h in meeting:
        assert f"../guong-dien-hinh/{h.id}/" in block


def test_home_page_quota_and_counts(real_site, roll):
    html = read(real_site, "index.html")
    for kind, target in ((k, k.quota) for k in MOVEMENT.kinds if k.quota):
        count = sum(1 for h in roll.published if h.kind == kind)
        m = re.search(rf'data-kind="{kind.id}">\s*<p class="hr-quota-label">.*?<span class="hr-quota-count">(\d+)</span>/<span class="hr-quota-target">(\d+)</span>', html, re.S)
        assert m and (int(m.group(1)), int(m.group(2))) == (count, target)
    assert html.count("<svg class=\"hr-chart\"") == 3 and "<table class=\"hr-table hr-counts\">" in html
    assert "Dữ liệu minh họa" in html  # the switch is on for sample data
    table = counts(roll.published, MOVEMENT)
    # one group of rows per pillar (a header row, then a row per kind): seven columns fit a phone
    groups = re.findall(r'<tbody>\s*<tr><th scope="rowgroup"[^>]*>([^<]+)</th></tr>(.*?)</tbody>', html, re.S)
    rows = [(pillar, kind, cells) for pillar, body in groups
            for kind, cells in re.findall(r'<tr><th scope="row">([^<]+)</th>((?:<td class="hr-num">\d+</td>)+)</tr>', body)]
    assert len(groups) == 3 and len(rows) == 9
    for pillar_label, kind_label, cells in rows:
        pillar = next(p for p in MOVEMENT.pillars if p.label == pillar_label)
        kind = next(k for k in MOVEMENT.kinds if k.label == kind_label)
        numbers = [int(n) for n in re.findall(r"\d+", re.sub(r"<[^>]+>", " ", cells))]
        assert numbers == [table[(pillar, kind, y)] for y in MOVEMENT.years] + [sum(table[(pillar, kind, y)] for y in MOVEMENT.years)]


def test_pillar_and_kind_pages_list_their_honorees(real_site, roll):
    for h in roll.published:
        for p in h.pillars:
            assert f"../../guong-dien-hinh/{h.id}/" in read(real_site, f"tru-cot/{p.slug}/index.html")
        assert f"../../guong-dien-hinh/{h.id}/" in read(real_site, f"loai/{h.kind.slug}/index.html")


def test_honoree_pages_stay_out_of_the_nav(real_site):
    html = read(real_site, "index.html")
    nav = html.split("md-sidebar--primary", 1)[1].split('<div class="md-content"', 1)[0]
    assert 'href="guong-dien-hinh/"' in nav  # the section's own list page is in it
    assert not re.findall(r'href="[^"]*guong-dien-hinh/[^"/]+/"', nav)  # no honoree page is


def test_no_external_font_or_script_in_any_page(real_site):
    for path in real_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        for tag in ("script", "link", "img"):
            for _, attrs in elements(html, tag):
                url = attrs.get("src") or attrs.get("href") or ""
                assert not re.match(r"^(https?:)?//", url) or tag == "link" and attrs.get("rel") == "canonical", (path, url)


def test_pillar_and_kind_pages_stay_small_and_link_to_the_full_slice(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_honorees

    project = make_project(tmp_path)
    write_honorees(project / "data" / "honorees", 150, seed=7)
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    html = read(project / "site", "tru-cot/chinh-quyen-so/index.html")
    sections = re.split(r'<h2 id="', html)[1:]
    assert len(sections) == 3
    for section in sections:
        kind = section.split('"', 1)[0]
        cards = section.count('<li class="hr-card">')
        total = int(re.search(r"\((\d+)\)", section).group(1))
        assert cards == min(total, 24)
        if total > 24:
            assert f'href="../../tra-cuu/?tru-cot=chinh-quyen-so&amp;loai={kind}"' in section
            assert f"Xem tất cả {total} trong Tra cứu" in section
