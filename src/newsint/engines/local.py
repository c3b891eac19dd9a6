"""The local engine: analyse articles in a pool of worker processes on this machine.

Each worker builds its Pipeline once (spaCy loads once per process) and analyses chunks of
articles; the parent keeps reading inputs and writing results, so the store has one writer.
Results come back in input order whatever the number of workers, so a corpus ingested with
--jobs 4 is the same as one ingested with --jobs 1.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from newsint.config import Config
from newsint.errors import AnalysisProblem
from newsint.model import Analysis
from newsint.pipeline import Pipeline, over_budget, own_pipeline, problem_of
from newsint.stages.base import ANALYSIS_FIELDS, Work, versioned

# The stages that turn a finished analysis into what the corpus keeps: they run last on every
# article, and alone on analyses imported finished.
FINISHING = ("features",)


@dataclass
class Analysed:
    """One article after the pipeline, with the features the corpus analyzer needs."""

    analysis: Analysis
    features: bytes
    stages: tuple[str, ...]  # analysis stages that ran here ("clean@1", …); () if finished
    band_keys: list[bytes] = field(default_factory=list)  # LSH band keys of the features


def is_analysed(analysis: Analysis) -> bool:
    """An analysis read from a newsint JSON export already carries its clean text."""
    return bool(analysis.text)


class Worker:
    """What one process holds: the pipeline (with its spaCy model) and the config."""

    def __init__(self, config: Config, stages: list[str] | None = None) -> None:
        self.config = config
        names = [n for n in (config.pipeline.stages if stages is None else stages)]
        # spaCy and the recognisers load once per process (analyze() shares them), not per engine
        self.pipeline = own_pipeline(
            config, [*(n for n in names if n not in FINISHING), *FINISHING]
        )
        # what the store records as having made each analysis: "clean@1", … (not the finishing)
        self.names = tuple(versioned(s) for s in self.pipeline.stages if s.name not in FINISHING)
        self.finishing = Pipeline(
            config, stages=FINISHING, resources=self.pipeline.resources, given=ANALYSIS_FIELDS
        )

    def _result(self, work: Work, stages: tuple[str, ...]) -> Analysed:
        assert work.features is not None, "the features stage did not run"
        return Analysed(work.analysis, work.features, stages, work.band_keys)

    def analyse(self, chunk: list[Analysis]) -> list[Analysed | AnalysisProblem]:
        """Analyse a chunk as one batch; if the batch fails, each article again on its own.

        Which articles came in finished is decided before anything runs, and each article is
        kept as it came: the stages fill analyses in place, so after a failed batch every one
        of them is half-analysed (and would look finished). The retry starts each article from
        its copy as read, so one bad article costs only itself."""
        finished = [is_analysed(a) for a in chunk]
        pristine = [a.model_copy(deep=True) for a in chunk]
        todo = [a for a, done in zip(chunk, finished, strict=True) if not done]
        kept = [a for a, done in zip(chunk, finished, strict=True) if done]
        results: list[Analysed | AnalysisProblem] = []
        try:
            ran = iter(self.pipeline.run_work(todo) if todo else [])
            fin = iter(self.finishing.run_work(kept) if kept else [])
            for done in finished:
                results.append(
                    self._result(next(fin), ()) if done else self._result(next(ran), self.names)
                )
        except Exception as exc:
            if len(chunk) == 1:
                return [problem_of(pristine[0], exc)]
            results = [self._one(a, done) for a, done in zip(pristine, finished, strict=True)]
        return results

    def _one(self, analysis: Analysis, finished: bool) -> Analysed | AnalysisProblem:
        try:
            if finished:
                (work,) = self.finishing.run_work([analysis])
                return self._result(work, ())
            (work,) = self.pipeline.run_work([analysis])
            return self._result(work, self.names)
        except Exception as exc:  # a stage bug must cost one article, not the whole ingest
            return problem_of(analysis, exc)


# Each worker process builds its own Worker once, in the pool's initializer.
_process_worker: Worker | None = None


def limit_memory(megabytes: int) -> bool:
    """Cap this process's address space (RLIMIT_AS) where the OS allows; True if set.

    Past the cap an allocation fails with MemoryError inside the stage that asked, which fails
    that article; the process goes on."""
    if megabytes <= 0:
        return False
    try:
        import resource
    except ImportError:  # Windows: the parent's timeout is the only bound
        return False
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    except (ValueError, OSError):
        return False
    return True


def held_megabytes() -> int:
    """This process's address space now (MB), from /proc; 0 where the OS does not say."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") // (1024 * 1024)


@contextmanager
def memory_cap(megabytes: int) -> Iterator[bool]:
    """The memory cap for a stretch of work in *this* process, `megabytes` beyond the address
    space it holds when the work starts, lifted again afterwards.

    The CLI's `analyze` runs the pipeline in its own process: the cap must not outlive the
    analysis, or whatever the process starts next (a browser, a Ray cluster, other commands run
    in the same interpreter, as in the tests) inherits an address space too small for it."""
    try:
        import resource
    except ImportError:  # Windows: nothing to cap, nothing to restore
        yield False
        return
    before = resource.getrlimit(resource.RLIMIT_AS)
    # a budget on top of what this process already holds: a cap below its current address
    # space (a test run that started a browser, a server that loaded other models) makes every
    # allocation fail, in C code too (MemoryError, SystemError, a crash), not just the article's
    capped = limit_memory(megabytes + held_megabytes() if megabytes > 0 else 0)
    try:
        yield capped
    finally:
        if capped:
            resource.setrlimit(resource.RLIMIT_AS, before)


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # gone, or the pid reused by another user
        return False
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:  # no /proc (macOS): the signal said it exists
        return True


