"""Files for sharing an honoree: the share card (PNG) and the QR code (SVG)
that points at the page's canonical address."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import segno

from honour_roll.site.build_cache import cached_file, key_of
from honour_roll.site.generated import Generated
from honour_roll.record.loader import Roll
from honour_roll.record.model import Honoree
from honour_roll.site.share_cards import draw_missing, honoree_card, movement_line, site_card
from honour_roll.site.urls import DIRECTORY_URLS, SITE_CARD, Urls, card_uri, honoree_src, qr_uri


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


def sharing_files(roll: Roll, settings, cache_dir: Path | None, urls: Urls = DIRECTORY_URLS) -> list[Generated]:
    """``settings``: the site's (honour_roll.site.SiteSettings)."""
    cache_dir = cache_dir or Path(tempfile.gettempdir()) / "honour-roll-share-cards"
    site_url, illustrative = settings.site_url, settings.illustrative
    footer = movement_line(roll.movement)
    cards = {SITE_CARD: site_card(roll.movement, footer, len(roll.published), illustrative)}
    cards.update((card_uri(h.id), honoree_card(h, footer, illustrative)) for h in roll.published)
    files = draw_missing(list(cards.values()), cache_dir)
    out = [Generated(uri, source_path=path) for uri, path in zip(cards, files)]
    for h in roll.published:
        url = canonical_url(site_url, h, urls)
        qr = cached_file(cache_dir, key_of("qr", QR_VERSION, url), ".svg", lambda url=url: qr_svg(url).encode("utf-8"))
        out.append(Generated(qr_uri(h.id), source_path=qr))
    return out
