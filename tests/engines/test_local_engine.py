"""The local engine's worker: the pipeline then the features stage, in input order; analyses
that came in finished get only the features, and each result says which stages made it."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from handmade import article
from newsint.config import Config, default_config
from newsint.engines import local
from newsint.engines.local import Analysed, LocalEngine, Worker
from newsint.errors import AnalysisProblem, OverBudget, StageFailed
from newsint.model import Analysis, ArticleMeta
from newsint.pipeline import Pipeline, run_isolated
from newsint.stages.features.record import decode


def fresh(n: int) -> Analysis:
    """An article as a reader gives it: raw text only."""
    raw = f"Ferry crossings resume\n\nThe ferry to Skarra resumed on day {n}, the operator said."
    return Analysis(article=ArticleMeta(id=f"art_{n}"), text="", raw=raw)


def test_fresh_articles_record_the_stages_that_made_them_finished_ones_none() -> None:
    worker = Worker(default_config(), stages=["clean"])
    finished = article("An analysis imported whole, text and all.", id="art_done")
    results = worker.analyse([fresh(1), finished, fresh(2)])
    assert all(isinstance(r, Analysed) for r in results)
    got = [r for r in results if isinstance(r, Analysed)]
    assert [r.analysis.article.id for r in got] == ["art_1", "art_done", "art_2"]
    assert [r.stages for r in got] == [("clean@1",), (), ("clean@1",)]
    assert got[0].analysis.text.startswith("Ferry crossings resume")
    # every article leaves with its corpus features and band keys, made once
    assert [decode(r.features).id for r in got] == ["art_1", "art_done", "art_2"]
    assert all(r.band_keys for r in got)


class Exploding:
    """Wraps a stage: runs it, then fails the batch when an article says EXPLODE; records the
    clean text each article had when it arrived (a retry must start from the text as read)."""

    def __init__(self, stage: object) -> None:
        self.stage = stage
        self.name = stage.name  # type: ignore[attr-defined]
        self.seen: list[tuple[str, str]] = []

    def __call__(self, batch: list) -> None:
        self.seen.extend((w.analysis.article.id, w.analysis.text) for w in batch)
        self.stage(batch)  # type: ignore[operator]
        if any("EXPLODE" in w.analysis.raw for w in batch):
            raise OverflowError("date value out of range")


def test_one_failing_article_costs_only_itself_and_the_others_start_again_from_raw() -> None:
    worker = Worker(default_config(), stages=["clean"])
    exploding = Exploding(worker.pipeline.stages[0])
    worker.pipeline.stages[0] = exploding  # type: ignore[call-overload]
    bad = fresh(2)
    bad.raw += "\n\nThen EXPLODE."
    results = worker.analyse([fresh(1), bad, fresh(3)])
    assert [type(r).__name__ for r in results] == ["Analysed", "StageFailed", "Analysed"]
    failure = results[1]
    assert isinstance(failure, StageFailed)
    assert failure.stage == "clean" and "OverflowError" in failure.problem
    good = [r for r in results if isinstance(r, Analysed)]
    assert [r.stages for r in good] == [("clean@1",), ("clean@1",)]
    assert all(r.analysis.text.startswith("Ferry crossings resume") for r in good)
    # the batch, then each article alone, every time with the text as read (none)
    assert [aid for aid, _ in exploding.seen] == ["art_1", "art_2", "art_3"] * 2
    assert all(text == "" for _, text in exploding.seen)


def test_run_isolated_keeps_order_and_names_the_failed_input() -> None:
    pipeline = Pipeline(default_config(), stages=["clean"])
    pipeline.stages[0] = Exploding(pipeline.stages[0])  # type: ignore[call-overload]
    bad = fresh(2)
    bad.raw += "\n\nThen EXPLODE."
    bad.article.source = "bad.txt"
    out = run_isolated(pipeline, [fresh(1), bad])
    assert isinstance(out[0], Analysis) and out[0].text
    assert isinstance(out[1], StageFailed)
    assert out[1].where == "bad.txt" and "the clean stage failed" in out[1].problem


def limited(**limits: object) -> Config:
    base = default_config()
    return base.model_copy(update={"limits": base.limits.model_copy(update=limits)})


class Costly:
    """A stage that, for an article saying SLOW or HUNGRY, sleeps or runs out of memory."""

    name = "time"

    def __call__(self, batch: list) -> None:
        for work in batch:
            if "SLOW" in work.analysis.raw:
                time.sleep(5)
            if "HUNGRY" in work.analysis.raw:
                raise MemoryError


@pytest.mark.parametrize(
    ("word", "what"), [("SLOW", "exceeded 0.5 s in the time stage"), ("HUNGRY", "memory budget")]
)
def test_an_article_over_its_budget_fails_alone_with_the_stage_named(word: str, what: str) -> None:
    worker = Worker(limited(article_seconds=0.5), stages=["clean"])
    worker.pipeline.stages.append(Costly())  # type: ignore[arg-type]
    costly = fresh(2)
    costly.raw += f"\n\n{word}"
    started = time.monotonic()
    results = worker.analyse([fresh(1), costly, fresh(3)])
    assert time.monotonic() - started < 4
    assert [type(r).__name__ for r in results] == ["Analysed", "OverBudget", "Analysed"]
    failure = results[1]
    assert isinstance(failure, OverBudget) and failure.code == "over-budget"
    assert what in failure.problem and "[limits]" in failure.fix


def test_the_time_budget_is_off_at_zero() -> None:
    worker = Worker(limited(article_seconds=0), stages=["clean"])
    assert all(isinstance(r, Analysed) for r in worker.analyse([fresh(1)]))


def test_the_memory_cap_turns_a_runaway_allocation_into_memory_error() -> None:
    code = (
        "from newsint.engines.local import limit_memory\n"
        "assert limit_memory(600)\n"
        "try:\n    bytearray(2_000_000_000)\nexcept MemoryError:\n    print('capped')\n"
    )
    out = _run_python(code)
    assert out.stdout.strip() == "capped", out.stderr


def test_the_memory_cap_is_lifted_after_the_work_it_bounds() -> None:
    # the CLI's analyze caps its own process while it analyses; what runs next in the same
    # process (a browser, Ray, the next command in a test run) must get its address space back
    code = (
        "import resource\n"
        "from newsint.engines.local import memory_cap\n"
        "before = resource.getrlimit(resource.RLIMIT_AS)\n"
        "with memory_cap(600) as capped:\n"
        "    inside = resource.getrlimit(resource.RLIMIT_AS)\n"
        "assert capped and inside[0] >= 600 * 1024 * 1024, inside\n"
        "assert resource.getrlimit(resource.RLIMIT_AS) == before\n"
        "print('restored')\n"
    )
    out = _run_python(code)
    assert out.stdout.strip() == "restored", out.stderr


def test_the_memory_cap_is_a_budget_beyond_what_the_process_holds() -> None:
    # a process that already holds more address space than the budget (here 300 MB reserved
    # before the cap) must still be able to allocate inside it: the cap counts from where it is
    code = (
        "import mmap\n"
        "from newsint.engines.local import held_megabytes, memory_cap\n"
        "reserved = mmap.mmap(-1, 300 * 1024 * 1024)\n"
        "assert held_megabytes() > 300, held_megabytes()\n"
        "with memory_cap(200) as capped:\n"
        "    block = bytearray(50 * 1024 * 1024)\n"
        "    try:\n"
        "        bytearray(400 * 1024 * 1024)\n"
        "        over = 'allowed'\n"
        "    except MemoryError:\n"
        "        over = 'refused'\n"
        "assert capped and len(block) == 50 * 1024 * 1024\n"
        "print(over)\n"
    )
    out = _run_python(code)
    assert out.stdout.strip() == "refused", out.stderr


class DeadPool:
    """A pool whose every chunk kills its worker (or hangs past the parent's patience)."""

    def __init__(self, error: type[BaseException], survivors: set[str]) -> None:
        self.error, self.survivors = error, survivors

    def submit(self, fn: object, chunk: list[Analysis]) -> Future:
        future: Future = Future()
        if len(chunk) == 1 and chunk[0].article.id in self.survivors:
            future.set_result([Analysed(chunk[0], b"", ("clean@1",))])
        else:
            future.set_exception(self.error())
        return future

    def shutdown(self, **kw: object) -> None:
        pass


@pytest.mark.parametrize(
    ("error", "what"),
    [(BrokenProcessPool, "memory budget (2500 MB; the worker died)"), (FutureTimeout, "60 s")],
)
def test_a_chunk_that_kills_or_hangs_its_worker_is_retried_one_by_one(
    monkeypatch: pytest.MonkeyPatch, error: type[BaseException], what: str
) -> None:
    engine = LocalEngine(default_config())
    pools: list[DeadPool] = []

    def make(*args: object) -> DeadPool:
        pools.append(DeadPool(error, {"art_1", "art_3"}))
        return pools[-1]

    monkeypatch.setattr(local, "_make_pool", make)
    results = list(engine.run([fresh(1), fresh(2), fresh(3)]))
    assert [type(r).__name__ for r in results] == ["Analysed", "OverBudget", "Analysed"]
    assert what in results[1].problem  # type: ignore[union-attr]
    assert len(pools) == 3  # the chunk's pool, then a fresh one after the culprit's retry


@pytest.mark.parametrize(
    "error",
    [
        AnalysisProblem("a.txt", "the store refused it", "report it"),
        OverBudget("a.txt", "analysis exceeded 60 s in the time stage", "see [limits]"),
        StageFailed("a.txt", "time", OverflowError("year 10000 is out of range")),
    ],
)
def test_failures_travel_from_worker_processes_whole(error: AnalysisProblem) -> None:
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and back.line() == error.line()
    assert getattr(back, "stage", None) == getattr(error, "stage", None)


@pytest.mark.slow  # starts a fork server that imports every stage
def test_workers_end_when_the_process_that_started_them_is_killed(tmp_path: Path) -> None:
    code = (
        "import os, signal\n"
        "from newsint.config import default_config\n"
        "from newsint.engines.local import LocalEngine\n"
        "from newsint.model import Analysis, ArticleMeta\n"
        "cfg = default_config()\n"
        "cfg = cfg.model_copy(update={'pipeline': cfg.pipeline.model_copy("
        "update={'stages': ['clean']}), 'limits': cfg.limits.model_copy("
        "update={'orphan_check_seconds': 0.2})})\n"
        "engine = LocalEngine(cfg)\n"
        "raw = 'The ferry to Skarra resumed on Monday.'\n"
        "list(engine.run([Analysis(article=ArticleMeta(id='a'), text='', raw=raw)]))\n"
        "print(*engine._pool._processes, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    printed = tmp_path / "workers.txt"
    with printed.open("w") as fh:  # a file, not a pipe: the fork server inherits stdout
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=fh, env=env)
        proc.wait(timeout=300)
    workers = [int(pid) for pid in printed.read_text().split()]
    assert workers
    deadline = time.monotonic() + 30
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in workers if Path(f"/proc/{pid}").exists() and not zombie(pid)]
    assert alive == []


def zombie(pid: int) -> bool:
    try:
        return " Z " in Path(f"/proc/{pid}/stat").read_text().split(")", 1)[1][:4]
    except OSError:
        return False


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    """Runs `code` in a fresh interpreter with this one's import path: a memory cap set there
    cannot touch the test process."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
