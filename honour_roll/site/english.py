"""The English edition: pages under /en/ for a movement whose file has an ``en:`` block.

Vietnamese stays the roll's language. The English pages are the home, one page
per pillar and per kind, a summary of the guidance with its criteria, and the
page of every recognised record that has English text (its ``en:`` block).
Nothing here translates: every English sentence comes from the movement file,
a record, or the English templates. Records without English are listed on
the English pages in Vietnamese, marked so and linking to their Vietnamese page.

Each page names its counterpart in the other language (front matter
``alternate``), which the theme turns into the language switch and hreflang.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from honour_roll.record.loader import Roll
from honour_roll.record.model import Honoree
from honour_roll.record.movement import Kind, Pillar
from honour_roll.record.rebuild_memo import Memo
from honour_roll.record.story import safe_story
from honour_roll.site.generated import Generated
from honour_roll.site.markup import front_matter
from honour_roll.site.page_store import fingerprint_tree
from honour_roll.site.pages import GROUP_LIMIT, TEMPLATES, make_environment, photo_stamps, meeting, share_links
from honour_roll.site.pictures import Pictures
from honour_roll.site.urls import (
    BROWSE_SRC, EN_GUIDANCE_SRC, EN_HOME_SRC, EN_HONOREE_INDEX_SRC, EN_RESULTS_SRC, GUIDANCE_SRC, HOME_SRC, HONOREE_INDEX_SRC,
    RESULTS_SRC, Urls, en_card_uri, en_honoree_src, en_kind_src, en_pillar_feed, en_pillar_src, honoree_src, kind_src, pillar_src,
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def english_date(day) -> str:
    """Day, month's name and year ("10 August ..."), whatever the machine's locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def counterparts(roll: Roll) -> dict[str, str]:
    """Vietnamese page -> its English page (the reverse is each English page's own
    ``alternate``). Empty when the movement has no English edition."""
    m = roll.movement
    if m.en is None:
        return {}
    pairs = {HOME_SRC: EN_HOME_SRC, GUIDANCE_SRC: EN_GUIDANCE_SRC, HONOREE_INDEX_SRC: EN_HONOREE_INDEX_SRC, RESULTS_SRC: EN_RESULTS_SRC}
    pairs.update({pillar_src(p): en_pillar_src(p) for p in m.pillars})
    pairs.update({kind_src(k): en_kind_src(k) for k in m.kinds})
    pairs.update({honoree_src(h): en_honoree_src(h) for h in roll.published if h.en is not None})
    return pairs


def english_nav(movement) -> list[tuple[str, str]]:
    """The English edition's navigation, (title, page source) in order: the theme shows it
    on English pages in place of the Vietnamese one."""
    en = movement.en
    if en is None:
        return []
    items = [("Home", EN_HOME_SRC)]
    items += [(en.pillar(p).label, en_pillar_src(p)) for p in movement.pillars]
    items += [("Honorees", EN_HONOREE_INDEX_SRC), ("Criteria", EN_GUIDANCE_SRC)]
    return items


def with_alternate(page: Generated, other_src: str) -> Generated:
    """A generated page whose front matter names its counterpart in the other language."""
    content = page.content
    assert content is not None and content.startswith("---\n"), page.src_uri  # every generated page has front matter
    return Generated(page.src_uri, content.replace("---\n", "---\n" + front_matter({"alternate": other_src})[4:-4], 1), in_nav=page.in_nav)


