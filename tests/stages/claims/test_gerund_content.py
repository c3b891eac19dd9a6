"""Claims stage, issue 16 (branch attrtail): a reporting verb with its own subject and a gerund
complement after it reports the gerund's phrase ("the mayor supports raising the fee").
Sentences of our own; each row names the claim by its cue."""

from __future__ import annotations

import pytest

from handmade import claims_by_cue as by_cue
from handmade import claims_listed as listed
from handmade import first_claim

# text, cue, source as written, content (exact)
FOUND = [
    (
        "The senator suggested closing the old bridge to trucks.",
        "suggested",
        "The senator",
        "closing the old bridge to trucks",
    ),
    (
        "Mayor Dana Fowler supports raising the parking fee by two dollars.",
        "supports",
        "Mayor Dana Fowler",
        "raising the parking fee by two dollars",
    ),
    (
        "The harbour board has endorsed building a second ferry pier.",
        "has endorsed",
        "The harbour board",
        "building a second ferry pier",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_gerund_content_found(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
    assert claim.content.text == content


# text, cue that must report nothing: a verb of aspect's gerund is the action, not a content
NOT_FOUND = [
    ("The crew continued painting the hull of the ferry.", "continued"),
]


@pytest.mark.parametrize(("text", "cue"), NOT_FOUND)
def test_gerund_content_not_found(claims_of, text, cue) -> None:
    analysis = claims_of(text)
    assert not by_cue(analysis, cue), listed(analysis)
