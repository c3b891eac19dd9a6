"""The PolNeAR split's articles through the newsint stages, for the bench scripts that count or
train on them (train_cue_model.py, content_edges.py, noun_cues.py): the pipeline's parse, or a
DocBin of the split's spaCy Docs with the entities and claims stages run over them."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsint.evaluate.attribution import GoldDoc, analyses


def split_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every counting or training script takes: which split, where the data is, a
    DocBin of its parses (to skip the parse), and how many articles."""
    parser.add_argument("--split", default="train")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--parses", type=Path, default=None, help="a DocBin of the split's Docs")
    parser.add_argument("--limit", type=int, default=None)


def parsed(
    docs: list[GoldDoc], parses: Path | None, config: Any
) -> Iterator[tuple[GoldDoc, Any, Any]]:
    """(gold, analysis, spaCy Doc) of every article: the pipeline's, or the DocBin's Docs with
    the entities and claims stages run over them."""
    if parses is None:
        yield from analyses(docs, config)
        return
    from spacy.tokens import DocBin

    from newsint.model import Analysis, ArticleMeta, stable_id
    from newsint.pipeline import build_stages
    from newsint.stages.base import READER_ASSIGNS, Resources, Work
    from newsint.stages.nlp import load_spacy

    nlp = load_spacy(config.nlp, config.limits.max_text_chars)
    by_text = {d.text: d for d in DocBin().from_bytes(parses.read_bytes()).get_docs(nlp.vocab)}
    stages = build_stages(
        ["entities", "claims"], Resources(config), READER_ASSIGNS | {"text", "doc"}
    )
    for gold in docs:
        work = Work(
            Analysis(
                article=ArticleMeta(id=stable_id("art", gold.name)), text=gold.text, raw=gold.text
            ),
            doc=by_text[gold.text],
        )
        for stage in stages:
            stage([work])
        yield gold, work.analysis, work.doc
