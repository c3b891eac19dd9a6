"""Claims stage, issue 16 second pass on sources (branch attrsrc): the right source for a found
content, and the source span as the text writes it. Sentences of our own; each row names the
claim by its cue."""

from __future__ import annotations

import pytest

from handmade import claims_by_cue as by_cue
from handmade import claims_listed as listed
from handmade import first_claim
from newsint.stages.claims.context import UNNAMED

# text, cue of the question, the one asked (never its source), the claim's status
ASKED = [
    (
        "Asked whether the ferry would run in winter, the harbour master said it would not.",
        "Asked",
        "the harbour master",
        "question",
    ),
    (  # a topic, not an if/whether clause: no question status
        "When asked about the new tolls, Mayor Ilse Brandt said she had not read the plan.",
        "asked about",  # the cue is written with the preposition that opens its content
        "Mayor Ilse Brandt",
        "asserted",
    ),
    (
        "Asked if she would run again, Councillor Oona Pike said she had not decided.",
        "Asked",
        "Councillor Oona Pike",
        "question",
    ),
]


@pytest.mark.parametrize(("text", "cue", "asked", "status"), ASKED)
def test_the_asker_is_not_named(claims_of, text, cue, asked, status) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == UNNAMED
    assert claim.source.start is None  # no words of the text name the asker
    assert claim.status == status
    assert asked not in [link.text for link in claim.chain]


# text, cue, source as written: one who asks with a name of their own keeps it
ASKS = [
    (
        "Senator Oona Pike asked whether the ferry would run in winter.",
        "asked",
        "Senator Oona Pike",
    ),
    ("The mayor was asked by reporters whether the tolls would rise.", "was asked", "reporters"),
]


@pytest.mark.parametrize(("text", "cue", "source"), ASKS)
def test_a_named_asker_keeps_the_question(claims_of, text, cue, source) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source


def test_a_request_is_not_a_question(claims_of) -> None:
    """ "is asked to call" is a request of whoever runs the line, not an unnamed question."""
    analysis = claims_of("Anyone who booked a crossing is asked to call the ferry office first.")
    assert analysis.claims
    assert all(c.source.text != UNNAMED for c in by_cue(analysis, "asked")), listed(analysis)


# text, cue, source as the text writes it: where the name starts
SPANS = [
    (  # a dateline set off by a dash
        "NEW HARBOUR - Port director Jane Roe said on Monday that the ferry would resume.",
        "said",
        "Port director Jane Roe",
    ),
    (  # a clause the parser ran into the subject across a dash
        "The outcome is settled - Mayor Ilse Brandt has vowed to veto the levy.",
        "has vowed",  # the cue is written with its auxiliary
        "Mayor Ilse Brandt",
    ),
    (  # a focus adverb is no part of who speaks
        "Even the ferry operators say the tolls are too high.",
        "say",
        "the ferry operators",
    ),
    (  # the relative pronoun is what they say, not who says it
        "The council kept the harbour fee, which skippers say punishes small boats.",
        "say",
        "skippers",
    ),
    # what stays: a compound split by a spaced hyphen, a name before its apposition, a quantity
    ("His ex - wife said the house was sold.", "said", "His ex - wife"),
    (
        "Ilse Brandt - the mayor of Easton - said the pier would close.",
        "said",
        "Ilse Brandt - the mayor of Easton",
    ),
    ("Only 12 percent of voters said the levy was fair.", "said", "Only 12 percent of voters"),
]


@pytest.mark.parametrize(("text", "cue", "source"), SPANS)
def test_where_the_source_starts(claims_of, text, cue, source) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source


def test_a_relative_pronoun_is_no_speaker(claims_of) -> None:
    """ "which skippers say": the skippers speak; the fee is what they speak of, not who."""
    got = by_cue(
        claims_of("The council kept the harbour fee, which skippers say punishes small boats."),
        "say",
    )
    assert got
    assert [link.text for link in got[0].chain] == ["the article", "skippers"]
