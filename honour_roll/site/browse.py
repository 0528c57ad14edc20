"""The "Tra cứu" page (/tra-cuu/): every honoree, with filters that live in
the URL so that a link shows the recipient the same slice.

Without JavaScript the page is a plain list of every honoree grouped by
pillar, each group in roll order (newest first). browse.js reads names and
links from that list, so the filter data is only ``data-codes`` on the form:
per honoree in roll order, one base-36 character per facet, in the order of
``facets()``: the index of its value for single-valued facets, a bit mask
over the values for those an honoree can have several of (pillars,
initiative levels). The checkboxes of each facet are in the same order.
The pillar codes also tell browse.js where each honoree sits in the groups.

The keyword box asks the site's search index (search.js): its first
documents are the published honorees in roll order, the order of the codes
(honour_roll/search_index.py ``documents``), so a hit's number is the
honoree's place here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from honour_roll.site.figures import key_figure
from honour_roll.site.generated import Generated
from honour_roll.record.loader import Roll
from honour_roll.record.model import Honoree
from honour_roll.site.pages import make_environment
from honour_roll.site.pictures import CARD_DIR, CARD_FALLBACK, CARD_RATIO, CARD_WIDTHS
from honour_roll.site.share_cards import eyebrow, movement_line, place_line
from honour_roll.site.urls import BROWSE_SRC, DIRECTORY_URLS, Urls, honoree_src
from honour_roll.record.movement import Movement

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"

@dataclass(frozen=True)
class FacetValue:
    value: str  # as written in the URL
    label: str
    count: int = 0
    old: str = ""  # the value links made before the URL was Vietnamese carry


@dataclass(frozen=True)
class Facet:
    param: str  # the URL query parameter
    legend: str
    values: tuple[FacetValue, ...]
    multi: bool  # an honoree may have several values: its code is a bit mask
    of: Callable[[Honoree], tuple[int, ...]]  # an honoree's value indexes

    def code(self, h: Honoree) -> str:
        indexes = self.of(h)
        if self.multi:
            return _DIGITS[sum(1 << i for i in set(indexes))]
        return _DIGITS[indexes[0]]


def _index(items) -> Callable[[object], int]:
    positions = {item: i for i, item in enumerate(items)}
    return positions.__getitem__


def facets(m: Movement) -> tuple[Facet, ...]:
    """The filters of the page, in the order of the codes and of the URL. Values are
    Vietnamese in the URL; a locality whose id is not (``province``) has a slug, and links
    made before carry the id: browse.js still reads it (FacetValue.old)."""
    pillar, kind, award, level = _index(m.pillars), _index(m.kinds), _index(m.awards), _index(m.levels)
    locality, year = _index(loc.id for loc in m.localities), _index(m.years)
    return (
        Facet("tru-cot", m.pillar_label, tuple(FacetValue(p.slug, p.label) for p in m.pillars), True,
              lambda h: tuple(pillar(p) for p in h.pillars)),
        Facet("loai", "Loại", tuple(FacetValue(k.slug, k.label) for k in m.kinds), False, lambda h: (kind(h.kind),)),
        Facet("dia-ban", "Địa bàn",
              tuple(FacetValue(loc.url_value, loc.label, old=loc.id if loc.url_value != loc.id else "") for loc in m.localities), False,
              lambda h: (locality(h.locality.id),)),
        Facet("nam", "Năm công nhận", tuple(FacetValue(str(y), str(y)) for y in m.years), False, lambda h: (year(h.year),)),
        Facet("khen-thuong", "Hình thức khen thưởng", tuple(FacetValue(a.id, a.label) for a in m.awards), False,
              lambda h: (award(h.recognition.award),)),
        Facet("sang-kien", "Sáng kiến được công nhận", tuple(FacetValue(lv.slug, f"Sáng kiến {lv.label}") for lv in m.levels), True,
              lambda h: tuple(level(i.level) for i in h.initiatives)),
    )


def codes(h: Honoree, all_facets: tuple[Facet, ...]) -> str:
    return "".join(f.code(h) for f in all_facets)


def counted(facet: Facet, honorees: tuple[Honoree, ...]) -> Facet:
    """The facet with each value's count over the whole roll (what the page shows before any filter)."""
    counts = [0] * len(facet.values)
    for h in honorees:
        for i in set(facet.of(h)):
            counts[i] += 1
    values = tuple(FacetValue(v.value, v.label, n, v.old) for v, n in zip(facet.values, counts))
    return Facet(facet.param, facet.legend, values, facet.multi, facet.of)


def browse_page(roll: Roll, urls: Urls = DIRECTORY_URLS) -> Generated:
    published = roll.published
    all_facets = facets(roll.movement)
    groups = [(pillar, [h for h in published if pillar in h.pillars]) for pillar in roll.movement.pillars]
    # An honoree listed under several pillars: its key figure only where it is listed first.
    first = {h.id: pillar for pillar, entries in reversed(groups) for h in entries}
    content = make_environment().get_template("browse.md.j2").render(
        src=BROWSE_SRC,
        movement=roll.movement,
        total=len(published),
        facets=[counted(f, published) for f in all_facets],
        groups=groups,
        all_codes="".join(codes(h, all_facets) for h in published),
        # The list is raw HTML, so its links are final URLs.
        honoree_href=lambda h: urls.href(BROWSE_SRC, honoree_src(h)),
        figure=lambda h, pillar: key_figure(h) if first[h.id] is pillar else None,
        # browse.js draws each card's picture from here and the honoree's id.
        card_pictures=urls.file_href(BROWSE_SRC, CARD_DIR + "/"),
        card_widths=" ".join(map(str, CARD_WIDTHS)),
        fallback_width=CARD_FALLBACK,
        card_ratio=CARD_RATIO,
        # ... and, for an honoree without a photo, its share card's words (share_cards.py).
        art_eyebrow=eyebrow(roll.movement),
        art_footer=movement_line(roll.movement),
        art_place=place_line("{locality}", "{year}"),
    )
    return Generated(BROWSE_SRC, content)
