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
        self._handles: dict[int, _Handle] = {}
        self._previous_handles: dict[int, _Handle] = {}
        self._constants: dict[_Handle, _Handle] = {}
        self._previous_constants: dict[_Handle, _Handle] = {}
        self.hits = 0
        self.misses = 0

    def new_round(self) -> None:
        """Start a rebuild: what the round before last did not use is forgotten."""
        self._previous, self._current = self._current, {}
        self._previous_handles, self._handles = self._handles, {}
        self._previous_constants, self._constants = self._constants, {}
        self.hits = self.misses = 0

    def handle(self, value: Hashable) -> Hashable:
        """``value`` (immutable) as a part of keys, hashed once for as long as the object lives
        rather than at every look-up: a whole honoree hashes every field of its record, and
        the preview looks up a thousand keys holding four honorees each. The memo hands back
        the same honoree object for an unchanged record (load_roll), so such a key is found
        again by identity; equal objects still make equal handles."""
        found = self._handles.get(id(value))
        if found is None or found.value is not value:
            found = self._previous_handles.pop(id(value), None)
            if found is None or found.value is not value:  # the handle holds its object: the id is not reused meanwhile
                found = _Handle(value)
            self._handles[id(value)] = found
        return found

    def constant(self, value: Hashable) -> Hashable:
        """``value`` (immutable) as a part of every key of a round (the movement, the photo files'
        state): made anew at each rebuild, it is compared once with the last round's, so that
        the keys holding it are then found again by identity."""
        new = _Handle(value)
        found = self._constants.get(new) or self._previous_constants.pop(new, None) or new
        self._constants[found] = found
        return found

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


class _Handle:
    """An immutable value with its hash computed once; equal when the values are equal."""

    __slots__ = ("value", "_hash")

    def __init__(self, value: Hashable) -> None:
        self.value = value
        self._hash = hash(value)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Handle) and self._hash == other._hash and (self.value is other.value or self.value == other.value)
