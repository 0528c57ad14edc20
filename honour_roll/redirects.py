"""Stable links: when a record's id changes, its old address keeps working.

Each alias gets a small page with a canonical link and an immediate refresh
to the new address; search engines treat it as a move, link checkers follow it.
"""

from __future__ import annotations

from .generated import Generated
from .loader import Roll
from .pages import HONOREE_DIR, make_environment
from .sharing import canonical_url


def redirect_files(roll: Roll, site_url: str) -> list[Generated]:
    template = make_environment().get_template("redirect.html.j2")
    out = []
    for h in roll.published:
        for alias in h.aliases:
            out.append(
                Generated(
                    f"{HONOREE_DIR}/{alias}/index.html",
                    content=template.render(name=h.name, target=f"../{h.id}/", canonical=canonical_url(site_url, h)),
                )
            )
    return out
