"""Claims stage, issue 16 sixth pass on spurious claims (branch attrspur3): a relative clause
with a modal or an infinitive's "to" describes its noun and reports nothing through a lexicon
verb of its own; one that borrows its speaker from the verb its noun hangs on keeps it when
that speaker can speak (test_source_choice's "had every reason to know that…"). Sentences of
our own."""

from __future__ import annotations

import pytest

from handmade import first_claim

# text, cue of the claim that must not exist (each was a claim before this pass)
HYPOTHETICAL = [
    ("There is no reason to believe the harbour figures are wrong.", "to believe"),
    ("The port needs a manager who could explain why the cranes stand idle.", "could explain"),
    ("The union wants a leader who will insist that wages rise.", "will insist"),
    (  # the speaker borrowed from the verb the noun hangs on would be no speaker at all
        "The first step toward a fairer toll is simply creating a clearer way to report the "
        "harbour fees.",
        "to report",
    ),
]


@pytest.mark.parametrize(("text", "cue"), HYPOTHETICAL)
def test_a_hypothetical_relative_clause_reports_nothing(claims_of, text, cue) -> None:
    analysis = claims_of(text)
    cues = [c.cue.text for c in analysis.claims if c.cue is not None]
    assert cue not in cues
    assert analysis.claims  # the sentence is still the article's own claim (or another's)


# text, cue, source as written: a relative clause with a plain finite verb still reports, and
# the claims around a hypothetical one stay
KEPT = [
    ("Mayor Brandt named a new deputy, who argued that the levy was too high.", "argued", "who"),
    ("The union wants a leader who will insist that wages rise.", "wants", "The union"),
    (
        "The harbour board said there is no reason to believe the figures are wrong.",
        "said",
        "The harbour board",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source"), KEPT)
def test_a_plain_relative_clause_still_reports(claims_of, text, cue, source) -> None:
    assert first_claim(claims_of(text), cue).source.text == source
