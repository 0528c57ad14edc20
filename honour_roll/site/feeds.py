"""RSS 2.0 feeds of recognised honorees, newest first: one for the whole
roll and one per pillar. Dates come from the decisions, never the clock."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import format_datetime

from honour_roll.site.generated import Generated
from honour_roll.record.loader import Roll
from honour_roll.record.model import Honoree
from honour_roll.site.notice import TEXT as NOTICE, TEXT_EN as NOTICE_EN, marked
from honour_roll.site.pages import make_environment
from honour_roll.site.sharing import canonical_url
from honour_roll.site.urls import DIRECTORY_URLS, EN_FEED, EN_HOME_SRC, FEED, Urls, absolute, card_uri, en_card_uri, en_honoree_src, en_pillar_feed, en_pillar_src, pillar_feed, pillar_src


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str
    date: str
    summary: str
    categories: tuple[str, ...]
    image: str
    image_length: str  # a slot for the card's size (with_card_sizes)


def _date(h: Honoree) -> str:
    day = h.recognition.date if h.recognition else dt.date(h.year, 1, 1)
    return format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone(dt.timedelta(hours=7))))


def _described(text: str, illustrative: bool) -> str:
    return f"{text} {NOTICE}" if illustrative else text


def feed_files(
    roll: Roll, site_url: str, site_name: str, card_sizes: dict[str, int], urls: Urls = DIRECTORY_URLS, illustrative: bool = False
) -> list[Generated]:
    """``illustrative``: sample records; the feed and every item say so."""
    return [Generated(uri, content=with_card_sizes(text, card_sizes)) for uri, text in feeds(roll, site_url, site_name, urls, illustrative)]


# An enclosure's length as feeds() writes it. Record text cannot close the attribute (its quotes
# are escaped), so only a slot can match.
_SIZE_SLOT = re.compile(r'length="card-size:([^"]*)"')


def _size_slot(card: str) -> str:
    return f"card-size:{card}"


def with_card_sizes(text: str, card_sizes: dict[str, int]) -> str:
    """A feed written by feeds(), each enclosure with its share card's size."""
    return _SIZE_SLOT.sub(lambda m: f'length="{card_sizes.get(m.group(1), 0)}"', text)


def feeds(roll: Roll, site_url: str, site_name: str, urls: Urls = DIRECTORY_URLS, illustrative: bool = False) -> list[tuple[str, str]]:
    """Each feed's address and text, where each enclosure's length (its share card's size, known
    once the card is drawn) is a slot that with_card_sizes fills: the feeds are written while
    the cards are drawn, on another core, and only the sizes wait for the drawing, at the very
    end of a first build."""
    env = make_environment()
    template = env.get_template("feed.xml.j2")

    def items(honorees) -> list[FeedItem]:
        return [
            FeedItem(
                title=h.name,
                url=canonical_url(site_url, h, urls),
                date=_date(h),
                summary=marked(h.summary, illustrative),
                categories=(h.kind.label, *(p.label for p in h.pillars), h.locality.label),
                image=absolute(site_url, card_uri(h.id)),
                image_length=_size_slot(card_uri(h.id)),
            )
            for h in honorees
        ]

    def feed(path: str, title: str, description: str, home_url: str, honorees) -> tuple[str, str]:
        return path, template.render(
            title=title, description=description, home_url=home_url, feed_url=absolute(site_url, path), items=items(honorees),
        )

    out = [
        feed(
            FEED, site_name,
            _described(f"Gương điển hình tiên tiến mới được công nhận trong phong trào “{roll.movement.title}”.", illustrative),
            absolute(site_url, ""), roll.published,
        )
    ]
    for p in roll.movement.pillars:
        out.append(
            feed(
                pillar_feed(p), f"{p.label} — {site_name}", _described(f"Gương điển hình tiên tiến về {p.label.lower()}.", illustrative),
                urls.absolute(site_url, pillar_src(p)), [h for h in roll.published if p in h.pillars],
            )
        )
    en = roll.movement.en
    if en is not None:  # the English edition's feeds: records with English text, in English
        english = [h for h in roll.published if h.en is not None]

        def english_items(honorees) -> list[FeedItem]:
            return [
                FeedItem(
                    title=h.en.name,
                    url=urls.absolute(site_url, en_honoree_src(h)),
                    date=_date(h),
                    summary=marked(h.en.summary, illustrative, english=True),
                    categories=(en.kind(h.kind).label, *(en.pillar(p).label for p in h.pillars), en.locality(h.locality)),
                    image=absolute(site_url, en_card_uri(h.id)),
                    image_length=_size_slot(en_card_uri(h.id)),
                )
                for h in honorees
            ]

        def english_feed(path: str, title: str, description: str, home_src: str, honorees) -> tuple[str, str]:
            return path, template.render(
                title=title,
                description=f"{description} {NOTICE_EN}" if illustrative else description,
                home_url=urls.absolute(site_url, home_src),
                feed_url=absolute(site_url, path),
                language="en",
                items=english_items(honorees),
            )

        out.append(english_feed(EN_FEED, en.site_name, en.description, EN_HOME_SRC, english))
        for p in roll.movement.pillars:
            label = en.pillar(p).label
            out.append(
                english_feed(
                    en_pillar_feed(p), f"{label} — {en.site_name}", f"Exemplary models of {label.lower()}, with their stories in English.",
                    en_pillar_src(p), [h for h in english if p in h.pillars],
                )
            )
    return out
