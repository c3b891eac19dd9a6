"""Claims stage, issue 16 (branch attrsubj): the gold's cue is ours but the source was another
word of the sentence. Sentences of our own; each row names the claim by its cue and says what
its source must be."""

from __future__ import annotations

import pytest

from handmade import first_claim

# text, cue, source: a dash the parser made a second subject is no speaker
DASH_SUBJECTS = [
    (
        "When the clerk noted that Arvid has often not attended any of the council meetings ― "
        "as was true for the two years his diaries were made public ― Arvid boasted, “That "
        "makes me busy.”",
        "boasted",
        "Arvid",
    ),
    (
        "When reporters noted that Brandt has rarely paid anything in port duties ― as was "
        "clear in the years her returns were made public ― Brandt boasted, “That makes me "
        "clever.”",
        "boasted",
        "Brandt",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source"), DASH_SUBJECTS)
def test_a_dash_is_no_subject(claims_of, text, cue, source) -> None:
    assert first_claim(claims_of(text), cue).source.text == source
