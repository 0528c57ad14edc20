"""The generated pages, as Markdown: what each page says, independent of the
site generator. The hook hands these to MkDocs as virtual files."""

from __future__ import annotations

import dataclasses
import functools
import struct
from urllib.parse import quote, urlencode
from pathlib import Path

import jinja2

from honour_roll.site.chart import build_chart
from honour_roll.site.figures import figures, key_figure
from honour_roll.site.generated import Generated
from honour_roll.record.guidance import Guidance
from honour_roll.record.loader import Roll
from honour_roll.record.vietnamese import and_list
from honour_roll.site.markup import front_matter, list_separator, md, number_word, quota_text, relative
from honour_roll.record.model import Honoree
from honour_roll.record.movement import Criterion, Kind, Pillar
from honour_roll.site.page_store import fingerprint_tree
from honour_roll.site.pictures import CARD_WIDTHS, Pictures
from honour_roll.site.share_cards import english_honoree_card, english_movement_line, honoree_card, movement_line
from honour_roll.record.rebuild_memo import Memo
from honour_roll.site.stats import counts, quota_progress
from honour_roll.record.story import safe_story
from honour_roll.site.urls import (
    BROWSE_SRC, DIRECTORY_URLS, GUIDANCE_SRC, HOME_SRC, HONOREE_INDEX_SRC, Urls, card_uri, honoree_src, kind_src, photo_src,
    pillar_feed, pillar_src, qr_uri,
)

TEMPLATES = Path(__file__).parent.parent / "templates"  # shared by the rooms: honour_roll/templates

# Pillar and kind pages show the newest of each group and link to the full
# slice in Tra cứu, so they stay small however large the roll grows.
GROUP_LIMIT = 24
MEETING_LIMIT = 50
INDEX_LIMIT = 6  # newest of each kind shown on the section's own page (HONOREE_INDEX_SRC)

