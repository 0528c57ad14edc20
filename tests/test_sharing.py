"""Sharing good practices: metadata, share cards, share actions, QR and print,
feeds, open data and stable links."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

import feedparser
import pytest
from fontTools.ttLib import TTFont

from honour_roll.site import share_cards
from honour_roll.record.loader import load_roll
from honour_roll.site.open_data import CSV_COLUMNS
from honour_roll.site.share_cards import BOLD, REGULAR, Card, card_bytes, english_honoree_card, honoree_card, site_card
from honour_roll.record.vocabulary import Status

from conftest import FIXTURES, INDIVIDUAL, MOVEMENT, ROOT, StaticServer, make_project, run_build
from htmltext import elements

SITE_URL = "https://guong-dien-hinh.example/"


@pytest.fixture(scope="module")
def roll():
    return load_roll(ROOT / "data", ROOT)


def meta(html: str) -> dict[str, str]:
    out = {}
    for _, attrs in elements(html, "meta"):
        key = attrs.get("property") or attrs.get("name")
        if key:
            out[key] = attrs.get("content", "")
    return out


# --- metadata -------------------------------------------------------------------------------------


def test_every_page_carries_open_graph_and_twitter_tags(real_site, roll):
    pages = [p for p in real_site.rglob("index.html")]
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # an alias redirect, not a page
        m = meta(html)
        for key in ("og:title", "og:description", "og:url", "og:image", "og:locale", "og:type", "twitter:card", "twitter:image"):
            assert m.get(key), (page, key)
        english = page.relative_to(real_site).parts[0] == "en"
        assert m["og:locale"] == ("en_GB" if english else "vi_VN") and m["twitter:card"] == "summary_large_image"
        assert m["og:url"].startswith(SITE_URL) and m["og:image"].startswith(SITE_URL + "chia-se/")
        canonical = [a["href"] for _, a in elements(html, "link") if a.get("rel") == "canonical"]
        assert canonical == [m["og:url"]]


def test_honoree_metadata_comes_from_the_record(real_site, roll):
    for h in roll.published:
        m = meta((real_site / "guong-dien-hinh" / h.id / "index.html").read_text(encoding="utf-8"))
        # Out of context, a shared title says where it is from; the sample data say they are samples.
        assert m["og:title"] == f"{h.name} — Gương điển hình chuyển đổi số" and m["og:type"] == "article"
        assert m["og:description"] == f"[Dữ liệu minh họa] {h.summary}"
        assert m["og:url"] == f"{SITE_URL}guong-dien-hinh/{h.id}/"
        assert m["og:image"] == f"{SITE_URL}chia-se/{h.id}.jpg"
        assert (real_site / "chia-se" / f"{h.id}.jpg").is_file()
        assert m["og:image:type"] == "image/jpeg"
    # The feeds carry the same card, with its type and size.
    rss = (real_site / "rss.xml").read_text(encoding="utf-8")
    for url, length, kind in re.findall(r'<enclosure url="([^"]+)" length="(\d+)" type="([^"]+)"/>', rss):
        card = real_site / url.removeprefix(SITE_URL)
        assert kind == "image/jpeg" and card.suffix == ".jpg" and int(length) == card.stat().st_size
    assert "<enclosure" in rss


# --- share cards ----------------------------------------------------------------------------------


def test_share_cards_are_1200_by_630_jpeg(real_site, roll):
    from PIL import Image

    for h in roll.published[:5]:
        with Image.open(real_site / "chia-se" / f"{h.id}.jpg") as im:
            assert im.size == (1200, 630) and im.format == "JPEG"


def test_the_font_covers_every_character_of_every_card(roll):
    cmaps = [TTFont(str(path))["cmap"].getBestCmap() for path in (BOLD, REGULAR)]
    cards = [honoree_card(h, "Gương điển hình chuyển đổi số", illustrative=True) for h in roll.honorees]
    cards += [site_card(MOVEMENT, "Gương điển hình chuyển đổi số", 30), Card("", "Nguyễn Thị Hường Đặng Quốc Việt Ữ Ộ Ặ Ỹ ă â đ ê ô ơ ư", (), "")]
    for card in cards:
        for ch in set(card.text) - {"\n"}:
            for cmap in cmaps:
                assert ord(ch) in cmap, (card.title, ch, hex(ord(ch)))


def test_unchanged_cards_are_not_redrawn(tmp_path, roll, monkeypatch):
    card = honoree_card(roll.published[0], "Gương điển hình chuyển đổi số")
    first = card_bytes(card, tmp_path)
    monkeypatch.setattr(share_cards, "draw_card", lambda c: pytest.fail("an unchanged card was redrawn"))
    assert card_bytes(card, tmp_path) == first
    changed = Card(card.eyebrow, card.title + " mới", card.lines, card.footer)
    monkeypatch.undo()
    assert card_bytes(changed, tmp_path) != first
    assert len(list(tmp_path.glob("*.jpg"))) == 2


@pytest.mark.parametrize("pool", [False, True], ids=["in-process", "on-other-cores"])
def test_a_card_that_cannot_be_drawn_fails_the_build_with_one_clear_message(tmp_path, pool):
    """Drawn in this process or in workers while the build goes on: either way one message, no traceback."""
    project = make_project(tmp_path / "p", [ROOT / "data" / "honorees" / "dang-quoc-viet.yml"])  # no photo: only cards and QR codes
    (project / ".cache").mkdir()
    (project / ".cache" / "share-cards").write_text("not a folder")  # no card can be stored
    env = {"HONOUR_ROLL_WORKERS": "2", "HONOUR_ROLL_POOL_MIN_PAGES": "1"} if pool else {"HONOUR_ROLL_WORKERS": "1"}
    result = run_build(project, tmp_path / "site", env=env)
    assert result.returncode != 0
    assert "Không vẽ được thẻ chia sẻ hoặc mã QR:" in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_cards_render_vietnamese_marks_legibly():
    """A stacked-mark name and its plain twin must not render the same pixels."""
    from PIL import Image, ImageChops

    a = Image.open(io.BytesIO(share_cards.draw_card(Card("", "Ữ Ộ Ặ Ỹ", (), ""))))
    b = Image.open(io.BytesIO(share_cards.draw_card(Card("", "U O A Y", (), ""))))
    assert ImageChops.difference(a, b).getbbox() is not None


def test_cards_drawn_from_kept_line_masks_equal_pillows_own_text_drawing(roll):
    """card_image pastes each line from its mask, kept between cards: tinted through a table
    where the line lies on one colour, blended where it does not (or overlaps a line drawn
    before). The same pixels as ImageDraw.text drawing every line anew, for every card of the
    sample roll (with and without the notice band, in both languages), for cards whose lines
    were drawn before, and for long names whose lines crowd each other; and the same JPEG bytes."""
    from PIL import ImageDraw

    def drawn_by_pillow(card: Card):
        placed = share_cards.layout(card)
        image = share_cards._background(bool(card.notice), tuple(line for line in placed if line.common)).copy()
        draw = ImageDraw.Draw(image)
        for line in placed:
            if not line.common:
                draw.text((line.x, line.y), line.text, font=line.font, fill=line.fill)
        return image

    share_cards._line_mask.cache_clear()
    share_cards._blend_table.cache_clear()
    footer = "Gương điển hình chuyển đổi số"
    cards = [honoree_card(h, footer, illustrative=i % 2 == 0) for i, h in enumerate(roll.published)]
    cards += [english_honoree_card(h, "Digital transformation role models") for h in roll.published if h.en]
    cards += [Card("", "Nguyễn Thị Ngọc Quỳnh Hương Giang Ỹ " * k, ("Ữ Ộ Ặ " * k, "Gạch Ệ"), footer) for k in (1, 3, 6)]
    for card in cards + cards[:2]:  # the last two with every line kept
        assert share_cards.card_image(card).tobytes() == drawn_by_pillow(card).tobytes(), card.title
    expected = io.BytesIO()
    drawn_by_pillow(cards[0]).save(expected, format="JPEG", quality=share_cards.JPEG_QUALITY)
    assert share_cards.draw_card(cards[0]) == expected.getvalue()
    assert share_cards._line_mask.cache_info().hits > 0
    assert share_cards._blend_table.cache_info().currsize > 0  # the table path was taken


def test_a_line_over_another_line_or_off_one_colour_is_blended_as_pillow_draws_it(monkeypatch):
    """The table path pastes a whole rectangle: where a line's box overlaps a line drawn
    before, crosses the medal or leaves the card, card_image blends it instead, as
    ImageDraw.text does."""
    from PIL import ImageDraw

    font = share_cards._font(BOLD, 60)
    lines = [
        share_cards.Placed("Gương gjpqy", font, 70, 100, (0, 0, 0, 0), share_cards.WHITE),
        share_cards.Placed("Ỹ Ữ Ộ Ặ ngay dưới", font, 90, 120, (0, 0, 0, 0), share_cards.CREAM),  # over the first
        share_cards.Placed("Đè lên huy chương", font, 900, 150, (0, 0, 0, 0), share_cards.GOLD),  # across the medal
        share_cards.Placed("Tràn ra ngoài thẻ", font, 1000, 590, (0, 0, 0, 0), share_cards.WHITE),  # off the card
    ]
    monkeypatch.setattr(share_cards, "layout", lambda card: lines)
    background = share_cards._background(False, ())
    expected = background.copy()
    draw = ImageDraw.Draw(expected)
    for line in lines:
        draw.text((line.x, line.y), line.text, font=line.font, fill=line.fill)
    assert share_cards.card_image(Card("", "", (), "")).tobytes() == expected.tobytes()


@pytest.mark.parametrize("url", ["/", "HTTPS://EXAMPLE.ORG/A/", "https://example.org/nguoi-duoc-vinh-danh/dang-quoc-viet/",
                                 "https://so-tttt.example.gov.vn/" + "a-b/" * 60, "https://example.org/nguời/"])
def test_qr_codes_are_the_svg_segno_writes(url):
    """sharing.qr_svg draws the path itself (faster), from qr_matrix's matrix or, for an address
    that is not byte-mode ASCII, segno's: the same bytes as segno's own SVG writer with the
    project's settings, so codes cached by earlier builds stay valid."""
    import segno

    from honour_roll.site.sharing import qr_svg

    expected = io.BytesIO()
    segno.make(url, error="m", micro=False, mask=4).save(
        expected, kind="svg", scale=4, border=2, xmldecl=False, svgclass=None, lineclass=None, omitsize=True, title="Mã QR"
    )
    assert qr_svg(url) == expected.getvalue().decode("utf-8")


