"""Known reporting verbs the other rules missed because of how the parser hung them or their
content (issue 16, "known cues"). Each test here is a construction counted on PolNeAR train
before it was added (docs/benchmarks.md, "Known cues the claims missed"):

- a that-clause the parser made a clause of the channel noun ("said in a statement that the
  plant will close": the clause hangs on "statement"); train 8 of 8 are gold reports;
- a straight quotation mark that closes a curly one (mixed typing, `[mixed_quotes]`): the
  speaker tag after it was read as part of the quotation and dropped;
- a stance, intention or attack as a participle set off by a comma after a clause whose
  subject is a speaker ("The mayor went a step further, backing three councillors"; `[participle]`);
- a report of its own in an adverbial clause of contrast or sequence after another's reported
  clause ("X said the port would reopen, though Y noted that…": Y's report is no part of
  X's; `[embedded_report]`).
The word lists live in data/known_cues.toml.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from newsint.stages.claims.lexicon import noun_base

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsint.stages.claims.lexicon import Lexicon
    from newsint.stages.claims.sources import Sources


@dataclass(frozen=True)
class KnownCues:
    """The words of data/known_cues.toml."""

    quote_closing_after: frozenset[str]  # characters after which a straight mark closes
    participle_kinds: frozenset[str]  # source kinds whose clause a position participle extends
    report_marks: frozenset[str]  # marks of an adverbial clause that reports on its own


@cache
def known_cues() -> KnownCues:
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("known_cues.toml").read_text("utf-8")
    )
    return KnownCues(
        quote_closing_after=frozenset(data["mixed_quotes"]["closing_after"]),
        participle_kinds=frozenset(data["participle"]["source_kinds"]),
        report_marks=frozenset(data["embedded_report"]["marks"]),
    )


def closing_mark(text: str, pos: int) -> bool:
    """The straight mark at `pos` is typed where a closing one stands: right after the end of
    a quoted clause and before a space or the end (“We will build it," she said. "It is…”).
    An inner quotation opens after a space (“…about "fair play" any more…”)."""
    after = text[pos + 1 : pos + 2]
    return (
        pos > 0
        and text[pos - 1] in known_cues().quote_closing_after
        and (not after or after.isspace())
    )


def channel_that_clause(clause: Token, noun: Token, lex: Lexicon) -> bool:
    """ "said in a statement that…": `clause` is a clause opened by "that" which the parser
    hung on `noun`, a channel noun ("statement", "interview") after the verb. A relative clause
    of a channel ("the interview that aired on Sunday") has no "that" mark."""
    if clause.dep_ != "acl" or noun_base(noun.lower_, lex.channels) is None:
        return False
    return any(
        m.dep_ == "mark" and m.lower_ == "that" and m.i < clause.i and m.i == clause.left_edge.i
        for m in clause.children
    )


def position_participle(tok: Token, lex: Lexicon, sources: Sources) -> bool:
    """ "The mayor went a step further, backing three councillors", "The union hit back,
    accusing the board of…": a position verb as a participle set off by a comma, with no subject,
    auxiliary, negation or modal of its own, after a clause whose subject is a person or an
    organisation (or a personal pronoun): that subject holds the position. A place or a thing
    ("The valley has long grown barley, supplying…", "Low rates spurred lending, supporting
    growth") holds none."""
    if tok.tag_ != "VBG" or tok.dep_ != "advcl" or tok.left_edge.i == 0:
        return False
    if tok.doc[tok.left_edge.i - 1].text != ",":
        return False
    if any(c.dep_ in ("nsubj", "aux", "neg") or c.tag_ == "MD" for c in tok.children):
        return False
    subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.i > tok.i:
        return False
    if subj.pos_ == "PRON":
        return subj.lower_ in lex.pronouns["person"] | lex.pronouns["plural"]
    return sources.from_head(subj).kind in known_cues().participle_kinds


def embedded_report(clause: Token, lex: Lexicon) -> bool:
    """ "Okafor said the fees punish small firms, though she noted that lenders are adapting":
    an adverbial clause after a reported clause, opened by a mark of contrast or sequence, whose
    verb reports a clause of its own with a subject of its own, is that speaker's report, not
    part of the other's."""
    if clause.dep_ != "advcl" or lex.cue_verb(clause) is None:
        return False
    children = list(clause.children)
    if not any(c.dep_ == "mark" and c.lower_ in known_cues().report_marks for c in children):
        return False
    if not any(c.dep_ == "ccomp" and c.i > clause.i for c in children):
        return False
    return any(c.dep_ == "nsubj" and c.lower_ not in lex.pronouns["relative"] for c in children)
