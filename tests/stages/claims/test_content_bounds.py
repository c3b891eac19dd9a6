"""Claims stage, issue 16: where a content starts and ends (PolNeAR's content boundaries).
Sentences of our own; each row names the claim by its cue and lists its content spans."""

from __future__ import annotations

import pytest

from handmade import claims_by_cue as by_cue
from handmade import claims_listed, first_claim

# text, cue, source as written, the content spans of that cue (in text order)
SPANS = [
    (  # a quotation the speaker tag interrupts: both parts are the claim's
        "“Every time the ferry is late,” Ilse Brandt said, “the island loses a day of trade.”",
        "said",
        "Ilse Brandt",
        ["“Every time the ferry is late,”", "“the island loses a day of trade.”"],
    ),
    (  # ...also with an aside of the tag between the tag and the second part
        "“Every time the ferry is late,” Ilse Brandt said during a meeting in the harbour "
        "hall, “the island loses a day of trade.”",
        "said",
        "Ilse Brandt",
        ["“Every time the ferry is late,”", "“the island loses a day of trade.”"],
    ),
    (  # a "not" inside the quotation is the speaker's, not a negated report
        "“Will the quay be ready? Probably not,” Ms. Brandt said.",
        "said",
        "Ms. Brandt",
        ["“Will the quay be ready? Probably not,”"],
    ),
    (  # a clause after a comma behind the tag is the tag's aside, however it is parsed
        "“Step down and repay the fund,” Roe told Brandt, after he conceded under "
        "Roe’s questioning that no one had answered for the losses.",
        "told",
        "Roe",
        ["“Step down and repay the fund,”"],
    ),
    (  # a quotation after a paragraph ending with a colon is what its sentence reports,
        # and the quotation runs on across the next paragraph
        "The storm ended on Sunday. Mayor Ilse Brandt released the following statement:\n\n"
        "“The island owes its fishermen a debt we cannot repay. We will rebuild the quay.\n\n"
        "“Every family that lost a boat will have help from the council.”\n\n"
        "The harbour reopened on Monday.",
        "released",
        "Mayor Ilse Brandt",
        [
            "“The island owes its fishermen a debt we cannot repay. We will rebuild the quay.",
            "“Every family that lost a boat will have help from the council.”",
        ],
    ),
    (  # a quotation continued after the tag and an aside of the same speaker
        "The council met on Monday.\n\n''The old quay has had its day,'' Mr. Brandt said, "
        "referring to the two harbours. ''I assume the province will pay for a new one, which "
        "it has done before.''",
        "said",
        "Mr. Brandt",
        [
            "''The old quay has had its day,''",
            "''I assume the province will pay for a new one, which it has done before.''",
        ],
    ),
    (  # the same with the cue before the speaker and a one-word opening
        "“That,” added the harbour master, “would cost us the whole season.”",
        "added",
        "the harbour master",
        ["“That,”", "“would cost us the whole season.”"],
    ),
    (  # a short quotation closed by its speaker tag is speech, however short
        "The ferry came in at noon.\n\n“Not even one,” the harbour master said.",
        "said",
        "the harbour master",
        ["“Not even one,”"],
    ),
    (  # a clause with its own subject coordinated after the reported clause
        "The union noted the council offered a hearing in May, but the mayor declined.",
        "noted",
        "The union",
        ["the council offered a hearing in May, but the mayor declined"],
    ),
    (  # bare infinitives coordinated with the first: all of them are what she wants
        "She wants to double the ferry service, rebuild the old quay and open a night market.",
        "wants",
        "She",
        ["to double the ferry service, rebuild the old quay and open a night market"],
    ),
    (  # "according to X" set off inside the clause: the content is the two parts around it
        "The island's fishermen landed less cod in March, according to the harbour office, "
        "and sold it at a lower price.",
        "according to",
        "the harbour office",
        ["The island's fishermen landed less cod in March", "and sold it at a lower price"],
    ),
    (  # a condition opening the sentence before a frame set off by commas is content
        "If the ferry stops running, the mayor argued, the island will lose its only doctor.",
        "argued",
        "the mayor",
        ["If the ferry stops running", "the island will lose its only doctor"],
    ),
    (  # a time or place opening frames the act of saying, not what is said
        "At the harbour meeting, the mayor said the ferry would run again in May.",
        "said",
        "the mayor",
        ["the ferry would run again in May"],
    ),
    (
        "Officials said the bridge would reopen on Friday, and the ferries would stop then.",
        "said",
        "Officials",
        ["the bridge would reopen on Friday, and the ferries would stop then"],
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "contents"), SPANS)
def test_content_spans(claims_of, text, cue, source, contents) -> None:
    analysis = claims_of(text)
    got = by_cue(analysis, cue)
    assert got, claims_listed(analysis)
    assert {c.source.text for c in got} == {source}
    # every part of the claims: a lead (the part before a frame or speaker tag), then content
    parts = [p for c in got for p in (c.lead, c.content) if p is not None]
    assert sorted((p.start, p.text) for p in parts) == sorted((text.index(s), s) for s in contents)


