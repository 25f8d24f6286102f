"""Normalizing postings in worker processes, so a crawl uses every core instead of the reactor's one.

The item pipelines that only change a posting from the posting itself (`offload = True`: clean text, normalize,
requirements, seed fields, validate) are run by a pool of worker processes, fed in batches; everything with
shared state (duplicates, the state check and decision, record files, the state commit) stays in the crawl
process, in pipeline order.  `pipelines.workers.NormalizeInWorkersPipeline` (190, after the state check: an
unchanged posting is never sent) hands each posting to a `WorkerPool` and waits for it; the offloaded pipelines
are left out of the crawl process's chain.

A batch holds up to NORMALIZE_BATCH postings, or fewer when NORMALIZE_BATCH_WAIT seconds pass without more: a
board's postings, which arrive together, travel together.  What a posting carries goes as a tuple of its field
values; what comes back is the fields the pipelines changed, the stats they counted (merged into the crawl's
stats) and what they logged (logged again here).  A posting a pipeline drops is dropped here with the same
reason; a pipeline's exception is raised here with the worker's traceback.

A worker that dies (killed, out of memory, a crash in a C extension) breaks the pool: every batch it had is
redone once, alone, in a new pool; a batch that breaks that one too is redone one posting at a time, and a
posting that kills a worker on its own is dropped and counted (jobs/workers/failed/worker_died) with its
reason.  Nothing is lost silently and nothing is applied twice.  Workers ignore SIGINT (the crawl's graceful
shutdown still needs them) and exit when the crawl process is gone (SIGKILL included).  Where no process can be
started at all (a sandbox without semaphores), that is logged once and postings are normalized in the crawl
process.

Settings:
  NORMALIZE_WORKERS      worker processes (default: the machine's cores); 0: every pipeline in the crawl process
  NORMALIZE_BATCH        postings per batch (default 16)
  NORMALIZE_BATCH_WAIT   seconds a partial batch waits for more postings (default 0.02)

Stats: jobs/workers/batches, postings, cpu_ms (the workers' CPU), pool_started, pool_broken, redone,
failed/<reason>, unavailable.
"""

from __future__ import annotations

import asyncio
import copy
import importlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
import types
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any

from scraper.items import JobPosting

logger = logging.getLogger(__name__)

FIELDS: tuple[str, ...] = tuple(JobPosting.__dataclass_fields__)
_CONTAINERS = (list, dict)


def worker_count(settings: Any) -> int:
    """NORMALIZE_WORKERS, or the cores this process may run on."""
    value = settings.get("NORMALIZE_WORKERS")
    if value in (None, ""):
        return available_cores()
    return max(0, int(value))


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def load(path: Any) -> Any:
    """A class given by its import path (or the class itself), without Scrapy's loader."""
    if not isinstance(path, str):
        return path
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def offloaded_pipelines(settings: Any) -> list[Any]:
    """The pipeline classes the workers run: with workers on, the offloadable pipelines that follow
    NormalizeInWorkersPipeline in ITEM_PIPELINES, up to the first that is not offloadable."""
    if worker_count(settings) == 0:
        return []
    pipelines = settings.get("ITEM_PIPELINES") or {}
    if hasattr(pipelines, "copy_to_dict"):
        pipelines = pipelines.copy_to_dict()
    order = sorted(((priority, path) for path, priority in dict(pipelines).items() if priority is not None),
                   key=lambda pair: pair[0])
    chain, started = [], False
    for _, path in order:
        cls = load(path)
        if getattr(cls, "is_worker_stage", False):
            started = True
            continue
        if started:
            if not getattr(cls, "offload", False):
                break
            chain.append(cls)
    return chain if started else []


# ---- in the worker process ----------------------------------------------------------------------------

