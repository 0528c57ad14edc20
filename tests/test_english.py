"""The English edition (issue 14): a record's `en:` block becomes its page under /en/,
with <html lang="en">, a language switch and hreflang pairs both ways (sitemap.xml),
English lists that show records without English in Vietnamese and say so, an English
feed and English search documents; a draft's English never leaves the records."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, make_project, run_build
from htmltext import visible_text
from search_twin import StaticIndex
from honour_roll.site.generated import Generated
from honour_roll.site.search_encoding import INDEX_DIR

RECORDS = FIXTURES / "english" / "honorees"
GOLDEN = ROOT / "tests" / "golden" / "tran-van-mau.en.md"
DRAFT_WORD = "Xylophone"  # only in the draft's English name


def test_english_honoree_page_matches_golden_output():
    """The English page's Markdown for the fixture record, as the site generator is handed it."""
    import os

    from honour_roll.record.loader import load_roll
    from honour_roll.site.english import EnglishPages
    from honour_roll.site.pictures import Pictures
    from honour_roll.site.urls import DIRECTORY_URLS

    from conftest import MOVEMENT

    data = FIXTURES / "english"
    roll = load_roll(data, ROOT, movement=MOVEMENT)  # the bundled movement, with its English
    pages = {p.src_uri: p for p in EnglishPages(roll, DIRECTORY_URLS, Pictures(roll.published, data), True, "https://guong-dien-hinh.example/").pages()}
    assert set(pages) == {
        "en/index.md", "en/guidance.md", "en/honorees/index.md", "en/pillars/digital-government.md", "en/pillars/digital-economy.md",
        "en/pillars/digital-society.md", "en/kinds/collective.md", "en/kinds/enterprise.md", "en/kinds/individual.md",
        "en/honorees/tran-van-mau.md", "en/search.md",
    }
    page = pages["en/honorees/tran-van-mau.md"]
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(page.content, encoding="utf-8")
    assert page.content == GOLDEN.read_text(encoding="utf-8")
    assert not page.in_nav and "BÍ-MẬT-NỘI-BỘ" not in "".join(p.content for p in pages.values())


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("english") / "p", sorted(RECORDS.glob("*.yml")), FIXTURES / "valid" / "photos")
    site = project / "site"
    result = run_build(project, site)  # strict
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_a_record_with_english_gets_an_english_page(site):
    page = html(site, "en/honorees/tran-van-mau")
    assert page.lstrip().startswith("<!doctype html>") and '<html lang="en"' in page
    text = visible_text(page)
    assert "Mr Mẫu brought the \"Digital citizen\" class" in text and "Computing teacher" in text
    assert "1,200 pupils completed the course." in text and "Borrow the school's computer room" in text
    # escaped, never markup: "&" in the summary, the story's heading moved under the page's own
    assert "fake news &amp; online scams" in page and "<h3" in page and "How it works" in text
    # the movement's words in English, the page's chrome in English
    assert "Individual" in text and "Digital society" in text and "Vũng Tàu City" in text and "Certificate of Commendation" in text
    assert 'placeholder="Search"' in page and "Tìm kiếm" not in page
    assert "Illustrative data:" in text and "Dữ liệu minh họa" not in text
    # what is not translated is Vietnamese, and marked so for screen readers
    assert '<td lang="vi">Bộ bài giảng Công dân số cho học sinh THCS</td>' in page
    # the photo described in English, as the record gives it
    assert 'alt="Pupils practising in the computer room"' in page and "Học sinh thực hành" not in page


def test_the_two_pages_link_to_each_other(site):
    english, vietnamese = html(site, "en/honorees/tran-van-mau"), html(site, "guong-dien-hinh/tran-van-mau")
    assert re.search(r'<a class="hr-lang" href="\.\./\.\./\.\./guong-dien-hinh/tran-van-mau/" hreflang="vi" lang="vi" rel="alternate"', english)
    assert re.search(r'<a class="hr-lang" href="\.\./\.\./en/honorees/tran-van-mau/" hreflang="en" lang="en" rel="alternate"', vietnamese)
    # a Vietnamese page without English offers the English edition's home, not a translation
    other = html(site, "guong-dien-hinh/le-thi-mau-hai")
    assert re.search(r'<a class="hr-lang" href="\.\./\.\./en/" hreflang="en" lang="en" title="The English edition">', other)


