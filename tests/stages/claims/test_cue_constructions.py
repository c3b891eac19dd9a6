"""Claims stage, issue 16 (branch attrcue): cue constructions beyond single words, and claims
that were spurious. Sentences of our own; each row names the claim by its cue."""

from __future__ import annotations

import pytest

from handmade import claims_by_cue as by_cue
from handmade import claims_listed as listed
from handmade import first_claim

# text, cue, source as written, content (exact)
FOUND = [
    (  # a time is no topic; "about" names it
        "Mayor Ilse Brandt spoke on Tuesday about the closure of the ferry terminal.",
        "spoke",
        "Mayor Ilse Brandt",
        "the closure of the ferry terminal",
    ),
    (  # of several content prepositions the verb's first wins
        "Dr. Amira Solheim spoke to the Valdoria Courier on the radio about rural clinics.",
        "spoke",
        "Dr. Amira Solheim",
        "rural clinics",
    ),
    (  # an adverbial clause says when its head happened: the head is not what was said
        "Ferry shares fell after the minister boasted about the new fares.",
        "boasted about",
        "the minister",
        "the new fares",
    ),
    (
        "The dockers cheered when the mayor complained about the tolls.",
        "complained about",
        "the mayor",
        "the tolls",
    ),
    (  # a stance its holder takes, with its own subject
        "Senator Oona Pike defended the new harbour levy.",
        "defended",
        "Senator Oona Pike",
        "the new harbour levy",
    ),
    (  # a poll opening the sentence is the source of the rest of it
        "In a Valdoria Courier poll released Monday, 52 percent of voters backed the levy.",
        "In",
        "a Valdoria Courier poll released Monday",
        "52 percent of voters backed the levy",
    ),
    (  # a construction that reports though its verb does not
        "The mayor made it clear that she would veto the levy.",
        "made it clear",
        "The mayor",
        "that she would veto the levy",
    ),
    (
        "Mayor Brandt made clear on Tuesday that she would veto the levy.",
        "made clear",
        "Mayor Brandt",
        "that she would veto the levy",
    ),
    (
        "As the harbour master put it, the old pier is a wreck.",
        "put it",
        "the harbour master",
        "the old pier is a wreck",
    ),
    (
        'Or, as Jane Roe put it: "The old pier is a wreck."',
        "put it:",
        "Jane Roe",
        '"The old pier is a wreck."',
    ),
    (  # urging someone to act: what was urged
        "Mayor Brandt is encouraging her supporters to attend the harbour hearing.",
        "is encouraging",
        "Mayor Brandt",
        "her supporters to attend the harbour hearing",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_cue_construction_found(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
    assert claim.content.text == content


# text, a cue that must not report anything
NOT_FOUND = [
    # "defend" in its literal sense: no subject of its own, a place, a reflexive, a border
    ("Ruritania joined a pact meant to defend its members from raids.", "defend"),
    ("The militia defended Port Ellis for three days.", "defended"),
    ("The villagers defended themselves with pitchforks.", "defended"),
    ("Two brigades defended the northern border through the winter.", "defended"),
    # a poll inside the clause is narration
    ("Mayor Brandt has a wide lead in the polls ahead of the spring primary.", "in"),
    # not yet said, no speaker, the verb's own sense
    ("The pilots need to make it clear that they will strike.", "make it clear"),
    ("The storm made it plain that the pier was too weak.", "made it plain"),
    ("He put it on the table before the vote.", "put it"),
    ("The dockers were encouraged by the new fares.", "encouraged"),
    # how one spoke is no topic
    ("Two pilots, who spoke on condition of anonymity, said the pier was unsafe.", "spoke"),
]


@pytest.mark.parametrize(("text", "cue"), NOT_FOUND)
def test_not_a_report(claims_of, text, cue) -> None:
    analysis = claims_of(text)
    assert analysis.claims, "the sentence is still the article's own claim"
    assert not by_cue(analysis, cue), listed(analysis)