# --- share actions, QR and print ------------------------------------------------------------------


def test_share_actions_make_no_request_until_clicked(browser, served_site, roll):
    h = roll.published[0]
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site.url)
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{served_site.url}/guong-dien-hinh/{h.id}/", wait_until="networkidle")
    assert all(u.startswith(served_site.url) for u in requests)
    share = page.locator(".hr-share")
    facebook = share.get_by_role("link", name="Facebook")
    assert facebook.get_attribute("href") == (
        "https://www.facebook.com/sharer/sharer.php?u=" + f"{SITE_URL}guong-dien-hinh/{h.id}/".replace(":", "%3A").replace("/", "%2F")
    )
    assert share.get_by_role("link", name="Gửi thư điện tử").get_attribute("href").startswith("mailto:?subject=")
    copy = share.get_by_role("button", name="Sao chép liên kết")
    copy.click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}guong-dien-hinh/{h.id}/"
    assert "Đã sao chép liên kết" in page.locator(".hr-share-status").inner_text()
    assert all(u.startswith(served_site.url) for u in requests)
    context.close()


def test_copy_link_falls_back_where_the_clipboard_api_is_missing(browser, served_site, roll):
    h = roll.published[1]
    page = browser.new_page()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined}); Object.defineProperty(navigator, 'share', {value: undefined});")
    page.goto(f"{served_site.url}/guong-dien-hinh/{h.id}/")
    assert page.locator(".hr-share-native").is_hidden()  # no Web Share: no dead button
    page.get_by_role("button", name="Sao chép liên kết").click()
    assert h.id in page.locator(".hr-share-status").inner_text()
    page.close()


