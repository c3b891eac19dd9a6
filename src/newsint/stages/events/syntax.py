"""Dependency-parse helpers for event arguments: subjects, objects, phrases and what governs a
trigger."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsint.stages.events.lexicon import Lexicon
from newsint.stages.events.triggers import DocIndex, Ment

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsint.stages.tokens import Tok

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Readings of a demonym (entities stage `Mention.link`) in which it stands for its state.
_STATE_LINKS = frozenset({"government", "military"})
_NP_LEFT = frozenset(
    {"compound", "amod", "det", "poss", "nummod", "nmod", "quantmod", "case", "predet", "flat"}
)
_RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})


# --------------------------------------------------------------------------- tree walks
# The events stage walks the Doc's token table (stages/tokens.py), whose `Tok` has `head` and
# `children` but not spaCy's derived views: these give them, in spaCy's order.


def lefts(tok: Tok) -> list[Tok]:
    """Dependents before the word, in document order (spaCy's `Token.lefts`)."""
    return [c for c in tok.children if c.i < tok.i]


def rights(tok: Tok) -> list[Tok]:
    """Dependents after the word, in document order (spaCy's `Token.rights`)."""
    return [c for c in tok.children if c.i > tok.i]


def subtree(tok: Tok) -> list[Tok]:
    """The word and everything below it, in spaCy's `Token.subtree` order (left dependents'
    subtrees, the word, right dependents' subtrees)."""
    out: list[Tok] = []
    _visit(tok, out)
    return out


def _visit(t: Tok, out: list[Tok]) -> None:
    """`subtree`'s walk, a module function: a recursive inner function refers to itself
    through its closure, a reference cycle (with the list it fills) left per call for the
    garbage collector."""
    i = t.i
    for c in t.children:
        if c.i < i:
            _visit(c, out)
    out.append(t)
    for c in t.children:
        if c.i > i:
            _visit(c, out)


def right_edge(tok: Tok) -> int:
    """Index of the last word of the subtree (spaCy's `Token.right_edge`, asked of spaCy)."""
    return int(tok.doc.doc[tok.i].right_edge.i)


# --------------------------------------------------------------------------- syntax helpers


def _is_passive(v: Tok) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)


def _pobj(prep: Tok) -> Tok | None:
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def governors(tok: Tok | Token, steps: int) -> Iterator[Tok | Token]:
    """Words that govern an event without opening a clause of their own: the controller of an
    infinitive ("attempted to purchase"), the noun it complements ("plans to sell", "the goal of
    purchasing"). Their modality, negation and time are the event's."""
    cur = tok
    for _ in range(steps):
        head = cur.head
        if head.i == cur.i:
            return
        controller = cur.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX", "ADJ")
        complement = cur.dep_ == "acl" and cur.tag_ in ("VB", "TO") and head.pos_ == "NOUN"
        if controller or complement:
            nxt = head
        elif cur.dep_ in ("pcomp", "pobj") and head.dep_ == "prep" and head.head.pos_ == "NOUN":
            nxt = head.head
        else:
            return
        yield nxt
        cur = nxt


def _subject(v: Tok, lexicon: Lexicon, depth: int = 0) -> Tok | None:
    """The acting subject of a verb, inherited through control, coordination and participles."""
    if depth > 6:
        return None
    passive = _is_passive(v)
    if passive:
        agent = next((c for c in v.children if c.dep_ == "agent"), None)
        return _pobj(agent) if agent is not None else None
    subjects = [c for c in v.children if c.dep_ == "nsubj"]
    if subjects:
        # Two subjects are a parse of a dateline ("BISHKEK (Agency) — Kazakhstan accused"):
        # the one nearest before the verb is the real one.
        before = [c for c in subjects if c.i < v.i]
        subj = before[-1] if before else subjects[0]
        if subj.lower_ in _RELATIVE and v.dep_ == "relcl":
            return v.head
        return _past_dateline(subj)
    head = v.head
    if head.i == v.i:
        return None
    if v.dep_ == "xcomp" and _is_passive(head):
        # Raising: "Carvalhal is expected to visit" - the passive's subject acts.
        return next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if v.dep_ == "xcomp":
        if head.lemma_.lower() in lexicon.object_control:
            obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None:
                return obj
        return _subject(head, lexicon, depth + 1) if head.pos_ in ("VERB", "AUX", "ADJ") else None
    if v.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return _subject(head, lexicon, depth + 1)
    participle = v.dep_ == "advcl" and v.tag_ in ("VBG", "VBN")
    if (participle or _is_purpose(v)) and not any(c.dep_ == "mark" for c in v.children):
        return _subject(head, lexicon, depth + 1)
    if v.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        if v.tag_ == "VBG":  # "forces fighting alongside"
            return head
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if poss is not None:  # "Wagner's desire to buy"
            return poss
    if v.dep_ == "pcomp":
        # "with the goal of purchasing", "by selling": up to the verb the phrase modifies.
        g = head
        for _ in range(5):
            if g.pos_ in ("VERB", "AUX"):
                return _subject(g, lexicon, depth + 1)
            if g.head.i == g.i:
                break
            g = g.head
    return None


