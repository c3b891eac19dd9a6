"""What the entity rules share while reading one article: the parse, the tables, the candidates
found so far and the tokens they cover."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from newsint.config import Entities as EntitiesConfig
from newsint.stages.entities.gazetteer import Gazetteer
from newsint.stages.entities.names import Candidate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from newsint.stages.tokens import Tokens
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


# --------------------------------------------------------------------------- extraction


@dataclass
class _Ctx:
    """One Doc with what every rule needs, computed once."""

    doc: Doc
    text: str  # doc.text, which spaCy rebuilds on every access
    toks: Tokens  # the Doc's token table (stages/tokens.py): `toks[i]` reads like `doc[i]`
    gaz: Gazetteer
    cfg: EntitiesConfig
    sent_of: list[int]  # sentence index of each token
    shouted: list[bool]  # per token: on an all-caps line (a headline or dateline)
    covered: list[bool]  # tokens inside a kept candidate
    blocked: list[bool]  # tokens of credit lines (bylines, photo credits): never a name
    cands: list[Candidate] = field(default_factory=list)
    credited: list[Candidate] = field(default_factory=list)  # names inside credit lines
    credit_names: list[tuple[int, int]] = field(default_factory=list)  # their character spans
    dateline_places: set[int] = field(default_factory=set)  # tokens of a dateline's place
    tickers: set[int] = field(default_factory=set)  # first tokens of "(NYSE:FRX)" tickers
    sport: bool = False  # a sports article (stages/entities/sports.py)
    ents: tuple[Span, ...] = ()  # the model's names (`doc.ents`, which spaCy rebuilds each time)
    _full_persons: list[Span] | None = None

    @property
    def full_persons(self) -> list[Span]:
        """The model's persons named in full ("Stefan Edberg"): two or more words, all letters."""
        if self._full_persons is None:
            toks = self.toks.tokens
            self._full_persons = [
                e
                for e in self.ents
                if e.label_ == "PERSON"
                and e.end - e.start > 1
                and all(t.is_alpha for t in toks[e.start : e.end])
            ]
        return self._full_persons

    @cached_property
    def capitalised_names(self) -> tuple[list[bool], list[int]]:
        """Per token: a proper noun written with a capital? And the indices of those tokens
        (where runs of names can stand; asked twice per article)."""
        mask = [t.pos_ == "PROPN" and t.text[:1].isupper() for t in self.toks.tokens]
        return mask, [i for i, m in enumerate(mask) if m]

    stems: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # sentence -> words

    def add(self, c: Candidate) -> None:
        ts, te = c.tokens
        for i in range(ts, te):
            self.covered[i] = True
        c.sentence = self.sent_of[ts]
        self.cands.append(c)

    def free(self, ts: int, te: int) -> bool:
        return not any(self.covered[ts:te])


def _span_text(ctx: _Ctx, ts: int, te: int) -> tuple[int, int, str]:
    start = ctx.toks[ts].idx
    last = ctx.toks[te - 1]
    end = last.idx + len(last)
    return start, end, ctx.text[start:end]
