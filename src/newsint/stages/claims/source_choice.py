"""Which words speak for a reporting verb that hangs on a noun (issue 16, third pass).

- A participle or infinitive on a noun that names no speaker ("at a news conference
  announcing…", "had every reason to know…", "went out of her way to say…"): the noun is a
  place, an occasion or a means, not a source; the speaker is the one of the clause the noun
  sits in (the subject of the verb that governs it).
- An infinitive after an adjective of judgement with the expletive "it" as subject ("it is
  hard to know…", "it's easy to criticize…") names no speaker: the writer's own voice, not
  "it" (data/source_spans.toml `[impersonal]`).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# dependencies that lead from a noun up to the verb whose clause it sits in
_UP = ("dobj", "obj", "pobj", "prep", "attr", "npadvmod", "dative", "oprd")


def governing_verb(noun: Token) -> Token | None:
    """The verb whose clause a noun sits in: up through objects and prepositions."""
    tok = noun
    for _ in range(4):
        if tok.dep_ not in _UP or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


@cache
def _impersonal_adjectives() -> frozenset[str]:
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("source_spans.toml").read_text("utf-8")
    )["impersonal"]
    return frozenset(w.lower() for w in data["adjectives"])


def impersonal_infinitive(tok: Token) -> bool:
    """ "It is hard to know…": an infinitive hung on a verb whose subject is the expletive
    "it" and whose complement is an adjective of judgement."""
    if tok.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    verb = tok.head
    if not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in verb.children):
        return False
    words = _impersonal_adjectives()
    return any(c.dep_ == "acomp" and c.lower_ in words for c in verb.children)
