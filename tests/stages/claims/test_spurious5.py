"""Claims stage, issue 16 fifth pass on spurious claims and sources (branch attrspur2): set
phrases, demonstratives and verbs under "without" that speak for nobody, speakers a verb outside
a quotation must not borrow from inside it, the unnamed asker of "when asked…", and "per" before
a rate. Sentences of our own."""

from __future__ import annotations

import pytest

from handmade import first_claim
from newsint.stages.claims.context import UNNAMED

# text, cue of the claim that must not exist: "That said," opens the sentence and the parser
# hangs the clause after the comma on "said"
SET_PHRASES = [
    ("That said, a second delay to the Lindby ferry would hurt the island's shops.", "said"),
    ("That said, shopkeepers say the new quay will bring more visitors.", "said"),
]

# text, cue of the claim that must not exist: a demonstrative points back to a fact, it does
# not speak
DEMONSTRATIVES = [
    ("That shows how hard the harbour vote will be for the council.", "shows"),
    ("The new quay opened in May. That suggests the port will grow.", "suggests"),
]

# text, cue of the claim that must not exist: a verb under "without" says nothing
WITHOUT = [
    (
        "It is impossible to judge the harbour plan without knowing how the ferry money would "
        "be spent.",
        "knowing",
    ),
    (
        "“The island deserves better,” Brandt said, without referring to the mayor by name.",
        "referring to",
    ),
    ("It goes without saying that the quay needs repairs.", "saying"),
]


@pytest.mark.parametrize(("text", "cue"), SET_PHRASES + DEMONSTRATIVES + WITHOUT)
def test_a_set_phrase_or_a_demonstrative_is_no_claim(claims_of, text, cue) -> None:
    cues = [c.cue.text for c in claims_of(text).claims if c.cue is not None]
    assert cue not in cues


# text, cue, source as written: the claims the sentences do make keep their speakers
KEPT = [
    ("That said, shopkeepers say the new quay will bring more visitors.", "say", "shopkeepers"),
    (
        "“The island deserves better,” Brandt said, without referring to the mayor by name.",
        "said",
        "Brandt",
    ),
    (  # a relative "that" is no demonstrative: the rules it stands for keep their claim
        "Officials said the rules that promise cheaper fares would start in June.",
        "promise",
        "the rules",
    ),
    (
        "“It was not easy,” Brandt said, going on to say that the town had waited decades for "
        "the bridge.",
        "to say",
        "Brandt",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source"), KEPT)
def test_the_speaker_outside_the_quotation(claims_of, text, cue, source) -> None:
    assert first_claim(claims_of(text), cue).source.text == source


# text, a cue and its source, a cue and a source it must not get: the parser hung the
# participle on a quoted verb, whose subject speaks only inside the quotation
QUOTED_SUBJECTS = [
    (
        "The auditor said the invoices were late. Mayor Brandt treated the remark as praise -- "
        "“That makes me careful” -- and, when asked after the meeting, insisting, “Of course, I "
        "read every invoice.”",
        ("said", "The auditor"),
        ("insisting", "I"),
    ),
]


@pytest.mark.parametrize(("text", "kept", "wrong"), QUOTED_SUBJECTS)
def test_no_speaker_borrowed_from_inside_a_quotation(claims_of, text, kept, wrong) -> None:
    analysis = claims_of(text)
    assert first_claim(analysis, kept[0]).source.text == kept[1]
    cue, source = wrong
    sources = [c.source.text for c in analysis.claims if c.cue is not None and c.cue.text == cue]
    assert source not in sources


# text, cue: "when asked…" with no subject is put by an unnamed asker, also where the tagger
# reads the participle after "when" as a past tense
WHEN_ASKED = [
    (
        "“Jobs, jobs, jobs,” Mrs. Lund said on the radio last month when asked what her husband "
        "would do in the town hall.",
        "asked",
    ),
    (
        "Brandt told the Courier on the Monday broadcast when asked how the ferry would fare.",
        "asked",
    ),
]


@pytest.mark.parametrize(("text", "cue"), WHEN_ASKED)
def test_when_asked_the_asker_stays_unnamed(claims_of, text, cue) -> None:
    assert first_claim(claims_of(text), cue).source.text == UNNAMED


# text, cue, source as written ("" where "per" opens a rate, which is no claim)
PER = [
    ("The dinner in Lindby requires a 500-krona donation per person.", "per", ""),
    ("The island has one ferry berth per every 9,000 residents.", "per", ""),
    ("School meals cost the town 30 kronor a day per student.", "per", ""),
    ("Ferry tickets cost 40 kronor per adult, per the harbour board.", "per", "the harbour board"),
]


@pytest.mark.parametrize(("text", "cue", "source"), PER)
def test_per_a_rate_names_no_source(claims_of, text, cue, source) -> None:
    sources = [c.source.text for c in claims_of(text).claims if c.cue and c.cue.text == cue]
    assert sources == ([source] if source else [])
