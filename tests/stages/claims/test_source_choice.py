"""Claims stage, issue 16 third pass on sources (branch attrsrc2): which words speak for a
reporting verb that hangs on a noun. Sentences of our own; each row names the claim by its cue
and the source span it must have."""

from __future__ import annotations

import pytest

from handmade import first_claim
from newsint.stages.claims.context import UNNAMED

# text, cue, source as written
NOUN_NO_SPEAKER = [
    (  # a participle on an occasion: the one who spoke there
        "Mayor Ilse Brandt spoke at a brief news conference announcing that the harbour would "
        "close.",
        "announcing",
        "Mayor Ilse Brandt",
    ),
    (  # an infinitive on a noun of no speaking kind: the subject of "had"
        "Rector Anselm Voss had every reason to know that the grant would lapse.",
        "to know",
        "Rector Anselm Voss",
    ),
    (  # a document keeps its words: the report speaks
        "The Varnholt council published a report showing that the levy had doubled.",
        "showing",
        "The Varnholt council",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source"), NOUN_NO_SPEAKER)
def test_a_noun_that_names_no_speaker_is_not_the_source(claims_of, text, cue, source) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source


# text, cue, source as written: a relative pronoun standing for a statement its subject put out
RELATIVE_ISSUER = [
    (
        "The Lindqvist campaign released a video that accuses the mayor of hiding the budget.",
        "accuses",
        "The Lindqvist campaign",
    ),
    (
        "Senator Oona Pike issued a statement which says the levy is unfair.",
        "says",
        "Senator Oona Pike",
    ),
    (  # no issuing verb: the relative pronoun's noun speaks, as before
        "Voters in Lindby backed a petition that calls for a new bridge.",
        "calls for",
        "a petition",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source"), RELATIVE_ISSUER)
def test_a_statement_put_out_speaks_for_its_issuer(claims_of, text, cue, source) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source


# text, cue, source as written (None: no words of the text name the speaker)
IMPERSONAL = [
    ("It is hard to know where the harbour money went.", "to know", None),
    ("Still, it is impossible to talk about ferries without the levy.", "to talk about", None),
    (  # "ready" takes a real subject's will: the board's, as before
        "The Lindby board said it is ready to sign the ferry deal.",
        "said",
        "The Lindby board",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source"), IMPERSONAL)
def test_an_expletive_it_names_no_speaker(claims_of, text, cue, source) -> None:
    claim = first_claim(claims_of(text), cue)
    if source is None:
        assert claim.source.start is None
        assert claim.source.text == UNNAMED
    else:
        assert claim.source.text == source
