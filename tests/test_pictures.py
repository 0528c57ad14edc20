"""Cards with pictures: key figures, pictures resized at build time (cached, the
same bytes every time), the cards on the lists, the honoree page's lead, and
what a phone shows first."""

from __future__ import annotations

import dataclasses
import re
from html import escape, unescape

import pytest
from PIL import Image, ImageChops, ImageOps, ImageStat

from honour_roll.site import pictures as pictures_module
from honour_roll.site.figures import figure_of, key_figure
from honour_roll.record.loader import load_roll
from honour_roll.site.pictures import CARD_WIDTHS, PHOTO_WIDTHS, Pictures, card_height
from honour_roll.site.generate import SiteSettings
from honour_roll.site.share_cards import honoree_card, movement_line

from conftest import FIXTURES, ROOT, make_project, run_build
from htmltext import elements

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def roll():
    return load_roll(DATA, ROOT)


# --- key figures ------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence, figure", [
    ("Tỷ lệ hao hụt nguyên liệu giảm từ 9% xuống 3,5%.", "9% → 3,5%"),
    ("Thời gian chờ mua vé ngày cao điểm giảm từ khoảng 20 phút xuống dưới 5 phút.", "20 → 5 phút"),
    ("Thời gian lập hồ sơ nguồn gốc cho một đơn hàng giảm từ 3 ngày xuống dưới 2 giờ.", "3 ngày → 2 giờ"),
    ("Tỷ lệ hồ sơ nộp trực tuyến của xã tăng từ 9% (2021) lên 58% (2022).", "9% → 58%"),
    ("Doanh thu bán lẻ trực tuyến khoảng 4,8 tỷ đồng năm 2024.", "4,8 tỷ đồng"),
    ("Hơn 210.000 lượt nghe thuyết minh tự động bằng bốn ngôn ngữ.", "210.000"),
    ("Giá thu mua tiêu liên kết cao hơn giá thị trường 8–12%.", "8–12%"),
    # Periods and dates are not results.
    ("Tỷ lệ hồ sơ giải quyết đúng hạn 5 tháng đầu năm 2025 đạt 99,4%.", "99,4%"),
    ("426 cơ sở lưu trú tại TP. Vũng Tàu sử dụng nền tảng tính đến tháng 11/2022.", "426"),
    ("Trong năm 2023, 37 xã được hỗ trợ.", "37"),
])
def test_a_figure_is_the_number_the_sentence_is_about(sentence, figure):
    found = figure_of(sentence)
    assert found is not None and found.value == figure and found.text == sentence


@pytest.mark.parametrize("sentence", [
    "Phản ánh về thời gian chờ qua đường dây nóng giảm khoảng hai phần ba.",
    "Duy trì tiếp nhận hồ sơ liên tục trong suốt thời gian giãn cách xã hội năm 2021.",
])
def test_a_sentence_without_a_result_in_figures_has_none(sentence):
    assert figure_of(sentence) is None


def test_the_key_figure_is_the_first_achievement_with_a_figure(roll):
    h = roll.published[0]
    words_first = dataclasses.replace(h, achievements=("Vận hành ngay ngày làm việc đầu tiên của năm 2025.", "Tăng từ 21% lên 67%."))
    assert key_figure(words_first).value == "21% → 67%"
    assert key_figure(dataclasses.replace(h, achievements=())) is None


# --- pictures made at build time --------------------------------------------------------------------


def _pictures(roll, cache):
    return Pictures(roll.published, DATA, cache)


def test_pictures_are_the_same_bytes_from_any_cache_and_made_only_once(roll, tmp_path, monkeypatch):
    first = {g.src_uri: g.source_path.read_bytes() for g in _pictures(roll, tmp_path / "a").files()}
    again = {g.src_uri: g.source_path.read_bytes() for g in _pictures(roll, tmp_path / "b").files()}
    assert first == again  # a fresh clone builds the same site
    # A warm build opens no image: every file is already in the cache under its content's name.
    monkeypatch.setattr(pictures_module, "_opened", lambda path: pytest.fail(f"decoded {path} again"))
    warm = {g.src_uri: g.source_path.read_bytes() for g in _pictures(roll, tmp_path / "a").files()}
    assert warm == first


