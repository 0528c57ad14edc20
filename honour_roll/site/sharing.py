"""Files for sharing an honoree: the share card (JPEG) and the QR code (SVG)
that points at the page's canonical address.

Nothing a page renders needs these files, only their addresses: a first build
draws the missing ones on the other cores while it goes on (``Drawing``), at a
lower priority than its own work, so that they fill the moments a core would
otherwise wait; the build takes them (``Generated.ready``) when it copies files
into the site, after every page is read.
"""

from __future__ import annotations

import concurrent.futures
import functools
import io
import multiprocessing
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import segno

from honour_roll.site.build_cache import cached_file, key_of
from honour_roll.site.fork_pool import keep_shared_pages, workers_wanted
from honour_roll.site.generated import Generated
from honour_roll.site.precompress import compress_ahead
from honour_roll.site.qr_matrix import MASK, byte_mode_matrix
from honour_roll.record.loader import Roll
from honour_roll.record.model import Honoree
from honour_roll.site.share_cards import (
    card_file, card_path, english_honoree_card, english_movement_line, english_site_card, honoree_card, movement_line, site_card,
)
from honour_roll.site.urls import DIRECTORY_URLS, EN_SITE_CARD, SITE_CARD, Urls, card_uri, en_card_uri, honoree_src, qr_uri


def canonical_url(site_url: str, h: Honoree, urls: Urls = DIRECTORY_URLS) -> str:
    return urls.absolute(site_url, honoree_src(h))


QR_VERSION = "1"  # the same bytes as before the path was drawn here: cached codes stay valid


QR_SCALE, QR_BORDER = 4, 2  # pixels a module; modules of quiet zone around the code
_DARK_RUN = re.compile(rb"\x01+")


def qr_svg(url: str) -> str:
    # Medium error correction survives a creased poster; dark on white prints
    # anywhere. A fixed mask skips the search over all eight (4× faster); any
    # mask scans.
    made = byte_mode_matrix(url)  # the same matrix as segno's, 20 times sooner (qr_matrix)
    matrix = made[1] if made is not None else segno.make(url, error="m", micro=False, mask=MASK).matrix
    side = (len(matrix) + 2 * QR_BORDER) * QR_SCALE
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}"><title>Mã QR</title>'
        f'<path transform="scale({QR_SCALE})" stroke="#000" d="{_dark_runs(matrix)}"/></svg>\n'
    )


def _dark_runs(matrix) -> str:
    """The dark modules as one path of horizontal strokes, each move relative to where the
    last one ended: what segno's SVG writer draws (the same bytes, tests/test_sharing.py), found
    by a regular expression over each row instead of a Python loop over every module (0.43 ms
    of a code's 1.4 ms)."""
    out: list[str] = []
    pen_x, pen_y = 0, 0.0
    for number, row in enumerate(matrix):
        spans = [run.span() for run in _DARK_RUN.finditer(row)]
        if not spans:
            continue
        y = QR_BORDER + number + 0.5  # a stroke one module wide runs along the middle of its row
        start, end = spans[0]
        dy = y - pen_y
        out.append(f"{'m' if out else 'M'}{QR_BORDER + start - pen_x} {int(dy) if dy == int(dy) else dy}h{end - start}")
        # the rest of the row: moves along it, from where the last stroke ended
        out.extend([f"m{start - last_end} 0h{end - start}" for (_, last_end), (start, end) in zip(spans, spans[1:])])
        pen_x, pen_y = QR_BORDER + spans[-1][1], y
    return "".join(out)


def qr_file(url: str, cache_dir: Path, compressed_dir: Path | None = None) -> Path:
    """The QR code's SVG in the cache, made only when no earlier build made it; with
    ``compressed_dir``, its compressed copy for the web server too (precompress.compress_ahead):
    10,000 of them were otherwise made after every page was written."""

    def make() -> bytes:
        svg = qr_svg(url).encode("utf-8")
        if compressed_dir is not None:
            compress_ahead(svg, compressed_dir)
        return svg

    return cached_file(cache_dir, _qr_key(url), ".svg", make)


def qr_path(url: str, cache_dir: Path) -> Path:
    """Where ``qr_file`` puts the code, made or not."""
    return cache_dir / f"{_qr_key(url)}.svg"


def _qr_key(url: str) -> str:
    return key_of("qr", QR_VERSION, url)


# Fewer files to make than this: drawn at once, in this process (an edit in the preview redraws one
# card). The name is the page pool's (hooks/mkdocs_hooks.py): one setting turns every pool on for a test.
MIN_DRAWN_APART = int(os.environ.get("HONOUR_ROLL_POOL_MIN_PAGES", "16"))
CHUNK = 32  # files per task: a few milliseconds each
ADDED_BYTES = 1 << 20  # content per task added by Drawing.add: a few milliseconds of compressing


def _content_size(job: tuple[Callable[[object, Path], object], object]) -> int:
    """How much a job added by Drawing.add has to compress (0 for a card or a code to draw)."""
    return len(job[1]) if isinstance(job[1], (str, bytes)) else 0


