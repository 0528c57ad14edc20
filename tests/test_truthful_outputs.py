"""What leaves the site tells the truth: while the records are sample data,
every output says so (sharing previews, feeds, open data, share cards; print
is in test_sharing.py); share cards' text stays inside its boxes and says
where it is from; the 404 page is Vietnamese and finds the way on, from a
sub-folder too; heading anchors read đ as d and the old anchors still work;
/guong-dien-hinh/ is a page; the home page starts with stories on a phone."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from PIL import Image

from honour_roll.site import notice

from honour_roll.site import share_cards
from honour_roll.record.loader import load_roll
from honour_roll.record.model import Honoree
from honour_roll.site.share_cards import FOOTER_TOP, HEIGHT, MEDAL_BOX, WIDTH, Card, honoree_card, layout, movement_line, site_card
from honour_roll.site.slugs import heading_slug, legacy_heading_slug

from conftest import COLLECTIVE, FIXTURES, INDIVIDUAL, MOVEMENT, ROOT, make_project, run_build
from htmltext import elements

FOOTER = movement_line(MOVEMENT)


@pytest.fixture(scope="module")
def roll():
    return load_roll(ROOT / "data", ROOT)


def meta(html: str) -> dict[str, str]:
    return {a.get("property") or a.get("name"): a.get("content", "") for _, a in elements(html, "meta") if a.get("property") or a.get("name")}


def outputs(site) -> dict[str, object]:
    """Everything that leaves the site on its own, as read by whoever receives it."""
    feeds = [ET.parse(p).getroot() for p in [site / "rss.xml", site / "en" / "rss.xml", *sorted((site / "tru-cot").glob("*/rss.xml")), *sorted((site / "en" / "pillars").glob("*/rss.xml"))]]
    raw_csv = (site / "du-lieu-mo" / "guong-dien-hinh.csv").read_bytes().decode("utf-8-sig")
    pages = {p: meta(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}
    return {
        "descriptions": {str(p.relative_to(site)): (m.get("og:description"), m.get("twitter:description")) for p, m in pages.items() if "og:description" in m},
        "feeds": feeds,
        "json": json.loads((site / "du-lieu-mo" / "guong-dien-hinh.json").read_text(encoding="utf-8")),
        "csv": list(csv.DictReader(io.StringIO(raw_csv))),
        "cards": sorted((site / "chia-se").glob("*.jpg")),
    }


def top_band_is_gold(card) -> bool:
    # A JPEG: each channel within a few steps of the gold drawn (the red background is 100 away).
    with Image.open(card) as im:
        return all(max(abs(a - b) for a, b in zip(im.getpixel((x, 4)), share_cards.GOLD)) <= 8 for x in (300, 600, 1100))


# --- the sample-data notice --------------------------------------------------------------------------


def test_every_output_that_leaves_the_site_says_the_data_are_illustrative(real_site, roll):
    out = outputs(real_site)
    # sharing previews of every page
    assert len(out["descriptions"]) > 40
    for page, (og, twitter) in out["descriptions"].items():
        # The English edition's pages say it in English.
        label = "[Illustrative data] " if str(page).startswith("en/") else "[Dữ liệu minh họa] "
        assert og.startswith(label) and twitter == og, page
    assert any(str(page).startswith("en/") for page in out["descriptions"])
    # feeds: the channel, and every item on its own (readers show items without the channel)
    for feed in out["feeds"]:
        english = feed.find("channel/language").text == "en"
        assert (notice.TEXT_EN if english else notice.TEXT) in feed.find("channel/description").text
        items = feed.findall("channel/item")
        label = "[Illustrative data] " if english else "[Dữ liệu minh họa] "
        assert items and all(i.find("description").text.startswith(label) for i in items)
    # open data: a header field and every record; the CSV's first column on every row
    data = out["json"]
    assert data["illustrative_data"] is True and data["notice"] == notice.TEXT
    assert all(r["illustrative_data"] is True for r in data["honorees"]) and len(data["honorees"]) == len(roll.published)
    assert list(out["csv"][0])[0] == "notice" and all(r["notice"] == notice.TEXT for r in out["csv"])
    # share cards: a gold band with the notice across the top of every image
    assert len(out["cards"]) == len(roll.published) + 1
    assert all(top_band_is_gold(card) for card in out["cards"])
    card = honoree_card(roll.published[0], FOOTER, illustrative=True)
    assert layout(card)[0].text == notice.CARD and layout(card)[0].box[3] <= share_cards.NOTICE_BAND


def test_once_the_data_are_real_no_output_carries_the_notice(tmp_path):
    project = make_project(tmp_path / "p", [FIXTURES / "valid" / "honorees" / "tran-van-mau.yml"], FIXTURES / "valid" / "photos")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("illustrative_data: true", "illustrative_data: false"), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    out = outputs(site)
    assert not any("minh họa" in og for og, _ in out["descriptions"].values())
    assert not any("minh họa" in ET.tostring(f, encoding="unicode") for f in out["feeds"])
    assert "illustrative_data" not in out["json"] and "notice" not in out["csv"][0]
    assert out["cards"] and not any(top_band_is_gold(card) for card in out["cards"])
    assert "Dữ liệu minh họa" not in (site / "index.html").read_text(encoding="utf-8")


# --- share cards -------------------------------------------------------------------------------------


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_fits(card: Card):
    """Every line, measured with the font it is drawn in, stays inside its box, the
    card, clear of the medal and (but the footer) above the footer band."""
    placed = layout(card)
    for line in placed:
        left, top, right, bottom = line.bbox()
        bl, bt, br, bb = line.box
        assert left >= bl and right <= br, (line.text, right, br)
        assert 0 <= left and right <= WIDTH and 0 <= top and bottom <= HEIGHT, line.text
        assert not overlaps((left, top, right, bottom), MEDAL_BOX), line.text
        if line.text != card.footer:
            assert bottom <= FOOTER_TOP, line.text
    return placed


def whole_words(lines: list[str], source: str) -> bool:
    """The lines are the source's words, in order, or its first words and "…": never a cut word."""
    shown = " ".join(lines)
    if shown == source:
        return True
    if not shown.endswith("…"):
        return False
    kept = shown[:-1].split()
    words = source.split()
    return kept[:-1] == words[: len(kept) - 1] and kept[-1] in (words[len(kept) - 1], words[len(kept) - 1].rstrip(",.;:"))


