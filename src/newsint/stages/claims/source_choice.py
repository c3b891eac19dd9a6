"""Which words speak for a reporting verb that hangs on a noun (issue 16, third pass).

- A participle or infinitive on a noun that names no speaker ("at a news conference
  announcing…", "had every reason to know…", "went out of her way to say…"): the noun is a
  place, an occasion or a means, not a source; the speaker is the one of the clause the noun
  sits in (the subject of the verb that governs it).
"""

from __future__ import annotations

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