def _draw(jobs: list[tuple[Callable[[object, Path], object], object]], cache_dir: Path) -> None:
    for make, what in jobs:
        make(what, cache_dir)


def _yield_to_the_build() -> None:
    keep_shared_pages()
    # A drawing worker gives way to the build's own processes, which everything else waits for.
    os.nice(10)


_running: set["Drawing"] = set()


class Drawing:
    """Files missing from the build cache (share cards, QR codes), made in worker processes
    started now; ``wait()`` returns once every one is in the cache, or raises what failed."""

    def __init__(self, jobs: list[tuple[Callable[[object, Path], Path], object]], cache_dir: Path):
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._futures: list[concurrent.futures.Future] = []
        self._cache_dir = cache_dir
        self._failed: Exception | None = None
        workers = min(workers_wanted(), len(jobs))
        if len(jobs) < MIN_DRAWN_APART or workers < 2:
            try:
                _draw(jobs, cache_dir)
            except Exception as e:  # said by wait(), as a worker's failure would be
                self._failed = e
            return
        self._pool = concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork"), initializer=_yield_to_the_build
        )
        chunk = min(CHUNK, -(-len(jobs) // workers))
        self._futures = [self._pool.submit(_draw, jobs[i : i + chunk], cache_dir) for i in range(0, len(jobs), chunk)]
        _running.add(self)

    def add(self, jobs: list[tuple[Callable[[object, Path], object], object]]) -> None:
        """More work for the workers while they draw (compressed copies of files made meanwhile).
        Nothing is done when nothing is drawn in workers: that work is optional, done later by
        whoever needs it (precompress.compress_site)."""
        if self._pool is None:
            return
        # A task holds up to CHUNK jobs or ADDED_BYTES of content, the largest first: the open data
        # of 10,000 honorees (a 42 MB JSON, an 18 MB CSV) on their own, so that the last tasks
        # are shared between the workers rather than left to one.
        chunk: list = []
        size = 0
        for job in sorted(jobs, key=_content_size, reverse=True):
            if chunk and (len(chunk) == CHUNK or size >= ADDED_BYTES):
                self._futures.append(self._pool.submit(_draw, chunk, self._cache_dir))
                chunk, size = [], 0
            chunk.append(job)
            size += _content_size(job)
        if chunk:
            self._futures.append(self._pool.submit(_draw, chunk, self._cache_dir))

    def wait(self) -> None:
        if self._failed is not None:
            raise self._failed
        if self._pool is None:
            return
        try:
            for future in self._futures:
                future.result()
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stop drawing (a build that failed): what is drawn stays in the cache."""
        pool, self._pool = self._pool, None
        _running.discard(self)
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def cancel_drawings() -> None:
    for drawing in list(_running):
        drawing.cancel()


def start_sharing(roll: Roll, settings, cache_dir: Path, urls: Urls = DIRECTORY_URLS) -> tuple[list[Generated], Drawing]:
    """Every share card and QR code of the roll, at its place in the build cache, and the drawing
    of those not there yet, started now. ``settings``: the site's (honour_roll.site.SiteSettings)."""
    site_url, illustrative = settings.site_url, settings.illustrative
    footer = movement_line(roll.movement)
    cards = {SITE_CARD: site_card(roll.movement, footer, len(roll.published), illustrative)}
    cards.update((card_uri(h.id), honoree_card(h, footer, illustrative)) for h in roll.published)
    if roll.movement.en is not None:  # the English edition's cards, for its pages and their previews
        footer_en = english_movement_line(roll.movement)
        cards[EN_SITE_CARD] = english_site_card(roll.movement, footer_en, len(roll.published), illustrative)
        cards.update((en_card_uri(h.id), english_honoree_card(h, footer_en, illustrative)) for h in roll.published if h.en is not None)
    qrs = {qr_uri(h.id): canonical_url(site_url, h, urls) for h in roll.published}
    paths = {uri: card_path(card, cache_dir) for uri, card in cards.items()}
    paths.update((uri, qr_path(url, cache_dir)) for uri, url in qrs.items())
    jobs: dict[Path, tuple] = {}  # one job per file: two honorees may share a card's words
    for uri, card in cards.items():
        if paths[uri] not in jobs and not paths[uri].is_file():
            jobs[paths[uri]] = (card_file, card)
    for uri, url in qrs.items():
        if paths[uri] not in jobs and not paths[uri].is_file():
            jobs[paths[uri]] = (functools.partial(qr_file, compressed_dir=settings.compressed_dir), url)
    drawing = Drawing(list(jobs.values()), cache_dir)
    return [Generated(uri, source_path=path, ready=drawing.wait) for uri, path in paths.items()], drawing


def default_cache_dir() -> Path:
    """Where cards and pictures go when the build names no cache (the core used on its own)."""
    return Path(tempfile.gettempdir()) / "honour-roll-share-cards"


def sharing_files(roll: Roll, settings, cache_dir: Path | None, urls: Urls = DIRECTORY_URLS) -> list[Generated]:
    """``settings``: the site's (honour_roll.site.SiteSettings)."""
    files, drawing = start_sharing(roll, settings, cache_dir or default_cache_dir(), urls)
    drawing.wait()
    return files
