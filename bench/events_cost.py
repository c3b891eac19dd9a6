"""What the events stage costs: the lemmatizer it needs in spaCy, and the stage itself.

Usage: python bench/events_cost.py FILE [--copies N] [--rounds R]
Parses N copies of FILE with and without spaCy's lemmatizer (interleaved rounds, best CPU time
of this process kept, as the machine may be shared), then times the events stage over the
parsed documents.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from newsint.api import set_published
from newsint.config import default_config
from newsint.pipeline import build_stages
from newsint.readers import read_bytes
from newsint.stages.base import Resources, Work
from newsint.stages.events.stage import EventsStage


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", type=Path)
    ap.add_argument("--copies", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--published", default=None)
    args = ap.parse_args()
    config = default_config()
    (analysis,) = list(read_bytes(args.file.read_bytes(), str(args.file), args.file.suffix, config))
    set_published(analysis, args.published)
    resources = Resources(config)
    (clean,) = build_stages(["clean"], resources)
    work = Work(analysis)
    clean([work])
    texts = [work.analysis.text] * args.copies
    model = config.nlp.models[0]
    pipes = {
        "without lemmatizer": spacy.load(model, exclude=["lemmatizer"]),
        "with lemmatizer": spacy.load(model),
    }
    best = dict.fromkeys(pipes, float("inf"))
    for _ in range(args.rounds):
        for name, nlp in pipes.items():
            start = time.process_time()
            list(nlp.pipe(texts, batch_size=config.nlp.batch_size))
            best[name] = min(best[name], time.process_time() - start)
    for name, seconds in best.items():
        print(f"parse {name}: {seconds:.2f} s, {args.copies / seconds:.1f} articles/s")
    cost = best["with lemmatizer"] / best["without lemmatizer"] - 1
    print(f"lemmatizer cost: {cost:+.1%} of parse time")

    docs = list(pipes["with lemmatizer"].pipe(texts))
    events = EventsStage(resources)
    batch = []
    for doc in docs:
        w = Work(work.analysis.model_copy(deep=True))
        w.doc = doc
        batch.append(w)
    seconds = float("inf")
    for _ in range(args.rounds):
        start = time.process_time()
        events(batch)
        seconds = min(seconds, time.process_time() - start)
    print(
        f"events stage: {seconds:.3f} s for {args.copies} articles "
        f"({seconds / best['with lemmatizer']:.1%} of parse time), "
        f"{len(batch[0].analysis.events)} events per article"
    )


if __name__ == "__main__":
    main()
