"""Local cues: what a predicate's own dependents say about it (negation, negative quantifiers,
modals, hedges, conditionals, questions), before its governor's context is applied.

A cue is kept with its offsets and what it did, so a reader sees why a value is what it is.
`Cues.disabled` turns cue families off (the ablations of `newsint eval factuality --ablate`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsint.stages.factuality.lexicon import Lexicon

# Cue families, as the walk and the ablations name them.
FAMILIES = (
    "negation",
    "modal",
    "hedge",
    "conditional",
    "question",
    "embedding",
    "scope",
)

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


@dataclass(frozen=True)
class Cue:
    """One word that changed a value: its offsets, its kind and what it did."""

    start: int
    end: int
    text: str
    kind: str
    effect: str


def cue_of(token: Token, kind: str, effect: str) -> Cue:
    return Cue(token.idx, token.idx + len(token.text), token.text, kind, effect)


def cap(value: float, limit: float) -> float:
    """Cap a commitment's size at |limit|; a negative limit also turns it the other way
    ("unlikely", "no evidence that"): the cue leans towards the event not happening."""
    size = min(abs(value), abs(limit))
    sign = math.copysign(1.0, value) if value else 1.0
    return size * sign * (1.0 if limit >= 0 else -1.0)


def _word(token: Token) -> str:
    return token.lower_


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def is_negator(token: Token, lex: Lexicon) -> bool:
    return token.dep_ == "neg" or (
        token.dep_ in {"advmod", "preconj", "cc"}
        and _word(token) in lex.negation_words
        and _word(token) not in {"nor", "neither"}
    )


def is_negative_quantifier(token: Token, lex: Lexicon) -> bool:
    """'nobody', 'nothing', or a noun determined by 'no' ('no shots')."""
    if _word(token) in lex.negative_quantifiers and token.pos_ in {"PRON", "NOUN", "DET"}:
        return True
    return any(c.dep_ == "det" and _word(c) == "no" for c in token.children)


def question_mark(token: Token) -> Token | None:
    """The "?" closing the clause this predicate heads (or is conjoined into), else None:
    the parser attaches a clause's final punctuation to its head."""
    t = token
    while True:
        for c in t.children:
            if c.dep_ == "punct" and "?" in c.text:
                return c
        if t.dep_ != "conj" or t.head is t:
            return None
        t = t.head


def local_value(token: Token, lex: Lexicon, disabled: frozenset[str]) -> tuple[float, list[Cue]]:
    """The predicate's own commitment (+3 unless a cue of its own lowers or flips it)."""
    value = lex.factual
    cues: list[Cue] = []
    children = list(token.children)
    if "negation" not in disabled:
        for c in children:
            if is_negator(c, lex):
                value = lex.negate(value)
                cues.append(cue_of(c, "negation", f"flips the sign -> {value:+.1f}"))
            elif c.dep_ == "det" and _word(c) == "no" and token.pos_ in {"NOUN", "PROPN"}:
                value = lex.negate(value)
                cues.append(cue_of(c, "negative_quantifier", f"no {token.text} -> {value:+.1f}"))
            elif token.pos_ in {"VERB", "AUX"} and is_negative_quantifier(c, lex):
                if c.dep_ in _SUBJECTS:  # "nobody was hurt"
                    value = lex.negate(value)
                    cues.append(cue_of(c, "negative_quantifier", f"flips the sign -> {value:+.1f}"))
                elif c.dep_ == "dobj":  # "gave no details": something happened, not all
                    value = cap(value, lex.object_quantifier_cap)
                    cues.append(cue_of(c, "negative_quantifier", f"-> {value:+.1f}"))
            elif _word(c) in lex.intensifiers and value < 0:
                cues.append(cue_of(c, "negation", "intensifies the negation"))
        head = token.head
        if (
            token.dep_ in {"pobj", "pcomp"}
            and head.dep_ == "prep"
            and _lemma(head) in lex.negative_prepositions
        ):
            value = lex.negate(value)
            cues.append(cue_of(head, "negation", f"{head.text} -> {value:+.1f}"))
    if "modal" not in disabled:
        for c in children:
            if c.dep_ in {"aux", "auxpass"}:
                limit = lex.modals.get(_word(c), lex.modals.get(_lemma(c)))
                if limit is not None and c.tag_ == "MD":
                    value = cap(value, limit)
                    cues.append(cue_of(c, "modal", f"caps at {limit:+.1f} -> {value:+.1f}"))
    if "hedge" not in disabled:
        for c in children:
            if c.dep_ in {"advmod", "amod"} and _lemma(c) in lex.hedges:
                limit = lex.hedges[_lemma(c)]
                value = cap(value, limit)
                cues.append(cue_of(c, "hedge", f"caps at {limit:+.1f} -> {value:+.1f}"))
    if "conditional" not in disabled:
        for c in children:
            if c.dep_ == "mark" and token.dep_ == "advcl" and _lemma(c) in lex.conditional_marks:
                value = cap(value, lex.conditional_cap)
                cues.append(cue_of(c, "conditional", f"condition -> {value:+.1f}"))
            elif c.dep_ == "advcl" and any(
                m.dep_ == "mark" and _lemma(m) in lex.conditional_marks for m in c.children
            ):
                mark = next(m for m in c.children if m.dep_ == "mark")
                value = cap(value, lex.conditional_cap)
                cues.append(cue_of(mark, "conditional", f"consequence -> {value:+.1f}"))
    if "question" not in disabled:
        for c in children:
            if (
                c.dep_ == "mark"
                and token.dep_ in {"ccomp", "xcomp", "csubj"}
                and _lemma(c) in lex.question_marks
            ):
                value = cap(value, lex.question_cap)
                cues.append(cue_of(c, "question", f"open question -> {value:+.1f}"))
        mark = question_mark(token)
        if mark is not None:
            value = cap(value, lex.question_cap)
            cues.append(cue_of(mark, "question", f"question -> {value:+.1f}"))
    return value, cues