def test_printed_page_is_a_clean_a4_handout_with_a_working_qr(browser, served_site, roll, tmp_path):
    """The handout units pin up keeps what makes the record an honour: the facts, the
    initiatives, the criteria met, the photos; and, while the data are samples, says so."""
    h = next(x for x in roll.published if x.replication and x.photos and x.initiatives and x.kind == INDIVIDUAL)
    page = browser.new_page()
    page.goto(f"{served_site.url}/guong-dien-hinh/{h.id}/", wait_until="networkidle")
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 1 <= pages <= 5
    assert "(A4)" in info
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    url = f"{SITE_URL}guong-dien-hinh/{h.id}/"
    r = h.recognition
    facts = (h.position, h.unit, h.locality.label, r.award.label, r.decision, r.date.strftime("%d/%m/%Y"))
    initiatives = [i.title for i in h.initiatives]
    criteria = [f"Tiêu chí {c.id}" for c in h.criteria_met]
    # The first photo leads the page with its caption; a "Hình ảnh" section holds any others.
    photos = [p.alt for p in h.photos] + (["Hình ảnh"] if len(h.photos) > 1 else [])
    # The banner is one line on screen; on paper the whole notice.
    notice = ("Dữ liệu minh họa: các cá nhân, doanh nghiệp, số liệu và quyết định khen thưởng trên trang này là hư cấu, "
              "dùng để trình bày mẫu. Hướng dẫn tiêu chí là văn bản thật.")
    for expected in (h.name, h.summary[:60], h.story.split()[0], "Cách nhân rộng", h.replication.steps[0][:40],
                     *facts, "Sáng kiến được công nhận", *initiatives, "Tiêu chí đáp ứng", *criteria, *photos,
                     h.achievements[0], notice):
        assert " ".join(expected.split()) in text, expected
    assert url in re.sub(r"\s+", "", text)  # printed in full, though it may wrap
    for clutter in ("Tra cứu", "Facebook", "Sao chép liên kết", "Gương điển hình liên quan"):
        assert clutter not in text, clutter
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.splitlines()) - 2 >= len(h.photos)  # the photos are printed, not only their captions
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(tmp_path / "page")], check=True)
    decoded = subprocess.run(["zbarimg", "-q", "--raw", *map(str, sorted(tmp_path.glob("page*.png")))], capture_output=True, text=True)
    assert url in decoded.stdout.split()


