"""Claims stage, issue 16 (second pass on bounds): the cue written with its verb's phrase, a
charge kept with its target, a writer's closing aside left out of the content. Sentences of
our own; each row names the claim by its cue as written."""

from __future__ import annotations

import pytest

from handmade import first_claim

# text, the cue as written, the content
CUES = [
    (  # auxiliaries and an adverb before the verb belong to the cue
        "The harbour master has also warned that the pier could collapse.",
        "has also warned",
        "that the pier could collapse",
    ),
    (  # a progressive auxiliary
        "The fishermen are demanding that the council repair the breakwater.",
        "are demanding",
        "that the council repair the breakwater",
    ),
    (  # the preposition that opens the content
        "Mayor Ilse Brandt called for a new ferry to the northern islands.",
        "called for",
        "a new ferry to the northern islands",
    ),
    (
        "The union complained about the unpaid night shifts.",
        "complained about",
        "the unpaid night shifts",
    ),
    (  # a colon before the quotation
        "The skipper continued: “Nobody has paid us for the lost week.”",
        "continued:",
        "“Nobody has paid us for the lost week.”",
    ),
    (  # a negation before the verb
        "The harbour board did not deny that the crane had failed twice.",
        "did not deny",
        "that the crane had failed twice",
    ),
    (  # an adverb between the verb and its clause
        "The skipper noted repeatedly that the nets were torn.",
        "noted repeatedly",
        "that the nets were torn",
    ),
    (  # what the speaker calls the object of the content preposition stays in the content
        "The mayor referred to the old quay as “a danger to every child in town.”",
        "referred to",
        "the old quay as “a danger to every child in town.”",
    ),
    (  # ...and so does what the object is to do
        "The mayor has called for the harbour board to release the inspection report.",
        "has called for",
        "the harbour board to release the inspection report",
    ),
    (  # an adverb phrase before the verb ("so far") is not taken in part ("far suggests")
        "Nothing so far suggests that the harbour officials knew of the transfer.",
        "suggests",
        "that the harbour officials knew of the transfer",
    ),
    (  # a bare report keeps its one word
        "The inspector said the crane was unsafe.",
        "said",
        "the crane was unsafe",
    ),
]


@pytest.mark.parametrize(("text", "cue", "content"), CUES)
def test_cue_written_with_its_phrase(claims_of, text, cue, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.content.text == content


# text, cue, content: what the content keeps or leaves at its end
ENDS = [
    (  # the charge against a target stays, even with a reporting word inside it
        "The senator has criticized the mayor for accepting speaking fees from the ferry line.",
        "has criticized",
        "the mayor for accepting speaking fees from the ferry line",
    ),
    (  # a relative clause about a name, tacked on after a comma, is the writer's
        "Roe said he would not endorse Ilse Brandt, who has led the harbour board since 2019.",
        "said",
        "he would not endorse Ilse Brandt",
    ),
    (  # ...and so is one about a thing
        "The inspectors said the crane failed its test, which the port had scheduled for May.",
        "said",
        "the crane failed its test",
    ),
    (  # a concession after a comma stays: train gold holds it 9 times in 12 ("even though"),
        # 5 in 7 ("though"), and dev content exact falls when it goes (attrbound4; edge_model.py)
        "The board said the new quay would open in June, though the builders have not finished.",
        "said",
        "the new quay would open in June, though the builders have not finished",
    ),
    (  # a restrictive relative clause stays
        "The captain said the boats that sank last winter were never insured.",
        "said",
        "the boats that sank last winter were never insured",
    ),
    (  # inside a quotation the speaker said it: it stays
        "“We will not endorse Ilse Brandt, who has led the board since 2019,” Roe said.",
        "said",
        "“We will not endorse Ilse Brandt, who has led the board since 2019,”",
    ),
]


@pytest.mark.parametrize(("text", "cue", "content"), ENDS)
def test_content_end(claims_of, text, cue, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.content.text == content