# text, cue, content: what follows the reported clause stays out of it
OUTSIDE = [
    (  # a quotation ends the report: the rest is the writer's
        "She said “the harbour is safe,” but the inspectors found cracks in the pier.",
        "said",
        "“the harbour is safe,”",
    ),
    (  # a clause with a modal of its own after a plan is the writer's comment
        "The mayor wants to widen the coast road, but the works would need money from the "
        "province.",
        "wants",
        "to widen the coast road",
    ),
    (  # a report of another speaker joined after it
        "Ms. Roe said the plan was sound, and her deputy said it was too costly.",
        "said",
        "the plan was sound",
    ),
]


@pytest.mark.parametrize(("text", "cue", "content"), OUTSIDE)
def test_content_stops_before(claims_of, text, cue, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.content.text == content


def test_no_opening_part_across_other_words(claims_of) -> None:
    """A quotation followed by other words before the speaker tag is not that speaker's
    opening part."""
    text = (
        "“Closed for repairs,” read the sign on the gate. Ilse Brandt said, “the island "
        "loses a day of trade.”"
    )
    analysis = claims_of(text)
    got = by_cue(analysis, "said")
    assert got
    assert all("Closed" not in c.content.text for c in got)


# text, cue, the source span as the text writes it
SOURCES = [
    (  # a leading phrase's noun read as the subject: the apposition after it speaks
        "With ten days until the vote, Mira Holm, an adviser to the port authority, said the "
        "quay would open in May.",
        "said",
        "Mira Holm, an adviser to the port authority,",
    ),
    (  # "City, State" is one place, not an aside about the city
        "Dean Ostrow, a retired teacher from Sumter, South Carolina, said the vote was fair.",
        "said",
        "Dean Ostrow, a retired teacher from Sumter, South Carolina,",
    ),
    (  # a participle aside stays out of the source
        "Mayor Lind, appearing after the governor at the harbour forum, cited the cost of "
        "the new quay.",
        "cited",
        "Mayor Lind",
    ),
    (  # a signed post: the handle with its closing parenthesis
        "The new quay will be ready before the storms come. — Jane Roe (@janeroe)",
        "—",
        "Jane Roe (@janeroe)",
    ),
    (  # the same when the speaker is shared with the verb before ("agreed, but argued")
        "His ex-wife agreed, but also contended that the court had no reason to open the file.",
        "contended",
        "His ex-wife",
    ),
    (  # one subject the parser cut in two at a comma
        "The family, neighbours and local teachers have been demanding that the council "
        "reopen the school.",
        "have been demanding",
        "The family, neighbours and local teachers",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source"), SOURCES)
def test_source_span(claims_of, text, cue, source) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
