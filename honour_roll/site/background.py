"""One piece of a build's work done in a forked process while the build goes on.

Before MkDocs can render any page, the build makes everything it generates
from the whole roll. Two parts of that are independent and about as long:
the pages' Markdown (with related honorees), and the outputs no page's
Markdown needs (search index, Tra cứu, feeds, open data, redirects): at 1,000
honorees about 1 s each, on one core while the other waited. ``Background``
runs the second part in a forked child as soon as its inputs are known; the
parent writes the pages meanwhile and takes the child's result when it needs it.

The child runs the same pure functions on a copy of the same memory, so the
result is what the parent would have made (tests/test_parallel_render.py
compares every byte with a serial build). With one core
(``HONOUR_ROLL_WORKERS=1``), for a small roll, or if the child dies, the work
is done in the parent, as before.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Generic, TypeVar

from honour_roll.site.fork_pool import ForkPool, replay, workers_wanted

T = TypeVar("T")
# Fewer honorees than this: forking costs more than it saves. The name is the page pool's
# (hooks/mkdocs_hooks.py), so that one setting turns every pool on for a small test site.
MIN_HONOREES = int(os.environ.get("HONOUR_ROLL_POOL_MIN_PAGES", "32"))
# How much lower a yielding child's priority is: at 5, Linux gives it about a third of the
# time of a normal process competing for the same core, not none.
YIELDING_NICENESS = 5


class Background(Generic[T]):
    """``make()`` in a forked child, started now; ``result()`` waits for it."""

    def __init__(self, make: Callable[[], T], size: int, yielding: bool = False):
        """``size``: how many honorees the work covers, to decide whether forking pays.
        ``yielding``: the result is wanted much later than the work could be done: the child
        runs at a lower priority (``os.nice``), so that the work wanted sooner, in this process
        and in other children, has the cores first, and this child the time they leave."""
        self._make = make
        self._pool: ForkPool | None = None
        self._parent = os.getpid()
        self._yielding = yielding
        self.forked = False  # whether the result came from the child
        if workers_wanted() >= 2 and size >= MIN_HONOREES:
            self._pool = ForkPool(self._run, [0], 1, __name__.partition(".")[0], chunksize=1, ahead=1)

    def _run(self, _item: int) -> tuple[int, T]:
        if self._yielding and os.getpid() != self._parent:  # never the parent (ForkPool's fallback)
            os.nice(YIELDING_NICENESS)
        return os.getpid(), self._make()

    def result(self) -> T:
        if self._pool is None:
            return self._make()
        try:
            (_, (pid, value), logged), *_ = self._pool.results()
        finally:
            self._pool.close()
            self._pool = None
        replay(logged)
        self.forked = pid != os.getpid()
        return value

    def close(self) -> None:
        """The result is no longer wanted (the build failed first): stop the child."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None
