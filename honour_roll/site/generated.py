"""What a build adds to the site: pages and files made from the records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Generated:
    """One file of the site. Pages (``.md``) are rendered by the site generator;
    other files are published as they are.

    Either ``content`` (text or bytes) or ``source_path`` (an existing file,
    such as a photo) is given, or ``make``. Files made while the build goes on
    (share cards, drawn on other cores) are taken later, when they are copied
    into the site: ``source_path`` only once ``ready()`` has returned, and a
    file that depends on them (a feed names each card's size) has ``make()``
    for its content.
    """

    src_uri: str
    content: str | bytes | None = None
    source_path: Path | None = None
    in_nav: bool = True
    ready: Callable[[], None] | None = None
    make: Callable[[], str | bytes] | None = None