class EnglishPages:
    """Renders the English edition's pages of one build."""

    def __init__(
        self, roll: Roll, urls: Urls, pictures: Pictures, illustrative: bool = False, site_url: str = "/", memo: Memo | None = None,
        data_dir: Path | None = None,
    ):
        """``memo``: the preview's (honour_roll.rebuild_memo), with the ``data_dir`` of the photos:
        honoree pages whose inputs did not change are not rendered again."""
        self.roll = roll
        self.memo = memo
        self.data_dir = data_dir
        # The preview watches the templates: an edited template must render every page again.
        self.templates = fingerprint_tree(TEMPLATES, suffixes=(".j2",)) if memo is not None else ""
        self.site_url = site_url
        self.movement = roll.movement
        self.en = roll.movement.en
        self.published = roll.published
        self.urls = urls
        self.pictures = pictures
        self.illustrative = illustrative
        self.env = make_environment()

    def link(self, src: str, h: Honoree) -> str:
        """From an English page to an honoree: its English page, or its Vietnamese one."""
        return self.urls.href(src, en_honoree_src(h) if h.en is not None else honoree_src(h))

    def render(self, template: str, src: str, alternate: str, **context) -> Generated:
        content = self.env.get_template(f"en/{template}").render(
            src=src, alternate=alternate, movement=self.movement, en=self.en, pictures=self.pictures, root=self.urls.root(src),
            link=lambda h: self.link(src, h), illustrative=self.illustrative, english_date=english_date,
            en_kind_src=en_kind_src, en_pillar_src=en_pillar_src, en_guidance=EN_GUIDANCE_SRC,
            # Raw-HTML links to Vietnamese pages: site-relative, after ``root``.
            browse_url=self.urls.page(BROWSE_SRC), vietnamese_url=self.urls.page(alternate),
            vietnamese_guidance_url=self.urls.page(GUIDANCE_SRC), **context,
        )
        return Generated(src, content, in_nav=False)

    def english_first(self, honorees) -> tuple[list[Honoree], list[Honoree]]:
        return [h for h in honorees if h.en is not None], [h for h in honorees if h.en is None]

    def pages(self) -> list[Generated]:
        if self.en is None:
            return []
        out = [self.home(), self.guidance(), self.honoree_index()]
        out += [self.pillar(p) for p in self.movement.pillars]
        out += [self.kind(k) for k in self.movement.kinds]
        out += [self.honoree(h) for h in self.published if h.en is not None]
        out.append(self.render("search.md.j2", EN_RESULTS_SRC, RESULTS_SRC))
        return out

    def home(self) -> Generated:
        english, others = self.english_first(self.published)
        return self.render(
            "home.md.j2", EN_HOME_SRC, HOME_SRC, english=english, others=others[:GROUP_LIMIT], other_count=len(others),
            total=len(self.published), kind_counts={k.id: sum(1 for h in self.published if h.kind == k) for k in self.movement.kinds},
        )

    def honoree_index(self) -> Generated:
        groups = [(k, *self.english_first([h for h in self.published if h.kind == k])) for k in self.movement.kinds]
        return self.render("honoree-index.md.j2", EN_HONOREE_INDEX_SRC, HONOREE_INDEX_SRC, groups=groups, limit=GROUP_LIMIT)

    def guidance(self) -> Generated:
        return self.render("guidance.md.j2", EN_GUIDANCE_SRC, GUIDANCE_SRC, meeting=self.meeting)

    def meeting(self, criterion) -> list[Honoree]:
        return meeting(self.published, criterion)

    def pillar(self, pillar: Pillar) -> Generated:
        src = en_pillar_src(pillar)
        groups = [(k, *self.english_first([h for h in self.published if pillar in h.pillars and h.kind == k])) for k in self.movement.kinds]
        return self.render("pillar.md.j2", src, pillar_src(pillar), pillar=pillar, groups=groups, limit=GROUP_LIMIT, feed=en_pillar_feed(pillar))

    def kind(self, kind: Kind) -> Generated:
        src = en_kind_src(kind)
        english, others = self.english_first([h for h in self.published if h.kind == kind])
        return self.render("kind.md.j2", src, kind_src(kind), kind=kind, english=english, others=others[:GROUP_LIMIT], other_count=len(others))

    def honoree(self, h: Honoree) -> Generated:
        if self.memo is None or self.data_dir is None:
            return self._honoree(h)
        # Everything the page shows: the honoree (its English block is one of its fields), the
        # movement (an honoree compares equal without it), the site's address, the sample-data
        # notice, and its photos' files (their sizes are read from the files).
        photos = photo_stamps(h, self.data_dir)
        key = (
            "en-honoree-page", self.memo.handle(h), self._movement_key, self.site_url, self.urls, str(self.data_dir), photos,
            self.templates, self.illustrative,
        )
        return self.memo.get(key, lambda: self._honoree(h))

    @functools.cached_property
    def _movement_key(self):
        return self.memo.constant(self.movement)

    def _honoree(self, h: Honoree) -> Generated:
        src = en_honoree_src(h)
        return self.render(
            "honoree.md.j2", src, honoree_src(h), h=h, story=jinja2.utils.markupsafe.Markup(safe_story(h.en.story)),
            kind_criteria=self.movement.criteria_for(h.kind), card=en_card_uri(h.id), share=self.share_links(h),
        )

    def share_links(self, h: Honoree) -> dict[str, str]:
        url = self.urls.absolute(self.site_url, en_honoree_src(h))
        return share_links(url, f"{h.en.name} — an exemplary model of {self.en.short_name}", h.en.summary)
