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
