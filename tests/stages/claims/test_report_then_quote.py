"""Claims stage, issue 16 (branch attrover): a speaker tag after a quotation that closes another
speaker's reporting clause ("Roe declared X: “…,” she said") reports the quotation only, and the
reporting clause before it is its own verb's claim; a participle after a quotation closed by a
comma ("…,” describing…") is the speaker's own act. Sentences of our own."""

from __future__ import annotations

import pytest

from handmade import first_claim

# text, the tag's cue, its content (the quotation alone), the inner cue, its source, its content
REPORT_THEN_QUOTE = [
    (
        "In her address, Ilse Brandt declared the need for patience and courage: “Build the "
        "bridge, and when it is done, build another,” she said.",
        "said",
        "“Build the bridge, and when it is done, build another,”",
        "declared",
        "Ilse Brandt",
        "the need for patience and courage",
    ),
    (
        "Mayor Jon Arvid praised the ferry crews in a video posted on Monday: “Nobody keeps "
        "this harbour running better,” the mayor says to the camera.",
        "says",
        "“Nobody keeps this harbour running better,”",
        "praised",
        "Mayor Jon Arvid",
        "the ferry crews",
    ),
]


@pytest.mark.parametrize(("text", "tag", "quoted", "cue", "source", "content"), REPORT_THEN_QUOTE)
def test_the_tag_reports_the_quotation_only(
    claims_of, text, tag, quoted, cue, source, content
) -> None:
    analysis = claims_of(text)
    assert first_claim(analysis, tag).content.text == quoted
    inner = first_claim(analysis, cue)
    assert inner.source.text == source
    assert inner.content.text.startswith(content)


# a tag after a quotation with no reporting clause before it keeps the whole quotation
PLAIN_TAGS = [
    (
        "“The ferry will run again in May,” the harbour chief said.",
        "said",
        "“The ferry will run again in May,”",
    ),
    (
        "The ferry will run again in May, the harbour chief said.",
        "said",
        "The ferry will run again in May",
    ),
]


@pytest.mark.parametrize(("text", "cue", "content"), PLAIN_TAGS)
def test_a_plain_tag_keeps_its_clause(claims_of, text, cue, content) -> None:
    assert first_claim(claims_of(text), cue).content.text == content


# a participle right after a quotation closed by a comma is the reporter's next act, not part of
# the reported clause: text, the outer cue, its content, the participle, its source, its content
PARTICIPLE_AFTER_QUOTE = [
    (
        "Ilse Brandt said the levy was “a disaster for the harbour,” describing the ferry "
        "board as reckless.",
        "said",
        "the levy was “a disaster for the harbour,”",
        "describing",
        "Ilse Brandt",
        "the ferry board as reckless",
    ),
    (
        "Jon Arvid said, “It is time we rebuild the pier,” promising the ferry will return in May.",
        "said",
        "“It is time we rebuild the pier,”",
        "promising",
        "Jon Arvid",
        "the ferry will return in May",
    ),
]


@pytest.mark.parametrize(
    ("text", "cue", "content", "participle", "source", "act"), PARTICIPLE_AFTER_QUOTE
)
def test_a_participle_after_a_quotation_is_the_speakers(
    claims_of, text, cue, content, participle, source, act
) -> None:
    analysis = claims_of(text)
    assert first_claim(analysis, cue).content.text == content
    claim = first_claim(analysis, participle)
    assert claim.source.text == source
    assert claim.content.text == act