class _Stats:
    """The stats a pipeline counts in a worker: kept as increments for the crawl process to merge."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def inc_value(self, key: str, count: int = 1, start: int = 0, spider: Any = None) -> None:
        self.values[key] = self.values.get(key, start) + count

    def get_value(self, key: str, default: Any = None, spider: Any = None) -> Any:
        return self.values.get(key, default)

    def take(self) -> dict[str, Any]:
        values, self.values = self.values, {}
        return values


class _Settings(dict):
    """The crawl's plain settings, read as Scrapy's Settings are (without loading Scrapy)."""

    def getbool(self, name: str, default: bool = False) -> bool:
        value = self.get(name, default)
        return value.strip().lower() in ("1", "true", "yes", "on") if isinstance(value, str) else bool(value)

    def getint(self, name: str, default: int = 0) -> int:
        return int(self.get(name, default))

    def getfloat(self, name: str, default: float = 0.0) -> float:
        return float(self.get(name, default))

    def getlist(self, name: str, default: list[Any] | None = None) -> list[Any]:
        value = self.get(name, default or [])
        return value.split(",") if isinstance(value, str) else list(value)


class _Crawler:
    def __init__(self, settings: dict[str, Any]):
        self.settings = _Settings(settings)
        self.stats = _Stats()
        self.spider = None


class _LogBuffer(logging.Handler):
    """What the pipelines log in a worker, kept for the crawl process to log again."""

    def __init__(self, level: int):
        super().__init__(level)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.records.append((record.name, record.levelno, record.getMessage()))
        except Exception:  # a record whose message cannot be formatted: say so instead
            self.records.append((record.name, record.levelno, repr(record.msg)))

    def take(self) -> list[tuple[str, int, str]]:
        records, self.records = self.records, []
        return records


_chain: list[Any] = []
_crawler: _Crawler | None = None
_logs: _LogBuffer | None = None
_cpu_reported = 0.0


def _watch_parent(parent: int) -> None:
    """Exit once the crawl process is gone: a crawl killed with SIGKILL leaves no worker behind."""
    while True:
        time.sleep(0.5)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # pragma: no cover - another user's process took the pid
            os._exit(0)


def init_worker(paths: list[str], settings: dict[str, Any], parent: int, log_level: int) -> None:
    """The worker's set-up: its own instances of the offloaded pipelines, log capture, the parent watch."""
    global _crawler, _logs
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the crawl finishes first
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="parent-watch").start()
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    _logs = _LogBuffer(log_level)
    root.addHandler(_logs)
    root.setLevel(log_level)
    _crawler = _Crawler({**settings, "NORMALIZE_WORKERS": 0})
    _chain[:] = [_build(load(path), _crawler) for path in paths]


def _build(cls: Any, crawler: _Crawler) -> Any:
    if hasattr(cls, "from_crawler"):
        return cls.from_crawler(crawler)
    return cls()


def _differs(after: Any, before: Any) -> bool:
    return after is not before and after != before


def run_batch(payloads: list[tuple[Any, ...]]) -> tuple[list[tuple[str, Any]], dict[str, Any],
                                                        list[tuple[str, int, str]]]:
    """Each posting (its field values) through the chain: per posting ("ok", {changed field: value}),
    ("drop", reason) or ("error", traceback); then the stats counted and what was logged."""
    from_item = JobPosting
    results: list[tuple[str, Any]] = []
    for values in payloads:
        item = from_item(*values)
        pristine = {i: copy.deepcopy(v) for i, v in enumerate(values) if isinstance(v, _CONTAINERS)}
        try:
            for pipe in _chain:
                item = pipe.process_item(item)
        except Exception as exc:
            if type(exc).__name__ == "DropItem":
                results.append(("drop", str(exc)))
            else:
                results.append(("error", "".join(traceback.format_exception(exc)).rstrip()))
            continue
        changes = {}
        for index, name in enumerate(FIELDS):
            after = getattr(item, name)
            before = pristine.get(index, values[index])
            if index in pristine:
                if after != before:
                    changes[name] = after
            elif _differs(after, before):
                changes[name] = after
        results.append(("ok", changes))
    assert _crawler is not None and _logs is not None
    # This worker's CPU since it last answered (its start-up included: a new process starts at 0), for the
    # crawl's stats: with the crawl process's own, the CPU a posting costs.
    global _cpu_reported
    cpu = time.process_time()
    _crawler.stats.inc_value("jobs/workers/cpu_ms", round((cpu - _cpu_reported) * 1000))
    _cpu_reported = cpu
    return results, _crawler.stats.take(), _logs.take()


