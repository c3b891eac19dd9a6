"""Claims stage, issue 16 (content too short, third pass): a content the parser cut short runs
on over the rest of the reported clause, keeps an abbreviation's stop, and a quotation after a
speaker tag goes to that tag's speaker. Sentences of our own; each row names the claim by its
cue as written and asserts the exact content (or the speaker of a quotation)."""

from __future__ import annotations

import pytest

from handmade import claims_listed, first_claim

# text, the cue as written, the content
ROWS = [
    (  # a modal predicate without a subject, hung on the reporting verb, is the rest of the clause
        "The ferry company stressed that its boats were ready to sail at dawn, but would not "
        "leave the harbour during the storm.",
        "stressed",
        "that its boats were ready to sail at dawn, but would not leave the harbour during the "
        "storm",
    ),
    (  # ...and so is a predicate in another tense than the reporting verb
        "The fisherman said he had lost his boat in the storm, and is now living with his sister.",
        "said",
        "he had lost his boat in the storm, and is now living with his sister",
    ),
    (  # the speaker's next act (the same tense) stays out
        "The ferry company stressed that its boats were ready to sail at dawn, and urged "
        "passengers to stay home.",
        "stressed",
        "that its boats were ready to sail at dawn",
    ),
    (  # what the object is compared to stays in the content
        "The skipper likened the new harbour toll to a ransom.",
        "likened",
        "the new harbour toll to a ransom",
    ),
    (  # ...and what it is blamed on
        "The council blamed the fire on a faulty heater in the depot.",
        "blamed",
        "the fire on a faulty heater in the depot",
    ),
    (  # ...with the relative clause after it, as the learned edges decide for any content
        # (attrbound4, data/content_edges.toml: a short "…, which …" about a thing is held
        # 8 times in 16 on train, and a tie keeps what the rules made)
        "Ms. Orlova compared the ferry plan with a lottery, which angered the board.",
        "compared",
        "the ferry plan with a lottery, which angered the board",
    ),
    (  # ...but not one that holds a time
        "Ms. Orlova compared the ferry plan with a lottery, which the town held in May.",
        "compared",
        "the ferry plan with a lottery",
    ),
    (  # a content that ends in a dotted abbreviation keeps its stop
        "The shipping firm said its first cargo would reach the U.S.",
        "said",
        "its first cargo would reach the U.S.",
    ),
    (  # ...and one in the list of abbreviations
        "Ms. Orlova said the next meeting would be held in Reno, Nev.",
        "said",
        "the next meeting would be held in Reno, Nev.",
    ),
    (  # any other final stop is left out, as before
        "The mayor said the storm had hit the coast near Dayton.",
        "said",
        "the storm had hit the coast near Dayton",
    ),
    (  # a time after the object of another verb stays out, as before
        "The council praised the new ferry on Monday.",
        "praised",
        "the new ferry",
    ),
]


@pytest.mark.parametrize(("text", "cue", "content"), ROWS)
def test_content_runs_on(claims_of, text, cue, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.content.text == content


# text, a quotation, who said it
SPEAKERS = [
    (  # a quotation closed by a full stop before the next speaker's tag is no opening part of
        # that speaker's quotation: it continues the quotation of the sentence before
        "The mayor spoke to the crowd on Monday.\n\n“We are farmers,” Ms. Orlova said. “We are "
        "not thieves.” Mr. Pell said: “The storm that hit us this week was an act of weather. We "
        "too are fleeing from the water.”",
        "“We are not thieves.”",
        "Ms. Orlova",
    ),
    (  # a quotation after the tag continues it, though the parser ends the tag's sentence
        # after the next opening mark (doubled apostrophes) and the tag holds a report of its own
        "The board met on Monday.\n\n''We expect a long night,'' said Tim Pell, head of a club "
        "called Friends of the Quay, which plans to bring 300 boats. ''The council has made the "
        "harbour far less safe.''",
        "''The council has made the harbour far less safe.''",
        "Tim Pell, head of a club called Friends of the Quay",
    ),
    (  # the opening part a tag interrupts (closed by a comma) stays with that tag
        "The mayor spoke to the crowd on Monday.\n\n“Every time the river rises,” Mr. Pell said, "
        "“we lose another field.”",
        "“Every time the river rises,”",
        "Mr. Pell",
    ),
]


@pytest.mark.parametrize(("text", "quote", "speaker"), SPEAKERS)
def test_quotation_speaker(claims_of, text, quote, speaker) -> None:
    analysis = claims_of(text)
    got = [c.source.text for c in analysis.claims if c.content.text == quote]
    assert got == [speaker], claims_listed(analysis)
