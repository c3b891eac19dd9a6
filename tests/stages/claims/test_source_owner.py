"""Claims stage, issue 16 (branch attrprec): a stance noun a possessive pronoun owns, as the
object of a verb whose subject names the owner, is that subject's ("Mayor Roe stepped up her
criticism of the plan": Mayor Roe). Sentences of our own; each row names the claim by its cue
and the source it must have."""

from __future__ import annotations

import pytest

from handmade import claims_listed

# text, a word of the cue, source as written
OWNER = [
    (  # the verb's own subject
        "Mayor Ingrid Halvorsen stepped up her criticism of the ferry plan on Monday.",
        "criticism",
        "Mayor Ingrid Halvorsen",
    ),
    (  # an infinitive without a subject: the subject of the verb it hangs on
        "Senator Oskar Lund went on air to renew his attacks on the harbour board.",
        "attacks",
        "Senator Oskar Lund",
    ),
    (  # not the object of a verb: the possessive stays the source
        "Councillor Petra Brandt was blunt in her criticism of the ferry plan.",
        "criticism",
        "her",
    ),
]


@pytest.mark.parametrize(("text", "word", "source"), OWNER)
def test_a_stance_noun_speaks_for_the_owner_the_clause_names(claims_of, text, word, source) -> None:
    listed = claims_listed(claims_of(text))
    got = [src for cue, src, _ in listed if cue is not None and word in cue]
    assert got == [source], listed
