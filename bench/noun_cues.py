"""Derive data/noun_cues.toml: how often PolNeAR annotators mark a noun or an adjective a cue,
per complement, when someone who can speak owns it.

    PYTHONPATH=src .venv/bin/python bench/noun_cues.py --split train \
        --data ../shared/data [--parses train.spacy] [--min-rate 0.5] [--min-count 4] [--toml]

Walks the parses of a PolNeAR split (the pipeline's, or the spaCy Docs of a DocBin given with
--parses, whose texts must be the split's). Every noun and adjective with a complement after it
(`predicates.complement`: a that-, whether- or finite clause, an infinitive, a prepositional
object) and an owner who speaks (`predicates.owner` and `predicates.speaks`: a possessive, "by
X", the subject of the verb that has the noun or of the copula before the adjective; a personal
pronoun, a person, an organisation… as the claims stage reads it), outside a quotation and
outside the content and cue of a claim the stage already finds, is one use of (part of speech,
lemma, complement). It is a gold use when its token lies in the cue of a gold attribution whose
content overlaps that complement.

Prints n and the gold rate per row, most frequent first; with --toml, the `cues` rows whose rate
>= --min-rate and n >= --min-count (lemmas and counts only: nothing of the texts). Never a unit
test.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from polnear_parses import parsed, split_arguments

from newsint.config import load_config
from newsint.evaluate.attribution import GoldDoc, read_polnear
from newsint.stages.claims import predicates
from newsint.stages.claims.lexicon import lexicon
from newsint.stages.claims.quotes import find_quotes, inside_speech
from newsint.stages.claims.sources import Sources

Key = tuple[str, str, str]


def without_table() -> None:
    """The claims stage as it is without the table (the counts must not see it)."""
    empty = replace(
        predicates.noun_cues(), pairs={}, constructions=frozenset(), construction_pos=frozenset()
    )
    predicates.noun_cues = lambda: empty  # type: ignore[assignment]


def count(docs: list[GoldDoc], parses: Path | None) -> tuple[Counter[Key], Counter[Key]]:
    """n and gold uses per (part of speech, lemma, complement)."""
    without_table()
    config = load_config()
    lex = lexicon()
    n: Counter[Key] = Counter()
    gold_n: Counter[Key] = Counter()
    for gold, analysis, doc in parsed(docs, parses, config):
        text = gold.text
        quotes = find_quotes(text)
        sources = Sources(doc, lex, config.claims, analysis.mentions, analysis.entities)
        said = [c for c in analysis.claims if c.kind != "unattributed"]
        taken = [(c.content.start, c.content.end) for c in said]
        taken += [(c.cue.start, c.cue.end) for c in said if c.cue is not None]
        for tok in doc:
            pos = {"NOUN": predicates.NOUN, "ADJ": predicates.ADJ}.get(tok.pos_)
            if pos is None:
                continue
            comp = predicates.complement(tok)
            if comp is None:
                continue
            held = predicates.owner(tok)
            if held is None or not predicates.speaks(held[0], lex, sources):
                continue
            if inside_speech(quotes, tok.idx, text, config.claims.min_speech_quote_words):
                continue
            if any(s <= tok.idx < e for s, e in taken):
                continue
            kind, content, _ = comp
            key = (pos, tok.lemma_.lower(), kind)
            n[key] += 1
            pooled = (pos, "*" + held[2], kind)
            n[pooled] += 1
            c0, c1 = content[0].idx, content[-1].idx + len(content[-1].text)
            for att in gold.attributions:
                in_cue = any(s <= tok.idx < e for s, e in att.cue)
                if in_cue and any(s < c1 and c0 < e for s, e in att.content):
                    gold_n[key] += 1
                    gold_n[pooled] += 1
                    break
    return n, gold_n


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    split_arguments(parser)
    parser.add_argument("--min-rate", type=float, default=0.5)
    parser.add_argument("--min-count", type=int, default=4)
    parser.add_argument(
        "--min-pooled", type=int, default=10, help="n of a construction row (any lemma)"
    )
    parser.add_argument("--toml", action="store_true", help="print the table's rows")
    args = parser.parse_args(argv)
    docs = list(read_polnear(args.data / "attribution" / "polnear", args.split, args.limit))
    n, gold_n = count(docs, args.parses)
    if args.toml:
        rows = {"cues": [], "constructions": []}
        for key in sorted(n):
            pos, lemma, kind = key
            rate = gold_n[key] / n[key]
            if lemma.startswith("*"):
                if n[key] >= args.min_pooled and rate >= args.min_rate:
                    rows["constructions"].append(
                        f'  {{ pos = "{pos}", owner = "{lemma[1:]}", complement = "{kind}", '
                        f"n = {n[key]}, gold = {gold_n[key]} }},"
                    )
            elif n[key] >= args.min_count and rate >= args.min_rate:
                rows["cues"].append(
                    f'  {{ pos = "{pos}", lemma = "{lemma}", complement = "{kind}", '
                    f"n = {n[key]}, gold = {gold_n[key]} }},"
                )
        for name, lines in rows.items():
            print(f"{name} = [", *lines, "]", sep="\n")
        return 0
    print("pos\tlemma\tcomplement\tn\tgold\trate")
    for key in sorted(n, key=lambda k: (-n[k], k)):
        print(f"{key[0]}\t{key[1]}\t{key[2]}\t{n[key]}\t{gold_n[key]}\t{gold_n[key] / n[key]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
