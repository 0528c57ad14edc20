"""Everything one build generates, from one roll of records.

The MkDocs hook adds exactly this list to the site; each feature of the site
(pages, search, feeds, open data...) contributes its files here.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path

from honour_roll.site.background import Background
from honour_roll.site.browse import browse_page
from honour_roll.site.english import EnglishPages, counterparts, with_alternate
from honour_roll.site.feeds import feeds, with_card_sizes
from honour_roll.site.generated import Generated
from honour_roll.record.guidance import Guidance
from honour_roll.record.loader import Roll
from honour_roll.site.open_data import open_data_files, open_data_page
from honour_roll.site.pages import PageMaker
from honour_roll.site.pictures import Pictures
from honour_roll.record.rebuild_memo import Memo
from honour_roll.site.redirects import redirect_files
from honour_roll.site import search_terms
from honour_roll.site.search_index import search_files, search_index_files, search_page
from honour_roll.site.search_terms import TermsMemo
from honour_roll.site.server_files import redirect_config_files
from honour_roll.site.precompress import compress_content_ahead
from honour_roll.site.sharing import default_cache_dir, start_sharing
from honour_roll.site.urls import Urls, photo_src


@dataclass(frozen=True)
class SiteSettings:
    """What the site generator's configuration tells the core."""

    site_url: str = "https://guong-dien-hinh.example/"
    site_name: str = "Gương điển hình chuyển đổi số"
    docs_dir: Path | None = None  # hand-written pages, indexed for search
    cache_dir: Path | None = None  # share cards drawn by earlier builds
    # Compressed copies of the site's text files (precompress.py), when the build makes them: files
    # made on other cores (QR codes) are compressed there as they are made.
    compressed_dir: Path | None = None
    illustrative: bool = False  # sample records: every output says so (honour_roll/notice.py)
    directory_urls: bool = True  # MkDocs' use_directory_urls: x/ or x.html


def generate_site(
    roll: Roll, guidance: Guidance, data_dir: Path, settings: SiteSettings | None = None, memo: Memo | None = None
) -> list[Generated]:
    """``memo``: the preview's (honour_roll.rebuild_memo), to skip unchanged per-honoree work."""
    files, late = generate_site_in_parts(roll, guidance, data_dir, settings, memo)
    # Every file finished: the share cards drawn, the feeds that name their sizes written.
    return [dataclasses.replace(g, content=g.make(), make=None) if g.make else _ready(g) for g in files + late.result()]


def _ready(g: Generated) -> Generated:
    if g.ready is not None:
        g.ready()
    return dataclasses.replace(g, ready=None) if g.ready else g


class LateFiles:
    """Files no page links to or reads (the search index's data files), which the build needs
    only when it writes the site: the preview makes them in a forked child while the build
    goes on, through reading and rendering its pages (``result`` waits for it)."""

    def __init__(self, files: list[Generated] | None = None, index: Background | None = None, make=None, terms: TermsMemo | None = None):
        self._files, self._index, self._make, self._terms = files, index, make, terms

    def result(self) -> list[Generated]:
        if self._files is None:
            if self._index is not None:
                self._files, reported = self._index.result()
                # From a child: what it used and made; made here, the memo holds them itself.
                self._terms.keep(*(reported if self._index.forked else (self._terms.used, self._terms.made)))
            else:  # the memo is empty: made here, where it stays (search_terms.py)
                self._files, _ = self._make()
                self._terms.keep(self._terms.used, self._terms.made)
            self._index = self._make = None
        return self._files

    def close(self) -> None:
        """Not wanted after all (the build failed first): stop the child."""
        if self._index is not None:
            self._index.close()
        self._index = self._make = None


