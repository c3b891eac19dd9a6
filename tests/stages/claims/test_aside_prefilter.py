"""The closing-aside rule (claims.end_bounds) asks `_is_closing_aside` only of words whose
dependency is in `_ASIDE_DEPS` and whose head comes before them: on every word of sentences
with and without asides, a word it skips is no closing aside when asked all the same, and the
contents come out trimmed as before."""

from __future__ import annotations

import pytest

from handmade import claim_extractors
from newsint.stages.claims.end_bounds import _ASIDE_DEPS
from newsint.stages.claims.extract import Extractor

TEXTS = [
    "The harbour master said the ferry would be run by Hal Osk, who has led the crew since May.",
    "Officials said the toll would stay, even though drivers in Varnby disagree.",
    "The council said it backed the plan, which the mayor wrote, and would vote on Friday.",
    "Mara Quist, who chairs the tenants' group, said rents rose after the mill closed.",
    "The minister told reporters that the bridge, built in 1931, was safe because it was checked.",
    "Engineers said the line would open when the tunnel is done — though nobody knows when.",
]


@pytest.fixture(scope="module")
def extractors(run_stages, resources) -> list[Extractor]:
    return claim_extractors(run_stages, resources, TEXTS)


def test_skipped_words_are_no_aside(extractors: list[Extractor]) -> None:
    asked = 0
    for ex in extractors:
        for t in ex.doc:
            if t.dep_ in _ASIDE_DEPS and t.head.i < t.i:
                asked += 1
            else:
                assert not ex._is_closing_aside(t), t.text
    assert asked >= len(TEXTS) - 1  # the texts do hold words the rule asks about


@pytest.mark.parametrize(
    ("text", "kept", "left_out"),
    [
        (TEXTS[0], "run by Hal Osk", "who has led"),
        (TEXTS[1], "the toll would stay", "even though"),
    ],
)
def test_asides_still_left_out(claims_of, text: str, kept: str, left_out: str) -> None:
    contents = [c.content.text for c in claims_of(text).claims if kept in c.content.text]
    assert contents
    assert all(left_out not in c for c in contents)
