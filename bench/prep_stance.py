"""Derive data/prep_stance.toml: how often a verb or adjective with its own preposition and an
object is a PolNeAR attribution with that object as content and its holder as source.

    PYTHONPATH=src:bench .venv/bin/python bench/prep_stance.py --split train \
        --data ../shared/data [--parses train.spacy] [--min-right 3] [--min-rate 0.45] [--toml]

Runs the claims stage with the `stance` rule answering every (part of speech, lemma,
preposition) but keeping nothing (prep_stance.stance_cue is wrapped), so the counts see the
stage as it is without the table. A use: what the rule would have found, outside the content of
every outermost claim of the article. It is right when a gold attribution that no predicted
claim matches yet covers at least half of its content and its source overlaps the holder (or
both have none). Prints n and right per row, most right first; with --toml, the rows that pass
the thresholds (lemmas and counts only: nothing of the texts). Never a unit test.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections import Counter
from collections.abc import Sequence
from typing import Any

from polnear_parses import parsed, split_arguments

from newsint.config import load_config
from newsint.evaluate.attribution import Tokens, outermost, predict_claims, read_polnear
from newsint.stages.claims import prep_stance

Key = tuple[str, str, str]


class _Every:
    """A row set that holds every row."""

    def __contains__(self, item: object) -> bool:
        return True


def _install() -> list[tuple[str, Key, Any]]:
    """Wrap the rule: it answers every row and keeps nothing; returns the list it fills."""
    found: list[tuple[str, Key, Any]] = []
    table = prep_stance.stance_cues()
    every = dataclasses.replace(table, rows=_Every(), lemmas=_Every())
    prep_stance.stance_cues = lambda: every  # type: ignore[assignment]
    rule = prep_stance.PrepStanceRules.stance_cue

    def counted(self: Any, word: Any, here: Any) -> None:
        f = rule(self, word, here)
        if f is not None:
            tok, prep = self.doc[word.i], self.doc[f.cue_tokens[-1]]
            key = ("verb" if tok.pos_ == "VERB" else "adj", tok.lemma_.lower(), prep.lower_)
            found.append((self.text, key, f))

    prep_stance.PrepStanceRules.stance_cue = counted  # type: ignore[assignment,method-assign]
    return found


def _matched(gold: list[frozenset[int]], pred: list[frozenset[int]]) -> set[int]:
    """The gold attributions the predictions already match (the scorer's greedy pairing)."""
    pairs = sorted(
        (
            (len(g & p) / len(g | p), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
            if g & p
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return used_g


def count(args: argparse.Namespace) -> tuple[Counter[Key], Counter[Key]]:
    found = _install()
    docs = list(read_polnear(args.data / "attribution" / "polnear", args.split, args.limit))
    n: Counter[Key] = Counter()
    right: Counter[Key] = Counter()
    for gold, analysis, _ in parsed(docs, args.parses, load_config()):
        mine = [f for f in found if f[0] == gold.text]
        found[:] = [f for f in found if f[0] != gold.text]
        pred = outermost(predict_claims(analysis))
        toks = Tokens(gold.text)
        g_content = [toks.of(a.content) for a in gold.attributions]
        g_source = [toks.of(a.source) for a in gold.attributions]
        taken = _matched(g_content, [toks.of(a.content) for a in pred])
        for _, key, f in mine:
            if any(s <= f.cue[0] < e for a in pred for s, e in a.content):
                continue  # inside a claim's content: outermost() would drop it
            n[key] += 1
            content = toks.of((f.content,))
            source = (
                toks.of(((f.source.start, f.source.end),))
                if f.source.start is not None
                else frozenset()
            )
            for gi, gc in enumerate(g_content):
                if len(gc & content) * 2 < len(content):
                    continue
                if gi not in taken and (source & g_source[gi] or not (source or g_source[gi])):
                    right[key] += 1
                break
    return n, right


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    split_arguments(parser)
    parser.add_argument("--min-right", type=int, default=3)
    parser.add_argument("--min-rate", type=float, default=0.45)
    parser.add_argument("--toml", action="store_true", help="print the table's rows")
    args = parser.parse_args(argv)
    n, right = count(args)
    keys = sorted(n, key=lambda k: (-right[k], -n[k], k))
    if args.toml:
        print("cues = [")
        for pos, lemma, prep in sorted(keys):
            key = (pos, lemma, prep)
            if right[key] >= args.min_right and right[key] / n[key] >= args.min_rate:
                print(
                    f'  {{ pos = "{pos}", lemma = "{lemma}", prep = "{prep}", '
                    f"n = {n[key]}, right = {right[key]} }},"
                )
        print("]")
        return 0
    print("pos\tlemma\tprep\tn\tright\trate")
    for k in keys:
        print(f"{k[0]}\t{k[1]}\t{k[2]}\t{n[k]}\t{right[k]}\t{right[k] / n[k]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
