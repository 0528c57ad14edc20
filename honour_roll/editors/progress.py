"""A one-line counter on stderr for long runs, only when a person watches
(stderr is a terminal): logs and pipes stay clean."""

from __future__ import annotations

import sys
import time
from typing import Iterable, Iterator, TextIO, TypeVar

T = TypeVar("T")


class Progress:
    def __init__(self, label: str, stream: TextIO | None = None, every: float = 0.1):
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.every = every
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < self.every:
            return
        self._last = now
        self._shown = True
        self.stream.write(f"\r{self.label} {done}/{total}")
        self.stream.flush()

    def close(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False


class CountingList(list):
    """A list that reports each item as a consumer iterates over it, so a
    function that takes a list of paths (the loader) shows its progress
    without knowing about it."""

    def __init__(self, items: Iterable[T], progress: Progress):
        super().__init__(items)
        self.progress = progress

    def __iter__(self) -> Iterator[T]:
        total = len(self)
        for i, item in enumerate(super().__iter__(), start=1):
            self.progress(i, total)
            yield item
        self.progress.close()
