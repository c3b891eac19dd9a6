"""Profile the pipeline on generated pages (the articles of bench/run.py), batched, caches
emptied: the top functions by own time, and each stage's cumulative time.

    .venv/bin/python bench/profile_stages.py [--articles 30] [--top 25] [--out p.pstats]

Under cProfile every Python call costs more than it does without it, so read the ranking, not
the seconds. Never a unit test.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from collections.abc import Sequence
from pathlib import Path

from newsint.config import load_config
from newsint.model import Analysis
from newsint.pipeline import own_pipeline
from newsint.readers import read_bytes

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (bench/run.py, beside this file)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--out", type=Path, help="also keep the raw profile here")
    args = parser.parse_args(argv)
    config = load_config(None)
    material = run.corpus_material(run.bundled_demo(), config) or run.fallback_material()
    raws = run.make_articles(material, args.articles, args.seed)
    pipeline = own_pipeline(config)
    warm = run.make_articles(material, run.WARMUP_ARTICLES, args.seed + 1)
    list(pipeline.run([a for r in warm for a in read_bytes(r.encode(), "w", ".txt", config)]))
    for shared in pipeline.resources.cache.values():
        if callable(clear := getattr(shared, "clear_cache", None)):
            clear()
    items = [a for r in raws for a in read_bytes(r.encode(), "b", ".txt", config)]
    analyses = [a for a in items if isinstance(a, Analysis)]
    profile = cProfile.Profile()
    profile.enable()
    list(pipeline.run(analyses))
    profile.disable()
    if args.out:
        profile.dump_stats(str(args.out))
    stats = pstats.Stats(profile)
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumulative").print_stats(r"stage\.py.*__call__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
