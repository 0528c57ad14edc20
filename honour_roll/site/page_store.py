"""Finished HTML of generated pages, kept between builds.

A site of 10,000 honorees is 10,000 pages that, from one build to the next,
almost never change, yet turning each page's Markdown into HTML and pouring
it into the theme is most of a build's time. This store keeps each generated
page's final HTML under a key made of everything that shaped it, so a later
build (or a ``mkdocs serve`` rebuild after one record was edited) renders
only the pages whose inputs changed.

The key is a hash: a page's own source (front matter and Markdown) and path, plus a *site key* that the
caller builds from everything else a page's HTML can depend on (the
resolved config, every installed distribution, the docs, theme overrides and
hooks folders, the project's code, the other pages). Like the share-card
cache, an entry is meant never to be stale: a change anywhere in its inputs
asks for a different key. As a key listing inputs can still miss one, the
caller also renders a few reused pages in full on every build and drops the
store when one differs. Entries no build has
asked for are pruned after a successful build, once no build has used them for
an hour, so the store holds little more than one site.

Nothing here knows MkDocs; the hook decides what goes into the site key.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from importlib.metadata import distributions
from pathlib import Path

from honour_roll.site.build_cache import key_of, prune_unused

FORMAT = "2"  # bump when PageEntry's stored shape changes (2: the HTML is a gzip member)
GRACE = 3600.0  # seconds an unused entry stays, for builds running side by side
SUFFIX = ".page"


@dataclass(frozen=True)
class PageEntry:
    """A page as an earlier build finished it."""

    html: str
    anchors: frozenset[str] = frozenset()  # ids other pages may link to
    # Links from this page to anchors of other pages: target src_uri -> {anchor: link as written}.
    # Kept so that a reused page's links are still checked against the current targets.
    anchor_links: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_bytes(self, packed: bytes | None = None) -> bytes:
        """``packed``: the HTML as ``pack_html`` compressed it already (by the worker that finished the page)."""
        # The head stays uncompressed: a build reads every head early, and each page's
        # HTML only when it writes that page, so 10,000 pages are never all in memory.
        head = json.dumps({"anchors": sorted(self.anchors), "anchor_links": self.anchor_links}, ensure_ascii=False)
        return head.encode("utf-8") + b"\n" + (packed if packed is not None else pack_html(self.html))

    @classmethod
    def from_bytes(cls, data: bytes) -> PageEntry:
        head, body = _split(data)
        return cls(unpack_html(body), head.anchors, head.anchor_links)


def pack_html(html: str) -> bytes:
    """A page's HTML as the store keeps it, and as workers hand pages to the build process: a
    gzip member, so that the web server's compressed copy of a finished page, when a worker has
    just made it (precompress.compress_ahead), is kept as it is instead of compressing the page
    a second time; otherwise at zlib's fastest level."""
    return gzip.compress(html.encode("utf-8"), 1, mtime=0)


def unpack_html(packed: bytes) -> str:
    return zlib.decompress(packed, _GZIP_MEMBER).decode("utf-8")


_GZIP_MEMBER = 16 + zlib.MAX_WBITS  # zlib's wbits for a gzip header and trailer


@dataclass(frozen=True)
class PageHead:
    """What a build needs of a stored page before writing it."""

    anchors: frozenset[str]
    anchor_links: dict[str, dict[str, str]]


def _split(data: bytes) -> tuple[PageHead, bytes]:
    head, newline, body = data.partition(b"\n")
    if not newline:
        raise ValueError("no head")
    meta = json.loads(head)
    return PageHead(frozenset(meta["anchors"]), meta["anchor_links"]), body


def fingerprint_tree(*roots: Path, suffixes: tuple[str, ...] = ()) -> str:
    """One hash of every file under ``roots`` (names and bytes), for a site key."""
    parts: list[str | bytes] = []
    for root in roots:
        if not root.is_dir():
            parts.append(f"missing:{root.name}")
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            if suffixes and path.suffix not in suffixes:
                continue
            parts += [path.relative_to(root).as_posix(), path.read_bytes()]
    return key_of(*parts)


def fingerprint_distributions() -> str:
    """One hash of the Python running and every distribution installed (name and
    version): a Markdown extension, a plugin or a theme upgraded changes it. About
    20 ms for the 50-odd distributions of the project's venv."""
    found = sorted(f"{d.name}=={d.version}" for d in distributions())
    return key_of(sys.version, *found)


class PageStore:
    def __init__(self, directory: Path, site_key: str, known_heads: dict[str, PageHead] | None = None):
        """``known_heads``: heads an earlier build of the same process read and checked (the
        preview's, see ``found``). An entry never changes under its key, so such a head is
        taken as it is, once its file is found still there, instead of reading and checking
        the file again: at 1,000 honorees a tenth of a preview rebuild."""
        self.directory = directory
        self.site_key = key_of(FORMAT, site_key)
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self.known_heads = known_heads or {}
        self.found: dict[str, PageHead] = {}  # the heads this build found, for the next one

    def key(self, src_uri: str, source: str) -> str:
        key = key_of(self.site_key, src_uri, source)
        self.used.add(key)
        return key

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}{SUFFIX}"

    def head(self, key: str) -> PageHead | None:
        """The stored page's head, or None when there is no usable entry."""
        path = self._path(key)
        known = self.known_heads.get(key)
        if known is not None:
            try:
                os.utime(path)  # there still, and in use: no other build prunes it now
            except OSError:
                pass  # gone: read as any other (a miss)
            else:
                self.hits += 1
                self.found[key] = known
                return known
        try:
            data = path.read_bytes()
            head, body = _split(data)
            zlib.decompress(body, _GZIP_MEMBER)  # a damaged body fails here, while the page can still be rendered
            os.utime(path)  # in use: no other build prunes it now
        except (OSError, ValueError, KeyError, TypeError, zlib.error):  # missing or damaged: render again
            self.misses += 1
            return None
        self.hits += 1
        self.found[key] = head
        return head

    def html(self, key: str) -> str:
        return PageEntry.from_bytes(self._path(key).read_bytes()).html

    def put(self, key: str, entry: PageEntry, packed: bytes | None = None) -> None:
        """``packed``: ``pack_html(entry.html)``, when the caller has it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")  # never a half-written entry
        with os.fdopen(fd, "wb") as f:
            f.write(entry.to_bytes(packed))
        os.replace(tmp, self._path(key))
        self.found[key] = PageHead(entry.anchors, entry.anchor_links)  # as head() reads it back

    def drop(self) -> None:
        """Forget every entry: they were found stale."""
        self.known_heads, self.found = {}, {}
        shutil.rmtree(self.directory, ignore_errors=True)

    def prune(self, older_than: float = GRACE) -> int:
        """Delete the entries this build did not ask for and no build has used for
        ``older_than`` seconds; returns how many (build_cache.prune_unused)."""
        return prune_unused(self.directory, self.used, SUFFIX, older_than)
