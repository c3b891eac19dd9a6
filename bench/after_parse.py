"""CPU of each stage after the spaCy parse, on the same parsed Docs run after run.

    .venv/bin/python bench/after_parse.py [--articles 40] [--repeat 7] [--seed 0]

The generated pages of bench/run.py are read and parsed once; then, `--repeat` times, every
stage after `nlp` runs over them from the same state (the analyses as the parse left them, each
Doc's `user_data` emptied, resource caches cleared), and each stage keeps its least CPU time.
The parse is the same on every run, so differences between checkouts of the stages after it
show here well below the noise of the whole-pipeline comparison. The collector's young threshold
is raised while the stages run, as the pipeline raises it for a batch ([pipeline]
gc_young_threshold). Never a unit test.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from newsint.config import load_config
from newsint.model import Analysis
from newsint.pipeline import own_pipeline, young_threshold_raised
from newsint.readers import read_bytes
from newsint.stages.base import Work

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (bench/run.py, beside this file)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    config = load_config(None)
    material = run.corpus_material(run.bundled_demo(), config) or run.fallback_material()
    raws = run.make_articles(material, args.articles, args.seed)
    pipeline = own_pipeline(config)
    k = [s.name for s in pipeline.stages].index("nlp")
    before, after = pipeline.stages[: k + 1], pipeline.stages[k + 1 :]
    items = [a for r in raws for a in read_bytes(r.encode(), "bench", ".txt", config)]
    works = [Work(a) for a in items if isinstance(a, Analysis)]
    for stage in before:
        stage(works)
    analyses = [w.analysis.model_copy(deep=True) for w in works]
    scratch = [dict(w.scratch) for w in works]
    young = config.pipeline.gc_young_threshold
    best = {s.name: float("inf") for s in after}
    total = float("inf")
    for _ in range(args.repeat):
        for w, a, s in zip(works, analyses, scratch, strict=True):
            w.doc.user_data.clear()
            w.analysis, w.scratch = a.model_copy(deep=True), dict(s)
        for shared in pipeline.resources.cache.values():
            if callable(clear := getattr(shared, "clear_cache", None)):
                clear()
        gc.collect()
        start = time.process_time()
        with young_threshold_raised(young):  # the collector as `Pipeline.run_work` sets it
            for stage in after:
                cpu = time.process_time()
                stage(works)
                best[stage.name] = min(best[stage.name], time.process_time() - cpu)
        total = min(total, time.process_time() - start)
    words = sum(len(w.analysis.text.split()) for w in works)
    print(f"{len(works)} articles, {words:,} words; CPU s, least of {args.repeat} runs")
    print(f"after the parse: {total:.3f}")
    for name, seconds in best.items():
        print(f"  {name:<12} {seconds:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
