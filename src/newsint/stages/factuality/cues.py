"""Local cues: what a predicate's own dependents say about it (negation, negative quantifiers,
modals, hedges, conditionals, questions), before its governor's context is applied.

A cue is kept with its offsets and what it did, so a reader sees why a value is what it is.
`Cues.disabled` turns cue families off (the ablations of `newsint eval factuality --ablate`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsint.stages.factuality.lexicon import Lexicon
    from newsint.stages.tokens import Tok

# Cue families, as the walk and the ablations name them.
FAMILIES = (
    "negation",
    "modal",
    "future",
    "intention",
    "hedge",
    "conditional",
    "question",
    "embedding",
    "scope",
    "presupposed",
    "nominal",
)
# The families that are about time, not doubt: a certain future event ("will open in May") or
# one intended. MEANTIME's scale counts such events as certain; `TIME_APART` reads them so.
TIME_APART = frozenset({"future", "intention"})

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# What `may_cue` lets through by dependency alone: a negation, a clause's mark, an adverbial
# clause (conditional); modals by tag, the lexicon's cue words by form (Lexicon.cue_words).
_CUE_DEPS = frozenset({"neg", "mark", "advcl"})
_HEDGE_DEPS = frozenset({"advmod", "amod"})
_QUANTIFIED_DEPS = _SUBJECTS | {"dobj"}
_NO_WORDS = frozenset({"no", "neither"})


@dataclass(frozen=True)
class Cue:
    """One word that changed a value: its offsets, its kind and what it did."""

    start: int
    end: int
    text: str
    kind: str
    effect: str


@dataclass
class Local:
    """A predicate's own value, and its certainty: the size its own modals and hedges leave,
    whatever its negations do ("did not meet" is certain; "may not meet" is not)."""

    value: float
    certainty: float
    cues: list[Cue] = field(default_factory=list)

    def negate(self, lex: Lexicon) -> None:
        self.value = lex.negate(self.value)

    def cap(self, limit: float) -> None:
        self.value = cap(self.value, limit)
        self.certainty = min(self.certainty, abs(limit))


def cue_of(token: Tok, kind: str, effect: str) -> Cue:
    return Cue(token.idx, token.idx + len(token.text), token.text, kind, effect)


def cap(value: float, limit: float) -> float:
    """Cap a commitment's size at |limit|; a negative limit also turns it the other way
    ("unlikely", "no evidence that"): the cue leans towards the event not happening."""
    size = min(abs(value), abs(limit))
    sign = math.copysign(1.0, value) if value else 1.0
    return size * sign * (1.0 if limit >= 0 else -1.0)


def _word(token: Tok) -> str:
    return token.lower_


def _lemma(token: Tok) -> str:
    return token.lemma_.lower()


def is_negator(token: Tok, lex: Lexicon) -> bool:
    """'not', 'never', 'n't' on the predicate, or 'no longer' / 'no more'."""
    if token.dep_ == "neg":
        return True
    if token.dep_ == "advmod" and _word(token) in lex.negated_adverbs:
        return any(_word(c) == "no" for c in token.children)
    return (
        token.dep_ in {"advmod", "preconj", "cc"}
        and _word(token) in lex.negation_words
        and _word(token) not in {"nor", "neither"}
    )


def is_negative_quantifier(token: Tok, lex: Lexicon) -> bool:
    """'nobody', 'nothing', or a noun determined by 'no' ('no shots')."""
    if _word(token) in lex.negative_quantifiers and token.pos_ in {"PRON", "NOUN", "DET"}:
        return True
    return any(c.dep_ == "det" and _word(c) in _NO_WORDS for c in token.children)


def question_mark(token: Tok) -> Tok | None:
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


def is_imperative(token: Tok) -> bool:
    """A bare verb heading its own clause with no subject ("Keep the boy here", "please
    stay"): asked for, not done."""
    if token.tag_ != "VB" or token.dep_ not in {"ROOT", "ccomp", "conj"}:
        return False
    if token.dep_ == "conj" and not is_imperative(token.head):
        return False
    first = token.left_edge
    if first.is_punct and first.i + 1 < len(token.doc):
        first = token.doc[first.i + 1]
    deps = {c.dep_ for c in token.children}
    starts = first.i == token.i or first.lower_ in {"please", "do", "don't", "never", "just"}
    return starts and not deps & {"nsubj", "nsubjpass", "aux", "auxpass", "expl"}


def _asked(clause: Tok, lex: Lexicon) -> bool:
    """A clause with "if"/"whether" under a verb of asking ("asked if he thinks ..."): an
    open question, whatever the parser called the attachment."""
    return clause.head.lemma_.lower() in lex.question_lemmas and any(
        c.dep_ == "mark" and _lemma(c) in lex.question_marks for c in clause.children
    )


def _neither_nor(token: Tok) -> Tok | None:
    """The 'neither' or 'nor' that negates a predicate: "neither approves nor disapproves"."""
    for c in token.children:
        if c.dep_ == "preconj" and c.lower_ == "neither":
            return c
    if token.dep_ == "conj":
        for c in token.head.children:
            if c.dep_ == "cc" and c.lower_ == "nor":
                return c
    return None


def may_cue(child: Tok, lex: Lexicon) -> bool:
    """Whether a dependent can be a cue of its head in `local_value`'s loops over the
    dependents (a wider test than theirs, so that a head none of whose dependents passes can
    skip them): most dependents are none ("the", "in", a subject)."""
    dep = child.dep_
    if dep in _CUE_DEPS or child.tag_ == "MD" or child.lower_ in lex.cue_words:
        return True
    if dep in _HEDGE_DEPS and child.lemma_.lower() in lex.hedges:
        return True
    # a subject or object determined by "no" ("no shots were fired")
    return dep in _QUANTIFIED_DEPS and any(
        c.dep_ == "det" and c.lower_ in _NO_WORDS for c in child.children
    )


