"""The Tra cứu page as generated: every honoree grouped by pillar, and the
compact facet codes browse.js reads."""

from __future__ import annotations

import re

import pytest

from honour_roll.site.browse import BROWSE_SRC, browse_page, facets
from honour_roll.record.loader import load_roll
from honour_roll.record.vocabulary import Status

from conftest import GUIDANCE_FILE, MOVEMENT, ROOT
from htmltext import elements, visible_text


@pytest.fixture(scope="module")
def roll():
    return load_roll(ROOT / "data", ROOT)


@pytest.fixture(scope="module")
def html(real_site):
    return (real_site / "tra-cuu" / "index.html").read_text(encoding="utf-8")


def decode(code: str) -> dict:
    """What a data-f code says, in the vocabulary's terms."""
    digits = [int(c, 36) for c in code]
    bits = lambda n, items: {item for i, item in enumerate(items) if n & (1 << i)}  # noqa: E731
    return {
        "pillars": bits(digits[0], list(MOVEMENT.pillars)),
        "kind": MOVEMENT.kinds[digits[1]],
        "locality": MOVEMENT.localities[digits[2]].id,
        "year": MOVEMENT.years[digits[3]],
        "award": list(MOVEMENT.awards)[digits[4]],
        "levels": {lv.slug for lv, on in zip(MOVEMENT.levels, [digits[5] >> i & 1 for i in range(len(MOVEMENT.levels))]) if on},
    }


def test_the_page_is_generated_in_the_nav(roll):
    page = browse_page(roll)
    assert page.src_uri == BROWSE_SRC and page.in_nav
    assert "Tra cứu: tra-cuu.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_every_honoree_is_listed_under_each_of_its_pillars_with_a_working_link(real_site, roll, html):
    static = html.split("data-hr-browse-static", 1)[1].split("</div>", 1)[0]
    sections = re.split(r"<h2 id=\"", static)[1:]
    assert [s.split('"', 1)[0] for s in sections] == [p.slug for p in MOVEMENT.pillars]
    for pillar, section in zip(MOVEMENT.pillars, sections):
        hrefs = [a["href"] for _, a in elements(section, "a")]
        expected = [f"../guong-dien-hinh/{h.id}/" for h in roll.published if pillar in h.pillars]
        assert hrefs == expected, pillar
        for href in hrefs:
            assert (real_site / "tra-cuu" / href / "index.html").resolve().is_file()
        assert f"{pillar.label} ({len(expected)})" in visible_text(section)


def test_the_form_carries_compact_facet_codes_in_roll_order(roll, html):
    forms = [a for _, a in elements(html, "form") if "data-hr-browse" in a]
    codes = forms[0]["data-codes"]
    width = len(facets(MOVEMENT))
    assert len(codes) == width * len(roll.published)
    for n, h in enumerate(roll.published):
        assert decode(codes[n * width : (n + 1) * width]) == {
            "pillars": set(h.pillars),
            "kind": h.kind,
            "locality": h.locality.id,
            "year": h.year,
            "award": h.recognition.award,
            "levels": {i.level.slug for i in h.initiatives},
        }, h.id
    assert "data-n=" not in html and "data-f=" not in html  # nothing per entry: the list stays lean


def test_filters_are_checkboxes_in_fieldsets_with_counts_over_the_roll(roll, html):
    form = html.split("data-hr-browse", 1)[1].split("</form>", 1)[0]
    assert form.count("<fieldset") == len(facets(MOVEMENT)) == form.count("<legend")
    for facet in facets(MOVEMENT):
        values = re.findall(rf'<input type="checkbox" name="{facet.param}" value="([^"]+)"', form)
        assert values == [v.value for v in facet.values]
    counts = dict(re.findall(r'name="dia-ban" value="([^"]+)"[^>]*> <span class="hr-facet__label">[^<]*</span> <span class="hr-facet__count">(\d+)', form))
    for loc in MOVEMENT.localities:
        assert int(counts[loc.url_value]) == sum(1 for h in roll.published if h.locality.id == loc.id)


def test_nothing_unpublished_is_listed(roll, html):
    for h in roll.honorees:
        if h.status is not Status.RECOGNISED:
            assert h.name not in html and h.id not in html


def test_names_are_escaped(roll):
    import dataclasses

    from honour_roll.record.loader import Roll

    h = dataclasses.replace(roll.published[0], name='Tổ "Số" & [Cộng đồng] *1*')
    content = browse_page(Roll((h,), roll.movement)).content
    assert 'Tổ "Số"' not in content and "[Cộng đồng]" not in content
    assert "Tổ &#34;Số&#34; &#38; &#91;Cộng đồng&#93; &#42;1&#42;" in content


def test_links_to_a_slice_use_known_filters(roll):
    """Pillar and kind pages link to slices of Tra cứu ("see all 40 in Tra cứu"): those filters must exist."""
    import dataclasses
    import html
    from urllib.parse import parse_qs

    from honour_roll.record.guidance import load_guidance
    from honour_roll.record.loader import Roll
    from honour_roll.site.pages import PageMaker

    # enough honorees that every group is cut short and links to its slice
    many = Roll(tuple(
        dataclasses.replace(h, id=f"{h.id}-{i}", name=f"{h.name} {i}")
        for i in range(30) for h in roll.published
    ), roll.movement)
    guidance = load_guidance(GUIDANCE_FILE, MOVEMENT)
    maker = PageMaker(many, guidance, ROOT / "data")
    pages = [maker.pillar_page(p) for p in MOVEMENT.pillars] + [maker.kind_page(k) for k in MOVEMENT.kinds]
    known = {f.param: {v.value for v in f.values} for f in facets(MOVEMENT)}
    queries = [q for page in pages for q in re.findall(r"tra-cuu\.md\?([^)\s]+)\)", page.content)]
    assert len(queries) >= 9
    for query in queries:
        for param, values in parse_qs(html.unescape(query)).items():
            assert param in known and set(values) <= known[param], query