@functools.cache
def make_environment() -> jinja2.Environment:
    """One environment per process: each template is compiled once, not once per
    module per build (the preview rebuilds many times; Jinja still reloads a
    template whose file changed)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # anything not passed through |md is still HTML-escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md
    env.filters.update(and_list=and_list, list_separator=list_separator, number_word=number_word, quota_text=quota_text)
    env.globals.update(
        front_matter=lambda values: jinja2.utils.markupsafe.Markup(front_matter(values)),
        relative=relative,
        honoree_src=honoree_src,
        pillar_src=pillar_src,
        kind_src=kind_src,
        photo_src=photo_src,
        key_figure=key_figure,
        figures=figures,
        card_widths=CARD_WIDTHS,
        # What an honoree's share card says: its cards without a photo draw the same words (.hr-art).
        share_card=lambda h: honoree_card(h, movement_line(h.movement)),
        english_share_card=lambda h: english_honoree_card(h, english_movement_line(h.movement)),
    )
    return env


class PageMaker:
    """Renders every generated page of one build from one roll."""

    def __init__(
        self, roll: Roll, guidance: Guidance, data_dir: Path, site_url: str = "/", memo: Memo | None = None, urls: Urls = DIRECTORY_URLS,
        pictures: Pictures | None = None,
    ):
        self.urls = urls
        self.memo = memo  # the preview's: honoree pages whose inputs did not change are not rendered again
        self._ranked_by_group: dict[tuple, list[list[int]]] = {}  # related(): candidates by score, per group
        # The preview watches the templates: an edited template must render every page again.
        self.templates = fingerprint_tree(TEMPLATES, suffixes=(".j2",)) if memo is not None else ""
        self.site_url = site_url
        self.roll = roll
        self.guidance = guidance
        self.data_dir = data_dir
        self.env = make_environment()
        self.published = roll.published
        self.movement = roll.movement
        # Without the build's pictures (a test of the pages alone), the same addresses, no files.
        self.pictures = pictures or Pictures(roll.published, data_dir)

    def render(self, template: str, src: str, **context) -> str:
        # Cards are raw HTML: their links and pictures are final URLs from this page.
        context.setdefault("root", self.urls.root(src))
        return self.env.get_template(template).render(
            src=src, movement=self.movement, pictures=self.pictures, link=lambda h: self.urls.href(src, honoree_src(h)), **context
        )

    def pages(self) -> list[Generated]:
        pages = [self.home(), self.guidance_page(), self.honoree_index()]
        pages += [self.pillar_page(p) for p in self.movement.pillars]
        pages += [self.kind_page(k) for k in self.movement.kinds]
        pages += [self.honoree_page(h) for h in self.published]
        return pages

    def meeting(self, criterion: Criterion) -> list[Honoree]:
        return meeting(self.published, criterion)

    def related(self, h: Honoree, limit: int = 3) -> list[Honoree]:
        """The honorees most like this one: shared pillars count double, then
        the same locality and kind; newest first among equals.

        The score depends only on (pillars, locality, kind), so honorees are
        scored by group (at most 7 × 10 × 3 groups) rather than one by one:
        the roll of 10,000 would otherwise cost 10⁸ comparisons. And every
        honoree of a group sees the same groups at the same scores: the
        candidates are ranked once per group, then each honoree leaves itself out.
        """
        group = self._group_of.get(h.id)
        if group is None:  # not in the roll (a test's own honoree)
            group = _group_key(h)
        out: list[int] = []
        for candidates in self._ranked(group, limit):
            out += [p for p in candidates if self.published[p].id != h.id][: limit - len(out)]
            if len(out) >= limit:
                break
        return [self.published[p] for p in out]

    def _ranked(self, group: tuple, limit: int) -> list[list[int]]:
        """For an honoree of ``group``: the candidates at each score, best score first."""
        ranked = self._ranked_by_group.get((group, limit))
        if ranked is None:
            by_score: dict[int, list[list[int]]] = {}
            mine, my_locality, my_kind = group
            for (pillars, locality, kind), positions in self._similarity_groups.items():
                score = 2 * len(mine & pillars) + (locality == my_locality) + (kind == my_kind)
                by_score.setdefault(score, []).append(positions)
            # Each group is in display order, so its first limit + 1 entries are all it can give.
            ranked = [sorted(p for g in by_score[score] for p in g[: limit + 1]) for score in sorted(by_score, reverse=True)]
            self._ranked_by_group[(group, limit)] = ranked
        return ranked

    @functools.cached_property
    def _movement_key(self):
        """The movement as a part of the memo's keys: hashed and compared once per build."""
        return self.memo.constant(self.movement)

    @functools.cached_property
    def _group_of(self) -> dict[str, tuple]:
        return {h.id: key for key, positions in self._similarity_groups.items() for h in (self.published[p] for p in positions)}

    @functools.cached_property
    def _similarity_groups(self) -> dict[tuple, list[int]]:
        groups: dict[tuple, list[int]] = {}
        for position, h in enumerate(self.published):
            groups.setdefault(_group_key(h), []).append(position)
        return groups

    def honoree_page(self, h: Honoree) -> Generated:
        related = tuple(self.related(h))
        if self.memo is None:
            return self._honoree_page(h, related)
        # Everything the page shows: the honoree, its related honorees, the movement (an honoree
        # compares equal without it: the share links name the movement, the page lists every
        # criterion of its kind), the site's address, and its photos' files (their sizes are
        # read from the files).
        photos = photo_stamps(h, self.data_dir)
        handle = self.memo.handle
        key = (
            "honoree-page", handle(h), tuple(map(handle, related)), self._movement_key, self.site_url, self.urls,
            str(self.data_dir), photos, self.templates,
        )
        return self.memo.get(key, lambda: self._honoree_page(h, related))

    def _honoree_page(self, h: Honoree, related: tuple[Honoree, ...]) -> Generated:
        src = honoree_src(h)
        content = self.render(
            "honoree.md.j2",
            src,
            h=h,
            story=jinja2.utils.markupsafe.Markup(safe_story(h.story)),
            kind_criteria=self.movement.criteria_for(h.kind),
            related=related,
            share=self.share_links(h),
            root=self.urls.root(src),
            card=card_uri(h.id),
            qr=qr_uri(h.id),
        )
        return Generated(src, content, in_nav=False)

    def share_links(self, h: Honoree) -> dict[str, str]:
        url = self.urls.absolute(self.site_url, honoree_src(h))
        return share_links(url, f"{h.name} — gương điển hình {self.movement.short_name.lower()}", h.summary)

    def honoree_index(self) -> Generated:
        """The address above every honoree page: the newest of each kind, the way to all."""
        groups = [(k, [h for h in self.published if h.kind == k]) for k in self.movement.kinds]
        return Generated(
            HONOREE_INDEX_SRC,
            self.render("honoree-index.md.j2", HONOREE_INDEX_SRC, groups=groups, total=len(self.published), limit=INDEX_LIMIT, browse=BROWSE_SRC),
        )

    def guidance_page(self) -> Generated:
        return Generated(
            GUIDANCE_SRC,
            # The page stays readable however many meet a criterion.
            self.render("guidance.md.j2", GUIDANCE_SRC, guidance=self.guidance, meeting=self.meeting, limit=MEETING_LIMIT),
        )

    def pillar_page(self, pillar: Pillar) -> Generated:
        src = pillar_src(pillar)
        honorees = [h for h in self.published if pillar in h.pillars]
        groups = [(k, [h for h in honorees if h.kind == k], f"tru-cot={pillar.slug}&loai={k.slug}") for k in self.movement.kinds]
        return Generated(
            src,
            self.render(
                "pillar.md.j2", src, pillar=pillar, honorees=honorees, groups=groups, intro=pillar.intro,
                limit=GROUP_LIMIT, browse=BROWSE_SRC, feed=pillar_feed(pillar),
            ),
        )

    def kind_page(self, kind: Kind) -> Generated:
        src = kind_src(kind)
        honorees = [h for h in self.published if h.kind == kind]
        by_year = [(y, [h for h in honorees if h.year == y], f"loai={kind.slug}&nam={y}") for y in reversed(self.movement.years)]
        by_year = [(y, g, q) for y, g, q in by_year if g]
        return Generated(
            src,
            self.render(
                "kind.md.j2", src, kind=kind, honorees=honorees, by_year=by_year, intro=kind.intro,
                limit=GROUP_LIMIT, browse=BROWSE_SRC,
            ),
        )

    def home(self) -> Generated:
        m = self.movement
        table = counts(self.published, m)
        return Generated(
            HOME_SRC,
            self.render(
                "home.md.j2",
                HOME_SRC,
                published=self.published,
                quota=quota_progress(self.published, m),
                kind_counts={k.id: sum(1 for h in self.published if h.kind == k) for k in m.kinds},
                chart=build_chart(table, m),
                counts=table,
                row_total=lambda p, k: sum(table[(p, k, y)] for y in m.years),
                latest=list(self.published[:6]),
                pillars=list(m.pillars),
                kinds=list(m.kinds),
                years=m.years,
                criteria=m.criteria,
            ),
        )


