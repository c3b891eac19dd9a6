"""Claims stage, issue 16 (branch attrverb5): the cue classifier's third pass. A lexicon verb
its rules refuse (a stance in a relative clause with a perfect, a wish under a modal) is a
candidate the model was trained on; it now judges such a verb alone, after the rules
(extract._model_cues). Sentences of our own; the table holds cases the model passes clearly."""

from __future__ import annotations

import pytest

from handmade import first_claim

# text, cue, source as written, the content
FOUND = [
    (  # a stance in a relative clause with a perfect: the rules want a plain finite verb
        "Councillor Mara Lind, who had previously endorsed the harbour levy, left early.",
        "had previously endorsed",
        "who",
        "the harbour levy",
    ),
    (  # a wish under a modal
        "We might wish that the council would reckon with the cost of the new bridge.",
        "might wish",
        "We",
        "that the council would reckon with the cost of the new bridge",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_refused_lexicon_verb_judged_by_model(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert (claim.source.text, claim.content.text) == (source, content)


# a lexicon verb the rules refuse and the model must not take back: no one's claim
NOT_FOUND = [
    "The rebels attacked the convoy near the border crossing.",  # no criticism
    "The harbour board did not respond to the letter.",  # negated
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_refusals_of_the_rules_kept(claims_of, text) -> None:
    said = [c for c in claims_of(text).claims if c.kind != "unattributed"]
    assert not said, [(c.cue and c.cue.text, c.content.text) for c in said]
