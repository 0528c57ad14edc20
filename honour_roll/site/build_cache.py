"""Files that later builds can reuse, named by the hash of what made them.

A name that is a hash of every input can never be stale, so nothing here
needs invalidating: a changed record simply asks for a new name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path
from typing import Callable


def key_of(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def cached_file(cache_dir: Path, key: str, suffix: str, make: Callable[[], bytes]) -> Path:
    path = cache_dir / f"{key}{suffix}"
    if path.is_file():
        return path
    data = make()
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")  # never a half-written entry
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        # Builds hard-link entries into the site: readable by all, as a copied file would
        # be, and read-only, so that a tool rewriting a site file in place fails rather
        # than silently changing the cache.
        os.fchmod(f.fileno(), 0o444)
    os.replace(tmp, path)
    return path


def prune_unused(directory: Path, used: set[str], suffix: str, older_than: float) -> int:
    """Delete the entries of ``directory`` (files ``<key><suffix>``, and leftover ``.tmp``
    files) whose key is not in ``used`` and that no build touched for ``older_than``
    seconds; returns how many. The delay matters when builds share the folder (a
    preview and a build): another one may be about to read them."""
    if not directory.is_dir():
        return 0
    removed = 0
    limit = time.time() - older_than
    for path in directory.iterdir():
        unused = path.name.endswith(".tmp") or (path.suffix == suffix and path.stem not in used)
        try:
            if unused and path.stat().st_mtime <= limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # pruned by another build meanwhile
            pass
    return removed
