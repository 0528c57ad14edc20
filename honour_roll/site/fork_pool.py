"""Run one job over many items in forked worker processes, results in order.

MkDocs turns pages into HTML one by one, so a build leaves all cores but one
idle while Python-Markdown runs. Forked workers start with a copy of the
parent's memory: the job can use the build's config, files and pages as they
are, without pickling them; only the items (page paths) and the results cross
the process boundary.

Whatever a job logs in a worker is kept, not printed, and handed back with its
result, so that the parent can log it at the moment it uses the result: the
messages then come out, and are counted by a strict build, exactly as if the
parent had done the work itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator

_job: Callable | None = None  # the job of the pool being started, inherited by its forked workers
_captured: list[tuple[str, int, str]] = []


class _Capture(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        _captured.append((record.name, record.levelno, record.getMessage()))


def _start_worker(logger_name: str) -> None:
    logger = logging.getLogger(logger_name)
    for handler in list(logger.handlers):  # the parent's handlers: printing, counting warnings
        logger.removeHandler(handler)
    logger.addHandler(_Capture(logging.DEBUG))
    logger.propagate = False


def _run(items: list) -> list:
    done = []
    for item in items:
        _captured.clear()
        result = _job(item)
        done.append((item, result, list(_captured)))
    return done


def workers_wanted() -> int:
    """How many workers a pool would use: HONOUR_ROLL_WORKERS, or one per core usable
    by this process; 0 or 1 means do the work in the parent."""
    wanted = os.environ.get("HONOUR_ROLL_WORKERS")
    if wanted is not None:
        return max(0, int(wanted))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class ForkPool:
    """``job(item)`` for every item, in forked workers started now.

    ``results()`` yields ``(item, result, logged)`` in the order of ``items``,
    ``logged`` being ``(logger name, level, message)`` of every record the job
    logged under ``logger_name``. Call ``close()`` when done, or on error.

    Workers stay at most ``ahead`` chunks ahead of the parent taking results:
    at 10,000 pages, finished pages waiting for a busy parent would otherwise
    pile up in its memory (a peak of 882 MiB instead of about 710).
    """

    def __init__(self, job: Callable, items: Iterable, workers: int, logger_name: str, chunksize: int = 8, ahead: int = 0):
        global _job
        _job = job
        try:
            self._pool = multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker, initargs=(logger_name,))
        finally:
            _job = None  # the workers have forked with it
        items = list(items)
        self._chunks = deque(items[i : i + chunksize] for i in range(0, len(items), chunksize))
        self._pending: deque = deque()
        for _ in range(ahead or 4 * workers):
            self._submit()

    def _submit(self) -> None:
        if self._chunks:
            self._pending.append(self._pool.apply_async(_run, (self._chunks.popleft(),)))

    def results(self) -> Iterator[tuple[object, object, list[tuple[str, int, str]]]]:
        while self._pending:
            done = self._pending.popleft().get()
            self._submit()
            yield from done

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def replay(logged: list[tuple[str, int, str]]) -> None:
    """Log in this process what a worker logged."""
    for name, level, message in logged:
        logging.getLogger(name).log(level, message)