# ---- in the crawl process -----------------------------------------------------------------------------

class WorkerPostingError(Exception):
    """A pipeline raised in a worker; the message holds the worker's traceback."""


class WorkerPoolUnavailable(Exception):
    """No worker process can be started here: the caller normalizes in its own process."""


def _plain(value: Any) -> bool:
    if value is None or isinstance(value, (str, int, float, bool)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def _context() -> Any:
    # Not fork: forking a process that runs the reactor (threads, sockets, SQLite) is unsafe.  The fork server
    # starts workers quickly; it preloads nothing of ours, so a worker loads only what normalizing needs.
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([])
        return context
    return multiprocessing.get_context("spawn")


@contextmanager
def _main_not_rerun() -> Iterator[None]:
    """Workers find our functions by module name, so the crawl's main module (Scrapy's command line) need not
    run again in each of them, which spawn and forkserver do by default (and which would load all of Scrapy
    there: ~30 MB and ~0.5 s a worker).  While processes start, __main__ is a bare module: nothing to re-run."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


class _Entry:
    __slots__ = ("item", "future", "payload")

    def __init__(self, item: Any, future: asyncio.Future[Any], payload: tuple[Any, ...]):
        self.item = item
        self.future = future
        self.payload = payload


class WorkerPool:
    """Postings to worker processes in batches, and their results back to each posting (see the module)."""

    def __init__(self, workers: int, pipelines: Iterable[Any], settings: Any, stats: Any = None,
                 batch_size: int = 16, batch_wait: float = 0.02, function: Any = None,
                 initializer: Any = None, initargs: tuple[Any, ...] | None = None):
        self.workers = workers
        self.paths = [p if isinstance(p, str) else f"{p.__module__}.{p.__qualname__}" for p in pipelines]
        raw = settings.copy_to_dict() if hasattr(settings, "copy_to_dict") else dict(settings or {})
        self.settings = {k: v for k, v in raw.items() if isinstance(k, str) and _plain(v)}
        self.stats = stats
        self.batch_size = max(1, batch_size)
        self.batch_wait = max(0.0, batch_wait)
        self.function = function or run_batch
        level = logging.getLevelName(str(self.settings.get("LOG_LEVEL", "INFO")).upper())
        self.initializer = initializer or init_worker
        self.initargs = initargs if initargs is not None else (
            self.paths, self.settings, os.getpid(), level if isinstance(level, int) else logging.INFO)
        self.executor: ProcessPoolExecutor | None = None
        self.generation = 0
        self.inflight: dict[int, int] = {}
        self.pending: list[_Entry] = []
        self.timer: asyncio.TimerHandle | None = None
        self.broken: list[list[_Entry]] = []
        self.recovering = False
        self.healthy: asyncio.Event | None = None
        self.tasks: set[asyncio.Task[Any]] = set()
        self.closed = False
        self.unavailable: str | None = None

    def count(self, what: str, n: int = 1) -> None:
        if self.stats is not None and n:
            self.stats.inc_value(f"jobs/workers/{what}", n)

    # ---- the pool ----------------------------------------------------------------------------------
    def _executor(self) -> ProcessPoolExecutor:
        if self.executor is None:
            self.executor = ProcessPoolExecutor(self.workers, mp_context=_context(), initializer=self.initializer,
                                                initargs=self.initargs)
            self.generation += 1
            self.count("pool_started")
        return self.executor

    def _drop_executor(self) -> None:
        executor, self.executor = self.executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def worker_pids(self) -> list[int]:
        """The worker processes' ids (for tests and operators)."""
        processes = getattr(self.executor, "_processes", None) or {}
        return [p.pid for p in processes.values() if p.pid]

    def shutdown(self) -> None:
        """Let the workers go (they are idle: Scrapy closes the pipelines once no item is in flight)."""
        self.closed = True
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        executor, self.executor = self.executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    # ---- postings in ---------------------------------------------------------------------------------
    async def process(self, item: Any) -> Any:
        """The posting through the offloaded pipelines: its fields updated, or DropItem / WorkerPostingError."""
        if self.unavailable is not None:
            raise WorkerPoolUnavailable(self.unavailable)
        loop = asyncio.get_running_loop()
        if self.healthy is None:
            self.healthy = asyncio.Event()
            self.healthy.set()
        future: asyncio.Future[Any] = loop.create_future()
        self.pending.append(_Entry(item, future, tuple(getattr(item, name) for name in FIELDS)))
        if len(self.pending) >= self.batch_size:
            self._flush()
        elif self.timer is None:
            self.timer = loop.call_later(self.batch_wait, self._flush)
        return await future

    def _flush(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        while self.pending:
            batch, self.pending = self.pending[:self.batch_size], self.pending[self.batch_size:]
            self._spawn(self._run(batch))

    def _spawn(self, coroutine: Any) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _submit(self, payloads: list[tuple[Any, ...]]) -> Any:
        """One batch to the pool; BrokenProcessPool when a worker dies meanwhile, WorkerPoolUnavailable when no
        worker process can be started here at all."""
        try:
            executor = self._executor()
            with _main_not_rerun():  # the pool starts its processes in submit()
                future: Future[Any] = executor.submit(self.function, payloads)
        except BrokenProcessPool:
            raise
        except Exception as exc:  # e.g. no semaphores in this sandbox, or no process may be forked
            raise WorkerPoolUnavailable(f"{type(exc).__name__}: {exc}") from exc
        generation = self.generation
        self.inflight[generation] = self.inflight.get(generation, 0) + 1
        try:
            return await asyncio.wrap_future(future)
        finally:
            self.inflight[generation] -= 1

    async def _run(self, batch: list[_Entry]) -> None:
        assert self.healthy is not None
        while not self.healthy.is_set():  # no new batch while a broken pool's batches are redone alone
            await self.healthy.wait()
        if self.unavailable is not None:
            self._hand_back(batch)
            return
        try:
            outcome = await self._submit([entry.payload for entry in batch])
        except BrokenProcessPool:
            self.broken.append(batch)
            if not self.recovering:
                await self._recover()
            return
        except WorkerPoolUnavailable as exc:
            self._give_up(str(exc))
            self._hand_back(batch)
            return
        except Exception as exc:  # the batch could not be sent or its answer read back (pickling)
            self._fail_all(batch, exc)
            return
        self._settle(batch, outcome)

    def _give_up(self, reason: str) -> None:
        """No more worker processes: every posting from now on is normalized by the caller, in its process."""
        if self.unavailable is None:
            self.unavailable = reason
            self.count("unavailable")
            logger.error("no normalizing worker process could be started (%s): postings are normalized in the "
                         "crawl process", reason)

    def _hand_back(self, batch: list[_Entry]) -> None:
        for entry in batch:
            if not entry.future.done():
                entry.future.set_exception(WorkerPoolUnavailable(self.unavailable or ""))

    def _fail_all(self, batch: list[_Entry], exc: BaseException) -> None:
        for entry in batch:
            if not entry.future.done():
                self.count(f"failed/{type(exc).__name__}")
                entry.future.set_exception(WorkerPostingError(f"{type(exc).__name__}: {exc}"))

    def _settle(self, batch: list[_Entry], outcome: Any) -> None:
        try:
            self._apply(batch, outcome)
        except Exception as exc:  # an answer of the wrong shape: no posting may wait forever
            logger.exception("normalizing workers answered a batch with %r", type(outcome).__name__)
            self._fail_all(batch, exc)

    def _apply(self, batch: list[_Entry], outcome: Any) -> None:
        results, stats, logs = outcome
        for name, level, message in logs:
            logging.getLogger(name).log(level, "%s", message)
        if self.stats is not None:
            for key, value in stats.items():
                self.stats.inc_value(key, value)
        if batch:
            self.count("batches")
            self.count("postings", len(batch))
        for entry, (status, data) in zip(batch, results, strict=True):
            if entry.future.done():
                continue
            if status == "ok":
                for name, value in data.items():
                    setattr(entry.item, name, value)
                entry.future.set_result(entry.item)
            elif status == "drop":
                from scrapy.exceptions import DropItem

                entry.future.set_exception(DropItem(data))
            else:
                entry.future.set_exception(WorkerPostingError(data))

    # ---- a worker died -------------------------------------------------------------------------------
    async def _recover(self) -> None:
        """Redo every batch of the broken pool alone in a new one; a batch that breaks it again, one posting at
        a time; a posting that kills a worker on its own is dropped and counted.  A new pool whose workers die
        before any posting (a broken start-up) is given up: the postings go back to the caller."""
        assert self.healthy is not None
        self.recovering = True
        self.healthy.clear()
        self.count("pool_broken")
        logger.warning("a normalizing worker process died; its postings are redone in a new pool")
        broken_generation = self.generation
        self._drop_executor()
        try:
            # Every batch the dead pool had fails, each on its own time: wait for all of them to report.
            while self.inflight.get(broken_generation):
                await asyncio.sleep(0.01)
            if not await self._starts():
                self._give_up("worker processes die before their first posting")
            while self.broken and self.unavailable is None:
                batch = self.broken[0]
                self.count("redone", len(batch))
                try:
                    self._settle(batch, await self._submit([entry.payload for entry in batch]))
                    self.broken.pop(0)
                    continue
                except BrokenProcessPool:
                    self._drop_executor()
                for entry in batch:
                    try:
                        self._settle([entry], await self._submit([entry.payload]))
                    except BrokenProcessPool:
                        self._drop_executor()
                        self._fail(entry, "worker_died",
                                   "a normalizing worker process died on this posting, twice (alone the second time)")
                self.broken.pop(0)
        except WorkerPoolUnavailable as exc:
            self._give_up(str(exc))
        finally:
            for batch in self.broken:  # given up: what is left goes back to the caller
                self._hand_back(batch)
            self.broken.clear()
            self.recovering = False
            self.healthy.set()

    async def _starts(self) -> bool:
        """Whether a new pool's worker starts and answers (an empty batch)."""
        try:
            outcome = await self._submit([])
        except BrokenProcessPool:
            self._drop_executor()
            return False
        except WorkerPoolUnavailable:
            raise
        except Exception:  # it answered, if only with an error: it is up
            return True
        self._settle([], outcome)
        return True

    def _fail(self, entry: _Entry, reason: str, message: str) -> None:
        self.count(f"failed/{reason}")
        posting = getattr(entry.item, "id", "") or getattr(entry.item, "url", "") or "?"
        logger.error("posting %s dropped: %s", posting, message)
        if not entry.future.done():
            from scrapy.exceptions import DropItem

            entry.future.set_exception(DropItem(f"posting {posting}: {message}"))


def pool_of(crawler: Any) -> WorkerPool | None:
    return getattr(crawler, "_jobscraper_workers", None)


def release(crawler: Any) -> None:
    """Stop the crawl's workers, if any (before the datasets export, whose pyarrow would add to their memory)."""
    pool = pool_of(crawler)
    if pool is not None:
        pool.shutdown()
