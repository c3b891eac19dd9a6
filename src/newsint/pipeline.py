"""Builds the list of stages from the config, checks that each gets what it needs, runs batches.

The stage contract (Work, Resources, Stage) is in newsint.stages.base; the stages are in the
registry of newsint.stages.
"""

from __future__ import annotations

import gc
import signal
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager

from newsint import stages as stage_registry
from newsint.config import Config, default_config
from newsint.errors import (
    AnalysisProblem,
    BudgetExceeded,
    ConfigError,
    NewsintError,
    OverBudget,
    StageFailed,
)
from newsint.model import Analysis
from newsint.stages.base import (
    READER_ASSIGNS,
    Resources,
    Stage,
    StageFactory,
    Work,
    runs_on,
    versioned,
)
from newsint.stages.tokens import release


def build_stages(
    names: Iterable[str], resources: Resources, given: frozenset[str] = READER_ASSIGNS
) -> list[Stage]:
    """Instantiate stages by name and check their order: every `requires` is assigned upstream
    (or `given`: what the input holds before the first stage, the readers' fields by default),
    and nothing a stage `uses` is assigned by a stage after it. A wrong order fails here, loudly,
    before any article is read."""
    factories: dict[str, StageFactory] = stage_registry.registry()
    stages: list[Stage] = []
    for name in names:
        if name not in factories:
            raise ConfigError(
                "pipeline.stages", f"unknown stage {name!r}", f"use some of {', '.join(factories)}"
            )
        stages.append(factories[name](resources))
    check_order(stages, given)
    return stages


