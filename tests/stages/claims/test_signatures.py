"""Claims stage, issue 16 (branch attrprec): a closing "— Name" signs a quotation or a post; under
any other text it is a live blog's byline or a headline's second half, and no one is quoted.
Texts of our own; each row says which signature cue must or must not give a claim."""

from __future__ import annotations

import pytest

from handmade import claims_by_cue

# text, dash, source of the signature's claim (None: no claim)
SIGNED = [
    (
        "The hearing ended late.\n\n“We were never told about the quarry sale.” ― Tova Lindgren",
        "―",
        "Tova Lindgren",
    ),
    (
        "The ferry vote is set for Thursday.\n\nThe harbour board met twice this week to weigh "
        "the new timetable. - Ansel Varga",
        "-",
        None,
    ),
    (
        "Mayor Brix Just Named Her Pick For The Harbour Board – Nobody Saw It Coming",
        "–",
        None,
    ),
]


@pytest.mark.parametrize(("text", "dash", "source"), SIGNED)
def test_a_signature_signs_only_what_someone_said(claims_of, text, dash, source) -> None:
    found = [c for c in claims_by_cue(claims_of(text), dash) if c.kind != "unattributed"]
    assert [c.source.text for c in found] == ([source] if source else [])
