"""Claims stage, issue 16 (branch attrdup): one statement gives one claim. A verb that opens an
infinitive cue ("moved to condemn") was found once with the whole phrase as its cue and once more
for the infinitive alone, with the same source and content. Sentences of our own."""

from __future__ import annotations

import pytest

from handmade import claims_listed as listed

# text, the claim's cue, source as written, content
ONCE = [
    (
        "Mr. Oduya moved to emphasize school safety as a priority.",
        "moved to emphasize",
        "Mr. Oduya",
        "school safety as a priority",
    ),
    (
        "The mayor struggled to answer a question about the budget gap.",
        "struggled to answer",
        "The mayor",
        "a question about the budget gap",
    ),
    (
        "The council moved to condemn the attack on the library.",
        "moved to condemn",
        "The council",
        "the attack on the library",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), ONCE)
def test_a_statement_is_one_claim(claims_of, text, cue, source, content) -> None:
    got = [c for c in listed(claims_of(text)) if c[2] == content]
    assert got == [(cue, source, content)], listed(claims_of(text))


# text, cue, content: two statements of one speaker with their own cues stay two claims
TWO = [
    (
        "Ms. Varga said the pier was safe and said the ferry would run on Sunday.",
        [("said", "the pier was safe"), ("said", "the ferry would run on Sunday")],
    ),
]


@pytest.mark.parametrize(("text", "claims"), TWO)
def test_two_statements_stay_two_claims(claims_of, text, claims) -> None:
    got = [(c[0], c[2]) for c in listed(claims_of(text))]
    for want in claims:
        assert want in got, got
