"""Compressed copies of the site's text files, for servers that send them as they are.

nginx's ``gzip_static`` (and a CDN or bucket given ``Content-Encoding: gzip``)
sends ``x.html.gz`` to a browser that accepts gzip, instead of compressing
``x.html`` on every request or not at all. The build writes the ``.gz`` beside
every text file above 1 KB, once, at zlib's level 6: on this site's pages 0.5 % larger
than at the highest level, 9, in 55 % of its time (0.87 against 1.57 s of CPU for the 55 MB of
text of a 1,000-honoree site, benchmarks/RESULTS.md), which a first build spends on every file.

Compressing a 10,000-honoree site takes long, yet from one build to the next
almost every page is byte-identical (the page store reuses them). So each
compressed copy is kept in the build cache under the hash of the bytes it was
made from, and a later build hard-links it instead of compressing again; only
files whose content changed are compressed, on every core. Like the other
cache entries, a name that is a hash of the input can never be stale.

Only gzip: brotli would save another 15-20 % but needs a compiled Python
package and an nginx module most servers do not have (see the deploy guide).
"""

from __future__ import annotations

import gzip
import os
import tempfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from honour_roll.site.build_cache import key_of, prune_unused

TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt", ".map", ".webmanifest"})
MIN_SIZE = 1024  # below this a compressed copy saves less than a packet
LEVEL = 6
FORMAT = f"gzip-{LEVEL}-mtime0-zlib{zlib.ZLIB_RUNTIME_VERSION}"  # what shapes the bytes of a copy
SUFFIX = ".gz"
GRACE = 3600.0  # seconds an unused entry stays, for builds running side by side


@dataclass
class Compressed:
    """What one pass did, for the build log and the benchmarks."""

    files: int = 0  # text files above MIN_SIZE that got a .gz
    made: int = 0  # compressed in this build
    reused: int = 0  # taken from the cache
    bytes_in: int = 0
    bytes_out: int = 0
    pruned: int = 0


def compressible(site_dir: Path) -> list[Path]:
    """The site's text files above MIN_SIZE, in a fixed order. Hidden files and
    folders (server configuration such as ``.server/``, ``.htaccess``) are never
    served, so they get no copy."""
    out = []
    for root, dirs, names in os.walk(site_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or os.path.splitext(name)[1] not in TEXT_SUFFIXES:
                continue
            path = Path(root, name)
            if path.stat().st_size > MIN_SIZE:
                out.append(path)
    return out


def gzip_bytes(data: bytes) -> bytes:
    # mtime=0 and no file name in the header: the same input always gives the same bytes.
    return gzip.compress(data, compresslevel=LEVEL, mtime=0)


def compress_ahead(data: bytes, cache_dir: Path) -> bytes | None:
    """Put the compressed copy of a file's bytes into the cache before the file is written, so
    that ``compress_site`` finds it and links it: for the worker processes that finish pages
    while the build writes them, instead of one pass over the whole site once it is written
    (1.8 s of CPU at the end of a first build of 1,000 honorees). Bytes that end up not
    written as they are leave an entry no build uses, pruned like any other. Returns the
    compressed bytes when it made them (a worker hands them on as the page store's copy of the
    page), None when the cache had them or the file is too small to get a copy."""
    if len(data) <= MIN_SIZE:
        return None
    entry = cache_dir / f"{key_of(FORMAT, data)}{SUFFIX}"
    if entry.exists():
        return None
    compressed = gzip_bytes(data)
    _store(cache_dir, entry, compressed)
    return compressed


def compress_content_ahead(content: str | bytes, _cache_dir: Path | None = None, *, name: str, compressed_dir: Path) -> None:
    """``compress_ahead`` for a generated file's content, if its name is a text file's; shaped
    as a drawing job (sharing.Drawing.add), which is handed the share cards' folder."""
    if os.path.splitext(name)[1] in TEXT_SUFFIXES:
        compress_ahead(content.encode("utf-8") if isinstance(content, str) else content, compressed_dir)


def compress_site(site_dir: Path, cache_dir: Path | None = None, workers: int | None = None) -> Compressed:
    """Write ``x.gz`` beside every compressible ``x`` of ``site_dir``.

    With ``cache_dir``, copies made by earlier builds are reused and this
    build's are kept; entries no build has used for an hour are deleted.
    Without it (or when the cache cannot be written), every file is compressed.
    """
    report = Compressed()
    used: set[str] = set()
    todo: list[tuple[Path, str | None]] = []
    # Copies already in the cache, in this thread: a warm build is mostly this, and
    # linking is too little work to share between threads.
    for path in compressible(site_dir):
        data = path.read_bytes()
        report.files += 1
        report.bytes_in += len(data)
        key = None
        if cache_dir is not None:
            key = key_of(FORMAT, data)
            used.add(key)
            entry = cache_dir / f"{key}{SUFFIX}"
            if _link(entry, path.with_name(path.name + SUFFIX)):
                report.reused += 1
                report.bytes_out += entry.stat().st_size
                continue
        todo.append((path, key))

    def make(path: Path, key: str | None) -> int:
        packed = gzip_bytes(path.read_bytes())
        target = path.with_name(path.name + SUFFIX)
        if key is not None and cache_dir is not None:
            entry = cache_dir / f"{key}{SUFFIX}"
            if _store(cache_dir, entry, packed) and _link(entry, target):
                return len(packed)
        target.write_bytes(packed)  # no cache, or it cannot be written: the build goes on
        return len(packed)

    # The rest are compressed on every core: zlib lets go of the GIL while it works.
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        for size in pool.map(lambda item: make(*item), todo):
            report.made += 1
            report.bytes_out += size
    if cache_dir is not None:
        report.pruned = _prune(cache_dir, used)
    return report


def _link(entry: Path, target: Path) -> bool:
    """Hard-link a cache entry into the site (copy across file systems); False
    when there is no such entry."""
    try:
        try:
            os.link(entry, target)
        except FileExistsError:  # e.g. MkDocs' own sitemap.xml.gz: ours is made the same way as every other
            target.unlink()
            os.link(entry, target)
        os.utime(entry)  # in use: no other build prunes it now
        return True
    except FileNotFoundError:
        return False
    except OSError:  # another file system, or links not allowed
        try:
            target.write_bytes(entry.read_bytes())
            return True
        except OSError:
            return False


def _store(cache_dir: Path, entry: Path, packed: bytes) -> bool:
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")  # never a half-written entry
        with os.fdopen(fd, "wb") as f:
            f.write(packed)
            os.fchmod(f.fileno(), 0o444)  # readable by all, as a copied file would be; never rewritten in place
        os.replace(tmp, entry)
        return True
    except OSError:
        return False


def _prune(cache_dir: Path, used: set[str], older_than: float = GRACE) -> int:
    return prune_unused(cache_dir, used, SUFFIX, older_than)
