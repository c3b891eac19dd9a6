"""Claims stage, issue 16 (branch attrpron): the source span as the text writes it. A pronoun or
"who" stays the source as written, with the person it stands for in the source's name and
`resolved_from`; an apposition set off by commas keeps the comma that closes it, after the verb
("said Jane Roe, the mayor of Easton,") as before it. Sentences of our own; each row names the
claim by its cue."""

from __future__ import annotations

import pytest

from handmade import first_claim

# text, cue, source span as written, the name it resolves to
PRONOUNS = [
    (
        "Councillor Mira Tallow opened the meeting early. She said the ferry budget was too small.",
        "said",
        "She",
        "Mira Tallow",
    ),
    (
        "The plan was drafted by Anton Vell, who said the levy would fall next year.",
        "said",
        "who",
        "Anton Vell",
    ),
]


@pytest.mark.parametrize(("text", "cue", "span", "name"), PRONOUNS)
def test_a_pronoun_source_is_written_as_the_text_has_it(claims_of, text, cue, span, name) -> None:
    claim = first_claim(claims_of(text), cue)
    src = claim.source
    assert src.start is not None and src.end is not None
    assert text[src.start : src.end] == span  # the span the eval scores: the word as written
    assert src.resolved_from  # the analyst still sees who it is
    assert name in (src.name or "")


# text, cue, source span as written
APPOSITIONS = [
    (  # after the verb: the comma closing the apposition is written with it
        "The ferry will stop in May, said Jane Roe, the mayor of Easton, at a hearing.",
        "said",
        "Jane Roe, the mayor of Easton,",
    ),
    (  # before the verb, as it was
        "Jane Roe, the mayor of Easton, said the ferry would stop in May.",
        "said",
        "Jane Roe, the mayor of Easton,",
    ),
    (  # no apposition: no comma
        "The ferry will stop in May, said Jane Roe, adding that the budget was gone.",
        "said",
        "Jane Roe",
    ),
]


@pytest.mark.parametrize(("text", "cue", "span"), APPOSITIONS)
def test_an_apposition_keeps_its_closing_comma(claims_of, text, cue, span) -> None:
    claim = first_claim(claims_of(text), cue)
    src = claim.source
    assert src.start is not None and src.end is not None
    assert text[src.start : src.end] == span
