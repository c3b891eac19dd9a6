"""Claims stage, issue 16 (content too short, third pass): a content the parser cut short runs
on over the rest of the reported clause. Sentences of our own; each row names the claim by its
cue as written and asserts the exact content."""

from __future__ import annotations

import pytest

from handmade import first_claim

# text, the cue as written, the content
ROWS = [
    (  # a modal predicate without a subject, hung on the reporting verb, is the rest of the clause
        "The ferry company stressed that its boats were ready to sail at dawn, but would not "
        "leave the harbour during the storm.",
        "stressed",
        "that its boats were ready to sail at dawn, but would not leave the harbour during the "
        "storm",
    ),
    (  # the speaker's next act (no modal) stays out
        "The ferry company stressed that its boats were ready to sail at dawn, and urged "
        "passengers to stay home.",
        "stressed",
        "that its boats were ready to sail at dawn",
    ),
]


@pytest.mark.parametrize(("text", "cue", "content"), ROWS)
def test_content_runs_on(claims_of, text, cue, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.content.text == content
