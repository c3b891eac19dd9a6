"""Claims stage, issue 16: constructions PolNeAR annotates that the verb lexicon alone missed.
Sentences of our own; each row names the claim by its cue and says its source and content."""

from __future__ import annotations

import pytest

from handmade import claims_by_cue as by_cue
from handmade import first_claim

# text, cue, source as written, content (exact), status
FOUND = [
    (  # volition: the holder's plan, with the status intention
        "The port authority plans to reopen the northern pier in May.",
        "plans",
        "The port authority",
        "to reopen the northern pier in May",
        "intention",
    ),
    (  # the inner verb reports nothing: the plan is the content
        "The Harbour Institute plans to release its analysis of the tariff next week.",
        "plans",
        "The Harbour Institute",
        "to release its analysis of the tariff next week",
        "intention",
    ),
    (  # support
        "The Valdoria Courier backed Mayor Ilse Brandt in the spring primary.",
        "backed",
        "The Valdoria Courier",
        "Mayor Ilse Brandt",
        "asserted",
    ),
    (  # verbal attack with a reason
        "Senator Oona Pike blasted him for skipping the budget hearing.",
        "blasted",
        "Senator Oona Pike",
        "him for skipping the budget hearing",
        "asserted",
    ),
    (  # verbal attack with its own preposition
        "Governor Tam Reyes has railed against the toll increases on the coast road.",
        "has railed against",
        "Governor Tam Reyes",
        "the toll increases on the coast road",
        "asserted",
    ),
    (  # speaking of something
        "Dr. Amira Solheim spoke about the shortage of nurses in rural clinics.",
        "spoke about",
        "Dr. Amira Solheim",
        "the shortage of nurses in rural clinics",
        "asserted",
    ),
    (  # a reported clause the parser reads as a time adverbial: "said after X he would…"
        "Mr. Okafor said after the meeting he would not accept the council's offer.",
        "said",
        "Mr. Okafor",
        "he would not accept the council's offer",
        "intention",  # "would" in reported speech: a future in the past
    ),
    (  # a verb outside the lexicon with a speaker and a that-clause
        "The appeals court ruled that the harbour levy was unlawful.",
        "ruled",
        "The appeals court",
        "that the harbour levy was unlawful",
        "asserted",
    ),
    (  # the same, the speaker a pronoun
        "She discovered that the tender documents had been altered.",
        "discovered",
        "She",
        "that the tender documents had been altered",
        "asserted",
    ),
    (  # a position held by the agent of a passive
        "Mayor Ilse Brandt has been endorsed by the Valdoria Courier.",
        "has been endorsed",
        "the Valdoria Courier",
        "Mayor Ilse Brandt",
        "asserted",
    ),
    (  # citing a reason, not a source: the speaker's own content
        "Senator Oona Pike opposed the harbour levy, citing the cost of the new cranes.",
        "citing",
        "Senator Oona Pike",
        "the cost of the new cranes",
        "asserted",
    ),
    (  # promoting a plan
        "Governor Tam Reyes promoted the toll increase on the coast road.",
        "promoted",
        "Governor Tam Reyes",
        "the toll increase on the coast road",
        "asserted",
    ),
    (  # the issuer of a statement is its source
        "The harbour council issued a statement calling the levy unlawful.",
        "calling",
        "The harbour council",
        "the levy unlawful",
        "asserted",
    ),
    (  # the owner of a statement is its source
        "Ms. Varga's letter urging the council to scrap the levy arrived on Monday.",
        "urging",
        "Ms. Varga's",
        "the council to scrap the levy",
        "asserted",
    ),
    (  # a label before a colon is no second subject
        "The Latest: Brandt urges residents to save water.",
        "urges",
        "Brandt",
        "residents to save water",
        "asserted",
    ),
    (  # a particle verb whose particle the parser reads as a preposition
        "As proof, Ms. Varga pointed to the falling number of ferry passengers.",
        "pointed to",
        "Ms. Varga",
        "the falling number of ferry passengers",
        "asserted",
    ),
    (  # the content preposition read as the mark of an infinitive clause
        "After the vote, Senator Oona Pike called for the mayor to resign.",
        "called for",
        "Senator Oona Pike",
        "the mayor to resign",
        "asserted",
    ),
    (  # a known cue verb whose plain object is content
        "The harbour council discussed the new toll on the coast road.",
        "discussed",
        "The harbour council",
        "the new toll on the coast road",
        "asserted",
    ),
    (  # "that" read as a relative pronoun of the addressee
        "She told a meeting of island leaders that few people understood the stakes better.",
        "told",
        "She",
        "that few people understood the stakes better",
        "asserted",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content", "status"), FOUND)
def test_construction_found(claims_of, text, cue, source, content, status) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
    assert claim.content.text == content
    assert claim.status == status


# text, a cue that must not report anything
NOT_FOUND = [
    ("Rebel units attacked the convoy near the northern border.", "attacked"),
    ("The storm hammered the coast road overnight.", "hammered"),
    ("He said when the vote came he would abstain.", "said"),  # a time clause, not a report
    ("The pact was meant to defend the islands from raids.", "defend"),  # a deed, not a stance
    # a that-clause nobody claims: a goal, a consequence, a subject that is no speaker
    ("The clerks made sure that every ballot was counted twice.", "made"),
    ("The new levy means that ferry fares will rise in May.", "means"),
]


@pytest.mark.parametrize(("text", "cue"), NOT_FOUND)
def test_construction_not_a_report(claims_of, text, cue) -> None:
    analysis = claims_of(text)
    assert analysis.claims, "the sentence is still the article's own claim"
    assert not by_cue(analysis, cue)


def test_coordinated_report_keeps_the_outer_speaker(claims_of) -> None:
    """ "X said it was opposed and warned Y…": X warned, and the first content stops before."""
    text = (
        "The Valdorian foreign ministry said it was firmly opposed to the test and warned "
        "Ruritania to refrain from further launches."
    )
    analysis = claims_of(text)
    (said,) = by_cue(analysis, "said")
    (warned,) = by_cue(analysis, "warned")
    assert said.content.text == "it was firmly opposed to the test"
    assert warned.source.text == said.source.text == "The Valdorian foreign ministry"
    assert warned.content.text == "Ruritania to refrain from further launches"


def test_quote_opening_the_next_sentence_continues(claims_of) -> None:
    """ "“…,” said X, speaking of Y. “Second part.”": the second quotation is X's too, even a
    short one that is a sentence of its own."""
    text = (
        "“The harbour will be ready by spring,” said Ilse Brandt, speaking of the new quay. "
        "“We are sure of it.”"
    )
    analysis = claims_of(text)
    contents = {c.content.text for c in by_cue(analysis, "said")}
    assert "“The harbour will be ready by spring,”" in contents
    assert "“We are sure of it.”" in contents


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (  # an aside about the union, not the speaker
            "Jonas Weir, president of the Dockworkers Union, which represents 900 crane "
            "operators, said the strike would end on Friday.",
            "Jonas Weir, president of the Dockworkers Union,",
        ),
        (  # "Both" is written with the names (PolNeAR train: 58 of 60)
            "Both Mr. Lind and Ms. Varga said the tender was fair.",
            "Both Mr. Lind and Ms. Varga",
        ),
    ],
)
def test_source_written_without_nested_asides(claims_of, text, source) -> None:
    said = by_cue(claims_of(text), "said")
    assert [c.source.text for c in said] == [source]


def test_participle_after_a_report_is_the_reporters(claims_of) -> None:
    """ "X said she did not believe…, arguing that…": X argues, not the "she" of the reported
    clause the parser hung the participle on."""
    text = (
        "Senator Oona Pike said she did not believe those claims hurt the party in 2012, "
        "arguing that divisions in the party were a bigger hurdle."
    )
    (arguing,) = by_cue(claims_of(text), "arguing")
    assert arguing.source.text == "Senator Oona Pike"
    assert arguing.content.text == "that divisions in the party were a bigger hurdle"