def generate_site_in_parts(
    roll: Roll, guidance: Guidance, data_dir: Path, settings: SiteSettings | None = None, memo: Memo | None = None
) -> tuple[list[Generated], LateFiles]:
    """What generate_site makes, as the files a build needs from the start and those it needs
    only when writing the site (``LateFiles``; none but in the preview, with ``memo``)."""
    settings = settings or SiteSettings(docs_dir=data_dir.parent / "docs")
    urls = Urls(settings.directory_urls)
    late = LateFiles([])
    if memo is not None:
        # The preview: the search index, the longest of the whole-roll outputs, is made in a child
        # from now until the build writes the site (LateFiles), using and keeping each document's
        # words (search_terms.py); the feeds and open data in another, while this process writes
        # the pages; Tra cứu and the redirects here once the pages, from the memo, are written.
        terms = search_terms.preview
        docs_dir = settings.docs_dir or data_dir.parent / "docs"  # hand-written pages are searchable too

        def index() -> tuple[list[Generated], object]:
            terms.start()
            return search_index_files(roll, guidance, docs_dir, urls, terms), terms.report()

        if terms.refill:  # nothing in it yet: made here, where it stays
            late = LateFiles(make=index, terms=terms)
        else:
            late = LateFiles(index=Background(index, len(roll.published), yielding=True), terms=terms)
    whole_roll: Background | None = None
    drawing = None
    try:
        # Share cards and QR codes: drawn on the other cores while the rest goes on (sharing.py).
        cache_dir = settings.cache_dir or default_cache_dir()
        shared, drawing = start_sharing(roll, settings, cache_dir, urls)

        @functools.cache
        def card_sizes() -> dict[str, int]:
            drawing.wait()
            return {g.src_uri: g.source_path.stat().st_size for g in shared}

        pictures = Pictures(roll.published, data_dir, cache_dir)
        # What no page's Markdown needs is made on another core while this one writes the pages.
        parts = {"feeds"} if memo is not None else {"search", "feeds", "browse"}
        whole_roll = Background(lambda: _whole_roll_files(roll, guidance, data_dir, settings, urls, parts), len(roll.published))
        out: list[Generated] = PageMaker(roll, guidance, data_dir, settings.site_url, memo, urls, pictures).pages()
        # The English edition, when the movement has one.
        out += EnglishPages(roll, urls, pictures, settings.illustrative, settings.site_url, memo, data_dir).pages()
        seen: set[str] = set()
        for honoree in roll.published:
            for photo in honoree.photos:
                uri = photo_src(photo)
                if uri not in seen:
                    seen.add(uri)
                    out.append(Generated(uri, source_path=data_dir / photo.file))
        made = {} if "browse" in parts else _whole_roll_files(roll, guidance, data_dir, settings, urls, {"browse"})
        made.update(whole_roll.result())
        if settings.compressed_dir is not None:  # the search index and open data: compressed by the drawing workers
            compress = functools.partial(compress_content_ahead, compressed_dir=settings.compressed_dir)
            drawing.add([(functools.partial(compress, name=g.src_uri), g.content) for part in ("search", "feeds")
                         for g in made.get(part, ()) if g.content is not None])
    except BaseException:  # no child outlives a failed build
        if whole_roll is not None:
            whole_roll.close()
        if drawing is not None:
            drawing.cancel()
        late.close()
        raise
    if "search" not in parts:
        made["search"] = [search_page(roll)]  # the index's data files come later (LateFiles)
    # In the order MkDocs was always handed them.
    out += made["browse"]
    out += made["search"]
    out += shared
    out += pictures.files()
    # A feed names each share card's size: filled in once the cards are drawn.
    out += [Generated(uri, make=lambda text=text: with_card_sizes(text, card_sizes())) for uri, text in made["feed_texts"]]
    out += made["feeds"]
    out += made["redirects"]
    # Each Vietnamese page with an English counterpart names it (the English pages name theirs).
    pairs = counterparts(roll)
    return [with_alternate(g, pairs[g.src_uri]) if g.src_uri in pairs else g for g in out], late


def _whole_roll_files(
    roll: Roll, guidance: Guidance, data_dir: Path, settings: SiteSettings, urls: Urls, parts: set[str],
) -> dict:
    """``parts``: "search" (the index), "feeds" (the feeds, their cards' sizes still to fill in, and
    open data), "browse" (Tra cứu and redirects)."""
    made: dict = {}
    if "browse" in parts:
        made["browse"] = [browse_page(roll, urls)]
    if "search" in parts:
        docs_dir = settings.docs_dir or data_dir.parent / "docs"  # hand-written pages are searchable too
        made["search"] = search_files(roll, guidance, docs_dir=docs_dir, urls=urls)
    if "feeds" in parts:
        made["feed_texts"] = feeds(roll, settings.site_url, settings.site_name, urls, settings.illustrative)
        made["feeds"] = [*open_data_files(roll, settings.site_url, urls, settings.illustrative), open_data_page(roll, settings.illustrative)]
    if "browse" in parts:
        redirects = redirect_files(roll, settings.site_url, urls)
        redirects += redirect_config_files(roll, settings.site_url, urls)  # the same moves as 301s, for nginx and Apache
        made["redirects"] = redirects
    return made
