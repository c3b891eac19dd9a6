"""Claims stage, issue 16 (branch attrprep): a verb or an adjective of data/prep_stance.toml
reports its preposition's object as its holder's position (stages/claims/prep_stance.py). The
holder is the verb's speaker (an adjective's: its copula's); an agentless passive rests on an
unnamed source; a thing holds no position, and a row's preposition alone makes it a cue.
Sentences of our own; each row names the claim by its cue."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from handmade import claims_listed as listed
from handmade import claims_with_cue_word, first_claim
from newsint.stages.claims.prep_stance import stance_cues

# text, cue, source as written, content (exact)
FOUND = [
    (  # a verb and its subject, an object between the verb and its preposition
        "Mayor Ilse Brandt cast doubt on the ferry timetable.",
        "cast doubt on",
        "Mayor Ilse Brandt",
        "the ferry timetable",
    ),
    (  # ... a reflexive one
        "Mayor Ilse Brandt distanced herself from the ferry contract.",
        "distanced herself from",
        "Mayor Ilse Brandt",
        "the ferry contract",
    ),
    (  # an adjective the parser reads as a passive: its subject holds it
        "Councillor Mira Vell has long been devoted to a second ferry.",
        "been devoted to",
        "Councillor Mira Vell",
        "a second ferry",
    ),
    (  # an adjective after a copula: the copula's subject holds it
        "Harbour master Jonas Pell is confident in the rescue crews.",
        "confident in",
        "Harbour master Jonas Pell",
        "the rescue crews",
    ),
    (  # an agentless passive: an unnamed source
        "The harbour board was criticized for the late repairs to the quay.",
        "was criticized for",
        "unnamed source",
        "the late repairs to the quay",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_stance_cue_found(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source, listed(claims_of(text))
    assert claim.content.text == content, listed(claims_of(text))


# any reporting verb's agentless passive with "for" ([settings] passive_preps), not in the rows
PASSIVE = [
    ("The ferry captain was praised for the night rescue.", "praised for", "the night rescue"),
    ("The harbour board has been blamed for the flooding.", "blamed for", "the flooding"),
]


@pytest.mark.parametrize(("text", "word", "content"), PASSIVE)
def test_reporting_passive_with_for(claims_of, text, word, content) -> None:
    got = claims_with_cue_word(claims_of(text), word)
    assert got, listed(claims_of(text))
    assert got[0].content.text == content and got[0].source.start is None


# text, a word that must not be (in) the cue of any claim
NOT_FOUND = [
    # a thing as the subject
    ("The old crane believes in nothing.", "believes"),
    # a verb of the table with a preposition its row does not hold
    ("Harbour master Jonas Pell is confident at sea.", "confident"),
    # a lemma outside the table
    ("Councillor Mira Vell swam across the bay.", "swam"),
    # a question verb's passive: no claim
    ("Councillor Vell was asked for the ferry budget on Tuesday.", "asked"),
    # a passive with its agent: the verb rule's, not a stance
    ("The mayor was praised by the fishermen for the new quay.", "praised for"),
    # inside a quotation: the quoted speaker's own voice
    ("“I believe in the new ferry,” Councillor Mira Vell said.", "believe"),
]


@pytest.mark.parametrize(("text", "word"), NOT_FOUND)
def test_stance_cue_not_found(claims_of, text, word) -> None:
    got = claims_with_cue_word(claims_of(text), word)
    assert not got, listed(claims_of(text))


def test_agentless_passive_subject_is_the_lead(claims_of) -> None:
    """ "The ferry board was accused of | hiding the report": the passive subject is who the
    position is about, the content's lead; nobody is named as the source."""
    text = "The ferry board was accused of hiding the storm report."
    claim = first_claim(claims_of(text), "was accused of")
    assert claim.lead is not None and claim.lead.text == "The ferry board", listed(claims_of(text))
    assert claim.content.text == "hiding the storm report"
    assert claim.source.start is None


def test_table_rows_pass_their_thresholds() -> None:
    """Every row is a verb or an adjective with the counts it was kept for (the header's
    thresholds: right >= 3, right / n >= 0.45)."""
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("prep_stance.toml").read_text("utf-8")
    )
    assert data["cues"]
    for row in data["cues"]:
        assert row["pos"] in ("verb", "adj")
        assert row["right"] >= 3 and row["right"] / row["n"] >= 0.45, row
    assert ("verb", "believe", "in") in stance_cues().rows