def meeting(published, criterion: Criterion) -> list[Honoree]:
    """The published honorees that meet a criterion, in display order."""
    return [h for h in published if criterion in h.criteria_met]


def share_links(url: str, title: str, summary: str) -> dict[str, str]:
    """A page's share links: plain links that work without JavaScript; nothing is loaded
    from another host until the visitor clicks."""
    return {
        "url": url,
        "title": title,
        "facebook": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        "email": "mailto:?" + urlencode({"subject": title, "body": f"{summary}\n\n{url}"}, quote_via=quote),
    }


def photo_stamps(h: Honoree, data_dir: Path) -> tuple:
    """The state of an honoree's photo files, as part of a memo key: a page reads their sizes."""
    return tuple((p.file, file_stamp(data_dir / p.file)) for p in h.photos)


def file_stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height from a PNG or JPEG header, so the page reserves the
    photo's space before it loads (no layout shift on slow phones)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", data[16:24])
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker, length = data[i + 1], struct.unpack(">H", data[i + 2 : i + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                h, w = struct.unpack(">HH", data[i + 5 : i + 9])
                return w, h
            i += 2 + length
    return None


def _group_key(h: Honoree) -> tuple:
    """What related() scores an honoree by: its pillars, locality and kind (as _value gives them)."""
    return frozenset(map(_value, h.pillars)), _value(h.locality), _value(h.kind)


def _value(item) -> tuple:
    """A pillar, locality or kind as what its dataclass equality compares (its class and fields),
    in a plain tuple: related() compares 200 groups per honoree, and a dataclass's own hash and
    == run in Python, 0.7 s a preview rebuild at 1,000 honorees."""
    return (type(item), *(getattr(item, f.name) for f in dataclasses.fields(item)))
