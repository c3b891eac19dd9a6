"""The outlet recogniser: outlet names in running text, datelines, credit lines, photo credits
and bylines (fictional sentences), and its invariants."""

from __future__ import annotations

import itertools
import tomllib
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsint.text.outlets import Outlets, in_credit, load_outlets


@pytest.fixture(scope="module")
def outlets() -> Outlets:
    return load_outlets()


# text, kind, the credit's text, the outlet it names (canonical), the place, the people named
CREDITS = [
    (
        "WASHINGTON (AP) — The senator filed the bill on Monday.",
        "dateline",
        "WASHINGTON (AP) —",
        "Associated Press",
        "WASHINGTON",
        [],
    ),
    (
        "KYIV, Ukraine (Reuters) - Two drones struck a depot overnight.",
        "dateline",
        "KYIV, Ukraine (Reuters) -",
        "Reuters",
        "KYIV, Ukraine",
        [],
    ),
    (
        "OSLO, March 4 (Reuters) - The krone fell.",
        "dateline",
        "OSLO, March 4 (Reuters) -",
        "Reuters",
        "OSLO",
        [],
    ),
    (
        "BISHKEK (Atlas News Agency) — Talks opened.",
        "dateline",
        "BISHKEK (Atlas News Agency) —",
        "Atlas News Agency",
        "BISHKEK",
        [],
    ),
    ("TALLINN 1996-08-30", "dateline", "TALLINN 1996-08-30", None, "TALLINN", []),
    ("RIGA — The port reopened.", "dateline", "RIGA —", None, "RIGA", []),
    ("VILNIUS ― The ferry sailed.", "dateline", "VILNIUS ―", None, "VILNIUS", []),  # a bar
    (
        "Crews clear the road. AP Photo/Lena Marsh Okafor",
        "photo",
        "AP Photo/Lena Marsh Okafor",
        "Associated Press",
        None,
        ["Lena Marsh Okafor"],
    ),
    (
        "Photo: Tomas Ferreira/AFP",
        "photo",
        "Photo: Tomas Ferreira/AFP",
        "Agence France-Presse",
        None,
        ["Tomas Ferreira"],
    ),
    ("The envoy lands in Vilnius. (Getty)", "credit", "(Getty)", "Getty Images", None, []),
    (
        "-- Tallinn Newsroom +372 612 3456",
        "credit",
        "Tallinn Newsroom +372 612 3456",
        "Tallinn Newsroom",  # not in the table: named as written
        None,
        [],
    ),
    ("Reuters — The lender cut its forecast.", "credit", "Reuters —", "Reuters", None, []),
    (
        "This story was provided by Meridian Wire.",
        "credit",
        "This story was provided by Meridian Wire.",
        "Meridian Wire",
        None,
        [],
    ),
    (
        "By Ines Varga and Paul Kettering, Associated Press",
        "byline",
        "By Ines Varga and Paul Kettering, Associated Press",
        "Associated Press",
        None,
        ["Ines Varga", "Paul Kettering"],
    ),
    (
        "By Ines Varga (Kestrel News Agency) · 2 hours ago",
        "byline",
        "By Ines Varga (Kestrel News Agency)",
        "Kestrel News Agency",
        None,
        ["Ines Varga"],
    ),
]


@pytest.mark.parametrize(("text", "kind", "line", "outlet", "place", "names"), CREDITS)
def test_credit_lines(
    outlets: Outlets,
    text: str,
    kind: str,
    line: str,
    outlet: str | None,
    place: str | None,
    names: list[str],
) -> None:
    found = outlets.credits(text)
    assert len(found) == 1
    c = found[0]
    assert (c.kind, c.text) == (kind, line)
    assert text[c.start : c.end] == line
    assert (c.outlet.name if c.outlet else None) == outlet
    assert (text[c.place[0] : c.place[1]] if c.place else None) == place
    assert [text[a:b] for a, b in c.names] == names


