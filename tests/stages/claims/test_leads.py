"""Claims stage, issue 16: a relative word right before the speaker opens the content it
belongs to ("the fund, which the mayor says is nearly empty"): the claim keeps it as its lead
(stages/claims/leads.py, model.Claim.lead), one claim whose statement is "which … is nearly
empty", never a claim of the one word. Sentences of our own."""

from __future__ import annotations

import pytest

from handmade import claims_listed as listed
from handmade import first_claim

# text, cue, source, lead, content
LEADS = [
    (
        "The council voted to close the pension fund, which the mayor says is nearly empty.",
        "says",
        "the mayor",
        "which",
        "is nearly empty",
    ),
    (
        "Dock workers walked out over what the union calls a reckless rota.",
        "calls",
        "the union",
        "what",
        "a reckless rota",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "lead", "content"), LEADS)
def test_relative_lead(claims_of, text, cue, source, lead, content) -> None:
    analysis = claims_of(text)
    claim = first_claim(analysis, cue)
    assert claim.source.text == source
    assert claim.lead is not None, listed(analysis)
    assert claim.lead.text == lead
    assert analysis.text[claim.lead.start : claim.lead.end] == lead
    assert claim.content.text == content
    assert claim.statement == f"{lead} … {content}"
    # the lead is no claim of its own
    assert all(c.content.text != lead for c in analysis.claims), listed(analysis)


# text, cue, lead, content: the part before a speaker tag that interrupts the content
SPLIT = [
    (  # too short for a claim of its own
        "Overall, the harbour master said, the pier is safe for small boats.",
        "said",
        "Overall",
        "the pier is safe for small boats",
    ),
    (  # a condition the parser hung on the reporting verb
        "If the ferry stops running, the mayor argued, the island will lose its only doctor.",
        "argued",
        "If the ferry stops running",
        "the island will lose its only doctor",
    ),
    (  # an "according to" frame inside the content
        "The ferry, according to the harbour office, will run again in May.",
        "according to",
        "The ferry",
        "will run again in May",
    ),
    (  # the writer's conjunction opening the first part is not the speaker's
        "And perhaps, the harbour master said, the pier is safe for small boats.",
        "said",
        "perhaps",
        "the pier is safe for small boats",
    ),
    (  # long enough, and still no claim of its own
        "The ferry, she argued, could run twice a day if the council paid for the fuel.",
        "argued",
        "The ferry",
        "could run twice a day if the council paid for the fuel",
    ),
]


@pytest.mark.parametrize(("text", "cue", "lead", "content"), SPLIT)
def test_split_content_is_one_claim(claims_of, text, cue, lead, content) -> None:
    analysis = claims_of(text)
    claims = [c for c in analysis.claims if c.cue is not None and c.cue.text == cue]
    assert len(claims) == 1, listed(analysis)
    assert claims[0].lead is not None and claims[0].lead.text == lead
    assert claims[0].content.text == content


def test_connective_is_no_lead(claims_of) -> None:
    """ "But, he said, …": a first part of nothing but a connective opens nothing."""
    analysis = claims_of("But, the harbour master said, the pier is safe for small boats.")
    claim = first_claim(analysis, "said")
    assert claim.lead is None, listed(analysis)
    assert claim.content.text == "the pier is safe for small boats"


# text, cue: a speaker tag with no relative word before its speaker keeps no lead
NO_LEAD = [
    ("The mayor says the pension fund is nearly empty.", "says"),
    ("Officials who visited the pier said that the timbers were rotten.", "said"),
    # "that" tagged as a relative word but hung on the verb as its marker leads nothing
    ("There is no evidence that harbour officials said the transfer was legal.", "said"),
]


@pytest.mark.parametrize(("text", "cue"), NO_LEAD)
def test_no_lead(claims_of, text, cue) -> None:
    analysis = claims_of(text)
    claim = first_claim(analysis, cue)
    assert claim.lead is None, listed(analysis)
    assert claim.statement == claim.content.text


def test_words_after_a_closing_frame_are_the_sources(claims_of) -> None:
    """ "…, according to two officials with knowledge of the talks who asked not to be named":
    no comma after the frame, so its tail describes the source; no claim of it."""
    text = (
        "The port will close its northern pier unless the fees are paid by Friday, according to "
        "two harbour officials with knowledge of the talks who asked not to be named."
    )
    analysis = claims_of(text)
    claim = first_claim(analysis, "according to")
    assert claim.content.text == (
        "The port will close its northern pier unless the fees are paid by Friday"
    )
    assert claim.lead is None
    assert not [c for c in analysis.claims if "knowledge of the talks" in c.statement], listed(
        analysis
    )


# text, cue, lead or None: the sentence's opening before a speaker tag set off by commas is
# the content's lead when it holds a finite verb, not when it only says when or where
FRONTED = [
    (
        "The spring tides were so high, the harbour master said, that the quay lost two of its "
        "piles.",
        "said",
        "The spring tides were so high",
    ),
    (
        "During the storm on Tuesday, the harbour master said, the quay lost two of its piles.",
        "said",
        None,
    ),
]


@pytest.mark.parametrize(("text", "cue", "lead"), FRONTED)
def test_fronted_opening(claims_of, text, cue, lead) -> None:
    analysis = claims_of(text)
    claim = first_claim(analysis, cue)
    assert (claim.lead.text if claim.lead else None) == lead, listed(analysis)
    assert claim.content.text  # the part after the tag stays the content
    if lead is not None:  # the lead is no claim of the article's own either
        assert all(c.content.text != lead for c in analysis.claims), listed(analysis)
