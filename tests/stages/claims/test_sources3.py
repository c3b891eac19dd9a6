"""Claims stage, issue 16 fourth pass on sources (branch attrsrc3): subjects that speak for
nobody, participles whose subject is an object, and the unnamed asker of "Asked to…". Sentences
of our own; each row names the claim by its cue and the source it must have."""

from __future__ import annotations

import pytest

from handmade import first_claim
from newsint.stages.claims.context import UNNAMED

# text, cue of the claim that must not exist
NO_SPEAKER = [
    ("That said, the Varnholt council has yet to approve the harbour budget.", "said"),
    ("You know, the old ferry has always been the heart of this town.", "know"),
    ("Do you support the plan to close the Lindby ferry?", "support"),
    ("What do you think the harbour board should do about the levy?", "think"),
]


@pytest.mark.parametrize(("text", "cue"), NO_SPEAKER)
def test_a_set_phrase_or_a_question_to_you_is_no_claim(claims_of, text, cue) -> None:
    cues = [c.cue.text for c in claims_of(text).claims if c.cue is not None]
    assert cue not in cues


# text, cue, source as written
CONTROLLED = [
    (  # the object of "left" feels
        "The collapse of the talks left many farmers feeling that nobody listened to them.",
        "feeling",
        "many farmers",
    ),
    (  # a participle on the object of "kept"
        "The delays kept commuters guessing whether the Lindby line would reopen.",
        "guessing",
        "commuters",
    ),
    (  # a participle after the object of "caught"
        "Reporters caught the minister saying that the harbour budget was a mess.",
        "saying",
        "the minister",
    ),
    (  # a recording of someone: the one heard on it
        "The spot ends with a clip of Mayor Ilse Brandt saying the harbour is safe.",
        "saying",
        "Mayor Ilse Brandt",
    ),
    (  # an issuer whose verb has a particle: "sent out a release"
        "The Lindqvist office sent out a press release saying the mayor owed voters an answer.",
        "saying",
        "The Lindqvist office",
    ),
]


# text, cue, source as written: the participle of a question opening the sentence
ASKED = [
    ("Asked to name the buyer, the spokesman said he could not.", "Asked", UNNAMED),
    (
        "Asked to describe the damage, Chief Marta Olsen said the roof had collapsed.",
        "Asked to describe",
        UNNAMED,
    ),
]


# text, cue, source as written: more participles whose subject is named before them
CONTROLLED_MORE = [
    (  # "with X V-ing": the object of "with" is the participle's subject
        "The meeting ended with Councillor Rhea Lund asking whether the levy would rise.",
        "asking",
        "Councillor Rhea Lund",
    ),
    (  # a phrase set off inside the object does not hide it
        "The scandal has left many party members, including his allies, wondering what he "
        "believes.",
        "wondering",
        "many party members, including his allies",
    ),
    (
        "The broadcast featured three farmers complaining that the port was closed.",
        "complaining",
        "three farmers",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source"), CONTROLLED + ASKED + CONTROLLED_MORE)
def test_the_source_as_written(claims_of, text, cue, source) -> None:
    """A participle on an object speaks for the object; "Asked to…" is put by an unnamed
    asker; a subject named before a participle speaks for it."""
    assert first_claim(claims_of(text), cue).source.text == source


# text, cue: questions put by an unnamed asker, however the parser reads the verb
ASKED_MORE = [
    (  # the opening participle tagged as a past tense
        "Asked what might surprise readers about her, she says she still rows to work every "
        "morning.",
        "Asked",
    ),
    (  # an interview is where the question was put, not who put it
        "In an interview with the Courier last week, Lund was asked what she thought of the "
        "harbour plan.",
        "was asked",
    ),
]


@pytest.mark.parametrize(("text", "cue"), ASKED_MORE)
def test_the_asker_stays_unnamed(claims_of, text, cue) -> None:
    assert first_claim(claims_of(text), cue).source.text == UNNAMED


# text, cue, the chain after the article, the evidence a reason cited leaves
CITING = [
    (  # a reason given is no origin: the speaker stays the source, the reason is evidence
        "The harbour has become safer, Senator Hal Brody said in June, citing the release of "
        "detained fishermen.",
        "said",
        ["Senator Hal Brody"],
        "citing the release of detained fishermen",
    ),
    (  # officials cited stay a link behind the outlet
        "The Harbour Times reported that the mayor had resigned, citing two officials.",
        "reported",
        ["The Harbour Times", "two officials"],
        None,
    ),
]


@pytest.mark.parametrize(("text", "cue", "chain", "cited"), CITING)
def test_citing_a_reason_is_evidence_not_a_link(claims_of, text, cue, chain, cited) -> None:
    claim = first_claim(claims_of(text), cue)
    assert [link.text for link in claim.chain[1:]] == chain
    assert [e.text for e in claim.evidence if e.kind == "cited"] == ([cited] if cited else [])
