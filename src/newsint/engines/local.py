"""The local engine: analyse articles in a pool of worker processes on this machine.

Each worker builds its Pipeline once (spaCy loads once per process) and analyses chunks of
articles; the parent keeps reading inputs and writing results, so the store has one writer.
Results come back in input order whatever the number of workers, so a corpus ingested with
--jobs 4 is the same as one ingested with --jobs 1.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from newsint.config import Config
from newsint.errors import AnalysisProblem, NewsintError
from newsint.model import Analysis
from newsint.pipeline import Pipeline


@dataclass
class Analysed:
    """One article after the pipeline, with the features the corpus analyzer needs."""

    analysis: Analysis
    features: bytes
    stages: tuple[str, ...]  # stages that ran here; () when the analysis came in finished


def is_analysed(analysis: Analysis) -> bool:
    """An analysis read from a newsint JSON export already carries its clean text."""
    return bool(analysis.text)


class Worker:
    """What one process holds: the pipeline (with its spaCy model) and the config."""

    def __init__(self, config: Config, stages: list[str] | None = None) -> None:
        from newsint.corpus.codec import encode
        from newsint.corpus.features import extract_features

        self.config = config
        self.pipeline = Pipeline(config, stages=stages)
        self._extract = extract_features
        self._encode = encode

    def _finish(self, analysis: Analysis, stages: tuple[str, ...]) -> Analysed:
        features = self._encode(self._extract(analysis, self.config))
        return Analysed(analysis, features, stages)

    def analyse(self, chunk: list[Analysis]) -> list[Analysed | AnalysisProblem]:
        """Analyse a chunk as one batch; if the batch fails, find the culprit one by one."""
        names = tuple(self.pipeline.names)
        todo = [a for a in chunk if not is_analysed(a)]
        done: dict[int, Analysed | AnalysisProblem] = {}
        try:
            ran = self.pipeline.run_batch(todo) if todo else []
            results = iter(ran)
            for i, a in enumerate(chunk):
                done[i] = (
                    self._finish(a, ()) if is_analysed(a) else self._finish(next(results), names)
                )
        except Exception:
            done = {i: self._one(a, names) for i, a in enumerate(chunk)}
        return [done[i] for i in range(len(chunk))]

    def _one(self, analysis: Analysis, names: tuple[str, ...]) -> Analysed | AnalysisProblem:
        where = analysis.article.source or analysis.article.id
        try:
            if is_analysed(analysis):
                return self._finish(analysis, ())
            (result,) = self.pipeline.run_batch([analysis])
            return self._finish(result, names)
        except NewsintError as exc:
            return AnalysisProblem(where, exc.problem, exc.fix)
        except Exception as exc:  # a stage bug must cost one article, not the whole ingest
            return AnalysisProblem(
                where,
                f"analysis failed ({type(exc).__name__}: {exc})",
                "report it with this file attached; the other articles were stored",
            )


# Each worker process builds its own Worker once, in the pool's initializer.
_process_worker: Worker | None = None


def _init(config: Config, stages: list[str] | None) -> None:
    global _process_worker
    _process_worker = Worker(config, stages)


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
    """Analyses a stream of articles with `jobs` processes (1: in this process, no pool)."""

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

    def run(self, items: Iterable[Analysis]) -> Iterator[Analysed | AnalysisProblem]:
        """Results in input order; at most jobs × queue_per_job chunks are in flight."""
        if self.jobs == 1:
            if self._local is None:
                self._local = Worker(self.config, self.stages)
            for chunk in self._chunks(items):
                yield from self._local.analyse(chunk)
            return
        if self._pool is None:
            self._pool = _make_pool(self.jobs, self.config, self.stages)
        window = self.jobs * max(1, self.config.ingest.queue_per_job)
        pending: deque[Future[list[Analysed | AnalysisProblem]]] = deque()
        for chunk in self._chunks(items):
            pending.append(self._pool.submit(_run, chunk))
            while len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _make_pool(jobs: int, config: Config, stages: list[str] | None) -> ProcessPoolExecutor:
    import multiprocessing

    # forkserver/spawn: a fork of a parent holding database connections and threads is unsafe.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context: Any = multiprocessing.get_context(method)
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init, initargs=(config, stages)
    )
