"""Claims stage, issue 16 (branch attrprec): a reporting verb the parser coordinated into the
clause another reporting verb reports ("Roe said the levy was unfair and urged…") is the first
speaker's next report, also when that clause's subject is a noun: the speaker urges, and what
she said stops before "and urged". Sentences of our own."""

from __future__ import annotations

import pytest

from handmade import first_claim

# text, second cue, its source, the first cue, its content
SHARED = [
    (
        "Harbour master Ulla Brekke said the new quay was unsafe and urged the council to "
        "close it.",
        "urged",
        "Harbour master Ulla Brekke",
        "said",
        "the new quay was unsafe",
    ),
    (
        "Councillor Tomas Aalto said the ferry levy was unfair and insisted that the board "
        "would lose in court.",
        "insisted",
        "Councillor Tomas Aalto",
        "said",
        "the ferry levy was unfair",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "first", "content"), SHARED)
def test_a_report_coordinated_into_the_clause_is_the_speakers(
    claims_of, text, cue, source, first, content
) -> None:
    analysis = claims_of(text)
    assert first_claim(analysis, cue).source.text == source
    assert first_claim(analysis, first).content.text == content


def test_a_conjunct_that_reports_nothing_stays_in_what_was_said(claims_of) -> None:
    """ "… and did not intend to": no complement, no report of its own; it is what she said."""
    text = "Chief nurse Alva Roos said the clinic had not paid the fine and did not intend to."
    claim = first_claim(claims_of(text), "said")
    assert claim.content.text == "the clinic had not paid the fine and did not intend to"
