"""Rule family: where a reporting verb's content ends, decided by counts from PolNeAR train.

The pieces at a content's right edge (stages/claims/edge_features.py: a closing relative clause,
an apposition, a concession, a phrase or clause the parser hung on the reporting verb right
after the content) are each written into the content by annotators some share of the time, and
the share differs by the piece's kind more finely than a yes/no rule per construction can say
(train: "…, which …" about a thing held 27 times in 55, about a name 8 in 12; "…, who …" 9 in
22; one that holds a time 8 in 36; "…, even though …" 9 in 12; a phrase the parser hung on the
verb right after its object 71 in 97). data/content_edges.toml holds, per description of a
piece (`Piece.descriptions`), how often the train gold holds it; bench/content_edges.py
regenerates it. It replaces the hand rule that left out every closing ", who/which/where…" and
", though…" aside (train gold holds them about as often as not).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsint.stages.claims.context import ExtractorBase, Found, parts_held
from newsint.stages.claims.edge_features import (
    INNER,
    REPORT,
    Piece,
    Words,
    right_pieces,
    time_tokens,
)


@dataclass(frozen=True)
class EdgeTable:
    """data/content_edges.toml: per piece description, (uses counted, uses the gold holds)."""

    rows: dict[tuple[str, ...], tuple[int, int]]
    asked: frozenset[tuple[str, str]]  # (kind, dependency) of the rows: pieces worth describing
    min_count: int  # a description decides only when counted at least this often
    keep_rate: float  # an inner piece stays when the gold held it in at least this share
    add_rate: float  # an outer piece is added when the gold held it in at least this share

    def holds(self, piece: Piece) -> bool:
        """Whether the content holds `piece`: the most specific description counted often
        enough decides; without one, the content stays as the rules made it (an inner piece
        stays in, an outer one out). An outer piece with a report of its own stays out: it is
        that report's (and PolNeAR nests no attribution in another's content)."""
        if piece.kind != INNER and piece.role == REPORT:
            return False
        rate = self.keep_rate if piece.kind == INNER else self.add_rate
        for key in piece.descriptions():
            row = self.rows.get(key)
            if row is not None and row[0] >= self.min_count:
                return row[1] >= rate * row[0]
        return piece.kind == INNER


@cache
def edge_table() -> EdgeTable:
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("content_edges.toml").read_text("utf-8")
    )
    rows = {tuple(r["key"]): (int(r["n"]), int(r["gold"])) for r in data["pieces"]}
    return EdgeTable(
        rows=rows,
        asked=frozenset((k[0], k[1]) for k in rows),
        min_count=int(data["decide"]["min_count"]),
        keep_rate=float(data["decide"]["keep_rate"]),
        add_rate=float(data["decide"]["add_rate"]),
    )


class EdgeModelRules(ExtractorBase):
    """Contents of reporting verbs with their right edge as the train gold writes it."""

    def learned_edges(self, found: list[Found]) -> list[Found]:
        """`found` with each verb content cut before the first inner piece the table leaves
        out, or else grown over the outer pieces it holds; a further part of the same cue
        that a grown content now holds is dropped."""
        table = edge_table()
        words = self.edge_words(found)
        covered: set[int] = set()
        for f in found:
            if f.rule != "verb" or f.cue is None or not f.cue_tokens:
                continue
            verb = self.doc[f.cue_tokens[-1]]
            start, end = f.content
            new = f.content
            sent_end = self.sents.of(verb).end
            pieces = right_pieces(
                self.doc, self.text, f.content, verb, sent_end, words, table.asked
            )
            for piece in pieces:
                if piece.kind == INNER:
                    if not table.holds(piece):
                        new = self.finish(start, piece.cut, cue=f.cue)
                        break
                    continue
                if not table.holds(piece):
                    break
                new = self.finish(start, piece.end, cue=f.cue)
            if new == f.content or new[1] <= new[0]:
                continue
            f.content = new
            if new[1] > end:
                f.notes.append("learned edge: piece after the content added")
                covered |= parts_held(found, f)
            else:
                f.notes.append("learned edge: closing piece left out")
        return [f for f in found if id(f) not in covered]

    def edge_words(self, found: list[Found]) -> Words:
        """The quotations, the cue words found and the lexicon's media, for the pieces."""
        cues = tuple(sorted({i for f in found for i in f.cue_tokens} | set(self.by_verb)))
        return Words(self.quotes, cues, self.lex.channels, time_tokens(self.doc))
