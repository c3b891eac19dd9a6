"""Parse repairs: reporting verbs the tagger read as nouns.

The small English model often tags a verb's third-person "-s" form as a plural noun when the
subject before it is a name or a noun it can run into ("Brandt charges that…", "The Roe
campaign plans to…", "…, the mayor's former physician maintains."). The verb then has no
subject (the name became a compound of it) but keeps what only a verb governs: a clause, an
infinitive or an object. Such a token is read as the verb it is; its subject is the noun phrase
written right before it. The parse itself is left alone (later stages read it as it is).
The tests read only what a shared-table `Tok` has too (children, tags, indices).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_NOUN_TAGS = ("NNS", "NNPS")
# where such a token stands in the parse: the head of its sentence or of a reported clause
_VERB_PLACES = ("ROOT", "ccomp", "dep", "parataxis")
# what only a verb governs
_CLAUSES = ("ccomp", "xcomp", "dobj")
# the noun phrase run into the verb
_SUBJECT_PARTS = ("nsubj", "compound", "det", "amod", "poss", "nmod", "nummod", "case", "punct")


def noun_read_verb(token: Token) -> bool:
    """A third-person verb form tagged a plural noun, with a subject run into it (or a
    subject of its own) and a clause, infinitive or object only a verb takes."""
    if token.tag_ not in _NOUN_TAGS or not token.lower_.endswith("s"):
        return False
    if token.dep_ not in _VERB_PLACES:
        return False
    children = list(token.children)
    subject = any(c.dep_ == "nsubj" and c.i < token.i for c in children) or run_into(token)
    if not subject:
        return False
    return any(
        c.dep_ == "ccomp" or (c.dep_ in _CLAUSES and c.i > token.i) for c in children
    ) or any(c.dep_ == "acl" and _that_clause(c) for c in children)


def run_into(token: Token) -> bool:
    """The word right before the verb is a compound of it: "Brandt charges that…" (the name
    read as part of a noun "Brandt charges", whatever the verb's own tag)."""
    return any(
        c.dep_ == "compound" and c.i == token.i - 1 and c.pos_ != "PRON" for c in token.children
    )


def run_in_subject(token: Token) -> list[Token]:
    """The words of the noun phrase the parser ran into a noun-read verb ("The Clinton
    campaign" of "The Roe campaign plans"): its contiguous dependents right before it."""
    out: list[Token] = []
    i = token.i - 1
    while i >= token.sent.start:
        t = token.doc[i]
        top = t
        while top.head.i != top.i and top.head.i != token.i and top.head.i < token.i:
            top = top.head
        if top.head.i != token.i or top.dep_ not in _SUBJECT_PARTS:
            break
        out.insert(0, t)
        i -= 1
    while out and out[0].is_punct:
        out.pop(0)
    return out


def _that_clause(tok: Token) -> bool:
    """ "charges that countries … donated": a clause opened by "that" with its own subject,
    which the parser hung on the noun-read verb as a modifier."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in tok.children
    )


def misread_that_clause(token: Token) -> Token | None:
    """The that-clause of a noun-read verb, when the parser made it a modifier (acl)."""
    return next((c for c in token.children if c.dep_ == "acl" and _that_clause(c)), None)