# --- feeds ----------------------------------------------------------------------------------------


def test_feeds_parse_and_list_recognised_honorees_newest_first(real_site, roll):
    feed = feedparser.parse((real_site / "rss.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    links = [e.link for e in feed.entries]
    assert links == [f"{SITE_URL}guong-dien-hinh/{h.id}/" for h in roll.published]
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    # Each item's card, with its size: the feed is written once the cards are drawn (on other cores).
    for entry, h in zip(feed.entries, roll.published):
        (enclosure,) = entry.enclosures
        assert enclosure.href == f"{SITE_URL}chia-se/{h.id}.jpg"
        assert int(enclosure.length) == (real_site / "chia-se" / f"{h.id}.jpg").stat().st_size > 0
    for pillar in MOVEMENT.pillars:
        sub = feedparser.parse((real_site / "tru-cot" / pillar.slug / "rss.xml").read_bytes())
        assert not sub.bozo
        assert {e.link for e in sub.entries} == {f"{SITE_URL}guong-dien-hinh/{h.id}/" for h in roll.published if pillar in h.pillars}
        html = (real_site / "tru-cot" / pillar.slug / "index.html").read_text(encoding="utf-8")
        alternates = [
            a["href"] for _, a in elements(html, "link")
            if "alternate" in a.get("rel", "").split() and a.get("type") == "application/rss+xml"
        ]
        assert alternates == ["../../rss.xml", "rss.xml"]  # the site's feed and this pillar's


# --- open data ------------------------------------------------------------------------------------


def test_a_feed_fills_in_only_its_own_enclosure_sizes(roll):
    """Feeds are written before the cards are drawn, with a slot for each card's size: text
    from a record that looks like a slot stays as the record says it."""
    import dataclasses
    from types import SimpleNamespace

    from honour_roll.site.feeds import feed_files

    h = roll.published[0]
    tricky = dataclasses.replace(h, summary=f'Tóm tắt length="card-size:chia-se/{h.id}.jpg" hết.')
    files = feed_files(SimpleNamespace(published=[tricky], movement=roll.movement), SITE_URL, "Gương điển hình",
                       {f"chia-se/{h.id}.jpg": 12345})
    parsed = feedparser.parse(files[0].content)
    (item,) = parsed.entries
    assert item.enclosures[0]["length"] == "12345"
    assert f'length="card-size:chia-se/{h.id}.jpg"' in item.summary


def test_open_data_json_and_csv_hold_every_recognised_record_and_nothing_else(real_site, roll):
    data = json.loads((real_site / "du-lieu-mo" / "guong-dien-hinh.json").read_text(encoding="utf-8"))
    assert data["count"] == len(roll.published) == len(data["honorees"])
    assert [r["id"] for r in data["honorees"]] == [h.id for h in roll.published]
    raw = (real_site / "du-lieu-mo" / "guong-dien-hinh.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0].keys()) == ("notice", *CSV_COLUMNS)  # the sample data say so on every row
    assert [r["id"] for r in rows] == [h.id for h in roll.published]
    assert rows[0]["name"] == roll.published[0].name
    text = json.dumps(data, ensure_ascii=False) + raw.decode("utf-8")
    for h in roll.honorees:
        if h.status is not Status.RECOGNISED:
            assert h.name not in text and h.id not in text
        if h.editor_notes:
            assert h.editor_notes not in text
    assert "editor_notes" not in text and '"status"' not in text


def test_open_data_page_links_the_files_and_the_schema(real_site):
    html = (real_site / "du-lieu-mo" / "index.html").read_text(encoding="utf-8")
    for href in ("guong-dien-hinh.json", "guong-dien-hinh.csv", "honoree.schema.json"):
        assert f'href="{href}"' in html
    assert "CC BY 4.0" in html and "editor_notes" not in html


# --- stable links ---------------------------------------------------------------------------------


def test_old_ids_redirect_to_the_new_page(tmp_path, browser):
    record = (FIXTURES / "valid" / "honorees" / "tran-van-mau.yml").read_text(encoding="utf-8")
    project = make_project(tmp_path, [], FIXTURES / "valid" / "photos")
    (project / "data" / "honorees" / "tran-van-mau.yml").write_text(record + "aliases: [tran-van-mau-cu]\n", encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    redirect = (project / "site" / "guong-dien-hinh" / "tran-van-mau-cu" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://guong-dien-hinh.example/guong-dien-hinh/tran-van-mau/">' in redirect
    with StaticServer(project / "site") as server:
        page = browser.new_page()
        page.goto(f"{server.url}/guong-dien-hinh/tran-van-mau-cu/")
        page.wait_for_url(f"{server.url}/guong-dien-hinh/tran-van-mau/")
        assert page.locator("h1").inner_text().startswith("Trần Văn Mẫu")
        page.close()
