"""Claims stage, issue 16 (branch demofix): a noun a past participle describes is done to, not
a speaker ("officials briefed on the talks"), and a reporting clause after its content is set
off by punctuation ("…, analysts said"); "the tonnage agreed for May" frames nothing. Sentences
of our own."""

from __future__ import annotations

import pytest

from handmade import claims_listed as listed
from handmade import claims_with_cue_word, first_claim

# text, a word that must not be (in) the cue of any claim
NOT_FOUND = [
    # a past participle on a noun: the officials were briefed, they report nothing by it
    (
        "Ferries on the northern route were halted by a storm, two officials briefed on the"
        " inquiry told the harbour board.",
        "briefed",
    ),
    # a reporting verb hung on a noun inside the content, with no comma before it
    (
        "Harbour master Jonas Pell told reporters that catches from the northern banks had"
        " fallen to less than half of the tonnage agreed for May.",
        "agreed",
    ),
]


@pytest.mark.parametrize(("text", "word"), NOT_FOUND)
def test_no_claim_from_a_described_noun(claims_of, text, word) -> None:
    analysis = claims_of(text)
    got = claims_with_cue_word(analysis, word)
    assert not got, listed(analysis)
    assert analysis.claims, "the sentence's own report is still found"


# text, cue, source, content: the frame after its content, set off by a comma
FOUND = [
    (
        "Ferry fares will rise again next spring, harbour analysts said.",
        "said",
        "harbour analysts",
        "Ferry fares will rise again next spring",
    ),
    (
        "Ferries on the northern route were halted by a storm, two officials told the board.",
        "told",
        "two officials",
        "Ferries on the northern route were halted by a storm",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_frame_after_its_content(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source, listed(claims_of(text))
    assert claim.content.text == content, listed(claims_of(text))


# a stance in a clause that completes a noun denied by "no": the writer's negative claim
DENIED = [
    ("There is no sign that the harbour mayor was critical of the ferry plan.", "critical"),
    ("There is no evidence that the harbour officials were aware of the broken buoy.", "aware"),
]


@pytest.mark.parametrize(("text", "word"), DENIED)
def test_a_denied_stance_is_the_writers_claim(claims_of, text, word) -> None:
    analysis = claims_of(text)
    assert not claims_with_cue_word(analysis, word), listed(analysis)
    own = [c for c in analysis.claims if c.kind == "unattributed"]
    assert own and own[0].content.text.startswith("There is no"), listed(analysis)
    # without the denial the stance is its holder's claim
    plain = claims_of(text.split(" that ", 1)[1][0].upper() + text.split(" that ", 1)[1][1:])
    assert claims_with_cue_word(plain, word), listed(plain)
