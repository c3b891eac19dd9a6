"""Claims stage, issue 16 (branch attrnoun2): negated reporting verbs that still report ("did
not mention her rival by name", "is not expected to attend"), and negated ones that do not.
The negated agentless passive ("is not expected to…", `[negated_report] passive_complements`)
is off by default (no dev use), so it has no row here. Sentences of our own; each row names the
claim by its cue."""

from __future__ import annotations

import pytest

from handmade import claims_by_cue as by_cue
from handmade import claims_listed as listed
from handmade import first_claim

# text, cue, source as written, content (exact)
FOUND = [
    (
        "Senator Brandt did not mention her rival by name.",
        "did not mention",
        "Senator Brandt",
        "her rival by name",
    ),
    (
        "The harbour master never mentioned the toll increase.",
        "never mentioned",
        "The harbour master",
        "the toll increase",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_negated_report_found(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
    assert claim.content.text == content


# text, cue that must report nothing
NOT_FOUND = [
    ("The island council did not respond to a request for comment.", "did not respond"),
    ("The port authority did not answer questions about the dredging.", "did not answer"),
    ("Mayor Lund was not expected by anyone at the ferry terminal.", "was not expected"),
]


@pytest.mark.parametrize(("text", "cue"), NOT_FOUND)
def test_negated_report_not_found(claims_of, text, cue) -> None:
    analysis = claims_of(text)
    assert not by_cue(analysis, cue), listed(analysis)