def test_the_sitemap_pairs_every_translation_both_ways(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    pairs = {}
    for url in root.findall("s:url", ns):
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        if links:
            pairs[url.find("s:loc", ns).text] = links
    base = "https://guong-dien-hinh.example/"
    vi, en = base + "guong-dien-hinh/tran-van-mau/", base + "en/honorees/tran-van-mau/"
    assert pairs[vi] == pairs[en] == {"vi": vi, "en": en, "x-default": vi}
    assert pairs[base] == {"vi": base, "en": base + "en/", "x-default": base}
    for loc, links in pairs.items():  # every pair is declared from both of its pages
        assert pairs[links["en"]] == links and pairs[links["vi"]] == links, loc
    assert base + "guong-dien-hinh/le-thi-mau-hai/" not in pairs


def test_records_without_english_are_listed_in_vietnamese_and_marked(site):
    assert not (site / "en" / "honorees" / "le-thi-mau-hai").exists()
    for path in ("en", "en/kinds/individual", "en/pillars/digital-society", "en/honorees"):
        page = html(site, path)
        card = page[page.index("Lê Thị Mẫu Hai") - 200 : page.index("Lê Thị Mẫu Hai") + 200]
        assert 'lang="vi"' in card and 'href="' in card and "guong-dien-hinh/le-thi-mau-hai/" in card, path
        assert "In Vietnamese" in visible_text(page), path
        assert "en/honorees/tran-van-mau/" in page or "tran-van-mau/" in page, path


def test_the_guidance_summary_lists_every_criterion_in_english(site):
    page = html(site, "en/guidance")
    text = visible_text(page)
    assert '<html lang="en"' in page and "Criterion 3.3.a" in text and 'id="criterion-3-3-a"' in page
    assert "needs at least 1 provincial or national initiative, or 2 at grassroots level" in text
    # the honoree page's criteria link to those anchors
    assert "guidance/#criterion-3-3-c" in html(site, "en/honorees/tran-van-mau")


def test_the_english_feed_lists_the_english_records_in_english(site):
    channel = ET.parse(site / "en" / "rss.xml").getroot().find("channel")
    assert channel.find("language").text == "en"
    items = channel.findall("item")
    assert [i.find("title").text for i in items] == ["Trần Văn Mẫu"]
    assert items[0].find("link").text == "https://guong-dien-hinh.example/en/honorees/tran-van-mau/"
    assert items[0].find("description").text.startswith("[Illustrative data] Mr Mẫu brought")
    assert items[0].find("enclosure").get("url") == "https://guong-dien-hinh.example/chia-se/en/tran-van-mau.jpg"
    # one per pillar too, linked from its English page
    society = ET.parse(site / "en" / "pillars" / "digital-society" / "rss.xml").getroot().find("channel")
    assert society.find("title").text.startswith("Digital society — ") and len(society.findall("item")) == 1
    assert ET.parse(site / "en" / "pillars" / "digital-economy" / "rss.xml").getroot().find("channel").findall("item") == []
    assert 'type="application/rss+xml" title="Digital society — ' in html(site, "en/pillars/digital-society")


def test_english_pages_are_shared_with_english_cards(site):
    from honour_roll.site import share_cards
    from honour_roll.record.loader import load_roll

    page = html(site, "en/honorees/tran-van-mau")
    assert 'property="og:image" content="https://guong-dien-hinh.example/chia-se/en/tran-van-mau.jpg"' in page
    assert 'property="og:image" content="https://guong-dien-hinh.example/chia-se/en/home.jpg"' in html(site, "en")
    assert (site / "chia-se" / "en" / "tran-van-mau.jpg").is_file() and (site / "chia-se" / "en" / "home.jpg").is_file()
    assert not (site / "chia-se" / "en" / "le-thi-mau-hai.jpg").exists()  # no English, no English card
    # what the card says: the record's and the movement's English, the notice in English
    roll = load_roll(site.parent / "data", site.parent)
    h = next(h for h in roll.published if h.id == "tran-van-mau")
    card = share_cards.english_honoree_card(h, share_cards.english_movement_line(roll.movement), illustrative=True)
    assert card.notice.startswith("ILLUSTRATIVE DATA") and card.title == "Trần Văn Mẫu"
    assert card.lines == ("Computing teacher, Phước Thắng Lower Secondary School", "Individual · Digital society", "Vũng Tàu City · 2023")
    assert card.eyebrow.startswith("EXEMPLARY MODEL · ") and "Vietnam" not in card.text and "Gương" not in card.text


def test_search_finds_the_english_text_with_accents_folded(site):
    folder = site / INDEX_DIR
    index = StaticIndex(Generated(f"{INDEX_DIR}/{p.relative_to(folder).as_posix()}", p.read_text(encoding="utf-8")) for p in folder.rglob("*.json"))
    urls = [json.loads((folder / "d" / f"{h.id // 2}.json").read_text(encoding="utf-8"))[h.id % 2][0] for h in index.search("computing teacher")[1]]
    assert urls and urls[0] == "en/honorees/tran-van-mau/"
    urls = [json.loads((folder / "d" / f"{h.id // 2}.json").read_text(encoding="utf-8"))[h.id % 2][0] for h in index.search("phuoc thang lower secondary")[1]]
    assert urls[0] == "en/honorees/tran-van-mau/"


def test_at_equal_match_the_reader_s_language_comes_first(site):
    folder = site / INDEX_DIR
    index = StaticIndex(Generated(f"{INDEX_DIR}/{p.relative_to(folder).as_posix()}", p.read_text(encoding="utf-8")) for p in folder.rglob("*.json"))
    assert [lang for lang, _ in index.meta["languages"]] == ["vi", "en"]

    def urls(query, lang):
        return [index.document(h.id)["url"] for h in index.search(query, lang)[1]]

    # the name is the same in both languages: each edition's readers get their own page first
    assert urls("tran van mau", "vi")[:2] == ["guong-dien-hinh/tran-van-mau/", "en/honorees/tran-van-mau/"]
    assert urls("tran van mau", "en")[:2] == ["en/honorees/tran-van-mau/", "guong-dien-hinh/tran-van-mau/"]


def test_a_draft_english_text_reaches_no_output(site):
    leaks = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and not p.name.endswith((".png", ".webp", ".jpg", ".gz", ".woff2"))
             and DRAFT_WORD.lower() in p.read_text(encoding="utf-8", errors="ignore").lower()]
    assert leaks == []
    assert not (site / "en" / "honorees" / "phan-van-nhap").exists()


