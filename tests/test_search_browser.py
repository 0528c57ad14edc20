"""Search in a real headless Chromium, on the real site: typed with real key
presses, in the header box and on the results page, with and without
diacritics, from a phone and without JavaScript."""

from __future__ import annotations

import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from honour_roll.site.generated import Generated
from honour_roll.record.guidance import load_guidance
from honour_roll.record.loader import load_roll
from honour_roll.site.search_encoding import INDEX_DIR
from honour_roll.site.search_index import documents
from honour_roll.record.vietnamese import canon, compounds, fold, nfc, tokens, words

from conftest import GUIDANCE_FILE, MOVEMENT, ROOT
from search_twin import StaticIndex

pytestmark = pytest.mark.browser

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731


@pytest.fixture(scope="module")
def docs():
    roll = load_roll(ROOT / "data", ROOT)
    return documents(roll, load_guidance(GUIDANCE_FILE, MOVEMENT), ROOT / "docs")


@pytest.fixture(scope="module")
def static_index(real_site):
    folder = real_site / INDEX_DIR
    files = [Generated(f"{INDEX_DIR}/{p.relative_to(folder).as_posix()}", p.read_text(encoding="utf-8")) for p in folder.rglob("*.json")]
    return StaticIndex(files)


def type_in_header(page: Page, text: str) -> list[str]:
    """Type a query into the header box; the titles of the listed results."""
    box = page.locator("#hr-search-input")
    box.click()
    page.keyboard.type(text, delay=15)
    shown = nfc(text).strip()
    page.wait_for_function(
        "q => [...document.querySelectorAll('[data-hr-search-popup] [role=option], [data-hr-search-footer]')]"
        ".some(el => el.textContent.includes('“' + q + '”'))",
        arg=shown,
    )
    return page.locator("#hr-search-listbox [role=option] .hr-search__title").all_text_contents()


def all_results(page: Page, served_site, query: str) -> list[str]:
    """Search on the results page by typing and pressing Enter; every result's URL path."""
    page.goto(served_site.url + "/tim-kiem/")
    page.locator("#hr-search-page-input").click()
    page.keyboard.type(query, delay=10)
    page.keyboard.press("Enter")
    status = page.locator("[data-hr-search-page-status]")
    expect(status).to_contain_text("kết quả")
    more = page.locator("[data-hr-search-page-more]")
    while more.is_visible():
        count = page.locator(".hr-result").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('.hr-result').length > n", arg=count)
    hrefs = page.locator(".hr-result__title").evaluate_all("els => els.map(a => a.href)")
    return [urlsplit(h).path.lstrip("/") + (("#" + urlsplit(h).fragment) if urlsplit(h).fragment else "") for h in hrefs]


# --- the browser's words are Python's words ------------------------------------------------------


def test_browser_folds_and_places_tones_like_python(page, served_site, docs):
    page.goto(served_site.url + "/")
    spellings = sorted({w for d in docs for f in d.fields for w in tokens(f)})
    spellings += [NFD(w) for w in spellings[:500]] + ["Hòa", "HOÀ", "thúy", "THUÝ", "Ðức", "ǅ", "ﬁ", "İstanbul", "ß"]
    assert len(spellings) > 2000
    js = page.evaluate("ws => ws.map(w => [hrSearch.fold(w), hrSearch.canon(w), hrSearch.isFolded(w)])", spellings)
    py = [[fold(w), canon(w), fold(w) == nfc(w).lower()] for w in spellings]
    mismatches = [(w, a, b) for w, a, b in zip(spellings, js, py) if a != b]
    assert mismatches == []


def test_browser_splits_words_like_python(page, served_site, docs):
    page.goto(served_site.url + "/")
    texts = [nfc(f) for d in docs for f in d.fields if f]
    texts += ["Tiêu chí 3.3.a, a..b, -x-, x--y, COVID-19/20, a_b", NFD("Đổi mới 4.0"), "x" * 41 + ".y"]
    js = page.evaluate("ts => ts.map(t => hrSearch.terms(t))", texts)
    py = [[list(s) for s in sorted(words(t) + compounds(t))] for t in texts]
    assert js == py


