"""Claims stage, issue 16 (branch attrverb): reports by verbs we know that the parse hid or
misattached. Sentences of our own; each row names the claim by its cue and says its source and
content as written."""

from __future__ import annotations

import pytest

from handmade import claims_by_cue as by_cue
from handmade import first_claim

# text, cue, source as written, content (exact)
FOUND = [
    (  # an adverbial clause with its own content: not a frame around the main clause
        "The crowd cheered loudly as the mayor called for a recount of the harbour vote.",
        "called for",
        "the mayor",
        "a recount of the harbour vote",
    ),
    (  # "when" (an adverb in the parse): never a speaker tag; the verb reports its own object
        "When the fishermen ask for help, the coast guard answers within minutes.",
        "ask for",
        "the fishermen",
        "help",
    ),
    (  # "that" opening the clause
        "The statement was amended to reflect that the minister is calling for a review of the "
        "tender.",
        "is calling for",
        "the minister",
        "a review of the tender",
    ),
    (  # "that" read as the relative pronoun of a noun in a phrase after the verb
        "The Valdoria Courier reported at the time that the harbour director, Jane Roe, had "
        "told the council that the pier was unsafe.",
        "reported",
        "The Valdoria Courier",
        "that the harbour director, Jane Roe, had told the council that the pier was unsafe",
    ),
    (  # ... but not in the verb's own content phrase
        "She pointed to the ministry's finding that the harbour had been dredged twice.",
        "pointed to",
        "She",
        "the ministry's finding that the harbour had been dredged twice",
    ),
    (  # "as" with no content of its own frames the main clause
        "As the auditors pointed out, the ferry company is free to publish its accounts.",
        "pointed out",
        "the auditors",
        "the ferry company is free to publish its accounts",
    ),
    (  # a name read as a compound of the verb: the name is its subject
        "Brandt charges that the port authority hid the dredging costs.",
        "charges",
        "Brandt",
        "that the port authority hid the dredging costs",
    ),
    (  # a verb tagged a plural noun, its subject run into it
        "The pier will not reopen this year, the mayor's chief engineer maintains.",
        "maintains",
        "the mayor's chief engineer",
        "The pier will not reopen this year",
    ),
    (  # a clause the parser hung before a verb with an object of its own is not its report
        "Ferry traffic fell by half last winter; the harbour board announced its plan for two "
        "new quays.",
        "announced",
        "the harbour board",
        "its plan for two new quays",
    ),
    (  # ... nor before a verb with its own content preposition
        "The jobless rate is a term with a narrow definition: it refers to the share of "
        "dockworkers who are looking for a shift.",
        "refers to",
        "it",
        "the share of dockworkers who are looking for a shift",
    ),
    (  # ... but a tag before an addressee is ("X, he told a radio station")
        "The ferry will not sail on Sunday, the harbour master told a local radio station.",
        "told",
        "the harbour master",
        "The ferry will not sail on Sunday",
    ),
    (  # ... and before a channel
        "The vote was rigged, she wrote on her blog.",
        "wrote",
        "she",
        "The vote was rigged",
    ),
    (  # a verb of attack with a named person as subject attacks in words
        "Governor Ilse Brandt attacked the new levy on fishing boats.",
        "attacked",
        "Governor Ilse Brandt",
        "the new levy",
    ),
    (
        "She has attacked tax breaks that favour the shipping lines.",
        "has attacked",
        "She",
        "tax breaks that favour the shipping lines",
    ),
    (  # prepositions whose object is what is said (data/claims.toml [prep_content])
        "Mayor Ilse Brandt bragged about the new ferry schedule at the rally.",
        "bragged about",
        "Mayor Ilse Brandt",
        "the new ferry schedule at the rally",
    ),
    (
        "The Dockworkers Union advocates for higher pay on the night shifts.",
        "advocates for",
        "The Dockworkers Union",
        "higher pay",
    ),
    (  # a stance in a relative clause whose relative pronoun is the finite verb's subject
        "The levy is opposed by a number of towns that support the old tariff.",
        "support",
        "a number of towns",
        "the old tariff",
    ),
    (
        "The fund was set up by a group of shippers that wants to block the new canal.",
        "wants",
        "a group of shippers",
        "to block the new canal",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_report_found(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert (claim.source.text, claim.content.text) == (source, content)


# text, a cue that must not report anything
NOT_FOUND = [
    # a description of the noun, not its stand: a participle, a modal
    ("The levy is opposed by towns supporting the old tariff.", "supporting"),
    ("The levy is opposed by towns that could support a lower tariff.", "support"),
    # a negated verb with an object of its own reports nothing, whatever clause stands before
    (
        "The Courier said it was unable to verify the figures; the port board did not answer "
        "questions.",
        "answer",
    ),
    # an attack by armed people, not in words
    ("Armed men attacked the ferry terminal overnight.", "attacked"),
    ("The gunman attacked two guards at the gate.", "attacked"),
    # plural nouns that are nouns
    ("Port fees and harbour charges rose again this year.", "charges"),
    ("The tax plans of both parties are vague.", "plans"),
]


@pytest.mark.parametrize(("text", "cue"), NOT_FOUND)
def test_not_a_report(claims_of, text, cue) -> None:
    analysis = claims_of(text)
    assert analysis.claims, "the sentence is still the article's own claim"
    assert not by_cue(analysis, cue)