def test_a_movement_without_english_has_no_english_edition(tmp_path):
    project = make_project(tmp_path / "p", [RECORDS / "tran-van-mau.yml"], FIXTURES / "valid" / "photos")
    movement = project / "data" / "movement.yml"
    text = movement.read_text(encoding="utf-8")
    movement.write_text(text[: text.index("\nen:\n")] + "\n", encoding="utf-8")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (site / "en").exists()
    page = html(site, "guong-dien-hinh/tran-van-mau")
    assert 'class="hr-lang"' not in page and "xhtml:link" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_open_data_carries_the_english_text(site):
    data = json.loads((site / "du-lieu-mo" / "guong-dien-hinh.json").read_text(encoding="utf-8"))
    by_id = {r["id"]: r for r in data["honorees"]}
    en = by_id["tran-van-mau"]["en"]
    assert en["url"] == "https://guong-dien-hinh.example/en/honorees/tran-van-mau/" and en["position"] == "Computing teacher"
    assert en["achievements"][0] == "1,200 pupils completed the course." and len(en["replication"]["steps"]) == 2
    assert by_id["le-thi-mau-hai"]["en"] is None and "phan-van-nhap" not in by_id
    csv = (site / "du-lieu-mo" / "guong-dien-hinh.csv").read_text(encoding="utf-8-sig")
    assert "name_en" in csv.splitlines()[0] and "https://guong-dien-hinh.example/en/honorees/tran-van-mau/" in csv


def test_english_pages_carry_no_vietnamese_interface_text(site):
    """The theme's and the site's own words, in English on every English page (records' untranslated
    values are marked lang="vi" and checked elsewhere)."""
    vietnamese = ("Tìm kiếm", "Liên kết đến mục này", "Gương điển hình chuyển đổi số", "Dữ liệu minh họa", "Trang chủ",
                  "Chuyển đến nội dung", "Về đầu trang", "Tiêu chí đáp ứng", "Chia sẻ", "Nội dung theo Hướng dẫn")
    pages = sorted((site / "en").rglob("index.html"))
    assert len(pages) >= 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = [w for w in vietnamese if w in html]
        assert found == [], (path.relative_to(site).as_posix(), found)
        assert "Skip to content" in html and "Link to this section" in html, path


def test_a_reader_switches_language_and_searches_in_english(site, browser):
    """In Chromium at phone width: the switch leads to the English page and back, and the
    header search on an English page answers in English."""
    from conftest import StaticServer

    with StaticServer(site) as server:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        errors, outside = [], []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server.url) else None)
        page.goto(server.url + "/guong-dien-hinh/tran-van-mau/", wait_until="networkidle")
        assert page.evaluate("document.documentElement.lang") == "vi"
        page.get_by_role("link", name="English").click()
        page.wait_for_load_state("networkidle")
        assert page.url == server.url + "/en/honorees/tran-van-mau/"
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("h1").inner_text().startswith("Trần Văn Mẫu")
        # the header search: the magnifier opens the box on a phone; messages in English
        page.locator("[data-hr-search-open]").click()
        page.locator("#hr-search-input").type("computing teache")
        page.locator("#hr-search-input").press("r")
        page.wait_for_selector("[data-hr-search-popup]:not([hidden])")
        status = page.locator("[data-hr-search-status]").inner_text()
        assert "result" in status and "kết quả" not in status, status
        assert "Trần Văn Mẫu" in page.locator("#hr-search-listbox").inner_text()
        # a name both editions share: on an English page the English page comes first, as the twin ranks it
        page.locator("#hr-search-input").fill("")
        page.locator("#hr-search-input").type("tran van ma")
        page.locator("#hr-search-input").press("u")
        page.locator("#hr-search-listbox [role=option]").nth(1).wait_for()  # (no wait_for_function: the CSP forbids eval)
        first = page.locator("#hr-search-listbox [role=option]").first
        assert "English" in first.inner_text(), first.inner_text()
        page.get_by_role("button", name="Close search").click()
        page.get_by_role("link", name="Tiếng Việt").click()
        page.wait_for_load_state("networkidle")
        assert page.url == server.url + "/guong-dien-hinh/tran-van-mau/"
        context.close()
    assert errors == [] and outside == []
