"""Files for sharing an honoree: the share card (JPEG) and the QR code (SVG)
that points at the page's canonical address."""

from __future__ import annotations

import concurrent.futures
import io
import itertools
import tempfile
from pathlib import Path

import segno

from honour_roll.site.build_cache import cached_file, key_of
from honour_roll.site.fork_pool import workers_wanted
from honour_roll.site.generated import Generated
from honour_roll.record.loader import Roll
from honour_roll.record.model import Honoree
from honour_roll.site.share_cards import (
    draw_missing, english_honoree_card, english_movement_line, english_site_card, honoree_card, movement_line, site_card,
)
from honour_roll.site.urls import DIRECTORY_URLS, EN_SITE_CARD, SITE_CARD, Urls, card_uri, en_card_uri, honoree_src, qr_uri


def canonical_url(site_url: str, h: Honoree, urls: Urls = DIRECTORY_URLS) -> str:
    return urls.absolute(site_url, honoree_src(h))


QR_VERSION = "1"


def qr_svg(url: str) -> str:
    buffer = io.BytesIO()
    # Medium error correction survives a creased poster; dark on white prints
    # anywhere. A fixed mask skips the search over all eight (4× faster); any
    # mask scans.
    segno.make(url, error="m", micro=False, mask=4).save(buffer, kind="svg", scale=4, border=2, xmldecl=False, svgclass=None, lineclass=None, omitsize=True, title="Mã QR")
    return buffer.getvalue().decode("utf-8")


def qr_file(url: str, cache_dir: Path) -> Path:
    """The QR code's SVG in the cache, made only when no earlier build made it."""
    return cached_file(cache_dir, key_of("qr", QR_VERSION, url), ".svg", lambda: qr_svg(url).encode("utf-8"))


def qr_files(urls: list[str], cache_dir: Path) -> list[Path]:
    """The cached file of every QR code; the missing ones are made on every core: about
    4 ms each, 40 s of one core for a first build of 10,000 honorees."""
    missing = [url for url in urls if not (cache_dir / f"{key_of('qr', QR_VERSION, url)}.svg").is_file()]
    workers = min(workers_wanted(), len(missing) // 64)
    if workers > 1:
        with concurrent.futures.ProcessPoolExecutor(workers) as pool:
            list(pool.map(qr_file, missing, itertools.repeat(cache_dir), chunksize=64))
    return [qr_file(url, cache_dir) for url in urls]


def sharing_files(roll: Roll, settings, cache_dir: Path | None, urls: Urls = DIRECTORY_URLS) -> list[Generated]:
    """``settings``: the site's (honour_roll.site.SiteSettings)."""
    cache_dir = cache_dir or Path(tempfile.gettempdir()) / "honour-roll-share-cards"
    site_url, illustrative = settings.site_url, settings.illustrative
    footer = movement_line(roll.movement)
    cards = {SITE_CARD: site_card(roll.movement, footer, len(roll.published), illustrative)}
    cards.update((card_uri(h.id), honoree_card(h, footer, illustrative)) for h in roll.published)
    if roll.movement.en is not None:  # the English edition's cards, for its pages and their previews
        footer_en = english_movement_line(roll.movement)
        cards[EN_SITE_CARD] = english_site_card(roll.movement, footer_en, len(roll.published), illustrative)
        cards.update((en_card_uri(h.id), english_honoree_card(h, footer_en, illustrative)) for h in roll.published if h.en is not None)
    files = draw_missing(list(cards.values()), cache_dir)
    out = [Generated(uri, source_path=path) for uri, path in zip(cards, files)]
    qrs = qr_files([canonical_url(site_url, h, urls) for h in roll.published], cache_dir)
    out += [Generated(qr_uri(h.id), source_path=qr) for h, qr in zip(roll.published, qrs)]
    return out