def test_every_cards_text_fits_its_box_and_breaks_between_words(roll):
    cards = [(h, honoree_card(h, FOOTER, illustrative=True)) for h in roll.published]
    cards += [(None, site_card(MOVEMENT, FOOTER, len(roll.published), illustrative=True))]
    for h, card in cards:
        placed = assert_fits(card)
        if h is not None and h.kind == INDIVIDUAL:
            # The regular lines: position and unit (one or two lines), kind, locality.
            who = [p.text for p in placed if p.font.path.endswith("Regular.ttf")][:-2]
            assert 1 <= len(who) <= 2 and whole_words(who, f"{h.position}, {h.unit}"), (h.id, who)
    # Đặng Quốc Việt's unit used to be cut mid-word under the ribbon ("…Sở Thông tin và Truyề…")
    viet = next(h for h in roll.published if h.id == "dang-quoc-viet")
    text = "\n".join(p.text for p in layout(honoree_card(viet, FOOTER)))
    assert "Sở Thông tin" in text and "Truyền thông tỉnh Bà Rịa – Vũng Tàu" in text


def test_the_worst_card_still_fits():
    long = Card(
        eyebrow=share_cards.eyebrow(MOVEMENT),
        title="Trung tâm Phục vụ hành chính công và Chuyển đổi số tỉnh Bà Rịa – Vũng Tàu cùng các huyện, thị xã, thành phố trực thuộc",
        lines=("Phó Giám đốc phụ trách Phòng Hạ tầng số và An toàn thông tin mạng, Trung tâm Công nghệ thông tin và Truyền thông tỉnh Bà Rịa – Vũng Tàu, Sở Thông tin và Truyền thông",
               "Cá nhân · Chính quyền số, Kinh tế số, Xã hội số", "H. Xuyên Mộc · Năm 2025"),
        footer=FOOTER,
        notice=notice.CARD,
    )
    placed = assert_fits(long)
    who = [p.text for p in placed if p.font.path.endswith("Regular.ttf")][:2]
    assert len(who) == 2 and whole_words(who, long.lines[0])
    title = [p.text for p in placed if p.font.path.endswith("Bold.ttf") and p.y < 330 and p.text not in (long.eyebrow, long.notice)]
    assert whole_words(title, long.title)


