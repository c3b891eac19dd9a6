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
    (  # the writer's connective opening the sentence is no part of what was said
        "However, the ferry will not run in May, the harbour master said.",
        "said",
        "the ferry will not run in May",
    ),
    (
        "In addition, the port will hire ten new pilots, the mayor announced.",
        "announced",
        "the port will hire ten new pilots",
    ),
    (  # a speaker's own opening word stays
        "Well, the ferry is late again, the skipper said.",
        "said",
        "Well, the ferry is late again",
    ),
    (  # "however" with an adjective is a concession of the speaker's
        "However costly the new quay may be, the town needs it, the treasurer said.",
        "said",
        "However costly the new quay may be, the town needs it",
    ),
    (  # the writer's bracket around the sentence is no part of the content
        "The ferry sailed at noon. (The pilots, it turns out, are fond of the old ferry, said "
        "Jane Roe, a harbour clerk.)",
        "said",
        "The pilots, it turns out, are fond of the old ferry",
    ),
    (
        "The board met on Monday. (The port keeps no record of late sailings, according to the "
        "harbour office.)",
        "according to",
        "The port keeps no record of late sailings",
    ),
    (  # a bracket closed inside the content stays
        "The pilots said the ferry was late (again).",
        "said",
        "the ferry was late (again)",
    ),
    (  # a dateline written with a horizontal bar is no part of the content
        "CASTELLO ― The new quay is an insult to every fisherman, the union said.",
        "said",
        "The new quay is an insult to every fisherman",
    ),
    (  # the feeling a speaker expresses is written with the cue, not the content
        "The fishermen have expressed concern that the new quay will block the channel.",
        "have expressed",
        "that the new quay will block the channel",
    ),
    (
        "The pilots voiced doubts about the winter timetable.",
        "voiced",
        "the winter timetable",
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