def test_honorees_with_a_photo_have_card_pictures_and_nobody_else(real_site, roll):
    folder = real_site / "anh" / "the"
    made = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".gz")}
    expected = set()
    for h in roll.published:
        if h.photos:
            expected |= {f"{h.id}-{w}.webp" for w in CARD_WIDTHS} | {f"{h.id}-{CARD_WIDTHS[-1]}.jpg"}
    # Drafts and nominations have none; an honoree without a photo is pictured by its share card's design, drawn by the page.
    assert made == expected and any(not h.photos for h in roll.published)
    for name in made:
        with Image.open(folder / name) as image:
            width = int(re.search(r"-(\d+)\.", name).group(1))
            assert image.size == (width, card_height(width))
            assert image.format == ("WEBP" if name.endswith(".webp") else "JPEG")
            assert not image.info.get("exif") and not image.info.get("xmp")  # no metadata rides along


def _difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean) / 3


def test_a_card_picture_is_the_first_photo_cut_to_the_share_card_shape(real_site, roll):
    with_photo = next(h for h in roll.published if h.photos)
    photo_card = Image.open(real_site / "anh" / "the" / f"{with_photo.id}-{CARD_WIDTHS[-1]}.webp")
    photo = ImageOps.fit(Image.open(DATA / with_photo.photos[0].file).convert("RGB"), photo_card.size)
    other = Image.open(real_site / "chia-se" / f"{with_photo.id}.jpg").resize(photo_card.size)
    assert _difference(photo_card, photo) < 6
    assert _difference(photo_card, other) > 20  # else the comparison could not tell them apart


def _art(html: str) -> list[str]:
    """The words of the first share-card design (.hr-art) in some HTML, one per line of the card."""
    box = re.search(r'<div class="hr-art" aria-hidden="true"[^>]*>(.*?)</div>', html, re.S).group(1)
    spans = re.findall(r'<span class="hr-art__(?:eyebrow|title|line|footer)">(.*?)</span>(?=<span class="hr-art__(?:title|line|footer)"|$)', box, re.S)
    return [unescape(re.sub(r"<[^>]+>", "", span)) for span in spans]


def test_without_a_photo_the_cards_draw_the_share_cards_words(real_site, roll):
    """The design says what the share card (the og:image) says, word for word, and is hidden from screen readers."""
    h = next(h for h in roll.published if not h.photos and h.kind.person)
    card = honoree_card(h, movement_line(h.movement))
    expected = [card.eyebrow, card.title, *card.lines, card.footer]
    page = (real_site / "guong-dien-hinh" / h.id / "index.html").read_text(encoding="utf-8")
    assert _art(page[page.index('class="hr-hero hr-hero--card"'):]) == expected
    listed = [c for c, _ in _cards((real_site / "guong-dien-hinh" / "index.html").read_text(encoding="utf-8")) if f">{escape(h.name)}</a>" in c]
    assert listed and _art(listed[0]) == expected
    assert not list((real_site / "anh" / "the").glob(f"{h.id}-*"))  # no picture file


def test_english_lists_draw_the_english_card_or_the_vietnamese_one_marked_so(real_site, roll):
    """A record with English is drawn with its English card's words; one without, in Vietnamese, lang="vi"."""
    from honour_roll.site.share_cards import english_honoree_card, english_movement_line

    cards = _cards((real_site / "en" / "honorees" / "index.html").read_text(encoding="utf-8"))
    english = next(h for h in roll.published if h.en is not None and not h.photos)
    vietnamese = next(h for h in roll.published if h.en is None and not h.photos)
    drawn = english_honoree_card(english, english_movement_line(english.movement))
    (mine,) = [c for c, _ in cards if f'<a href="{english.id}/">' in c]
    assert _art(mine) == [drawn.eyebrow, drawn.title, *drawn.lines, drawn.footer]
    (theirs,) = [c for c, _ in cards if f'guong-dien-hinh/{vietnamese.id}/"' in c]
    assert 'class="hr-art" aria-hidden="true" lang="vi"' in theirs and _art(theirs)[1] == vietnamese.name


def test_photos_come_in_widths_up_to_their_own_never_enlarged(real_site, roll):
    h = next(h for h in roll.published if h.photos)
    photo = h.photos[0]
    with Image.open(DATA / photo.file) as image:
        own = image.width
    stem = photo.file.stem
    widths = [w for w in PHOTO_WIDTHS if w < own] + [min(own, PHOTO_WIDTHS[-1])]
    for w in widths:
        assert Image.open(real_site / "anh" / f"{stem}-png-{w}.webp").width == w
    assert (real_site / "anh" / photo.file.name).is_file()  # the original stays where open data link it