def test_browser_ranks_exactly_like_the_python_reference(page, served_site, static_index):
    page.goto(served_site.url + "/")
    assert page.evaluate("hrSearch.PREFIX") == static_index.meta["prefix"]
    queries = ["xuyen moc", "dang quoc viet", "doi", "đổi", "Hoa", "Hoà", "Hòa", NFD("Hòa"), "số", "so", "sở",
               "chuyen doi so", "dat do", "tieu chi 3.3", "3.3.a", "con dao", "vung t", "th", "ubnd", "zzzz",
               "chu ky so", "chữ ký số", "co thi dua", "vungtau", "VũngTàu", "ba ria vung tau"]
    js = page.evaluate(
        """async qs => {
            const index = new hrSearch.Index(document.querySelector('[data-hr-index]').dataset.hrIndex);
            const out = [];
            for (const q of qs) {
                const r = await index.search(q);
                out.push(r.hits.map(h => [h.id, h.matched, h.level, Math.round(h.score * 1e6)]));
            }
            return out;
        }""",
        queries,
    )
    for q, got in zip(queries, js):
        _, hits = static_index.search(q)
        assert got == [[h.id, h.matched, h.level, round(h.score * 1e6)] for h in hits], q


def test_a_vocabulary_file_from_an_earlier_build_is_fetched_again(page, served_site):
    """A cached vocabulary file of an earlier deploy must not be mixed with this index."""
    asked = []
    page.route("**/tim-kiem/index/v/xu.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body='{"build":"earlier","words":[["xuyen",1,0]]}'))
    page.on("request", lambda r: asked.append(r.url) if "/tim-kiem/index/" in r.url else None)
    page.goto(served_site.url + "/")
    assert type_in_header(page, "xuyen moc")[0] == "Huyện Đoàn Xuyên Mộc"
    meta = page.evaluate("fetch(document.querySelector('[data-hr-index]').dataset.hrIndex + 'meta.json').then(r => r.json())")
    assert any(u.endswith(f"/v/xu.json?v={meta['build']}") for u in asked)
    assert all("?v=" + meta["build"] in u for u in asked if "/t/" in u or "/d/" in u)


# --- the header box ------------------------------------------------------------------------------


def test_typed_name_or_place_without_diacritics_puts_the_honoree_first(page, served_site):
    page.goto(served_site.url + "/")
    assert type_in_header(page, "xuyen moc")[0] == "Huyện Đoàn Xuyên Mộc"
    page.locator("#hr-search-input").fill("")
    assert type_in_header(page, "dang quoc viet")[0] == "Đặng Quốc Việt"
    page.locator("#hr-search-input").fill("")
    assert type_in_header(page, "DAT DO")[0] == "Phòng Giáo dục và Đào tạo huyện Đất Đỏ"


def test_typing_doi_finds_and_highlights_doi_with_diacritics(page, served_site):
    page.goto(served_site.url + "/")
    type_in_header(page, "doi")
    marks = page.locator("#hr-search-listbox mark").all_text_contents()
    assert any(m.lower() == "đổi" for m in marks), marks
    # the snippet is the original text, diacritics included
    snippets = page.locator("#hr-search-listbox .hr-search__snippet").all_text_contents()
    assert any("đổi" in s for s in snippets)


def test_nfd_input_finds_what_nfc_input_finds(page, served_site):
    page.goto(served_site.url + "/")
    nfc_titles = type_in_header(page, "Xuyên Mộc")
    page.locator("#hr-search-input").fill("")
    nfd_titles = type_in_header(page, NFD("Xuyên Mộc"))
    assert nfd_titles == nfc_titles and nfc_titles[0] == "Huyện Đoàn Xuyên Mộc"


def test_keyboard_moves_through_results_and_enter_opens_one(page, served_site):
    page.goto(served_site.url + "/")
    titles = type_in_header(page, "xuyen moc")
    assert len(titles) >= 2
    box = page.locator("#hr-search-input")
    options = page.locator("#hr-search-listbox [role=option]")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(box).to_have_attribute("aria-controls", "hr-search-listbox")
    expect(page.locator("[data-hr-search-status]")).to_contain_text("kết quả")
    page.keyboard.press("ArrowDown")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id"))
    page.keyboard.press("ArrowDown")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id"))
    page.keyboard.press("ArrowUp")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    expect(box).to_be_focused()  # focus stays in the box; the option is only "active"
    page.keyboard.press("Enter")
    page.wait_for_url("**/guong-dien-hinh/huyen-doan-xuyen-moc/")
    expect(page.locator("h1")).to_contain_text("Huyện Đoàn Xuyên Mộc")


def test_all_results_link_is_reachable_with_tab(page, served_site):
    page.goto(served_site.url + "/")
    type_in_header(page, "xuyen moc")
    page.keyboard.press("Tab")  # the submit button
    page.keyboard.press("Tab")
    link = page.locator(".hr-search__all")
    expect(link).to_be_focused()
    expect(link).to_have_text("Xem tất cả 4 kết quả cho “xuyen moc”")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=xuyen*moc")
    expect(page.locator(".hr-result")).to_have_count(4)


def test_escape_closes_the_list_then_clears_the_box(page, served_site):
    page.goto(served_site.url + "/")
    type_in_header(page, "xuyen")
    box = page.locator("#hr-search-input")
    page.keyboard.press("Escape")
    expect(page.locator("[data-hr-search-popup]")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("xuyen")
    page.keyboard.press("Escape")
    expect(box).to_have_value("")


def test_slash_focuses_the_search_box(page, served_site):
    page.goto(served_site.url + "/boi-canh/")
    page.keyboard.press("/")
    expect(page.locator("#hr-search-input")).to_be_focused()


def test_a_criterion_result_opens_its_anchor_in_the_guidance(page, served_site):
    page.goto(served_site.url + "/")
    titles = type_in_header(page, "tieu chi 3.3.a")
    assert titles[0].startswith("Tiêu chí 3.3.a")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/huong-dan/#tieu-chi-3-3-a")
    expect(page.locator("#tieu-chi-3-3-a")).to_be_visible()


# --- the results page ----------------------------------------------------------------------------


def test_enter_without_a_choice_opens_the_results_page(page, served_site):
    page.goto(served_site.url + "/loai/ca-nhan/")
    type_in_header(page, "chuyen doi so")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["chuyen doi so"]
    expect(page.locator("[data-hr-search-page-status]")).to_contain_text("kết quả cho “chuyen doi so”")
    expect(page.locator("#hr-search-page-input")).to_have_value("chuyen doi so")
    first = page.locator(".hr-result").first
    expect(first.locator("mark").first).to_be_visible()


def test_exact_diacritics_rank_above_other_diacritics(page, served_site, docs):
    """Typing "sở" lists every page with "sở" before pages with only "số", "sờ"..."""
    by_url = {d.url: d for d in docs}
    for query in ("sở", "đổi"):
        urls = all_results(page, served_site, query)
        exact = [canon(query) in {canon(t) for f in by_url[u].fields for t in tokens(f)} for u in urls]
        assert True in exact and False in exact, query  # both kinds are on the site
        assert exact == sorted(exact, reverse=True), query


def test_hoa_with_and_without_diacritics_and_either_tone_placement(page, served_site):
    old = all_results(page, served_site, "Hòa")
    new = all_results(page, served_site, "Hoà")
    plain = all_results(page, served_site, "Hoa")
    assert old == new
    assert set(plain) == set(old) and len(plain) > 10


def test_results_page_keeps_the_query_in_the_url_and_history(page, served_site):
    page.goto(served_site.url + "/tim-kiem/?q=xuyen+moc")
    expect(page.locator(".hr-result__title").first).to_have_text("Huyện Đoàn Xuyên Mộc")
    box = page.locator("#hr-search-page-input")
    box.fill("")
    box.click()
    page.keyboard.type("dang quoc viet")
    page.keyboard.press("Enter")
    expect(page.locator(".hr-result__title").first).to_have_text("Đặng Quốc Việt")
    assert "q=dang+quoc+viet" in page.url or "q=dang%20quoc%20viet" in page.url
    page.go_back()
    expect(page.locator(".hr-result__title").first).to_have_text("Huyện Đoàn Xuyên Mộc")
    expect(box).to_have_value("xuyen moc")


# --- phones and no JavaScript --------------------------------------------------------------------


def test_on_a_phone_the_magnifier_opens_the_box_and_escape_closes_it(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(served_site.url + "/huong-dan/")
    opener = page.locator("[data-hr-search-open]")
    expect(page.locator("#hr-search-input")).to_be_hidden()
    opener.click()
    box = page.locator("#hr-search-input")
    expect(box).to_be_focused()
    expect(opener).to_have_attribute("aria-expanded", "true")
    assert type_in_header(page, "con dao")[0] == "Ban Quản lý Di tích Côn Đảo"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(box).to_be_hidden()
    expect(opener).to_be_focused()
    context.close()


def test_without_javascript_the_search_form_goes_to_the_results_page(browser, served_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served_site.url + "/tru-cot/kinh-te-so/")
    page.locator("#hr-search-input").fill("xuyen moc")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=xuyen+moc")
    expect(page.locator(".hr-search-page__noscript")).to_contain_text("JavaScript")
    expect(page.locator("a[href$='tra-cuu/']").first).to_be_visible()
    context.close()
    phone = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.goto(served_site.url + "/")
    page.locator("[data-hr-search-open]").click()
    page.wait_for_url("**/tim-kiem/")
    phone.close()


# --- record text is text -------------------------------------------------------------------------

TRICKY_NAME = 'Tổ "Số" & Cộng đồng Ánh Dương'
TRICKY_SUMMARY = 'Thư viện ánhdương <img src=x onerror="document.body.dataset.pwned=1"> mở cửa & “miễn phí” cho người dân.'


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory):
    from conftest import FIXTURES, StaticServer, make_project, run_build

    project = make_project(tmp_path_factory.mktemp("tricky"), [], photos=FIXTURES / "valid" / "photos")
    text = (FIXTURES / "valid" / "honorees" / "tran-van-mau.yml").read_text(encoding="utf-8")
    text = text.replace("name: Trần Văn Mẫu", f"name: '{TRICKY_NAME}'")
    text = text.split("summary: >-")[0] + f"summary: '{TRICKY_SUMMARY}'\nstory:" + text.split("\nstory:", 1)[1]
    (project / "data" / "honorees" / "to-so-anh-duong.yml").write_text(text, encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with StaticServer(project / "site") as server:
        yield server


def test_record_text_is_shown_as_text_never_as_markup(browser, tricky_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(tricky_site.url + "/")
    titles = type_in_header(page, "anhduong")
    assert titles == [TRICKY_NAME]
    snippet = page.locator("#hr-search-listbox .hr-search__snippet").first
    expect(snippet).to_contain_text('<img src=x onerror="document.body.dataset.pwned=1">')
    assert page.locator("#hr-search-listbox img").count() == 0
    page.goto(tricky_site.url + "/tim-kiem/?q=anhduong")
    expect(page.locator(".hr-result__title")).to_have_text(TRICKY_NAME)
    assert page.locator(".hr-result img").count() == 0
    page.goto(tricky_site.url + "/tra-cuu/")
    expect(page.locator("[data-hr-browse-results] a")).to_have_text(TRICKY_NAME)
    assert page.evaluate("document.body.dataset.pwned") is None
    context.close()
