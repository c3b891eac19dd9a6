"""Claims stage, issue 16 (branch attrmiss3): known and new cue verbs missed, fifth pass (voiced
words: yell, chant, sing; a naming verb whose object the parser read as a predicate). Sentences
of our own; each row names the claim by its cue."""

from __future__ import annotations

import pytest

from handmade import claims_by_cue as by_cue
from handmade import claims_listed as listed
from handmade import first_claim

# text, cue, source as written, content (exact)
FOUND = [
    (  # a crowd's chant in quotation marks
        "“Fair fares for the islands!” the dockers chanted outside the ferry office.",
        "chanted",
        "the dockers",
        "“Fair fares for the islands!”",
    ),
    (  # a shouted question, the speaker after the quotation
        "“Where is the money for the sea wall?” yelled a fisherman.",
        "yelled",
        "a fisherman",
        "“Where is the money for the sea wall?”",
    ),
    (  # a sung line
        "“We will not leave the harbour,” the choir sang at the rally.",
        "sang",
        "the choir",
        "“We will not leave the harbour,”",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_voiced_cue_found(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
    assert claim.content.text == content


# a naming verb with two predicates read by the parser: the first is what is named
NAMED = [
    (
        'Brandt called Lund "a gambler with our money."',
        "called",
        "Brandt",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source"), NAMED)
def test_named_object(claims_of, text, cue, source) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
    assert "Lund" in claim.content.text
    assert "gambler" in claim.content.text


# text, cue that must report nothing
NOT_FOUND = [
    ("The harbour band sang for an hour on the pier.", "sang"),
    ("A new ferry called the Northern Star left the harbour on Friday.", "called"),
    ("Mayor Lund called Wednesday for a vote on the tolls.", "called Wednesday"),
]


@pytest.mark.parametrize(("text", "cue"), NOT_FOUND)
def test_missed_cue5_not_found(claims_of, text, cue) -> None:
    analysis = claims_of(text)
    assert not by_cue(analysis, cue), listed(analysis)