def test_a_damaged_photo_is_a_problem_in_the_record_not_a_traceback(tmp_path):
    project = make_project(tmp_path / "p", [FIXTURES / "valid" / "honorees" / "tran-van-mau.yml"], FIXTURES / "valid" / "photos")
    (project / "data" / "photos" / "lop-hoc.png").write_bytes(b"\x89PNG\r\n\x1a\n but then not a picture")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "data/honorees/tran-van-mau.yml:47: photos[1].file: tệp 'photos/lop-hoc.png' không đọc được như ảnh" in result.stderr


# --- the cards and the honoree page, as built ----------------------------------------------------------


def _cards(html: str) -> list[tuple[str, bool]]:
    """Each card, and whether it is in the page's first list (whose first cards are above the fold)."""
    lists = re.findall(r'<ul class="hr-card-list">(.*?)</ul>', html, re.S)
    return [(card, n == 0) for n, cards in enumerate(lists) for card in re.findall(r'<li class="hr-card">(.*?)</li>', cards, re.S)]


def test_list_cards_carry_picture_name_badges_place_year_and_key_figure(real_site, roll):
    by_name = {h.name: h for h in roll.published}
    for page in ("index.html", "tru-cot/kinh-te-so/index.html", "loai/ca-nhan/index.html", "guong-dien-hinh/index.html"):
        html = (real_site / page).read_text(encoding="utf-8")
        cards = _cards(html)
        assert cards, page
        pictured = [(i, card, first_list) for i, (card, first_list) in enumerate(cards) if "<img" in card]
        assert pictured and len(pictured) < len(cards), page  # photos and share-card designs both appear
        for i, (card, first_list) in enumerate(cards):
            name = re.search(r'class="hr-card__title"><a href="[^"]+">([^<]+)</a>', card).group(1)
            h = by_name[name]
            if h.photos:
                img = [a for _, a in elements(card, "img")][0]
                assert img["src"].endswith(f"anh/the/{h.id}-{CARD_WIDTHS[-1]}.jpg") and img["width"] and img["height"]
                source = [a for _, a in elements(card, "source")][0]
                assert source["type"] == "image/webp" and all(f"{h.id}-{w}.webp {w}w" in source["srcset"] for w in CARD_WIDTHS)
                # The first cards are above the fold: loaded at once, the first before anything else.
                assert ("loading" not in img) == (first_list and i < 3), (page, i)
                assert ("fetchpriority" in img) == (i == 0), (page, i)
            else:
                assert "<img" not in card and _art(card)[1] == h.name
            assert f">{h.kind.label}</span>" in card and all(f">{p.label}</span>" in card for p in h.pillars)
            assert f"{h.locality.label} · {h.year}" in card
            figure = key_figure(h)
            if figure:
                assert f'aria-hidden="true">{figure.value}</span>' in card.replace("&#58;", ":")


def test_an_honoree_page_leads_with_its_picture_and_its_results_as_figures(real_site, roll):
    h = next(h for h in roll.published if not h.photos and len(h.achievements) >= 3)
    html = (real_site / "guong-dien-hinh" / h.id / "index.html").read_text(encoding="utf-8")
    hero, strip, story = html.index('class="hr-hero'), html.index('class="hr-figures"'), html.index('id="cau-chuyen"')
    assert html.index("</h1>") < hero < strip < story
    assert _art(html[hero:strip])[1] == h.name and "<img" not in html[hero:strip]
    assert 'rel="preload" as="image"' not in html  # nothing to fetch first: the lead is drawn by the page
    items = re.findall(r'<li class="hr-figures__item">(.*?)</li>', html[strip:story], re.S)
    assert len(items) == len(h.achievements)
    assert 'class="hr-figure__value"' in items[0]
    # With a photo, the lead is the photo, asked for from the head.
    h = next(h for h in roll.published if h.photos)
    html = (real_site / "guong-dien-hinh" / h.id / "index.html").read_text(encoding="utf-8")
    hero = html[html.index('class="hr-hero'):]
    img = [a for _, a in elements(hero, "img")][0]
    assert "loading" not in img and img["fetchpriority"] == "high"
    assert 'rel="preload" as="image"' in html[:html.index("</head>")]


# --- in the browser --------------------------------------------------------------------------------------


