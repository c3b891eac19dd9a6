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


# text, cue: a speaker tag with no relative word before its speaker keeps no lead
NO_LEAD = [
    ("The mayor says the pension fund is nearly empty.", "says"),
    ("Officials who visited the pier said that the timbers were rotten.", "said"),
]


@pytest.mark.parametrize(("text", "cue"), NO_LEAD)
def test_no_lead(claims_of, text, cue) -> None:
    analysis = claims_of(text)
    claim = first_claim(analysis, cue)
    assert claim.lead is None, listed(analysis)
    assert claim.statement == claim.content.text
