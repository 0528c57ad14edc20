"""Stable links: when a record's id changes, its old address keeps working.

Each alias gets a small page with a canonical link and an immediate refresh
to the new address; search engines treat it as a move, link checkers follow it.
"""

from __future__ import annotations

from honour_roll.site.generated import Generated
from honour_roll.record.loader import Roll
from honour_roll.site.pages import make_environment
from honour_roll.site.sharing import canonical_url
from honour_roll.site.urls import DIRECTORY_URLS, Urls, honoree_src


def redirect_files(roll: Roll, site_url: str, urls: Urls = DIRECTORY_URLS) -> list[Generated]:
    template = make_environment().get_template("redirect.html.j2")
    out = []
    for h in roll.published:
        for alias in h.aliases:
            old = honoree_src(alias)  # the page the alias was, written where its address points
            out.append(
                Generated(
                    urls.output(old),
                    content=template.render(name=h.name, target=urls.href(old, honoree_src(h)), canonical=canonical_url(site_url, h, urls)),
                )
            )
    return out
