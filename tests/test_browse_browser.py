"""Tra cứu in a real headless Chromium: filters by keyboard and mouse, counts,
the slice kept in the URL (reload, share, back and forward), and the plain
list without JavaScript."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from honour_roll.browse import LEVEL_SLUGS
from honour_roll.loader import load_roll
from honour_roll.vocabulary import Pillar

from conftest import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def published():
    return load_roll(ROOT / "data", ROOT).published


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
        if levels and not {LEVEL_SLUGS[i.level] for i in h.initiatives} & set(levels):
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
    for p in Pillar:
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
    for p in Pillar:
        names = static.locator(f"h2#{p.slug} + ul a").all_text_contents()
        assert names == [h.name for h in published if p in h.pillars]
    static.locator("a", has_text=published[0].name).first.click()
    page.wait_for_url(f"**/guong-dien-hinh/{published[0].id}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