def check_order(stages: list[Stage], given: frozenset[str] = READER_ASSIGNS) -> None:
    """Raise ConfigError naming the first stage whose inputs are not ready where it runs."""
    available = set(given)
    for i, stage in enumerate(stages):
        missing = stage.requires - available
        if missing:
            raise ConfigError(
                "pipeline.stages",
                f"stage {stage.name!r} needs {', '.join(sorted(missing))}, "
                "which no earlier stage provides",
                "put the stages that provide it first",
            )
        for later in stages[i + 1 :]:
            late = stage.uses & later.assigns
            if late:
                raise ConfigError(
                    "pipeline.stages",
                    f"stage {stage.name!r} reads {', '.join(sorted(late))} when present, but "
                    f"{later.name!r}, which provides it, runs after it",
                    f"put {later.name!r} before {stage.name!r}",
                )
        available |= stage.assigns


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise BudgetExceeded in the code running when `seconds` of wall clock have passed.

    A real-time interval timer (SIGALRM): only in the main thread of a process where signals
    work (POSIX); elsewhere (a web server's thread, Windows) the engines' worker processes and
    their parent's timeout bound the time instead. 0 turns it off.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise BudgetExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def over_budget(where: str, what: str, stage: str) -> OverBudget:
    """The one message for an article over its budget, naming the stage it was in."""
    return OverBudget(
        where,
        f"analysis exceeded {what} in the {stage} stage",
        "the text is kept; see [limits] article_seconds / worker_memory_mb",
    )


class _YoungGeneration:
    """The collector's young threshold raised while any pipeline in the process runs a batch.

    Thresholds are process-wide and pipelines (one per configuration) may run in several
    threads at once, so the first batch to start saves the thresholds and raises generation 0,
    later ones only count themselves in, and the last to end sets the saved ones back (in a
    `finally`: after an error or a budget stop too) unless other code changed them meanwhile.
    A threshold at or below the one in force is left as it is: this only ever raises it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.saved: tuple[int, ...] | None = None  # the thresholds before the first batch
        self.raised: tuple[int, ...] | None = None  # what the first batch set

    @contextmanager
    def raised_to(self, threshold: int) -> Iterator[None]:
        if threshold <= 0:
            yield
            return
        with self.lock:
            if self.running == 0:
                now = gc.get_threshold()
                if threshold > now[0]:
                    self.saved, self.raised = now, (threshold, *now[1:])
                    gc.set_threshold(*self.raised)
            self.running += 1
        try:
            yield
        finally:
            with self.lock:
                self.running -= 1
                if self.running == 0 and self.saved is not None:
                    if gc.get_threshold() == self.raised:
                        gc.set_threshold(*self.saved)
                    self.saved = self.raised = None


_YOUNG = _YoungGeneration()


def young_threshold_raised(threshold: int) -> AbstractContextManager[None]:
    """The collector's generation-0 threshold raised to `threshold` while this lasts (as
    `Pipeline.run_work` does with `[pipeline] gc_young_threshold`): for code that runs stages
    itself, such as bench/after_parse.py. 0 leaves the thresholds alone."""
    return _YOUNG.raised_to(threshold)


class Pipeline:
    """Runs the configured stages over analyses in batches (spaCy is fastest batched)."""

    def __init__(
        self,
        config: Config | None = None,
        stages: Iterable[str] | None = None,
        resources: Resources | None = None,
        given: frozenset[str] = READER_ASSIGNS,
    ) -> None:
        self.config = config or default_config()
        self.resources = resources or Resources(self.config)
        names = list(stages) if stages is not None else list(self.config.pipeline.stages)
        self.stages = build_stages(names, self.resources, given)
        # One batch at a time: stages keep caches (LRUs, spaCy's vocab) that two threads must
        # not change at once, and a shared pipeline may be called from a server's threads.
        self.lock = threading.RLock()

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    @property
    def versioned_names(self) -> list[str]:
        """What a store records as having made an analysis: ["clean@1", "nlp@1", …]."""
        return [versioned(s) for s in self.stages]

    def run_work(self, analyses: list[Analysis]) -> list[Work]:
        """One batch through every stage; the Work items keep what stages made besides the
        analysis (the corpus features)."""
        batch = [Work(a) for a in analyses]
        where = (batch[0].analysis.article.source or "") if len(batch) == 1 else "a batch"
        limits = self.config.limits
        english = frozenset(self.config.language.english)
        young = self.config.pipeline.gc_young_threshold  # see _YoungGeneration
        with self.lock, _YOUNG.raised_to(young), deadline(limits.article_seconds * len(batch)):
            for stage in self.stages:
                targets = runs_on(stage, batch, english)  # English-only stages skip the rest
                if not targets:
                    continue
                try:
                    stage(targets)
                except NewsintError:
                    raise
                except BudgetExceeded as exc:
                    raise over_budget(where, f"{exc.seconds:g} s", stage.name) from None
                except MemoryError:
                    raise over_budget(where, "its memory budget", stage.name) from None
                except Exception as exc:  # name the stage: the engines record it per article
                    raise StageFailed(where, stage.name, exc) from exc
        return batch

    def run_batch(self, analyses: list[Analysis]) -> list[Analysis]:
        """The analyses of one batch; its Docs are dropped, their token tables released first
        (`tokens.release`: a table and its Doc form reference cycles, which would wait for the
        collector, spaCy's memory with them, instead of going with the batch)."""
        works = self.run_work(analyses)
        for w in works:
            if w.doc is not None:
                release(w.doc)
        return [w.analysis for w in works]

    def run(
        self, analyses: Iterable[Analysis], batch_size: int | None = None
    ) -> Iterator[Analysis]:
        size = batch_size or self.config.pipeline.batch_size
        batch: list[Analysis] = []
        for analysis in analyses:
            batch.append(analysis)
            if len(batch) >= size:
                yield from self.run_batch(batch)
                batch = []
        if batch:
            yield from self.run_batch(batch)


class _Shared:
    """The process's pipelines, one per (configuration, stage list), and their resources, one
    per configuration: spaCy and the recognisers load once per process, whoever asks."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.resources: dict[str, Resources] = {}
        self.pipelines: dict[tuple[str, tuple[str, ...] | None, frozenset[str]], Pipeline] = {}
        self.frozen = False  # whether this registry called gc.freeze() (undone by clear)

    def get(self, config: Config, stages: Sequence[str] | None, given: frozenset[str]) -> Pipeline:
        key = config.model_dump_json()  # 0.1 ms; configs are frozen, equal settings share
        names = tuple(stages) if stages is not None else None
        with self.lock:  # two threads asking at once build it once
            found = self.pipelines.get((key, names, given))
            if found is None:
                found = self._build(config, key, names, given)
                self.pipelines[(key, names, given)] = found
            return found

    def own(self, config: Config, stages: Sequence[str] | None, given: frozenset[str]) -> Pipeline:
        key = config.model_dump_json()
        with self.lock:  # resources load under the lock: once, whichever thread asks first
            return self._build(config, key, stages, given)

    def _build(
        self, config: Config, key: str, stages: Sequence[str] | None, given: frozenset[str]
    ) -> Pipeline:
        resources = self.resources.setdefault(key, Resources(config))
        loaded = len(resources.cache)
        pipeline = Pipeline(config, stages, resources, given)
        if len(resources.cache) > loaded and config.pipeline.gc_freeze:
            self._freeze()  # stages loaded new resources: they live as long as the process
        return pipeline

    def _freeze(self) -> None:
        """Collect, then move every object alive into the collector's permanent generation.

        spaCy's model, the recognisers' extractors and the word lists are ~250,000 objects
        that live until the process ends; without this every full collection walks them all.
        Collecting first means no garbage is frozen. Runs once per newly loaded configuration,
        so repeated builds over the same resources freeze nothing more."""
        gc.collect()
        gc.freeze()
        self.frozen = True

    def clear(self) -> None:
        with self.lock:
            self.pipelines.clear()
            self.resources.clear()
            if self.frozen:  # what was frozen may now be garbage: let the collector have it
                gc.unfreeze()
                self.frozen = False


_SHARED = _Shared()


def shared_pipeline(
    config: Config | None = None,
    stages: Sequence[str] | None = None,
    given: frozenset[str] = READER_ASSIGNS,
) -> Pipeline:
    """The pipeline for these settings, built on first use and then reused by every caller in
    the process (analyze(), the CLI, the corpus engines): building one loads spaCy and the
    recognisers, 7x the cost of analysing an article. Pipelines of one configuration share
    their Resources whatever their stages. Safe from several threads: it builds once, and its
    batches run one at a time (`Pipeline.lock`). When a build loads resources and
    `[pipeline] gc_freeze` is on, the objects alive then are frozen (gc.freeze): see
    `_Shared._freeze`."""
    return _SHARED.get(config or default_config(), stages, given)


def own_pipeline(
    config: Config | None = None,
    stages: Sequence[str] | None = None,
    given: frozenset[str] = READER_ASSIGNS,
) -> Pipeline:
    """A Pipeline of the caller's own (its stage list may be changed, as the engines' tests do)
    over the Resources that `shared_pipeline` uses for this configuration: spaCy and the
    recognisers load once per process, and a new pipeline over them costs 0.1 ms."""
    return _SHARED.own(config or default_config(), stages, given)


def forget_shared_pipelines() -> None:
    """Drop the shared pipelines (tests; a long process that wants its memory back). If
    building them froze the garbage collector's view of the process (`[pipeline] gc_freeze`),
    `gc.unfreeze()` gives every frozen object back to the collector (whoever froze it), so the
    dropped models' reference cycles can be freed."""
    _SHARED.clear()


