"""Claims stage, issue 16 (branch attrmiss): known reporting verbs the rules missed, third pass
(an object of "lay out" and "post", a verb of address whose object is reported too, content
prepositions counted on PolNeAR train). Sentences of our own; each row names the claim by its
cue."""

from __future__ import annotations

import pytest

from handmade import claims_by_cue as by_cue
from handmade import claims_listed as listed
from handmade import first_claim

# text, cue, source as written, content (exact)
FOUND = [
    (  # "lay out" with its plain object
        "Mayor Ilse Lund laid out her plan for the harbour on Monday.",
        "laid out",
        "Mayor Ilse Lund",
        "her plan for the harbour",
    ),
    (  # "post" with its plain object
        "Councillor Tom Reyes posted a long message about the ferry fares.",
        "posted",
        "Councillor Tom Reyes",
        "a long message about the ferry fares",
    ),
    (  # "claim" with its plain object
        "The Lund campaign claimed victory in the harbour ward.",
        "claimed",
        "The Lund campaign",
        "victory in the harbour ward",
    ),
    (  # a verb of address whose object is reported too, with its reason
        "Mayor Ilse Lund thanked the volunteers for their help with the flood.",
        "thanked",
        "Mayor Ilse Lund",
        "the volunteers for their help with the flood",
    ),
    (  # ... a pronoun object included
        "Senator Oona Pike thanked him for the new ferry.",
        "thanked",
        "Senator Oona Pike",
        "him for the new ferry",
    ),
    (  # "seek" with an infinitive: the aim is the content
        "Senator Oona Pike has sought to protect the ferry subsidy.",
        "has sought",
        "Senator Oona Pike",
        "to protect the ferry subsidy",
    ),
    (  # content prepositions: hope for, admit to, conclude by, lash out at
        "The dockers' union hopes for a quick deal on the tolls.",
        "hopes for",
        "The dockers' union",
        "a quick deal on the tolls",
    ),
    (
        "Councillor Brandt admitted to a mistake in the harbour budget.",
        "admitted to",
        "Councillor Brandt",
        "a mistake in the harbour budget",
    ),
    (
        "Councillor Brandt lashed out at the port board.",
        "lashed",
        "Councillor Brandt",
        "the port board",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_missed_cue_found(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
    assert claim.content.text == content


# text, cue that must report nothing
NOT_FOUND = [
    ("The storm laid bare the weakness of the old sea wall.", "laid"),
    ("The cannery laid off forty workers in March.", "laid"),
    ("Mayor Ilse Lund told reporters at the pier.", "told"),
]


@pytest.mark.parametrize(("text", "cue"), NOT_FOUND)
def test_missed_cue_not_found(claims_of, text, cue) -> None:
    analysis = claims_of(text)
    assert not by_cue(analysis, cue), listed(analysis)
