"""Under the preview only: the site folder kept between rebuilds, a file written only when it changed.

``mkdocs serve`` empties its site folder before every rebuild and writes the
whole site again: at 1,000 honorees, 1,013 pages and about 6,000 other files
(cards, QR codes, pictures, search shards), more than a second of a rebuild on
a virtual disk, for an edit that changes a handful of files. The preview
instead keeps the folder (``keep_folder``), compares each file with what is
already there (``write`` and ``copy`` skip the same bytes, and files not
newer than their copy), and after the build removes what this build did not
make (``prune``: a deleted record's page, a photo no longer used).

The folder then holds exactly what an emptied folder would: every file this
build makes is either written or already there with the same bytes, and every
other file is removed. ``mkdocs build`` is not affected: it writes into a fresh
folder, as before.
"""

from __future__ import annotations

import os
import shutil


class KeptOutput:
    """One preview's site folder, across its rebuilds."""

    def __init__(self) -> None:
        self.site_dir: str | None = None
        self.started = 0.0
        self.made: set[str] = set()  # every output path of this build, written or found unchanged
        self.written = self.unchanged = 0

    def begin(self, site_dir: str) -> None:
        self.site_dir = os.path.abspath(site_dir)
        os.makedirs(self.site_dir, exist_ok=True)
        # The file system's own clock (coarser than time.time()): what prune compares with.
        stamp = os.path.join(self.site_dir, ".honour-roll-build")
        with open(stamp, "wb"):
            pass
        self.started = os.stat(stamp).st_mtime
        os.unlink(stamp)
        self.made = set()
        self.written = self.unchanged = 0

    def keep_folder(self, directory: str) -> bool:
        """Whether emptying ``directory`` before the build is skipped (it is this preview's folder)."""
        return self.site_dir is not None and os.path.abspath(directory) == self.site_dir

    def inside(self, path: str) -> bool:
        """Whether ``path`` is in this preview's folder."""
        return self.site_dir is not None and os.path.abspath(path).startswith(self.site_dir + os.sep)

    def write(self, data: bytes, path: str) -> None:
        """``path`` holds ``data`` afterwards; written only if it held something else."""
        self.made.add(os.path.abspath(path))
        try:
            if os.path.getsize(path) == len(data):
                with open(path, "rb") as f:
                    if f.read() == data:
                        self.unchanged += 1
                        return
            os.unlink(path)  # never write through a hard link into the build cache (CacheLinkedFile)
        except OSError:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        self.written += 1

    def copy(self, source: str, path: str) -> None:
        """``path`` a copy of ``source``; copied again only when ``source`` changed since
        (newer, or another size), MkDocs' own rule for `serve --dirty`."""
        self.made.add(os.path.abspath(path))
        try:
            here, there = os.stat(source), os.stat(path)
            if here.st_size == there.st_size and here.st_mtime_ns <= there.st_mtime_ns and there.st_nlink == 1:
                self.unchanged += 1
                return
            os.unlink(path)
        except OSError:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        shutil.copyfile(source, path)
        self.written += 1

    def note(self, path: str) -> None:
        """A file this build made by other means (a link into the build cache)."""
        self.made.add(os.path.abspath(path))

    def prune(self) -> int:
        """Remove every file of the folder that this build did not make: not written or found
        unchanged here, and not written since the build began by anything else. Hidden
        entries stay, as MkDocs leaves them."""
        if self.site_dir is None:
            return 0
        keep = self.made
        removed = 0
        for folder, _dirs, names in os.walk(self.site_dir, topdown=False):
            if any(part.startswith(".") for part in os.path.relpath(folder, self.site_dir).split(os.sep) if part != "."):
                continue
            for name in names:
                path = os.path.join(folder, name)
                if name.startswith(".") or path in keep:
                    continue
                try:
                    if os.lstat(path).st_mtime >= self.started:
                        continue
                    os.unlink(path)
                    removed += 1
                except OSError:
                    pass
            if folder != self.site_dir:
                try:
                    os.rmdir(folder)  # only when empty
                except OSError:
                    pass
        return removed
