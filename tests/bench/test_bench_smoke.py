"""bench/run.py runs end to end on a few articles. Timings are never asserted."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bench_runs_on_three_articles(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in [str(ROOT / "src"), env.get("PYTHONPATH", "")] if p
    )
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            *("--articles", "3", "--repeat", "1", "--calls", "2", "--html-pages", "0"),
            *("--json", str(out)),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Throughput" in done.stdout and "Time per stage" in done.stdout
    result = json.loads(out.read_text())
    assert result["articles"] == 3 and result["words"] > 0
    # every configured stage gets a row, after the reader's
    from newsint.config import default_config

    stages = list(default_config().pipeline.stages)
    assert result["stages"] == stages
    assert [s["stage"] for s in result["stage_time"]] == ["read (txt reader)", *stages]
    assert sum(s["share"] for s in result["stage_time"]) == pytest.approx(1.0, abs=0.01)
    assert sum(s["cpu_share"] for s in result["stage_time"]) == pytest.approx(1.0, abs=0.01)
    assert result["peak_rss_mib"] > 0
    # the single-article comparisons against a bare spaCy parse and analyze() calls
    versus = result["versus_bare_spacy"]
    assert "attribute_ruler" in versus["bare_components"]  # the model as installed
    assert versus["bare_process"] == "own"  # bare spaCy as a user runs it: its own process
    for mode in ("one_at_a_time", "batched"):
        assert versus[mode]["ratio"]["cpu"] > 0 and versus[mode]["newsint"]["seconds"] > 0
    assert result["analyze_calls"]["calls"] == 2
    assert result["analyze_calls"]["cost"]["cpu"] > 0
    assert result["html"] is None and "HTML to text: skipped" in done.stdout
    assert "this will take about" in done.stdout


def test_generated_articles_are_deterministic_and_carry_furniture() -> None:
    spec = importlib.util.spec_from_file_location("newsint_bench_run", ROOT / "bench" / "run.py")
    assert spec and spec.loader
    bench_run = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench_run  # dataclasses look their module up there
    spec.loader.exec_module(bench_run)
    material = bench_run.fallback_material()
    first = bench_run.make_articles(material, 30, seed=7)
    assert first == bench_run.make_articles(material, 30, seed=7)
    assert first != bench_run.make_articles(material, 30, seed=8)
    joined = "\n".join(first)
    assert "Home NEWS" in joined and "Share this article" in joined
    assert all(a.split("\n\n")[0].removeprefix("Home NEWS ") in material.titles for a in first)
