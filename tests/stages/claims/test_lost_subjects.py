"""Claims stage, issue 16 (branch attrmiss2): speakers of known reporting verbs that the parse
hung somewhere else (stages/claims/lost_subjects.py): a subject swallowed by the phrase opening
the sentence, a speaker read as the object of a verb that reports only a clause, the object of
"lead", "leave", "prompt" speaking in their infinitive, reported words before a comma read as
a second subject. Sentences of our own; each row names the claim by its cue."""

from __future__ import annotations

import pytest

from handmade import claims_by_cue as by_cue
from handmade import claims_listed as listed
from handmade import first_claim

# text, cue, source as written, content (exact)
FOUND = [
    (  # the subject swallowed as an apposition of the opening phrase's object
        "In a statement to the Gazette, her senior adviser, Tom Reyes, said: "
        "“The mayor believes the port is vital.”",
        "said:",
        "her senior adviser, Tom Reyes",
        "“The mayor believes the port is vital.”",
    ),
    (  # ... with a relative clause of its own
        "At the town hall in Bergen, a retired pilot who had flown the island route asked Lund "
        "whether the ferry would survive the winter.",
        "asked",
        "a retired pilot who had flown the island route",
        "whether the ferry would survive the winter",
    ),
    (  # ... before a verb with an object and a predicate instead of a clause
        'When smugglers are caught as part of the ring, Lund and Berg call them "small fish" and '
        "describe their arrests as wins.",
        "call",
        "Lund and Berg",
        'them "small fish"',
    ),
    (  # the speaker after a verb that reports only a clause, read as its object
        "“The tolls are too high,” added another harbour councillor.",
        "added",
        "another harbour councillor",
        "“The tolls are too high,”",
    ),
    (  # the object of "lead" speaks in its infinitive
        "The narrow vote led Senator Oona Pike to declare that the ferry plan was dead.",
        "to declare",
        "Senator Oona Pike",
        "that the ferry plan was dead",
    ),
    (  # ... of "leave"
        "The closure of the pier left many fishermen to wonder whether the harbour would ever "
        "reopen.",
        "to wonder",
        "many fishermen",
        "whether the harbour would ever reopen",
    ),
    (  # ... of "prompt"
        "The leaked memo prompted the harbour board to call for an inquiry into the fares.",
        "to call for",
        "the harbour board",
        "an inquiry into the fares",
    ),
    (  # the reported words before the comma read as a second subject
        "People like Lund, he said.",
        "said",
        "he",
        "People like Lund",
    ),
    (  # ... with the speaker after the verb
        "The ferry levy hurts small firms on the island, said Ona Berg, the head of the chamber.",
        "said",
        "Ona Berg, the head of the chamber",
        "The ferry levy hurts small firms on the island",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_lost_subject_found(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
    assert claim.content.text == content


# text, cue, a word of the source: a name run into the opening phrase ("…of the Harbour
# Gazette Lund said") is found with the words the parser put before it
NAME_RUN_IN = [
    (
        "In a March meeting with the board of the Harbour Gazette Lund said that the ferry may "
        "need to be cut in the coming years.",
        "said",
        "Lund",
    ),
]


@pytest.mark.parametrize(("text", "cue", "word"), NAME_RUN_IN)
def test_name_run_in(claims_of, text, cue, word) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text.split()[-1] == word
    assert claim.content.text == "that the ferry may need to be cut in the coming years"


# text, cue that must report nothing
NOT_FOUND = [
    # a headline with no subject: the noun before the verb belongs to the opening phrase
    ("While praising the mayor, hints that the ferry fares will rise.", "hints"),
    # "lead" with an infinitive that reports nothing
    ("Low fares led more tourists to visit the island.", "visit"),
]


@pytest.mark.parametrize(("text", "cue"), NOT_FOUND)
def test_lost_subject_not_found(claims_of, text, cue) -> None:
    analysis = claims_of(text)
    assert not by_cue(analysis, cue), listed(analysis)