def run_isolated(pipeline: Pipeline, batch: list[Analysis]) -> list[Analysis | AnalysisProblem]:
    """One batch through the pipeline; if it fails, each article again from its copy as read,
    so a failing article costs only itself (the stages fill analyses in place: after a failed
    batch every article is half-analysed)."""
    if not batch:
        return []
    pristine = [a.model_copy(deep=True) for a in batch]
    try:
        return list(pipeline.run_batch(batch))
    except Exception as exc:
        if len(batch) == 1:
            return [problem_of(pristine[0], exc)]
    out: list[Analysis | AnalysisProblem] = []
    for analysis in pristine:
        try:
            out.extend(pipeline.run_batch([analysis]))
        except Exception as exc:
            out.append(problem_of(analysis, exc))
    return out


def problem_of(analysis: Analysis, exc: BaseException) -> AnalysisProblem:
    """The failure recorded for an article: the stage that failed and why, named by input."""
    where = analysis.article.source or analysis.article.id
    if isinstance(exc, StageFailed) and exc.__cause__ is not None:
        return StageFailed(where, exc.stage, exc.__cause__)
    if isinstance(exc, OverBudget):
        return OverBudget(where, exc.problem, exc.fix)
    if isinstance(exc, NewsintError):
        return AnalysisProblem(where, exc.problem, exc.fix)
    return AnalysisProblem(
        where,
        f"analysis failed ({type(exc).__name__}: {exc})",
        "report it with this input attached; the other inputs go on",
    )