@pytest.mark.parametrize(
    "text",
    [
        "By Tuesday, the ministry had agreed to the terms.",
        "SOCCER - HOSTS HOLD ON FOR NARROW WIN .",  # a sports headline, not a dateline
        "The data was first published by Kestrel News Agency (KNA).",  # an acronym in passing
        "Lena Marsh (left) met the mayor.",
        "Marta Quist — the union's treasurer — resigned.",  # a dash after an unknown name
        "The newsroom in Tallinn was quiet on Sunday.",
    ],
)
def test_not_credit_lines(outlets: Outlets, text: str) -> None:
    assert outlets.credits(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The figures were first reported by Reuters.", [("Reuters", "Reuters")]),
        (
            "A reporter for the associated press saw the convoy.",
            [("associated press", "Associated Press")],
        ),
        (
            "Newser relayed the interview, citing AP.",
            [("Newser", "Newser"), ("AP", "Associated Press")],
        ),
        ("The Meridian Wire report cited the memo.", [("Meridian Wire", "Meridian Wire")]),
        ("Michael Bloomberg spoke to donors.", []),  # a piece of a person's name
        ("The Guardian Council vetoed the list.", []),  # a piece of another organisation's name
        ("The Guardian reported the vote.", [("Guardian", "The Guardian")]),
        ("Officials at the EPA declined to comment.", []),  # short forms only in credits
    ],
)
def test_outlets_in_running_text(outlets: Outlets, text: str, found: list[tuple[str, str]]) -> None:
    got = outlets.find(text)
    assert [(m.text, m.name) for m in got] == found
    assert all(text[m.start : m.end] == m.text for m in got)


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("the Associated Press", "Associated Press"),
        ("AP", "Associated Press"),
        ("(Getty)", "Getty Images"),
        ("PA", "PA Media"),
        ("meridian wire", "Meridian Wire"),
        ("Xinhua News Agency", "Xinhua"),
    ],
)
def test_lookup(outlets: Outlets, name: str, canonical: str) -> None:
    hit = outlets.lookup(name)
    assert hit is not None and hit.name == canonical


def test_lookup_unknown_and_outlet_words(outlets: Outlets) -> None:
    assert outlets.lookup("Ministry of Health") is None
    assert outlets.looks_like_outlet("Riverside Gazette")
    assert not outlets.looks_like_outlet("Marta Quist")


@pytest.mark.parametrize(
    ("site", "canonical"),
    [
        ("https://www.reuters.com/world/", "Reuters"),
        ("news.bbc.co.uk", "BBC"),
        ("meridianwire.example", "Meridian Wire"),
    ],
)
def test_by_site(outlets: Outlets, site: str, canonical: str) -> None:
    hit = outlets.by_site(site)
    assert hit is not None and hit.name == canonical


def test_unknown_site(outlets: Outlets) -> None:
    assert outlets.by_site("example.org") is None


def test_demo_outlets_are_in_the_table(outlets: Outlets) -> None:
    """Every outlet the demo corpus credits, and every site it comes from, is known."""
    manifest = tomllib.loads(
        resources.files("newsint.data").joinpath("demo/manifest.toml").read_text("utf-8")
    )
    for a in manifest["article"]:
        for name in (a["credits"], a["agency"]):
            if name:
                assert outlets.lookup(name) is not None, name
        if a["site"]:
            assert outlets.by_site(a["site"]) is not None, a["site"]


def test_in_credit(outlets: Outlets) -> None:
    text = "OSLO (Reuters) — The fund sold its stake."
    credits = outlets.credits(text)
    assert in_credit(credits, text.index("Reuters"), text.index("Reuters") + 7) is credits[0]
    assert in_credit(credits, text.index("fund"), text.index("fund") + 4) is None


_PIECES = st.sampled_from(
    [
        "WASHINGTON (AP) — ",
        "AP Photo/Lena Marsh",
        "By Ines Varga, Reuters",
        "(Getty)",
        "Reuters",
        "the associated press",
        "Newser",
        " said ",
        ". ",
        "\n",
        "The ministry ",
        "KYIV, Ukraine (Reuters) - ",
        "é",
        "(",
        ")",
        "—",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join) | st.text(max_size=80))
def test_spans_in_bounds_and_disjoint(text: str) -> None:
    outlets = load_outlets()
    credits = outlets.credits(text)
    for c in credits:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
        for s, e in (*c.names, *([c.place] if c.place else [])):
            assert c.start <= s < e <= c.end
        if c.outlet:
            assert c.start <= c.outlet.start < c.outlet.end <= c.end
    for a, b in itertools.pairwise(credits):
        assert a.end <= b.start
    for m in outlets.find(text):
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text


def test_wire_forms_are_agencies_only(outlets: Outlets) -> None:
    forms = outlets.wire_forms()
    assert forms["ap"] == forms["associated press"] == forms["apnews"] == "Associated Press"
    assert forms["meridian wire"] == "Meridian Wire"
    assert "news" not in forms  # a site label like "news.cn" is no form of its agency
    assert "bbc" not in forms and "getty images" not in forms  # an outlet, a picture agency
