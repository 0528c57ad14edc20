"""Tra cứu in a real headless Chromium: filters by keyboard and mouse, counts,
the slice kept in the URL (reload, share, back and forward), and the plain
list without JavaScript."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from honour_roll.site.generated import Generated
from honour_roll.site.search_encoding import INDEX_DIR
from honour_roll.record.loader import load_roll

from conftest import MOVEMENT, ROOT
from search_twin import StaticIndex

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def published():
    return load_roll(ROOT / "data", ROOT).published


@pytest.fixture(scope="module")
def static_ranking(real_site, published):
    """Names of the honorees having every word of a query, best first, as the search ranks them."""
    folder = real_site / INDEX_DIR
    index = StaticIndex(Generated(f"{INDEX_DIR}/{p.relative_to(folder).as_posix()}", p.read_text(encoding="utf-8")) for p in folder.rglob("*.json"))

    def ranking(query: str) -> list[str]:
        terms, hits = index.search(query)
        return [published[h.id].name for h in hits if h.id < len(published) and h.matched == len(terms)]

    return ranking


def expected_slice(published, pillars=(), kinds=(), localities=(), years=(), awards=(), levels=()):
    """Names, newest first: within a facet any checked value, across facets all."""
    out = []
    for h in published:
        if pillars and not {p.slug for p in h.pillars} & set(pillars):
            continue
        if kinds and h.kind.slug not in kinds:
            continue
        if localities and h.locality.id not in localities:
            continue
        if years and h.year not in years:
            continue
        if awards and h.recognition.award.id not in awards:
            continue
        if levels and not {i.level.slug for i in h.initiatives} & set(levels):
            continue
        out.append(h.name)
    return out


def listed(page: Page) -> list[str]:
    return page.locator("[data-hr-browse-results] li a").all_text_contents()


def check(page: Page, param: str, value: str):
    page.locator(f"input[name='{param}'][value='{value}']").check()


def count_of(page: Page, param: str, value: str) -> int:
    label = page.locator("label", has=page.locator(f"input[name='{param}'][value='{value}']"))
    return int(label.locator(".hr-facet__count").text_content())


def test_with_javascript_the_filters_replace_the_plain_list(page, served_site, published):
    page.goto(served_site.url + "/tra-cuu/")
    expect(page.locator("[data-hr-browse]")).to_be_visible()
    expect(page.locator("[data-hr-browse-static]")).to_be_hidden()
    assert listed(page) == [h.name for h in published]
    expect(page.locator("[data-hr-browse-status]")).to_have_text(f"Tất cả {len(published)} gương điển hình.")
    # real checkboxes inside fieldsets with legends
    legends = page.locator("fieldset legend").all_text_contents()
    assert legends == ["Trụ cột", "Loại", "Địa bàn", "Năm công nhận", "Hình thức khen thưởng", "Sáng kiến được công nhận"]
    assert page.locator("fieldset input[type=checkbox]").count() == 3 + 3 + 10 + 5 + 4 + 3


def test_filters_combine_and_the_counts_follow_the_other_filters(page, served_site, published):
    page.goto(served_site.url + "/tra-cuu/")
    check(page, "loai", "ca-nhan")
    assert listed(page) == expected_slice(published, kinds=["ca-nhan"])
    # each pillar's count: individuals in that pillar
    for p in MOVEMENT.pillars:
        assert count_of(page, "tru-cot", p.slug) == len(expected_slice(published, kinds=["ca-nhan"], pillars=[p.slug]))
    # the kind counts ignore the kind filter itself
    assert count_of(page, "loai", "tap-the") == len(expected_slice(published, kinds=["tap-the"]))
    check(page, "tru-cot", "xa-hoi-so")
    check(page, "dia-ban", "xuyen-moc")
    check(page, "nam", "2024")
    want = expected_slice(published, kinds=["ca-nhan"], pillars=["xa-hoi-so"], localities=["xuyen-moc"], years=[2024])
    assert want and listed(page) == want
    expect(page.locator("[data-hr-browse-status]")).to_have_text(f"{len(want)} trên {len(published)} gương điển hình phù hợp với bộ lọc.")
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"tru-cot": ["xa-hoi-so"], "loai": ["ca-nhan"], "dia-ban": ["xuyen-moc"], "nam": ["2024"]}
    # two values of one facet are alternatives
    check(page, "nam", "2023")
    assert listed(page) == expected_slice(published, kinds=["ca-nhan"], pillars=["xa-hoi-so"], localities=["xuyen-moc"], years=[2023, 2024])


def test_the_url_gives_the_recipient_the_same_slice(page, browser, served_site, published):
    page.goto(served_site.url + "/tra-cuu/")
    check(page, "khen-thuong", "bang-khen")
    check(page, "sang-kien", "cap-tinh")
    check(page, "sang-kien", "toan-quoc")
    want = expected_slice(published, awards=["bang-khen"], levels=["cap-tinh", "toan-quoc"])
    assert want and listed(page) == want
    shared = page.url
    page.reload()
    assert listed(page) == want
    expect(page.locator("input[name='sang-kien'][value='cap-tinh']")).to_be_checked()
    other = browser.new_context(viewport={"width": 390, "height": 844})
    recipient = other.new_page()
    recipient.goto(shared)
    assert listed(recipient) == want
    expect(recipient.locator("input[name='khen-thuong'][value='bang-khen']")).to_be_checked()
    assert recipient.evaluate("document.documentElement.scrollWidth") <= 390
    other.close()


def test_back_and_forward_walk_through_the_filters(page, served_site, published):
    page.goto(served_site.url + "/tra-cuu/")
    check(page, "loai", "tap-the")
    check(page, "dia-ban", "vung-tau")
    both = expected_slice(published, kinds=["tap-the"], localities=["vung-tau"])
    assert listed(page) == both
    page.go_back()
    assert parse_qs(urlsplit(page.url).query) == {"loai": ["tap-the"]}
    assert listed(page) == expected_slice(published, kinds=["tap-the"])
    expect(page.locator("input[name='dia-ban'][value='vung-tau']")).not_to_be_checked()
    page.go_back()
    assert listed(page) == [h.name for h in published]
    page.go_forward()
    page.go_forward()
    assert listed(page) == both
    expect(page.locator("input[name='dia-ban'][value='vung-tau']")).to_be_checked()


def test_keyboard_only_filtering_and_clearing(page, served_site, published):
    page.goto(served_site.url + "/tra-cuu/")
    first = page.locator("fieldset input[type=checkbox]").first  # Chính quyền số
    first.focus()
    page.keyboard.press("Space")
    assert listed(page) == expected_slice(published, pillars=["chinh-quyen-so"])
    page.keyboard.press("Tab")  # next checkbox: Kinh tế số
    page.keyboard.press("Space")
    assert listed(page) == expected_slice(published, pillars=["chinh-quyen-so", "kinh-te-so"])
    clear = page.locator("[data-hr-browse-clear]")
    clear.focus()
    page.keyboard.press("Enter")
    assert listed(page) == [h.name for h in published]
    assert urlsplit(page.url).query == ""
    expect(clear).to_be_hidden()


def test_an_empty_slice_says_so(page, served_site, published):
    page.goto(served_site.url + "/tra-cuu/?dia-ban=long-dat&nam=2021")
    assert listed(page) == []
    expect(page.locator("[data-hr-browse-status]")).to_contain_text("Không có gương điển hình nào phù hợp")


def test_without_javascript_every_honoree_is_listed_by_pillar(browser, served_site, published):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served_site.url + "/tra-cuu/?loai=ca-nhan")
    expect(page.locator("[data-hr-browse]")).to_be_hidden()
    static = page.locator("[data-hr-browse-static]")
    expect(static).to_be_visible()
    for p in MOVEMENT.pillars:
        names = static.locator(f"h2#{p.slug} + ul a").all_text_contents()
        assert names == [h.name for h in published if p in h.pillars]
    static.locator("a", has_text=published[0].name).first.click()
    page.wait_for_url(f"**/guong-dien-hinh/{published[0].id}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


# --- keyword, phone, Vietnamese addresses --------------------------------------------------------


def test_a_keyword_combines_with_the_filters_and_lives_in_the_url(page, served_site, published, static_ranking):
    page.goto(served_site.url + "/tra-cuu/")
    check(page, "loai", "ca-nhan")
    page.locator("#hr-browse-q").fill("chu ky so")
    expect(page.locator("[data-hr-browse-status]")).to_contain_text("từ khóa “chu ky so” và bộ lọc")
    # the search's honorees having every word, in its order, that pass the filter
    want = [name for name in static_ranking("chu ky so") if name in expected_slice(published, kinds=["ca-nhan"])]
    assert want and listed(page) == want
    assert listed(page)[0] == "Đặng Quốc Việt"
    assert parse_qs(urlsplit(page.url).query) == {"q": ["chu ky so"], "loai": ["ca-nhan"]}
    page.reload()
    expect(page.locator("[data-hr-browse-status]")).to_contain_text("từ khóa")
    assert listed(page) == want
    expect(page.locator("#hr-browse-q")).to_have_value("chu ky so")
    # a keyword no honoree has leaves none; clearing brings everyone back
    page.locator("#hr-browse-q").fill("zzzzqq")
    expect(page.locator("[data-hr-browse-status]")).to_contain_text("Không có gương điển hình nào phù hợp")
    page.locator("[data-hr-browse-clear]").click()
    assert listed(page) == [h.name for h in published]
    expect(page.locator("#hr-browse-q")).to_have_value("")


def test_on_a_phone_a_filter_offers_a_button_to_the_results(browser, served_site, published):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served_site.url + "/tra-cuu/")
    jump = page.locator("[data-hr-browse-jump]")
    expect(jump).to_be_hidden()
    page.locator("summary.hr-browse__summary").click()
    check(page, "loai", "tap-the")
    n = len(expected_slice(published, kinds=["tap-the"]))
    expect(jump).to_be_visible()
    expect(jump).to_have_text(f"Xem {n} kết quả")
    box = jump.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 844  # in view, without scrolling down to it
    status = page.locator("[data-hr-browse-status]")
    assert status.bounding_box()["y"] > 844  # the results start below the screen
    jump.click()
    expect(jump).to_be_hidden()
    expect(status).to_be_focused()
    top = status.bounding_box()["y"]
    assert 40 < top < 844  # in view, below the header
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_the_locality_filter_speaks_vietnamese_and_old_links_still_work(page, served_site, published):
    page.goto(served_site.url + "/tra-cuu/")
    check(page, "dia-ban", "cap-tinh")
    assert parse_qs(urlsplit(page.url).query) == {"dia-ban": ["cap-tinh"]}
    want = expected_slice(published, localities=["province"])
    assert want and listed(page) == want
    page.goto(served_site.url + "/tra-cuu/?dia-ban=province")  # a link shared before
    assert listed(page) == want
    expect(page.locator("input[name='dia-ban'][value='cap-tinh']")).to_be_checked()
    assert parse_qs(urlsplit(page.url).query) == {"dia-ban": ["cap-tinh"]}