def test_cards_say_the_kind_once_and_name_the_movement_and_the_province(roll):
    for h in roll.published:
        card = honoree_card(h, FOOTER)
        assert card.text.count(h.kind.label) == 1, (h.id, card.text)
        assert "Thi đua thực hiện chuyển đổi số quốc gia" in card.footer and "Bà Rịa – Vũng Tàu" in card.footer
    collective = next(h for h in roll.published if h.kind == COLLECTIVE and h.parent_body)
    assert collective.parent_body in honoree_card(collective, FOOTER).lines


def test_og_title_says_where_the_page_is_from(real_site, roll):
    h = roll.published[0]
    m = meta((real_site / "guong-dien-hinh" / h.id / "index.html").read_text(encoding="utf-8"))
    assert m["og:title"] == m["twitter:title"] == f"{h.name} — Gương điển hình chuyển đổi số"
    home = meta((real_site / "index.html").read_text(encoding="utf-8"))
    assert home["og:title"] == "Gương điển hình tiên tiến trong chuyển đổi số"  # the site's own name, once


# --- the 404 page -------------------------------------------------------------------------------------


def not_found_links(html: str) -> tuple[str, dict[str, str]]:
    article = html.split('<article', 1)[1].split("</article>", 1)[0]
    forms = [a for _, a in elements(article, "form")]
    links = {}
    for m in re.finditer(r'<a href="([^"]+)">([^<]+)</a>', article):
        links[m.group(2)] = m.group(1)
    return forms[0]["action"], links


def test_the_404_page_is_vietnamese_and_finds_the_way_on(real_site):
    html = (real_site / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in html.split('<section class="hr-notfound-en"', 1)[0] and "Không tìm thấy trang" in html
    action, links = not_found_links(html)
    assert action == "/tim-kiem/"
    assert links["Tra cứu gương điển hình"] == "/tra-cuu/" and links["Trang chủ"] in ("/", "/.")
    assert 'name="q"' in html.split("<article", 1)[1]
    for href in (action, *links.values()):  # absolute, since the page is served at any depth
        assert href.startswith("/") and (real_site / href.strip("/.") / "index.html").is_file() or href in ("/", "/.")
    # An address under /en/ gets the same page: it says it in English too, marked so, with English ways on.
    english = html.split('<section class="hr-notfound-en" lang="en"', 1)[1].split("</section>", 1)[0]
    assert "Page not found" in english and "Vietnamese" not in html.split("<article", 1)[0]
    for href in re.findall(r'href="([^"]+)"', english):
        assert href.startswith("/en/") and (real_site / href.strip("/") / "index.html").is_file(), href


def test_the_404_page_works_under_a_sub_folder(tmp_path):
    project = make_project(tmp_path / "p", [FIXTURES / "valid" / "honorees" / "tran-van-mau.yml"], FIXTURES / "valid" / "photos")
    config = project / "mkdocs.yml"
    text = re.sub(r"^site_url: .*$", "site_url: https://so-tttt.example.gov.vn/thi-dua/guong-dien-hinh/", config.read_text(encoding="utf-8"), flags=re.M)
    config.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    html = (site / "404.html").read_text(encoding="utf-8")
    action, links = not_found_links(html)
    assert action == "/thi-dua/guong-dien-hinh/tim-kiem/"
    assert links["Tra cứu gương điển hình"] == "/thi-dua/guong-dien-hinh/tra-cuu/"
    for _, attrs in elements(html):
        for attr in ("href", "src", "action"):
            ref = attrs.get(attr, "")
            if ref.startswith("/"):
                assert ref.startswith("/thi-dua/guong-dien-hinh/"), ref


def test_the_honoree_folder_is_a_page_listing_honorees(real_site, roll):
    html = (real_site / "guong-dien-hinh" / "index.html").read_text(encoding="utf-8")
    hrefs = {a.get("href") for _, a in elements(html, "a")}
    for k in MOVEMENT.kinds:
        assert f"../loai/{k.slug}/" in hrefs
    newest = next(h for h in roll.published if h.kind == INDIVIDUAL)
    assert f"{newest.id}/" in hrefs
    assert "../tra-cuu/" in hrefs


# --- heading anchors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading, anchor, old",
    [
        ("Sáng kiến được công nhận", "sang-kien-duoc-cong-nhan", "sang-kien-uoc-cong-nhan"),
        ("Gương điển hình liên quan", "guong-dien-hinh-lien-quan", "guong-ien-hinh-lien-quan"),
        ("ĐẤT ĐỎ", "dat-do", "at-o"),
        ("Câu chuyện", "cau-chuyen", "cau-chuyen"),
    ],
)
def test_headings_read_dd_as_d(heading, anchor, old):
    assert heading_slug(heading) == anchor and legacy_heading_slug(heading) == old