@pytest.mark.browser
def test_on_a_phone_the_home_page_shows_honorees_first_without_layout_shift(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.add_init_script("""
        window.__shift = 0;
        new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) window.__shift += e.value; }))
            .observe({type: "layout-shift", buffered: true});
    """)
    page.goto(served_site.url + "/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__shift") == 0
    first = page.locator(".hr-card").first
    assert first.bounding_box()["y"] < 844
    # A phone at two device pixels per CSS pixel takes the 600-pixel WebP.
    assert page.locator(".hr-card img").first.evaluate("img => img.currentSrc").endswith("-600.webp")
    # Lazy pictures below the fold have not been fetched.
    page.goto(served_site.url + "/guong-dien-hinh/", wait_until="networkidle")
    last = page.locator(".hr-card img").last
    assert last.get_attribute("loading") == "lazy" and last.bounding_box()["y"] > 2 * 844
    assert last.evaluate("img => img.complete && img.naturalWidth") == 0
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_share_card_design_fits_its_frame_with_legible_words(browser, served_site, roll, width):
    """Drawn by the page: every word inside the red frame, none below 12 px, the name the largest;
    on a phone's narrow frame the movement's name and the last line give way."""
    h = next(h for h in roll.published if not h.photos and h.kind.person)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{served_site.url}/guong-dien-hinh/{h.id}/", wait_until="networkidle")
    art = page.locator(".hr-hero .hr-art")
    box = art.bounding_box()
    assert abs(box["width"] / box["height"] - 40 / 21) < 0.02
    shown = art.evaluate("""art => [...art.querySelectorAll(':scope > span')].filter(s => getComputedStyle(s).display !== 'none').map(s => {
        const r = s.getBoundingClientRect();
        return {cls: s.className, size: parseFloat(getComputedStyle(s).fontSize), top: r.top, bottom: r.bottom, left: r.left, right: r.right};
    })""")
    for span in shown:
        assert span["size"] >= 12, span
        assert box["x"] <= span["left"] and span["right"] <= box["x"] + box["width"] + 0.5, span
        assert box["y"] <= span["top"] and span["bottom"] <= box["y"] + box["height"] + 0.5, span
    title = next(s for s in shown if s["cls"] == "hr-art__title")
    assert title["size"] == max(s["size"] for s in shown)
    lines = [s for s in shown if s["cls"] == "hr-art__line"]
    # The facts end above the footer's band.
    footer = next(s for s in shown if s["cls"] == "hr-art__footer")
    assert all(line["bottom"] <= footer["top"] for line in lines)
    movement = art.locator(".hr-art__more")
    if width == 390:
        assert len(lines) == 2 and movement.is_hidden()
    else:
        assert len(lines) == 3 and movement.is_visible()
    assert art.get_attribute("aria-hidden") == "true"
    context.close()


@pytest.mark.browser
def test_the_sample_data_banner_is_one_line_that_opens_to_the_whole_notice(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served_site.url + "/huong-dan/")
    banner = page.locator(".md-banner")
    assert banner.bounding_box()["height"] <= 44
    whole = page.locator(".md-banner details.hr-notice > p")
    assert whole.is_hidden()
    page.locator(".md-banner summary").focus()
    page.keyboard.press("Enter")  # a keyboard opens it too
    assert whole.is_visible() and "Hướng dẫn tiêu chí là văn bản thật" in whole.inner_text()
    # The print-only copy is hidden from screen readers on screen.
    assert page.locator(".hr-notice-print").evaluate("p => getComputedStyle(p).display") == "none"
    context.close()


@pytest.mark.browser
def test_tra_cuu_shows_cards_with_pictures_and_key_figures(browser, served_site, roll):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served_site.url + "/tra-cuu/?loai=ca-nhan", wait_until="networkidle")
    cards = page.locator(".hr-browse__results > .hr-card")
    individuals = [h for h in roll.published if h.kind.person]
    assert cards.count() == len(individuals)
    for h in (next(h for h in individuals if h.photos), next(h for h in individuals if not h.photos)):
        card = cards.nth(individuals.index(h))
        card.scroll_into_view_if_needed()
        assert card.locator(".hr-card__title a").inner_text() == h.name
        if h.photos:
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=card.locator("img").element_handle())
            assert card.locator("img").evaluate("img => img.currentSrc").endswith(f"/anh/the/{h.id}-600.webp")
        else:
            # The share card's design, as the server draws it (but the position and unit, which the list lacks).
            assert card.locator("img").count() == 0
            words = card.locator(".hr-art > span").all_text_contents()
            drawn = honoree_card(h, movement_line(h.movement))
            assert words == [drawn.eyebrow, drawn.title, *drawn.lines[1:], drawn.footer]
        assert card.locator(".hr-card__meta").inner_text() == f"{h.locality.label} · {h.year}"
        assert [b.strip() for b in card.locator(".hr-badge").all_inner_texts()] == [h.kind.label, *(p.label for p in h.pillars)]
        if key_figure(h):
            assert card.locator(".hr-figure__value").inner_text() == key_figure(h).value
    assert errors == []
    context.close()
