"""Cue verbs learned from PolNeAR train (issue 16, "attrlearn"): a verb outside the lexicon is a
reporting verb in one construction when annotators marked it a cue there often enough.

"The ministry sent a letter", "the council approved the plan", "she has delivered a message":
whether a verb of action with an object or a clause reports is a matter of the verb and its
construction, not of a word list. `bench/learned_cues.py` walks the train parses, classes each
verb with a speaker as its subject by the construction below and counts how often its token is
a gold cue whose content is that complement; data/learned_cues.toml keeps the (lemma,
construction) pairs whose rate and count pass its thresholds. The claims stage takes a verb of
that table as a cue in its construction only, with the complement as the content.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsint.stages.claims.lexicon import Lexicon
    from newsint.stages.claims.sources import Sources

# construction names (data/learned_cues.toml uses them): a that-clause, a finite clause without
# "that", a to-infinitive (with the object before it: "asked the board to…"), a plain object,
# and a prepositional object ("prep:about")
THAT, CLAUSE, INFINITIVE, OBJECT, PREP = "that", "clause", "to", "object", "prep:"


@dataclass(frozen=True)
class LearnedCues:
    """The table of data/learned_cues.toml."""

    pairs: dict[str, frozenset[str]]  # lemma -> constructions in which it is a cue
    speaker_kinds: frozenset[str]  # source kinds that make a subject a speaker
    circumstance_preps: frozenset[str]  # prepositions of when and why, never in the content


@cache
def learned_cues() -> LearnedCues:
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("learned_cues.toml").read_text("utf-8")
    )
    pairs: dict[str, set[str]] = {}
    for row in data["cues"]:
        pairs.setdefault(row["lemma"], set()).add(row["construction"])
    return LearnedCues(
        pairs={k: frozenset(v) for k, v in pairs.items()},
        speaker_kinds=frozenset(data["subject"]["speaker_kinds"]),
        circumstance_preps=frozenset(data["content"]["circumstance_preps"]),
    )


def construction(tok: Token) -> tuple[str, Token] | None:
    """The verb's construction and the head of its complement, the first that applies: a
    clause after it (with or without "that"), an infinitive, a plain object, a prepositional
    object. Only complements after the verb: one before it is a speaker tag's or a relative's."""
    children = [c for c in tok.children if c.i > tok.i]
    for c in children:
        if c.dep_ == "ccomp":
            that = any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            return (THAT if that else CLAUSE), c
    for c in children:
        if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return INFINITIVE, c
    for c in children:
        if c.dep_ in ("dobj", "obj"):
            return OBJECT, c
    for c in children:
        if c.dep_ == "prep":
            obj = next((p for p in c.children if p.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return PREP + c.lower_, obj
    return None


def speaker_subject(tok: Token, lex: Lexicon, sources: Sources) -> Token | None:
    """The verb's own subject when it can speak: a personal pronoun, or a source of a kind
    of `[subject] speaker_kinds` (a person, an organisation…), as the claims stage reads it."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None:
        return None
    if subj.pos_ == "PRON":
        pron = lex.pronouns
        return subj if subj.lower_ in pron["person"] | pron["plural"] else None
    kind = sources.from_head(subj).kind
    return subj if kind in learned_cues().speaker_kinds else None


def plain_use(tok: Token) -> bool:
    """An active, affirmative verb with no modal: the uses the table was counted on ("the
    board will approve…", "did not send…", "was approved by…" are none)."""
    return tok.pos_ == "VERB" and not any(
        c.dep_ in ("neg", "auxpass") or c.tag_ == "MD" for c in tok.children
    )
