"""Derive data/learned_cues.toml: how often PolNeAR annotators mark a verb a cue, per construction.

    PYTHONPATH=src .venv/bin/python bench/learned_cues.py --split train \
        --data ../shared/data [--parses train.spacy] [--min-rate 0.5] [--min-count 4] [--toml]

Walks the parses of a PolNeAR split (the nlp, entities and claims stages, or the spaCy Docs of a
DocBin given with --parses, whose texts must be the split's). Every verb with a speaker as its own
subject (`learned.speaker_subject`: a personal pronoun, a person, an organisation… as the claims
stage reads it), used plainly (`learned.plain_use`: active, affirmative, no modal), outside a
quotation and outside the content of a claim the stage already finds (there it would be nested,
and PolNeAR marks no attribution inside another), is classed by `learned.construction` (a clause
with or without "that", an infinitive, a plain object, a prepositional object). It is a gold use
when its token lies in the cue of a gold attribution whose content overlaps that complement.

Prints, per (lemma, construction), n and the gold rate, most frequent first, for verbs outside
the claims lexicon; with --toml, the `[[cues]]` rows of the pairs whose rate >= --min-rate and
n >= --min-count (lemmas and counts only: nothing of the texts). Never a unit test.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from newsint.config import load_config
from newsint.evaluate.attribution import GoldDoc, analyses, read_polnear
from newsint.stages.claims.learned import (
    construction,
    learned_cues,
    plain_use,
    speaker_subject,
)
from newsint.stages.claims.lexicon import lexicon, verb_base
from newsint.stages.claims.quotes import find_quotes, inside_speech
from newsint.stages.claims.sources import Sources


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


def without_table() -> None:
    """The claims stage as it is without the learned table (the counts must not see it)."""
    import newsint.stages.claims.verbs as verbs

    empty = replace(learned_cues(), pairs={})
    verbs.learned_cues = lambda: empty  # type: ignore[assignment]


def count(
    docs: list[GoldDoc], parses: Path | None
) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]], set[str]]:
    """n and gold uses per (lemma, construction); the lemmas the claims lexicon knows."""
    without_table()
    config = load_config()
    lex = lexicon()
    n: Counter[tuple[str, str]] = Counter()
    gold_n: Counter[tuple[str, str]] = Counter()
    known: set[str] = set()
    for gold, analysis, doc in parsed(docs, parses, config):
        text = gold.text
        quotes = find_quotes(text)
        sources = Sources(doc, lex, config.claims, analysis.mentions, analysis.entities)
        said = [c for c in analysis.claims if c.kind != "unattributed"]
        claimed = [(c.content.start, c.content.end) for c in said]
        cued = [(c.cue.start, c.cue.end) for c in said if c.cue is not None]
        for tok in doc:
            if not plain_use(tok) or tok.tag_[:2] != "VB":
                continue
            found = construction(tok)
            if found is None or speaker_subject(tok, lex, sources) is None:
                continue
            if inside_speech(quotes, tok.idx, text, config.claims.min_speech_quote_words):
                continue
            if any(s <= tok.idx < e for s, e in claimed):
                continue
            kind, comp = found
            lemma = tok.lemma_.lower()
            if (
                verb_base(tok.lower_, lex.cue_extenders, lex.irregular)
                or lemma in lex.cue_extenders
                or lemma in lex.refusal_verbs
            ):
                continue  # kept out on purpose: "went on to…", refusals ("declined to…")
            if lex.cue_verb(tok) is not None or verb_base(tok.lower_, lex.cue_particles, {}):
                known.add(lemma)
                if any(s <= tok.idx < e for s, e in cued):
                    continue  # a known verb the rules already take: only the others count
            key = (lemma, kind)
            n[key] += 1
            c0, c1 = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text)
            for att in gold.attributions:
                in_cue = any(s <= tok.idx < e for s, e in att.cue)
                if in_cue and any(s < c1 and c0 < e for s, e in att.content):
                    gold_n[key] += 1
                    break
    return n, gold_n, known


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="train")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--parses", type=Path, default=None, help="a DocBin of the split's Docs")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--min-rate", type=float, default=0.5)
    parser.add_argument("--min-count", type=int, default=4)
    parser.add_argument("--toml", action="store_true", help="print the table's [[cues]] rows")
    parser.add_argument(
        "--known", action="store_true", help="lexicon verbs too (uses the rules do not take)"
    )
    args = parser.parse_args(argv)
    root = args.data / "attribution" / "polnear"
    docs = list(read_polnear(root, args.split, args.limit))
    n, gold_n, known = count(docs, args.parses)
    rows = sorted(n, key=lambda k: (-n[k], k))
    if args.toml:
        for lemma, kind in sorted(rows):
            if (lemma in known and not args.known) or n[(lemma, kind)] < args.min_count:
                continue
            rate = gold_n[(lemma, kind)] / n[(lemma, kind)]
            if rate >= args.min_rate:
                print(
                    f'{{ lemma = "{lemma}", construction = "{kind}", '
                    f"n = {n[(lemma, kind)]}, gold = {gold_n[(lemma, kind)]} }},"
                )
        return 0
    print("lemma\tconstruction\tn\tgold\trate\tknown")
    for key in rows:
        if key[0] in known and not args.known:
            continue
        rate = gold_n[key] / n[key]
        print(f"{key[0]}\t{key[1]}\t{n[key]}\t{gold_n[key]}\t{rate:.2f}\t{key[0] in known}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
