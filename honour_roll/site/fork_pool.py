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

import dataclasses
import gc
import io
import logging
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

_job: Callable | None = None  # the job of the pool being started, inherited by its forked workers
_captured: list[tuple[str, int, str]] = []


class _Capture(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        _captured.append((record.name, record.levelno, record.getMessage()))


def keep_shared_pages() -> None:
    """In a forked worker, first thing: the objects it inherits leave the garbage collector's
    reach (gc.freeze). A collection walks every object it tracks and writes to each one's
    header, so every page the worker shares with the parent would be copied into it: at 1,000
    honorees some 180,000 page faults a build, 7 to 9 s of system time on this machine."""
    gc.freeze()


def _start_worker(logger_name: str) -> None:
    keep_shared_pages()
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
            future = self._pool.submit(_run, self._chunks[0])  # raises if the pool broke: the chunk stays to do
            self._pending.append((self._chunks.popleft(), future))

    def results(self) -> Iterator[tuple[object, object, list[tuple[str, int, str]]]]:
        while self._pending:
            chunk, future = self._pending.popleft()
            try:
                done = future.result()
            except BrokenProcessPool:
                yield from self._rest_in_parent([chunk])
                return
            try:
                self._submit()
            except BrokenProcessPool:  # a worker died after this chunk was done: the rest, here
                yield from done
                yield from self._rest_in_parent([])
                return
            yield from done

    def _rest_in_parent(self, first: list[list]) -> Iterator[tuple[object, object, list[tuple[str, int, str]]]]:
        rest = [*first, *(c for c, _ in self._pending), *self._chunks]
        self._pending.clear()
        self._chunks.clear()
        logging.getLogger(__name__).info("Một tiến trình dựng trang đã dừng đột ngột; phần còn lại được dựng ở tiến trình chính.")
        yield from self._in_parent(rest)

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


def spread(job: Callable, items: list, minimum: int, logger_name: str, keep: object = None) -> list:
    """``list(map(job, items))``, on every core when there are at least ``minimum`` items.

    Results come back from the workers pickled; every object reachable from ``keep``
    (the movement records refer to: its kinds, pillars, localities...) comes back as the
    parent's own object, not a copy, so that identity and memory are a serial map's.
    """
    workers = workers_wanted()
    if workers < 2 or len(items) < max(minimum, 2):
        return list(map(job, items))
    shared = _reachable(keep)  # inherited by the workers: a forked object keeps its id()
    pool = ForkPool(lambda item: _dumps(job(item), shared), items, workers, logger_name, chunksize=max(1, min(64, len(items) // (4 * workers))))
    try:
        out = []
        for _item, packed, logged in pool.results():
            replay(logged)
            out.append(_loads(packed, shared))
        return out
    finally:
        pool.close()


def _reachable(root: object) -> dict[int, object]:
    """Every object of a tree of dataclasses, tuples, lists and dicts, by id()."""
    found: dict[int, object] = {}
    todo = [root]
    while todo:
        obj = todo.pop()
        if obj is None or id(obj) in found or isinstance(obj, (str, bytes, int, float, bool)):
            continue
        found[id(obj)] = obj
        if dataclasses.is_dataclass(obj):
            todo.extend(getattr(obj, f.name) for f in dataclasses.fields(obj))
        elif isinstance(obj, (tuple, list, frozenset, set)):
            todo.extend(obj)
        elif isinstance(obj, dict):
            todo.extend(obj.keys())
            todo.extend(obj.values())
    return found


# The parent's objects that workers' results refer to, while the parent unpickles them.
_shared: dict[int, object] = {}


def _shared_object(key: int) -> object:
    return _shared[key]


def _dumps(value: object, shared: dict[int, object]) -> bytes:
    """Pickled, the objects of ``shared`` by reference. Only their classes get a reducer
    (a persistent_id would be called for every object of every result)."""

    def reduce(obj):
        if shared.get(id(obj)) is obj:
            return _shared_object, (id(obj),)
        return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {type(obj): reduce for obj in shared.values() if dataclasses.is_dataclass(obj)}
    pickler.dump(value)
    return buffer.getvalue()


def _loads(data: bytes, shared: dict[int, object]) -> object:
    _shared.update(shared)
    try:
        return pickle.loads(data)
    finally:
        _shared.clear()
