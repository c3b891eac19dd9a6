"""Outlets, datelines, photo credits and bylines in the entities stage (our own sentences).
Where a model error is corrected, the error is forced (doc.ents set by hand)."""

from __future__ import annotations

import pytest

from newsint.model import Analysis, Mention


def mention(a: Analysis, text: str) -> Mention:
    found = [m for m in a.mentions if m.text == text]
    assert found, f"{text!r} not in {[m.text for m in a.mentions]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "ents", "name"),
    [
        (
            "Newser relayed the interview on Tuesday, quoting the mayor at length.",
            [("Newser", "PERSON")],
            "Newser",
        ),
        (
            "Meridian Wire obtained the memo from two port officials.",
            [("Meridian Wire", "PERSON")],
            "Meridian Wire",
        ),
    ],
)
def test_outlet_typed_org(forced, text: str, ents: list[tuple[str, str]], name: str) -> None:
    a = forced(text, ents)
    m = mention(a, name)
    assert m.type == "ORG"
    entity = a.entity(m.entity) if m.entity else None
    assert entity is not None and entity.type == "ORG"


def test_outlet_aliases_are_one_entity(forced) -> None:
    text = "The Associated Press saw the letter. AP said the envoy signed it on Friday."
    a = forced(text, [("Associated Press", "ORG"), ("AP", "ORG")])
    first, second = mention(a, "Associated Press"), mention(a, "AP")
    assert first.entity is not None and first.entity == second.entity


def test_dateline_place_and_outlet(forced) -> None:
    text = "VARNOK, Estland (Reuters) - Dock workers walked out on Monday over unpaid wages."
    a = forced(text, [("VARNOK", "PERSON")])  # the model guesses on an all-caps dateline
    assert mention(a, "VARNOK").type == "GPE"
    assert mention(a, "Estland").type == "GPE"
    assert mention(a, "Reuters").type == "ORG"


def test_photo_credit_is_no_entity(forced) -> None:
    text = (
        "Volunteers cleared the flooded square on Sunday.\n\n"
        "AP Photo/Lena Marsh Okafor\n\n"
        "The council said repairs would take a month."
    )
    a = forced(text, [("AP Photo/Lena Marsh Okafor", "ORG")])
    assert all(e.name != "AP Photo/Lena Marsh Okafor" for e in a.entities)
    assert mention(a, "AP").type == "ORG"


def test_credited_person_has_no_entity(forced) -> None:
    text = "The old lighthouse at dusk. Image: Tomas Ferreira.\n\nThe lamp was lit again."
    a = forced(text, [("Tomas Ferreira", "PERSON")])
    m = mention(a, "Tomas Ferreira")
    assert (m.kind, m.type, m.entity) == ("credit", "PERSON", None)
    assert all(e.name != "Tomas Ferreira" for e in a.entities)


def test_byline_writers_are_no_entities(forced) -> None:
    text = (
        "By Ines Varga and Paul Kettering, Associated Press\n\n"
        "The ferry operator cancelled all crossings on Friday."
    )
    a = forced(text, [("Ines Varga", "PERSON"), ("Paul Kettering", "PERSON")])
    names = {e.name for e in a.entities}
    assert "Ines Varga" not in names and "Paul Kettering" not in names
    assert "Associated Press" in names


@pytest.mark.parametrize(
    ("text", "company", "ticker"),
    [
        (
            "Halvorsen Pharma Inc (NYSE:HLVP) said the offer undervalued its drug pipeline.",
            "Halvorsen Pharma Inc",
            "HLVP",
        ),
        (
            "Brightwater Systems (Nasdaq: BWSY) rejected the bid on Monday.",
            "Brightwater Systems",
            "BWSY",
        ),
    ],
)
def test_ticker_joins_its_company(forced, text: str, company: str, ticker: str) -> None:
    exchange = text[text.index("(") + 1 : text.index(":")]
    a = forced(text, [(company, "ORG"), (exchange, "ORG"), (ticker, "ORG")])
    assert mention(a, ticker).entity == mention(a, company).entity
    assert all(e.name != exchange and exchange not in e.aliases for e in a.entities)
    entity = a.entity(mention(a, company).entity or "")
    assert entity is not None and ticker in entity.aliases


def test_headline_fragment_is_no_name(forced) -> None:
    """A headline's quoted words are no part of a name: the name before them is kept."""
    text = (
        "Halvorsen 'Looking Forward' To Harbour Talks\n\n"
        "Prime Minister Eva Halvorsen said on Tuesday she expected an agreement."
    )
    a = forced(text, [("Halvorsen 'Looking Forward'", "ORG"), ("Eva Halvorsen", "PERSON")])
    assert all("Looking" not in m.text for m in a.mentions)
    first = mention(a, "Halvorsen")
    assert first.type == "PERSON" and first.entity == mention(a, "Eva Halvorsen").entity


def test_plural_possessive_is_no_quote(forced) -> None:
    text = "The Dock Workers ' Association said it would strike on Friday."
    a = forced(text, [("Dock Workers ' Association", "ORG")])
    assert mention(a, "Dock Workers ' Association").type == "ORG"


@pytest.mark.parametrize(
    ("text", "ents", "name", "type_"),
    [
        (
            "The Danish shipping giant Norvik said on Friday it would buy two ports. "
            "Norvik will pay in cash.",
            [("Norvik", "PERSON"), ("Norvik will", "PERSON")],
            "Norvik",
            "ORG",
        ),
        (
            "Oslo-based Tarvo raised its forecast. Analysts said Tarvo had room to grow.",
            [("Tarvo", "PERSON")],
            "Tarvo",
            "ORG",
        ),
        (  # a place owning output stays a place
            "Officials said Velmora 's output fell in March.",
            [("Velmora", "GPE")],
            "Velmora",
            "GPE",
        ),
        (  # a person's surname stays a person
            "Consultant Ana Norberg left. Norberg 's shares were sold.",
            [("Ana Norberg", "PERSON"), ("Norberg 's", "PERSON")],
            "Norberg",
            "PERSON",
        ),
    ],
)
def test_company_by_description(
    forced, text: str, ents: list[tuple[str, str]], name: str, type_: str
) -> None:
    a = forced(text, ents)
    found = [m for m in a.mentions if m.text == name]
    assert found and all(m.type == type_ for m in found)


def test_place_named_surname_is_the_person(forced) -> None:
    text = (
        "The activist Kira Lisbon left the group in 2009. Lisbon said she was never paid. "
        "She now lives in Lisbon."
    )
    a = forced(text, [("Kira Lisbon", "PERSON"), ("Lisbon said", "GPE")])
    said = next(m for m in a.mentions if m.text == "Lisbon" and text[m.end :].startswith(" said"))
    lives = next(
        m for m in a.mentions if m.text == "Lisbon" and text[m.start - 3 : m.start] == "in "
    )
    assert (said.type, lives.type) == ("PERSON", "GPE")