def test_anchors_read_dd_as_d_and_the_old_ones_still_land(real_site, roll):
    h = next(x for x in roll.published if x.initiatives)
    html = (real_site / "guong-dien-hinh" / h.id / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', html)
    for new, old in (("sang-kien-duoc-cong-nhan", "sang-kien-uoc-cong-nhan"), ("guong-dien-hinh-lien-quan", "guong-ien-hinh-lien-quan")):
        assert new in ids and old in ids
        # the old anchor is inside the heading, so a link to it lands on the heading
        assert re.search(rf'<h2 id="{new}"><span class="hr-old-anchor" id="{old}"></span>', html)
        assert f'href="#{new}"' in html  # the permalink gives the new one


def test_every_id_on_every_page_is_unique(real_site):
    for page in real_site.rglob("*.html"):
        ids = Counter(re.findall(r'(?<![\w-])id="([^"]+)"', page.read_text(encoding="utf-8")))
        assert [i for i, n in ids.items() if n > 1] == [], page


# --- the home page on a phone -------------------------------------------------------------------------


@pytest.mark.browser
def test_on_a_phone_the_home_page_starts_with_stories_and_its_table_fits(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served_site.url + "/", wait_until="networkidle")
    stories = page.locator("#moi-nhat").bounding_box()["y"]
    chart = page.locator(".hr-chart-figure").bounding_box()["y"]
    assert stories < chart
    # The first screen shows an honoree: the first card's picture, loaded, and its name.
    picture = page.locator("#moi-nhat + .hr-card-list .hr-card__picture img").first
    name = page.locator("#moi-nhat + .hr-card-list .hr-card__title a").first
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    assert picture.bounding_box()["y"] + picture.bounding_box()["height"] <= 844
    assert name.bounding_box()["y"] + name.bounding_box()["height"] <= 844
    # The sample-data banner takes one line, not a sixth of the screen.
    assert page.locator(".md-banner").bounding_box()["height"] <= 44
    table = page.locator(".hr-counts").evaluate("t => [t.parentElement.scrollWidth, t.parentElement.clientWidth]")
    assert table[0] <= table[1], table  # no sideways scrolling
    row_heights = page.locator(".hr-counts tbody tr").evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
    assert max(row_heights) < 1.6 * min(row_heights)  # labels on one line ("Doanh nghiệp" does not wrap)
    context.close()
