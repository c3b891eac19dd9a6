"""Claims stage, issue 16 (third pass on bounds, branch attrlong): contents trimmed of what
runs past the reported words. Sentences of our own; each row names the claim by its cue."""

from __future__ import annotations

import pytest

from handmade import first_claim

# text, the cue as written, the content
TRIMS = [
    (  # a conjunction whose conjunct (another's report) was left out does not end the content
        "The mayor insisted that the ferry was safe, and the harbour pilots warned that the "
        "engines were worn out.",
        "insisted",
        "that the ferry was safe",
    ),
    (  # ...nor after a dash
        "Roe said the vote on the quay would be close — and she noted that two members were ill.",
        "said",
        "the vote on the quay would be close",
    ),
    (  # a conjunction inside the reported clause stays
        "The mayor said the ferry and the pier would reopen in May.",
        "said",
        "the ferry and the pier would reopen in May",
    ),
]


@pytest.mark.parametrize(("text", "cue", "content"), TRIMS)
def test_content_trimmed(claims_of, text, cue, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.content.text == content