def local_value(token: Tok, lex: Lexicon, disabled: frozenset[str]) -> Local:
    """The predicate's own commitment (+3 unless a cue of its own lowers or flips it)."""
    cues: list[Cue] = []  # the Local's own list, filled below
    local = Local(lex.factual, lex.factual, cues)
    children = token.children
    for c in children:
        if may_cue(c, lex):
            break
    else:
        children = ()  # the loops below over the dependents would find nothing
    if "negation" not in disabled:
        for c in children:
            if is_negator(c, lex):
                local.negate(lex)
                cues.append(cue_of(c, "negation", f"flips the sign -> {local.value:+.1f}"))
            elif c.dep_ == "det" and _word(c) == "no" and token.pos_ in {"NOUN", "PROPN"}:
                local.negate(lex)
                cues.append(
                    cue_of(c, "negative_quantifier", f"no {token.text} -> {local.value:+.1f}")
                )
            elif token.pos_ in {"VERB", "AUX"} and is_negative_quantifier(c, lex):
                if c.dep_ in _SUBJECTS or (c.dep_ == "dobj" and c.pos_ == "PRON"):
                    # "nobody was hurt", "neither side would say", "will get nothing"
                    local.negate(lex)
                    cues.append(
                        cue_of(c, "negative_quantifier", f"flips the sign -> {local.value:+.1f}")
                    )
                elif c.dep_ == "dobj":  # "gave no details": something happened, not all
                    local.cap(lex.object_quantifier_cap)
                    cues.append(cue_of(c, "negative_quantifier", f"-> {local.value:+.1f}"))
            elif _word(c) in lex.intensifiers and local.value < 0:
                cues.append(cue_of(c, "negation", "intensifies the negation"))
        head = token.head
        if head.dep_ == "prep" and (
            (token.dep_ in {"pobj", "pcomp"} and _lemma(head) in lex.negative_prepositions)
            or (token.dep_ == "pcomp" and _lemma(head) in lex.negative_before_gerund)
        ):
            local.negate(lex)
            cues.append(cue_of(head, "negation", f"{head.text} -> {local.value:+.1f}"))
        neither = _neither_nor(token)
        if neither is not None:
            local.negate(lex)
            cues.append(cue_of(neither, "negation", f"{neither.text} -> {local.value:+.1f}"))
    for c in children:
        if c.dep_ in {"aux", "auxpass"} and c.tag_ == "MD":
            limit = lex.modals.get(_word(c), lex.modals.get(_lemma(c)))
            kind = "future" if _word(c) in lex.future_modals else "modal"
            if limit is not None and kind not in disabled:
                local.cap(limit)
                cues.append(cue_of(c, kind, f"caps at {limit:+.1f} -> {local.value:+.1f}"))
    if "hedge" not in disabled:
        for c in children:
            if c.dep_ in {"advmod", "amod"} and _lemma(c) in lex.hedges:
                limit = lex.hedges[_lemma(c)]
                local.cap(limit)
                cues.append(cue_of(c, "hedge", f"caps at {limit:+.1f} -> {local.value:+.1f}"))
            elif c.dep_ in {"amod", "compound"} and _word(c) in lex.event_modifiers:
                # "a failed attempt", "the planned visit", "the now-cancelled deal"
                limit = lex.event_modifiers[_word(c)]
                local.cap(limit)
                kind = "negation" if limit < 0 else "hedge"
                cues.append(cue_of(c, kind, f"-> {local.value:+.1f}"))
    if "conditional" not in disabled:
        for c in children:
            if c.dep_ == "mark" and _asked(token, lex):
                continue  # "asked if he thinks ...": a question, below
            if c.dep_ == "mark" and token.dep_ == "advcl" and _lemma(c) in lex.conditional_marks:
                local.cap(lex.conditional_cap)
                cues.append(cue_of(c, "conditional", f"condition -> {local.value:+.1f}"))
            elif (
                c.dep_ == "advcl"
                and not _asked(c, lex)
                and any(m.dep_ == "mark" and _lemma(m) in lex.conditional_marks for m in c.children)
            ):
                mark = next(m for m in c.children if m.dep_ == "mark")
                local.cap(lex.conditional_cap)
                cues.append(cue_of(mark, "conditional", f"consequence -> {local.value:+.1f}"))
    if "hedge" not in disabled and token.dep_ == "compound" and token.pos_ == "NOUN":
        # "inflation anxiety", "retirement benefits": an event named as a kind, not one case
        local.cap(lex.generic_cap)
        cues.append(cue_of(token.head, "hedge", f"a kind of event -> {local.value:+.1f}"))
    if "intention" not in disabled and is_imperative(token):
        local.cap(lex.imperative_cap)
        cues.append(cue_of(token, "imperative", f"an order or a plea -> {local.value:+.1f}"))
    if "question" not in disabled:
        for c in children:
            if (
                c.dep_ == "mark"
                and (token.dep_ in {"ccomp", "xcomp", "csubj"} or _asked(token, lex))
                and _lemma(c) in lex.question_marks
            ):
                local.cap(lex.question_cap)
                cues.append(cue_of(c, "question", f"open question -> {local.value:+.1f}"))
        mark = question_mark(token)
        if mark is not None:
            local.cap(lex.question_cap)
            cues.append(cue_of(mark, "question", f"question -> {local.value:+.1f}"))
    return local