def _init(config: Config, stages: list[str] | None, parent: int) -> None:
    global _process_worker
    limit_memory(config.limits.worker_memory_mb)
    _exit_when_gone(parent, config.limits.orphan_check_seconds)
    _process_worker = Worker(config, stages)


def _exit_when_gone(parent: int, every: float) -> None:
    """End this worker when the process that started the pool is gone.

    A worker whose parent died mid-chunk blocks for ever writing its result into a pipe nobody
    reads (and keeps the fork server alive): seen after killed test runs, ~430 MB each."""
    if every <= 0:
        return

    def watch() -> None:
        while True:
            time.sleep(every)
            if not _alive(parent):
                os._exit(1)

    threading.Thread(target=watch, name="newsint-orphan-check", daemon=True).start()


def _run(chunk: list[Analysis]) -> list[Analysed | AnalysisProblem]:
    assert _process_worker is not None, "worker process not initialised"
    return _process_worker.analyse(chunk)


def job_count(jobs: int | None, config: Config) -> int:
    """--jobs, else the config; 0 means one per CPU core available to this process."""
    n = config.ingest.jobs if jobs is None else jobs
    if n <= 0:
        n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, n or 1)


class LocalEngine:
    """Analyses a stream of articles with `jobs` worker processes.

    With [limits] isolate (the default) even one job runs in a worker process, under the
    memory cap, so a runaway article never takes down the parent (the store's one writer, the
    web server). A chunk that kills its worker or outlives its time is retried article by
    article in a fresh pool; the article that does it again fails alone, over budget. Without
    isolate, one job runs in this process (the in-worker time budget still applies)."""

    def __init__(self, config: Config, jobs: int = 1, stages: list[str] | None = None) -> None:
        self.config = config
        self.jobs = max(1, jobs)
        self.stages = stages
        self.chunk_size = max(1, config.ingest.chunk_size)
        self._pool: ProcessPoolExecutor | None = None
        self._local: Worker | None = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _chunks(self, items: Iterable[Analysis]) -> Iterator[list[Analysis]]:
        chunk: list[Analysis] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= self.chunk_size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    @property
    def in_process(self) -> bool:
        return self._local is not None or (self.jobs == 1 and not self.config.limits.isolate)

    def run(self, items: Iterable[Analysis]) -> Iterator[Analysed | AnalysisProblem]:
        """Results in input order; at most jobs × queue_per_job chunks are in flight."""
        if self.in_process:
            if self._local is None:
                self._local = Worker(self.config, self.stages)
            for chunk in self._chunks(items):
                yield from self._local.analyse(chunk)
            return
        window = self.jobs * max(1, self.config.ingest.queue_per_job)
        pending: deque[tuple[list[Analysis], Future[list[Analysed | AnalysisProblem]]]]
        pending = deque()
        for chunk in self._chunks(items):
            pending.append((chunk, self._submit(chunk)))
            while len(pending) >= window:
                yield from self._collect(*pending.popleft())
        while pending:
            yield from self._collect(*pending.popleft())

    # ---- the pool, and what happens when a worker dies or hangs

    def _submit(self, chunk: list[Analysis]) -> Future[list[Analysed | AnalysisProblem]]:
        if self._pool is None:
            self._pool = _make_pool(self.jobs, self.config, self.stages)
        return self._pool.submit(_run, chunk)

    def _timeout(self, articles: int) -> float | None:
        """How long the parent waits for a chunk: the workers' own budget is the real bound,
        this catches what it cannot interrupt (a hang in C code) and a worker's start."""
        seconds = self.config.limits.article_seconds
        if seconds <= 0:
            return None
        return 2 * seconds * articles + self.config.limits.worker_start_seconds

    def _collect(
        self, chunk: list[Analysis], future: Future[list[Analysed | AnalysisProblem]]
    ) -> list[Analysed | AnalysisProblem]:
        try:
            return future.result(timeout=self._timeout(len(chunk)))
        except (BrokenProcessPool, FutureTimeout):
            self._restart()
        return [self._alone(article) for article in chunk]

    def _alone(self, article: Analysis) -> Analysed | AnalysisProblem:
        """One article in a pool of its own making: a second death or hang is its own."""
        try:
            (result,) = self._submit([article]).result(timeout=self._timeout(1))
            return result
        except BrokenProcessPool:
            self._restart()
            what = f"its memory budget ({self.config.limits.worker_memory_mb} MB; the worker died)"
        except FutureTimeout:
            self._restart()
            what = f"{self.config.limits.article_seconds:g} s"
        return over_budget(article.article.source or article.article.id, what, "analysis")

    def _restart(self) -> None:
        """Stop every worker now (a hung one would never finish) and start afresh on demand."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=True, cancel_futures=True)


# What the fork server imports before forking workers, so a worker starts in a fraction of a
# second (the clean stage alone pulls in scikit-learn: ~5 s to import).
PRELOAD = (
    "newsint.engines.local",
    "newsint.stages.clean",
    "newsint.stages.language.stage",
    "newsint.stages.nlp",
    "newsint.stages.entities.stage",
    "newsint.stages.time.stage",
    "newsint.stages.factuality.stage",
    "newsint.stages.claims.stage",
    "newsint.stages.grade",
    "newsint.stages.events.stage",
    "newsint.stages.features.stage",
)


def _make_pool(jobs: int, config: Config, stages: list[str] | None) -> ProcessPoolExecutor:
    import multiprocessing

    # forkserver/spawn: a fork of a parent holding database connections and threads is unsafe.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context: Any = multiprocessing.get_context(method)
    if method == "forkserver":  # workers fork from a server that imported the stages once
        context.set_forkserver_preload(list(PRELOAD))
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_init,
        initargs=(config, stages, os.getpid()),
    )
