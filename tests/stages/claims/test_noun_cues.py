"""Claims stage, issue 16 (branch attrnoun): cues that are nouns and adjectives
(data/noun_cues.toml, stages/claims/predicates.py). A noun or an adjective of the table reports
its complement when someone who can speak owns it (a possessive, "by X", the subject of the verb
that has the noun or of the copula before the adjective); without such an owner, with a thing as
its owner or with a complement the table does not hold, it does not. Sentences of our own; each
row names the claim by its cue."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from handmade import claims_by_cue as by_cue
from handmade import claims_listed as listed
from handmade import claims_with_cue_word, first_claim
from newsint.stages.claims.predicates import ADJ, NOUN, noun_cues

# text, cue, source as written, content (exact)
FOUND = [
    (  # a possessive owner and a prepositional object ("attack", "prep:on"); the owner the
        # clause names speaks (source_bounds.py)
        "Councillor Mira Vell renewed her attacks on the harbour board's ferry contract.",
        "attacks on",
        "Councillor Mira Vell",
        "the harbour board's ferry contract",
    ),
    (  # a possessive owner and an infinitive ("decision", "to")
        "The Ruritanian ministry's decision to close the old pier angered the fishermen.",
        "decision",
        "The Ruritanian ministry's",
        "to close the old pier",
    ),
    (  # the subject of the verb that has the noun ("case", "prep:for")
        "Mayor Ilse Brandt made the case for a second ferry across the bay.",
        "made the case for",
        "Mayor Ilse Brandt",
        "a second ferry across the bay",
    ),
    (  # an organisation as the possessive, and a that-clause ("concern", "that")
        "The fishermen's union's concern that the new quay would flood in winter went unheard.",
        "concern",
        "The fishermen's union's",
        "that the new quay would flood in winter",
    ),
    (  # an adjective after a copula ("critical", "prep:of")
        "Councillor Mira Vell has been critical of the harbour board for months.",
        "has been critical of",
        "Councillor Mira Vell",
        "the harbour board",
    ),
    (  # ... with an infinitive ("eager", "to")
        "The harbour board was eager to sign the ferry contract before the election.",
        "was eager",
        "The harbour board",
        "to sign the ferry contract before the election",
    ),
    (  # a construction row, any noun: the subject of the verb that has it, and "about"
        "Councillor Mira Vell has grave doubts about the ferry budget.",
        "has grave doubts about",
        "Councillor Mira Vell",
        "the ferry budget",
    ),
    (  # ... and a that-clause
        "The harbour board has little doubt that the old pier will reopen by spring.",
        "has little doubt",
        "The harbour board",
        "that the old pier will reopen by spring",
    ),
    (  # branch attrprep: a noun row with n = 3 after a copula ("proponent", "prep:of")
        "Councillor Mira Vell is a proponent of the second ferry.",
        "is a proponent of",
        "Councillor Mira Vell",
        "the second ferry",
    ),
    (  # ... the object of the verb ("secret", "prep:of")
        "Mayor Ilse Brandt made no secret of her plans for the pier.",
        "made no secret of",
        "Mayor Ilse Brandt",
        "her plans for the pier",
    ),
    (  # ... an adjective construction row, any adjective after a copula, and "about"
        "The harbour board is nervous about the winter storms.",
        "is nervous about",
        "The harbour board",
        "the winter storms",
    ),
    (  # an adjective after "remain" ("proud", "prep:of")
        "Harbour master Jonas Pell remains proud of the rescue crews and their boats.",
        "remains proud of",
        "Harbour master Jonas Pell",
        "the rescue crews and their boats",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_noun_cue_found(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source, listed(claims_of(text))
    assert claim.content.text == content, listed(claims_of(text))


# text, a word that must not be (in) the cue of any claim
NOT_FOUND = [
    # a noun of the table with nobody who holds it
    ("Fresh attacks on the harbour board's ferry contract followed the vote.", "attacks"),
    # ... held by a thing that does not speak
    ("The storm's attack on the old pier left the quay in ruins.", "attack"),
    # ... whose verb's subject receives it, not holds it
    ("Mayor Ilse Brandt faced criticism for the cost of the new ferry.", "criticism"),
    # an adjective whose subject is a thing
    ("The new ferry was eager to leave port before the storm.", "eager"),
    # a noun of the table with a complement the table does not hold ("decision" + "about")
    ("The ministry's decision about the old pier came late.", "decision"),
    # a construction row's noun whose verb's subject receives it
    ("Mayor Ilse Brandt faced questions about the cost of the new ferry.", "questions"),
    # "it" holds nothing, whatever it stands for
    ("The ferry company hesitated, and it seemed eager to sell the old pier.", "eager"),
    # a word outside the table ("plan" + infinitive: rarely a cue on train)
    ("The ministry's plan to close the old pier angered the fishermen.", "plan"),
]


@pytest.mark.parametrize(("text", "word"), NOT_FOUND)
def test_noun_cue_not_found(claims_of, text, word) -> None:
    got = claims_with_cue_word(claims_of(text), word)
    assert not got, listed(claims_of(text))


def test_table_rows_pass_their_thresholds() -> None:
    """Every row of the table is of a part of speech the rule knows and carries the counts it
    was kept for (the header's thresholds: rate >= 0.5, n >= 4; branch attrprep's: gold >= 3,
    rate >= 0.45)."""
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("noun_cues.toml").read_text("utf-8")
    )
    assert data["cues"]
    for row in data["cues"]:
        assert row["pos"] in (NOUN, ADJ)
        first = row["n"] >= 4 and row["gold"] / row["n"] >= 0.5
        assert first or (row["gold"] >= 3 and row["gold"] / row["n"] >= 0.45), row
    assert (NOUN, "attack") in noun_cues().pairs


def test_quoted_voice_is_not_a_noun_cue(claims_of) -> None:
    """ "my criticism of…" inside a quotation is the quoted speaker's own voice."""
    text = (
        "“I stand by my criticism of the harbour board and its ferry contract,” "
        "Councillor Mira Vell said."
    )
    assert not by_cue(claims_of(text), "criticism of"), listed(claims_of(text))
