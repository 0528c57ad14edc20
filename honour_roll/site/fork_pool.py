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
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

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
    wanted = os.environ.get("HONOUR_ROLL_WORKERS", "").strip()
    if wanted.isascii() and wanted.isdigit():  # anything else: the default, as if unset
        return int(wanted)
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

    A worker that dies (killed for memory, a crash in C code) breaks the pool:
    the parent then does the rest of the work itself, so the build finishes,
    slower, instead of waiting forever for results that will never come.
    """

    def __init__(self, job: Callable, items: Iterable, workers: int, logger_name: str, chunksize: int = 8, ahead: int = 0):
        global _job
        self._job = job
        _job = job
        try:
            # With "fork", every worker starts at the first submit, inheriting _job.
            self._pool = ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker, initargs=(logger_name,)
            )
            items = list(items)
            self._chunks = deque(items[i : i + chunksize] for i in range(0, len(items), chunksize))
            self._pending: deque = deque()
            for _ in range(ahead or 4 * workers):
                self._submit()
        finally:
            _job = None  # the workers have forked with it

    def _submit(self) -> None:
        if self._chunks:
            chunk = self._chunks.popleft()
            self._pending.append((chunk, self._pool.submit(_run, chunk)))

    def results(self) -> Iterator[tuple[object, object, list[tuple[str, int, str]]]]:
        while self._pending:
            chunk, future = self._pending.popleft()
            try:
                done = future.result()
            except BrokenProcessPool:
                rest = [chunk, *(c for c, _ in self._pending), *self._chunks]
                self._pending.clear()
                self._chunks.clear()
                logging.getLogger(__name__).info("Một tiến trình dựng trang đã dừng đột ngột; phần còn lại được dựng ở tiến trình chính.")
                yield from self._in_parent(rest)
                return
            self._submit()
            yield from done

    def _in_parent(self, chunks: list[list]) -> Iterator[tuple[object, object, list[tuple[str, int, str]]]]:
        global _job
        for chunk in chunks:
            _job = self._job
            try:
                done = _run(chunk)  # logs directly: nothing captures them in this process
            finally:
                _job = None
            yield from done

    def close(self) -> None:
        for process in list((getattr(self._pool, "_processes", None) or {}).values()):
            process.terminate()  # results no longer wanted: stop now, as Pool.terminate did
        self._pool.shutdown(wait=True, cancel_futures=True)


def replay(logged: list[tuple[str, int, str]]) -> None:
    """Log in this process what a worker logged."""
    for name, level, message in logged:
        logging.getLogger(name).log(level, message)
