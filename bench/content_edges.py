"""Derive data/content_edges.toml: how often PolNeAR annotators write each kind of piece at a
content's right edge into the content.

    PYTHONPATH=src .venv/bin/python bench/content_edges.py --split train \
        --data ../shared/data [--parses train.spacy] [--min-count 8] [--toml]

Runs the claims stage over a PolNeAR split (the nlp, entities and claims stages, or the spaCy
Docs of a DocBin given with --parses, whose texts must be the split's) with the learned edges
switched off, and takes, for every reporting verb's content, the pieces at its right edge
(`edge_features.right_pieces`). A content is paired with the gold attribution whose cue overlaps
its cue and whose content overlaps it most. An inner piece (inside the content, ending with it)
counts as held when its words are all in the gold content, as left out when the gold content
ends exactly where the content would end without it; an outer piece (hung on the verb right
after the content) as held when its words are all in the gold content, as left out when the gold
content ends before it and not before the content's end. Other pieces are not counted.

Prints, per description (`Piece.descriptions`, every level), n and the gold rate; with --toml, the
`[[pieces]]` rows the decision needs (`edge_model.EdgeTable.holds` reads the most specific
description counted at least --min-count times; a row whose decision equals the one it would
inherit from a more general row, or from the default, is left out). Keys, counts only: nothing
of the texts. Never a unit test.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsint.config import load_config
from newsint.evaluate.attribution import Tokens, read_polnear
from newsint.stages.claims import edge_model
from newsint.stages.claims.context import Found
from newsint.stages.claims.edge_features import INNER, REPORT, Piece, right_pieces

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from polnear_parses import parsed, split_arguments  # noqa: E402  (bench/polnear_parses.py, beside this file)

Key = tuple[str, ...]
# (content, cue, pieces) of every verb content, per article text
Seen = dict[str, list[tuple[tuple[int, int], tuple[int, int], list[Piece]]]]


def recording(seen: Seen) -> None:
    """The claims stage without the learned edges, noting the pieces of each verb content."""

    def record(self: Any, found: list[Found]) -> list[Found]:
        words = self.edge_words(found)
        for f in found:
            if f.rule != "verb" or f.cue is None or not f.cue_tokens:
                continue
            verb = self.doc[f.cue_tokens[-1]]
            sent_end = self.sents.of(verb).end
            pieces = right_pieces(self.doc, self.text, f.content, verb, sent_end, words)
            if pieces:
                seen.setdefault(self.text, []).append((f.content, f.cue, pieces))
        return found

    edge_model.EdgeModelRules.learned_edges = record  # type: ignore[method-assign]


def label(piece: Piece, content: tuple[int, int], gold: frozenset[int], toks: Tokens) -> int | None:
    """1 when the gold content holds the piece, 0 when it leaves it out at this edge."""
    words = toks.of(((piece.start, piece.end),))
    if not words:
        return None
    if words <= gold:
        return 1
    if piece.kind == INNER:
        before = toks.of(((content[0], piece.cut),))
        return 0 if before and max(before) == max(gold) else None
    ours = toks.of((content,))
    return 0 if ours and max(ours) <= max(gold) < min(words) else None


def count(docs: list[Any], parses: Path | None) -> tuple[Counter[Key], Counter[Key]]:
    """n and gold-held uses per description (every level of `Piece.descriptions`)."""
    seen: Seen = {}
    recording(seen)
    n: Counter[Key] = Counter()
    held: Counter[Key] = Counter()
    for gold, _analysis, _doc in parsed(docs, parses, load_config()):
        toks = Tokens(gold.text)
        golds = [(toks.of(a.content), a.cue) for a in gold.attributions]
        for content, cue, pieces in seen.pop(gold.text, []):
            ours = toks.of((content,))
            best: frozenset[int] = frozenset()
            best_j = 0.0
            for g, g_cue in golds:
                if not any(s < cue[1] and cue[0] < e for s, e in g_cue):
                    continue
                j = len(g & ours) / max(len(g | ours), 1)
                if j > best_j:
                    best, best_j = g, j
            if not best:
                continue
            for piece in pieces:
                lab = label(piece, content, best, toks)
                if lab is None:
                    continue
                for key in piece.descriptions():
                    n[key] += 1
                    held[key] += lab
    return n, held


def needed(
    n: Counter[Key], held: Counter[Key], min_count: int, keep_rate: float, add_rate: float
) -> list[Key]:
    """The descriptions whose decision differs from the one they inherit (the next more
    general description counted often enough, or the default: inner held, outer not)."""

    def decides(key: Key) -> bool:
        if key[0] != INNER and key[4] == REPORT:
            return False  # EdgeTable.holds: never asked
        return held[key] >= (keep_rate if key[0] == INNER else add_rate) * n[key]

    out: list[Key] = []
    levels = sorted({len(k) for k in n})
    for key in sorted(n):
        if n[key] < min_count:
            continue
        inherited = key[0] == INNER
        for size in levels:
            if size >= len(key):
                break
            parent = key[:size]
            if n.get(parent, 0) >= min_count:
                inherited = decides(parent)
        if decides(key) != inherited:
            out.append(key)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    split_arguments(parser)
    parser.add_argument("--min-count", type=int, default=8)
    parser.add_argument("--keep-rate", type=float, default=0.5)
    parser.add_argument("--add-rate", type=float, default=0.5)
    parser.add_argument("--toml", action="store_true", help="print the table's [[pieces]] rows")
    args = parser.parse_args(argv)
    root = args.data / "attribution" / "polnear"
    docs = list(read_polnear(root, args.split, args.limit))
    n, held = count(docs, args.parses)
    if args.toml:
        for key in needed(n, held, args.min_count, args.keep_rate, args.add_rate):
            words = ", ".join(f'"{k}"' for k in key)
            print(f"{{ key = [{words}], n = {n[key]}, gold = {held[key]} }},")
        return 0
    print("n\tgold\trate\tkey")
    for key in sorted(n, key=lambda k: (-n[k], k)):
        print(f"{n[key]}\t{held[key]}\t{held[key] / n[key]:.2f}\t{' | '.join(key)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
