"""Files for sharing an honoree: the share card (PNG) and the QR code (SVG)
that points at the page's canonical address."""

from __future__ import annotations

import io

import segno

from .generated import Generated
from .loader import Roll
from .model import Honoree
from .pages import honoree_src
from .share_cards import card_png, honoree_card, site_card
from .urls import SITE_CARD, absolute, card_uri, page_path, qr_uri


def canonical_url(site_url: str, h: Honoree) -> str:
    return absolute(site_url, page_path(honoree_src(h)))


def qr_svg(url: str) -> str:
    buffer = io.BytesIO()
    # Medium error correction survives a creased poster; dark on white prints anywhere.
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False, svgclass=None, lineclass=None, omitsize=True, title="Mã QR")
    return buffer.getvalue().decode("utf-8")


def sharing_files(roll: Roll, site_url: str, site_name: str, cache_dir) -> list[Generated]:
    out = [Generated(SITE_CARD, content=card_png(site_card(site_name, len(roll.published)), cache_dir))]
    for h in roll.published:
        out.append(Generated(card_uri(h.id), content=card_png(honoree_card(h, site_name), cache_dir)))
        out.append(Generated(qr_uri(h.id), content=qr_svg(canonical_url(site_url, h))))
    return out
