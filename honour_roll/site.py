"""Everything one build generates, from one roll of records.

The MkDocs hook adds exactly this list to the site; each feature of the site
(pages, search, feeds, open data...) contributes its files here.
"""

from __future__ import annotations

from pathlib import Path

from .generated import Generated
from .guidance import Guidance
from .loader import Roll
from .pages import PageMaker, photo_src


def generate_site(roll: Roll, guidance: Guidance, data_dir: Path) -> list[Generated]:
    out: list[Generated] = PageMaker(roll, guidance, data_dir).pages()
    seen: set[str] = set()
    for honoree in roll.published:
        for photo in honoree.photos:
            uri = photo_src(photo)
            if uri not in seen:
                seen.add(uri)
                out.append(Generated(uri, source_path=data_dir / photo.file))
    return out
