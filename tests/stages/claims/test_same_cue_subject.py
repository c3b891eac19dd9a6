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


# text, cue, source: a participle the parser hung on the addressee of a verb of sending is the
# sender's (the "mailed a flyer to supporters" row failed before; the others are neighbours that
# other rules already got right, kept as guards); a participle on a noun nobody addressed keeps it
ADDRESSED = [
    (
        "The harbour chief emailed supporters on Friday saying that the strike would go on.",
        "saying",
        "The harbour chief",
    ),
    (
        "Her campaign quickly mailed a flyer to supporters stating, “Mayor Roe Joins the "
        "Ferry Strike.”",
        "stating",
        "Her campaign",
    ),
    (
        "The ferry union sent a text message to reporters saying the strike would begin at dawn.",
        "saying",
        "The ferry union",
    ),
    (  # guard: not a verb of sending, the group is the one that opposes
        "The mayor gave a large donation to a group opposing the new ferry levy.",
        "opposing",
        "a group",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source"), ADDRESSED)
def test_the_addressee_is_not_the_speaker(claims_of, text, cue, source) -> None:
    assert first_claim(claims_of(text), cue).source.text == source
