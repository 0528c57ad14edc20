"""The one rule that turns a heading into its anchor, used by the table of
contents (mkdocs.yml: ``toc.slugify``) and by search for the hand-written pages.

Python-Markdown's default rule drops every letter it cannot reduce to ASCII,
and Vietnamese đ has no decomposition: "Sáng kiến được công nhận" became
``#sang-kien-uoc-cong-nhan``. This rule reads đ as d, as search does.
Anchors of the old rule keep working (honour_roll/legacy_anchors.py).
"""

from __future__ import annotations

import re
import unicodedata


def _ascii_slug(value: str, separator: str) -> str:
    # Python-Markdown's toc.slugify, unchanged.
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{separator}\s]+", separator, value)


def heading_slug(value: str, separator: str = "-") -> str:
    """The anchor of a heading: "Gương điển hình liên quan" -> "guong-dien-hinh-lien-quan"."""
    return _ascii_slug(value.replace("đ", "d").replace("Đ", "D"), separator)


def legacy_heading_slug(value: str, separator: str = "-") -> str:
    """The anchor the site gave the heading before đ was read as d."""
    return _ascii_slug(value, separator)
