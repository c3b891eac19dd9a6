"""Throughput of the entities stage beside the spaCy parse it needs, on copies of one article.

    python bench/entities.py ARTICLE [--copies N]

Reports articles/s for the bare spaCy parse (the nlp stage), for the entities stage alone, and
for both, in the same run on the same texts: a ratio, not an absolute number, is what compares
across machines.
"""

from __future__ import annotations

import argparse
import time

from newsint.api import analyze_paths
from newsint.config import default_config
from newsint.model import Analysis
from newsint.stages import registry
from newsint.stages.base import Resources, Work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article")
    parser.add_argument("--copies", type=int, default=50)
    args = parser.parse_args()
    config = default_config()
    (clean,) = list(analyze_paths([args.article], config=config))
    assert isinstance(clean, Analysis)
    resources = Resources(config)
    stages = registry()
    nlp, entities = stages["nlp"](resources), stages["entities"](resources)
    batch = [Work(clean.model_copy(deep=True)) for _ in range(args.copies)]
    nlp(batch[:1])  # warm up: model load and first-call caches
    entities(batch[:1])
    t0 = time.perf_counter()
    nlp(batch)
    t1 = time.perf_counter()
    entities(batch)
    t2 = time.perf_counter()
    n, words = len(batch), len(batch[0].doc)
    print(f"{n} copies of {args.article} ({words:,} tokens each)")
    print(f"spaCy parse (nlp stage): {n / (t1 - t0):8.1f} articles/s")
    print(f"entities stage alone:    {n / (t2 - t1):8.1f} articles/s")
    print(f"nlp + entities:          {n / (t2 - t0):8.1f} articles/s")
    print(f"entities cost: {(t2 - t1) / (t1 - t0):.1%} of the parse")


if __name__ == "__main__":
    main()
