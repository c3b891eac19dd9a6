"""Claims stage, issue 16 (branch attrknown): reporting verbs of the lexicon that the parse hid
(a clause hung on the channel noun, a quotation typed with mixed marks, a position participle,
a report inside another's reported clause). Sentences of our own;
each row names the claim by its cue."""

from __future__ import annotations

import pytest

from handmade import claims_by_cue as by_cue
from handmade import claims_listed as listed
from handmade import first_claim
from newsint.stages.claims.quotes import find_quotes

# text, cue, source as written, content (exact)
FOUND = [
    (  # the that-clause hung on the channel noun
        "The harbour board said in a statement that the ferry would resume in May.",
        "said in a statement",
        "The harbour board",
        "that the ferry would resume in May",
    ),
    (
        "Mayor Ilse Brandt insisted in a radio interview that the levy was fair.",
        "insisted in a radio interview",
        "Mayor Ilse Brandt",
        "that the levy was fair",
    ),
    (  # a position as a participle after a clause whose subject is a speaker
        "Senator Oona Pike went further on Monday, endorsing two candidates for the harbour board.",
        "endorsing",
        "Senator Oona Pike",
        "two candidates for the harbour board",
    ),
    (
        "The dockers' union hit back, attacking the port authority for the new tolls.",
        "attacking",
        "The dockers' union",
        "the port authority for the new tolls",
    ),
    (  # a report of its own after another's reported clause, opened by "though"
        "Mayor Roe said old barriers fell, though she noted that clients are changing.",
        "noted",
        "she",
        "that clients are changing",
    ),
    (  # ... and the first report ends before it
        "Mayor Roe said old barriers fell, though she noted that clients are changing.",
        "said",
        "Mayor Roe",
        "old barriers fell",
    ),
    (
        "Half the pilots said the pier was safe, while the harbour master said it was not.",
        "said",
        "Half the pilots",
        "the pier was safe",
    ),
    (  # a quotation opened curly and closed straight: the tag after it is no quoted speech
        '\u201cWe will rebuild the old pier," the harbour master said.',
        "said",
        "the harbour master",
        '\u201cWe will rebuild the old pier,"',
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_known_cue_found(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
    assert claim.content.text == content


# a paragraph, the quotations find_quotes reads in it (their text)
QUOTES = [
    (  # mixed typing: closed straight after the comma, reopened straight, closed curly
        '\u201cWe will rebuild it," she said. "The pier is ours.\u201d',
        ['\u201cWe will rebuild it,"', '"The pier is ours.\u201d'],
    ),
    (  # a straight quotation inside a curly one stays inside it
        '\u201cThey keep talking about "fair play" at every meeting,\u201d she said.',
        ['\u201cThey keep talking about "fair play" at every meeting,\u201d'],
    ),
    (  # ... also when it ends with a comma of its own
        '\u201cThe so-called "harbour deal," as they call it, is dead,\u201d she said.',
        ['\u201cThe so-called "harbour deal," as they call it, is dead,\u201d'],
    ),
]


@pytest.mark.parametrize(("text", "quoted"), QUOTES)
def test_mixed_quote_marks(text, quoted) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == quoted


# text, a cue that must not report anything
NOT_FOUND = [
    # a thing or a place holds no position
    ("Low interest rates spurred lending, supporting growth in the valley.", "supporting"),
    ("Ruritania has long voted for the coalition, backing it in every election.", "backing"),
    # the participle's own subject or auxiliary: not the clause's subject's position
    ("The mayor left early, her aides supporting the levy in her absence.", "supporting"),
]


@pytest.mark.parametrize(("text", "cue"), NOT_FOUND)
def test_not_a_report(claims_of, text, cue) -> None:
    analysis = claims_of(text)
    assert analysis.claims, "the sentence is still the article's own claim"
    assert not by_cue(analysis, cue), listed(analysis)


# text, words no claim may hold as its content
NOT_CONTENT = [
    # a relative clause of the channel noun is no reported clause
    ("Rivera said the pier was safe in an interview that aired on Sunday.", "aired on Sunday"),
    ("Rivera said the pier was safe in an interview that aired on Sunday.", "that aired on Sunday"),
]


@pytest.mark.parametrize(("text", "words"), NOT_CONTENT)
def test_not_a_content(claims_of, text, words) -> None:
    analysis = claims_of(text)
    assert by_cue(analysis, "said"), listed(analysis)
    assert all(c.content.text != words for c in analysis.claims), listed(analysis)
