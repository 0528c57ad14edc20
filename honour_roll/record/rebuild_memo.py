"""Per-record work kept between the rebuilds of one preview (``mkdocs serve``).

The preview rebuilds the whole site after every save, yet an editor changes
one record at a time: reading and validating the other 999 records and
rendering their pages again gives the same results. A ``Memo`` hands those
results back.

It can never serve a stale result, because each key is the *whole* input of a
pure function (a record's bytes and path, the state of the photo files; an
honoree and everything its page shows). What it must not do is grow without
bound over a long editing session, so each rebuild is a *round*: results not
asked for during a whole round are dropped at the start of the next.

Only the preview uses it (one long-lived process); a build starts from nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class Memo:
    def __init__(self) -> None:
        self._current: dict[Hashable, object] = {}
        self._previous: dict[Hashable, object] = {}
        self.hits = 0
        self.misses = 0

    def new_round(self) -> None:
        """Start a rebuild: what the round before last did not use is forgotten."""
        self._previous, self._current = self._current, {}
        self.hits = self.misses = 0

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        if key in self._current:
            self.hits += 1
            return self._current[key]  # type: ignore[return-value]
        if key in self._previous:
            self.hits += 1
            value = self._previous.pop(key)
        else:
            self.misses += 1
            value = make()
        self._current[key] = value
        return value  # type: ignore[return-value]


# The preview's memo: module state outlives MkDocs re-running the hook file on every rebuild.
preview = Memo()
