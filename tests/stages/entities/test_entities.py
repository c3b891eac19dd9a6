"""Entities stage on sentences of our own. Where a test is about correcting a model error, the
error is forced (doc.ents set by hand), so the test checks our rule, not the model's mood."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsint.model import Analysis, Entity
from newsint.stages.entities.stage import entity_at, mention_at


@pytest.fixture(scope="module")
def analyse(run_stages):
    def run(text: str) -> Analysis:
        return run_stages(text, ["clean", "nlp", "entities"]).analysis

    return run


def by_name(a: Analysis, name: str) -> Entity:
    found = [e for e in a.entities if e.name == name]
    assert found, f"{name!r} not in {[e.name for e in a.entities]}"
    return found[0]


def kinds(a: Analysis, e: Entity) -> list[str]:
    ms = {m.id: m for m in a.mentions}
    return [ms[i].kind for i in e.mentions]


# --------------------------------------------------------------------------- model errors fixed


@pytest.mark.parametrize(
    ("text", "ents", "needle", "type_", "kind", "fix"),
    [
        # a place tagged PERSON: modifier of a place noun, or after a locative preposition
        (
            "Shelling continued near the Kadrivka nuclear power facility on Sunday.",
            [("Kadrivka", "PERSON", 0)],
            "Kadrivka",
            "GPE",
            "name",
            "place-as-person",
        ),
        (
            "Fighting went on in Dravinsk all week.",
            [("Dravinsk", "PERSON", 0)],
            "Dravinsk",
            "GPE",
            "name",
            "place-as-person",
        ),
        # a demonym tagged GPE
        (
            "The Estonian delegation arrived on Tuesday.",
            [("Estonian", "GPE", 0)],
            "Estonian",
            "NORP",
            "demonym",
            "demonym",
        ),
        # a seat of power tagged PERSON
        (
            "The Kremlin denied the report on Friday.",
            [("Kremlin", "PERSON", 0)],
            "Kremlin",
            "ORG",
            "metonym",
            "gazetteer",
        ),
        # a common-word tail on a name
        (
            "Shares of the Interfax news agency rose.",
            [("Interfax news agency", "ORG", 0)],
            "Interfax",
            "ORG",
            "name",
            "lowercase-tail",
        ),
        # a lone surname tagged ORG beside the full person name
        (
            "Police detained Wang Lihua on Friday. Wang was taken to the city jail.",
            [("Wang Lihua", "PERSON", 0), ("Wang", "ORG", 1)],
            "Wang",
            "PERSON",
            "name",
            "person-part",
        ),
        # a given name cut off a person
        (
            "On Monday the envoy met Ana Ribeiro at the port.",
            [("Ribeiro", "PERSON", 0)],
            "Ana Ribeiro",
            "PERSON",
            "name",
            "extended",
        ),
    ],
)
def test_model_errors_are_fixed(forced, text, ents, needle, type_, kind, fix) -> None:
    a = forced(text, ents)
    found = [m for m in a.mentions if m.text == needle]
    assert found, [m.text for m in a.mentions]
    m = found[-1]
    assert (m.type, m.kind) == (type_, kind)
    assert fix in (m.fix or "")


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("Read the Top Stories section before you go.", [("Top Stories", "ORG", 0)]),
        ("The Foreign Minister arrived late.", [("Foreign Minister", "ORG", 0)]),
        # common words the model took for a name: no capital, no name
        (
            "A spokesman for the ministry later said the ferry would run.",
            [("ministry later", "ORG", 0)],
        ),
        ("The board said the company would appeal.", [("the company", "ORG", 0)]),
    ],
)
def test_furniture_and_bare_titles_are_no_entities(forced, text, ents) -> None:
    a = forced(text, ents)
    assert a.mentions == [] and a.entities == []


# --------------------------------------------------------------------------- names found by rules


def test_lowercase_agency_from_the_tables(analyse) -> None:
    a = analyse("The report was obtained by the associated press on Monday.")
    e = by_name(a, "Associated Press")
    assert e.type == "ORG" and e.aliases == ["associated press"]
    (m,) = [m for m in a.mentions if m.entity == e.id]
    assert (m.text, m.label, m.fix) == ("associated press", "O", "gazetteer")


def test_full_name_propagated_from_a_tagged_surname(forced) -> None:
    text = "Ana Sofia Ribeiro arrived on Monday. Ribeiro said the talks went well."
    a = forced(text, [("Ribeiro", "PERSON", 1)])
    e = by_name(a, "Ana Sofia Ribeiro")
    assert e.type == "PERSON" and e.aliases == ["Ribeiro"]
    assert [ev.rule for ev in e.links] == ["surname"]
    assert "propagated" in next(m.fix for m in a.mentions if m.text == "Ana Sofia Ribeiro")


KORVAN = (
    "The Korvan Group sold rifles to the army. Korvan also sold drones to the army. "
    "A leaked memo said: Gorvan sold rifles again."
)


def test_spelling_variant_is_merged_with_evidence(forced) -> None:
    a = forced(KORVAN, [("Korvan Group", "ORG", 0), ("Korvan", "ORG", 1)])
    e = by_name(a, "Korvan Group")
    assert e.aliases == ["Gorvan", "Korvan"]
    fuzzy = [ev for ev in e.links if ev.rule == "fuzzy"]
    assert len(fuzzy) == 1 and fuzzy[0].b in ("Gorvan", "Korvan")
    assert 0.8 <= fuzzy[0].score < 1.0 and "rifle" in (fuzzy[0].detail or "")


def test_similar_name_in_another_context_is_not_merged(forced) -> None:
    text = "The Korvan Group sold rifles to the army. Gorvan won the chess final in Oslo."
    a = forced(text, [("Korvan Group", "ORG", 0)])
    assert [e.name for e in a.entities if e.type == "ORG"] == ["Korvan Group"]
    assert not any(m.text == "Gorvan" for m in a.mentions)


def test_shouted_headline_names_confirmed_by_the_body(analyse) -> None:
    a = analyse("SOCCER - ESTONIA BEAT LATVIA IN TALLINN\n\nEstonia beat Latvia 2-1 in Tallinn.")
    for name, loud in (("Estonia", "ESTONIA"), ("Latvia", "LATVIA"), ("Tallinn", "TALLINN")):
        e = by_name(a, name)
        assert e.aliases == [loud]
    assert not any(m.text == "SOCCER" for m in a.mentions)


# --------------------------------------------------------------------------- merging and links


def test_titles_and_surnames(analyse) -> None:
    a = analyse(
        "Foreign Minister Ana Ribeiro met President Luis Duarte in Lisbon on Monday. "
        "Ribeiro said the talks went well."
    )
    ribeiro = by_name(a, "Ana Ribeiro")
    assert ribeiro.aliases == ["Ribeiro"]
    assert [r.role for r in ribeiro.roles] == ["Foreign Minister"]
    assert kinds(a, ribeiro) == ["title", "name"]
    assert {ev.rule for ev in ribeiro.links} == {"title", "surname"}
    duarte = by_name(a, "Luis Duarte")
    assert [r.role for r in duarte.roles] == ["President"]
    role = duarte.roles[0]
    assert a.text[role.start : role.end] == "President"


def test_apposition_gives_a_role(analyse) -> None:
    a = analyse(
        "Marta Quintela, the director of the National Water Agency, said reservoirs were low."
    )
    e = by_name(a, "Marta Quintela")
    assert [r.role for r in e.roles] == ["director of the National Water Agency"]
    assert a.text[e.roles[0].start : e.roles[0].end] == e.roles[0].role


def test_acronym_in_parentheses(analyse) -> None:
    a = analyse("The Central Intelligence Agency (CIA) issued a report. The CIA said more.")
    e = by_name(a, "Central Intelligence Agency")
    assert e.aliases == ["CIA"]
    assert kinds(a, e) == ["name", "acronym", "acronym"]
    assert "acronym" in {ev.rule for ev in e.links}


def test_demonyms_link_to_their_country_with_the_kind_of_link(analyse) -> None:
    a = analyse(
        "Russian forces shelled the town. The Russian government denied it. "
        "Russians queued for bread."
    )
    e = by_name(a, "Russia")
    assert (e.type, e.country) == ("GPE", "RU")
    links = [m.link for m in a.mentions if m.entity == e.id]
    assert links == ["military", "government", "people"]
    assert {ev.rule for ev in e.links} == {"demonym"}


def test_capital_metonymy_is_flagged_only_where_it_acts(analyse) -> None:
    a = analyse(
        "Lisbon said on Monday it would not sign the treaty. "
        "Ana Ribeiro has lived in Lisbon for ten years."
    )
    e = by_name(a, "Lisbon")
    assert (e.type, e.country, e.metonymy) == ("GPE", "PT", True)
    assert kinds(a, e) == ["metonym", "name"]
    (ev,) = [ev for ev in e.links if ev.rule == "metonymy"]
    assert ev.b == "Portugal"


# --------------------------------------------------------------------------- helpers and invariants


def test_entity_at_and_mention_at(analyse) -> None:
    a = analyse("The Central Intelligence Agency (CIA) issued a report. The CIA said more.")
    cia = a.text.rindex("CIA")
    e = entity_at(a, cia, cia + 3)
    assert e is not None and e.name == "Central Intelligence Agency"
    m = mention_at(a, cia + 1, cia + 2)
    assert m is not None and m.text == "CIA"
    phrase = a.text.rindex("The CIA said")
    assert entity_at(a, phrase, phrase + len("The CIA said")) is None
    assert entity_at(a, phrase, phrase + len("The CIA said"), inside=True) == e
    assert entity_at(a, 0, 3) is None


def test_output_is_deterministic_and_sorted(analyse) -> None:
    text = "Foreign Minister Ana Ribeiro met Luis Duarte in Lisbon. Ribeiro left for Madrid."
    first, second = analyse(text), analyse(text)
    assert first.to_json() == second.to_json()
    assert [m.start for m in first.mentions] == sorted(m.start for m in first.mentions)
    firsts = [min(m.start for m in first.mentions if m.entity == e.id) for e in first.entities]
    assert firsts == sorted(firsts)


SENTENCES = [
    "Foreign Minister Ana Ribeiro met President Luis Duarte in Lisbon.",
    "Ribeiro said the Korvan Group had sold rifles to the army.",
    "The Central Intelligence Agency (CIA) declined to comment.",
    "Estonian officials said Tallinn would respond.",
    "the associated press saw the document.",
    "KORVAN DENIES SELLING RIFLES TO ESTONIA",
    "Russian forces shelled Dravinsk overnight.",
    "Gorvan said nothing.",
    "",
]


@settings(max_examples=12, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6))
def test_spans_in_bounds_and_every_mention_in_one_entity(analyse, picks: list[str]) -> None:
    a = analyse("\n\n".join(picks).strip() or "Nothing here.")
    ids = {e.id for e in a.entities}
    assert len(ids) == len(a.entities)
    owners: dict[str, str] = {}
    for e in a.entities:
        for mid in e.mentions:
            assert mid not in owners
            owners[mid] = e.id
        for r in e.roles:
            assert 0 <= r.start < r.end <= len(a.text)
    for m in a.mentions:
        assert 0 <= m.start < m.end <= len(a.text)
        assert a.text[m.start : m.end] == m.text
        assert owners[m.id] == m.entity
    spans = sorted((m.start, m.end) for m in a.mentions)
    assert all(x[1] <= y[0] for x, y in pairwise(spans))  # no overlaps


@pytest.mark.parametrize(
    ("text", "names", "absent"),
    [
        (  # the model's "Harbour Workers Union Backs": a verb of the headline joined the name
            "Harbour Workers Union Backs Mayor Brandt In Strike Talks\n\n"
            "The Harbour Workers Union backed Mayor Ilse Brandt on Tuesday in Valdoria.",
            {"Harbour Workers Union": "ORG", "Ilse Brandt": "PERSON"},
            ["Harbour Workers Union Backs", "Strike Talks"],
        ),
        (  # "Trump Says", "Ruritania Will Pay": headline words are no names
            "Ortega Says Ruritania Will Pay For New Bridge\n\n"
            "President Lena Ortega said on Monday that Ruritania would pay for the bridge.",
            {"Lena Ortega": "PERSON", "Ruritania": "GPE"},
            ["Ortega Says", "Ruritania Will Pay", "New Bridge"],
        ),
    ],
)
def test_title_case_headline_names_confirmed_by_the_body(analyse, text, names, absent) -> None:
    """A headline in title case is read like an all-caps one: its names stand where the body
    confirms them, and the capitalised verbs around them are no part of them."""
    a = analyse(text)
    for name, type_ in names.items():
        assert by_name(a, name).type == type_
    headline = text.split("\n", 1)[0]
    in_headline = [m.text for m in a.mentions if m.start < len(headline)]
    assert in_headline, "the headline's names are found"
    for wrong in absent:
        assert wrong not in in_headline
        assert all(e.name != wrong for e in a.entities)


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Harbour Workers Union Backs Mayor Brandt In Strike Talks", True),
        ("Oakvale Beat Harrowgate 3 1 On Saturday", False),  # a result row: figures
        ("Marta Quist Won The Race.", False),  # a sentence: its full stop
        ("The mayor backed the union on Tuesday", False),  # prose
    ],
)
def test_title_case_headline_lines(run_stages, line, headline) -> None:
    from newsint.config import default_config
    from newsint.stages.entities.mentions import _shouted

    doc = run_stages(line + "\n\nThe talks went on.", ["clean", "nlp"]).doc
    flags = _shouted(doc, default_config().entities)
    first = [flags[t.i] for t in doc if t.idx < len(line)]
    assert first and all(f == headline for f in first)
