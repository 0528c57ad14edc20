"""The worker pool: results in order, and a worker that dies does not hang the build."""

from __future__ import annotations

import dataclasses
import os

from honour_roll.site.fork_pool import ForkPool, spread, workers_wanted

from conftest import MOVEMENT


def test_results_come_in_order():
    pool = ForkPool(lambda n: n * n, range(50), 2, "test-pool", chunksize=3)
    try:
        assert [(i, r) for i, r, _ in pool.results()] == [(i, i * i) for i in range(50)]
    finally:
        pool.close()


def test_a_worker_that_dies_leaves_the_rest_to_the_parent():
    parent = os.getpid()

    def job(n):
        if n == 13 and os.getpid() != parent:
            os._exit(9)  # as a worker killed for memory would
        return n * 2

    pool = ForkPool(job, range(40), 2, "test-pool", chunksize=4)
    try:
        assert [(i, r) for i, r, _ in pool.results()] == [(i, 2 * i) for i in range(40)]
    finally:
        pool.close()


def test_a_worker_count_that_is_not_a_number_is_the_default(monkeypatch):
    monkeypatch.setenv("HONOUR_ROLL_WORKERS", "abc")
    default = workers_wanted()
    assert default >= 1
    monkeypatch.setenv("HONOUR_ROLL_WORKERS", "1")
    assert workers_wanted() == 1


def test_spread_hands_back_the_parents_own_movement_objects(monkeypatch):
    """Records read on other cores refer to the movement's kinds and pillars: the parent gets its own
    objects back, not copies (browse.py compares pillars by identity); anything else comes as a copy."""
    monkeypatch.setenv("HONOUR_ROLL_WORKERS", "2")
    kinds = MOVEMENT.kinds

    def job(n):
        assert os.getpid() != parent or n == -1
        return n, kinds[n % len(kinds)], dataclasses.replace(kinds[0])

    parent = os.getpid()
    results = spread(job, list(range(40)), 2, "test-pool", keep=MOVEMENT)
    assert [n for n, _, _ in results] == list(range(40))
    assert all(kind is kinds[n % len(kinds)] for n, kind, _ in results)
    assert all(copy == kinds[0] and copy is not kinds[0] for _, _, copy in results)
    # Too few items to start workers: the parent maps them itself.
    assert spread(lambda n: n + 1, [-1], 2, "test-pool") == [0]
