"""A bounded fuzzing run in the test suite: mutated articles (bench/fuzz.py's mutations) through
the reader and the whole pipeline never raise; each comes back analysed, refused or failed with
a reason, and analyses keep their spans inside the text."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsint.engines.local import Analysed, Worker
from newsint.errors import AnalysisProblem, InputError, StageFailed
from newsint.model import Analysis
from newsint.readers import read_bytes

ROOT = Path(__file__).resolve().parents[2]


def load_fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "bench" / "fuzz.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FUZZ = load_fuzz()
POOL = FUZZ.seeds()


@pytest.fixture(scope="module")
def worker(resources) -> Worker:  # the resources fixture marks this test slow (spaCy)
    return Worker(resources.config)


def test_every_mutation_changes_its_input() -> None:
    import random

    _, data, _ = POOL[0]
    for kind, mutate in FUZZ.MUTATIONS.items():
        out = mutate(random.Random(kind), data, [d for _, d, _ in POOL])
        assert isinstance(out, bytes) and out != data, kind


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**16), index=st.integers(0, 10**6))
def test_mutated_articles_are_analysed_or_fail_cleanly(
    worker: Worker, seed: int, index: int
) -> None:
    label, data, suffix = FUZZ.mutated(seed, index, POOL)
    items = list(read_bytes(data, label, suffix, worker.config))  # never raises
    articles = [i for i in items if isinstance(i, Analysis)]
    assert all(isinstance(i, (Analysis, InputError)) or hasattr(i, "url") for i in items)
    for result in worker.analyse(articles):
        if isinstance(result, StageFailed):  # a stage raised: a bug, shown with where
            pytest.fail(f"{label}: {result.problem}\n{result.trace}")
        assert isinstance(result, (Analysed, AnalysisProblem))
        if isinstance(result, Analysed):
            text = result.analysis.text
            for t in result.analysis.times:
                assert text[t.start : t.end] == t.text