_DASHES = frozenset({"—", "–", "-", "--"})


def _past_dateline(subj: Tok) -> Tok:
    """A dateline parsed as the subject ("OSLO (Agency) — Norway accused"): the name after
    the dash is the subject. A dateline is an all-caps word opening its sentence."""
    if not (subj.is_upper and len(subj.text) > 1 and subj.i == subj.doc.doc[subj.i].sent.start):
        return subj
    dash = next((c for c in subj.children if c.text in _DASHES), None)
    if dash is None:
        return subj
    after = [c for c in subj.children if c.i > dash.i and c.dep_ in ("appos", "conj", "dep")]
    return after[0] if after else subj


def _is_purpose(v: Tok) -> bool:
    """An infinitive of purpose: "met the rebels to negotiate a truce"."""
    return v.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in v.children)


def _phrase_bounds(head: Tok, idx: DocIndex) -> tuple[int, int]:
    """Token range of a noun phrase: head, its left modifiers, and a name in apposition."""
    left = head.i
    right = head.i
    for c in lefts(head):
        if c.dep_ in _NP_LEFT:
            left = min(left, c.left_edge.i)
    for c in rights(head):
        if c.dep_ in ("flat", "compound"):
            right = max(right, right_edge(c))
    if head.i not in idx.ments:
        for c in rights(head):
            if c.dep_ == "appos" and c.i in idx.ments:
                right = max(right, c.i)
                break
    doc = idx.toks
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return left, right


def _entity_for(head: Tok, left: int, idx: DocIndex) -> Ment | None:
    """The mention an argument names: on its head, in apposition, or a name compound
    ("Wagner Group representatives" -> Wagner Group), only before heads in `name_heads`:
    "a NATO member" is not NATO. A demonym is the referent only where the entities stage
    says it stands for the state ("the Turkish government"): "Turkish firms" are not Turkey."""
    m = idx.ments.get(head.i)
    if m is not None:
        return m
    for c in rights(head):
        if c.dep_ == "appos" and c.i in idx.ments:
            return idx.ments[c.i]
    lemma = head.lemma_.lower()
    if lemma not in idx.lexicon.name_heads:
        return None
    best = None
    for c in lefts(head):
        m = idx.ments.get(c.i)
        if m is None or c.i < left:
            continue
        if c.dep_ in ("compound", "nmod") and m.type != "NORP":
            best = m
        elif m.type == "NORP" and m.entity and m.link in _STATE_LINKS:
            best = best or m  # "the Turkish government" stands for Turkey
    return best


def _conjuncts(tok: Tok) -> list[Tok]:
    """A word and the words coordinated with it ("Putin and Volodymyr Zelensky")."""
    table = tok.doc
    return [
        tok,
        *(
            table[c.i]
            for c in table.doc[tok.i].conjuncts  # spaCy's own: asked for arguments only
            if c.i > tok.i and c.pos_ in ("PROPN", "NOUN")
        ),
    ]


def _is_place(tok: Tok, idx: DocIndex) -> bool:
    m = idx.ments.get(tok.i)
    return m is not None and m.type in PLACE_TYPES


def _token_at(doc: Doc, start: int, end: int) -> Token | None:  # spaCy's, for main.py
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None
