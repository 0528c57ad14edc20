"""What a build adds to the site: pages and files made from the records."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Generated:
    """One file of the site. Pages (``.md``) are rendered by the site generator;
    other files are published as they are.

    Either ``content`` (text or bytes) or ``source_path`` (an existing file,
    such as a photo) is given.
    """

    src_uri: str
    content: str | bytes | None = None
    source_path: Path | None = None
    in_nav: bool = True
