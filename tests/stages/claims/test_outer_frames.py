"""Claims stage, issue 16 sixth pass on wrong sources (branch attrwrong): the outer frame that
reports a clause holding another cue, a dateline written in title case, a verb of thought kept in
the speaker's report, and the infinitive on a verb's object. Sentences of our own; each row names
the claim by its cue and says what its source or content must be."""

from __future__ import annotations

import pytest

from handmade import first_claim

# text, cue of the outer frame, its source, words its content must hold (the inner cue's clause)
OUTER_FRAMES = [
    (  # a parenthetical frame whose governor is a cue verb itself
        "Back at the harbour, Mayor Ilse Brandt said, she decided to close the old ferry line.",
        "said",
        "Mayor Ilse Brandt",
        "she decided to close the old ferry line",
    ),
    (
        "In the spring, the union leader said, the workers agreed to accept the offer.",
        "said",
        "the union leader",
        "the workers agreed to accept the offer",
    ),
    (  # a closing frame the parser coordinated with the first verb: all before it is reported
        "The mayor had told port officials that she did not want an escort, but the police "
        "overruled that request, an aide added.",
        "added",
        "an aide",
        "The mayor had told port officials that she did not want an escort, but the police "
        "overruled that request",
    ),
    (  # a verb of thought with the speaker's pronoun stays in what she says
        "Mayor Arvid says she hopes to win the vote, but she knows that the harbour board "
        "will fight her.",
        "says",
        "Mayor Arvid",
        "but she knows that the harbour board will fight her",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "held"), OUTER_FRAMES)
def test_the_outer_frame_reports_the_inner_cue(claims_of, text, cue, source, held) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
    assert held in claim.content.text


# text, cue, source as written: a dateline's place is never the subject
DATELINES = [
    (
        "Lindby (AFP) – Harbour chief Ilse Brandt on Monday joined the strike for the first "
        "time, accusing the board of ignoring the ferry crews.",
        "accusing",
        "Harbour chief Ilse Brandt",
    ),
    (
        "New Varnholt (AFP) – Mayor Jon Arvid is not sure he can back the ferry levy.",
        "is not sure",
        "Mayor Jon Arvid",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source"), DATELINES)
def test_a_title_case_dateline_is_no_speaker(claims_of, text, cue, source) -> None:
    assert first_claim(claims_of(text), cue).source.text == source


# text, cue of the infinitive, source as written
OBJECT_INFINITIVES = [
    (
        "The harbour board has done nothing to explain the levy to the ferry crews.",
        "to explain",
        "The harbour board",
    ),
    (
        "The harbour auditors have no evidence to suggest the mayor took the money.",
        "to suggest",
        "The harbour auditors",
    ),
    (
        "Since Monday, Mayor Arvid has mounted a public campaign to condemn the levy.",
        "to condemn",
        "Mayor Arvid",
    ),
    (
        "The closure of the port has created an opening for Arvid to highlight her record on jobs.",
        "to highlight",
        "Arvid",
    ),
    (  # an indirect object takes the infinitive
        "The council gave the ferry crews a chance to explain their demands.",
        "to explain",
        "the ferry crews",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source"), OBJECT_INFINITIVES)
def test_an_infinitive_on_an_object_is_the_subjects_act(claims_of, text, cue, source) -> None:
    assert first_claim(claims_of(text), cue).source.text == source


# text, cue of the first report, words that must stay out of its content, the second report's
# cue and source
OTHER_REPORTS = [
    (
        "She said crews who work nights would not get the new bonus, and when pressed on why "
        "the plan leaves out drivers, the harbour chief replied that the budget was empty.",
        "said",
        "replied",
        "replied",
        "the harbour chief",
    ),
]


@pytest.mark.parametrize(("text", "cue", "out", "other", "source"), OTHER_REPORTS)
def test_another_speakers_report_leaves_the_content(
    claims_of, text, cue, out, other, source
) -> None:
    analysis = claims_of(text)
    assert out not in first_claim(analysis, cue).content.text
    assert first_claim(analysis, other).source.text == source
