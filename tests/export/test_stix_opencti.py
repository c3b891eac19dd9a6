"""The STIX bundle against what its consumers check: the OASIS validator (strict and interop)
and OpenCTI's import rules, written down here because pycti cannot be imported cheaply.

OpenCTI's rules (its platform's STIX import and pycti's `generate_id` functions):
- an identity's key is UUIDv5(OpenCTI namespace, canonical JSON of {name lower-cased and
  stripped, identity_class}): two identities with the same name and class are ONE entity,
  whatever their STIX ids;
- identity classes it converts: individual, organization, class (Sector), system; any other
  class ("unknown", "group") is refused;
- a location's key is its name and `x_opencti_location_type` (Region, Country,
  Administrative-Area, City, Position); without the type it guesses from `city`, `country`,
  `region`, so a city with only `country` becomes a Country;
- no core relationship starts or ends at a container (report, note, grouping, opinion).
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stix2.canonicalization.Canonicalize import canonicalize
from stix2validator import ValidationOptions, validate_string

from handmade import Did, Said, When, article
from newsint.export import EXPORTERS, ExportData
from newsint.export.stix import tlp_marking
from newsint.model import Analysis, Grade

OPENCTI_NAMESPACE = uuid.UUID("00abedb4-aa42-466c-9c01-fed23315a9b7")
OPENCTI_IDENTITY_CLASSES = frozenset({"individual", "organization", "class", "system"})
OPENCTI_LOCATION_TYPES = frozenset({"Region", "Country", "Administrative-Area", "City", "Position"})
CONTAINERS = frozenset({"report", "note", "grouping", "opinion"})
AS_OF = {"as_of": "2026-12-06T10:00:00"}

# Unnamed, article-local and pronoun sources, as the claims stage writes them.
LOCAL_SOURCES = [
    ("anonymous", "Two officials"),
    ("anonymous", "a spokesperson"),
    ("person", "She"),
    ("anonymous", "inspectors"),
    ("government", "police"),
]


def opencti_identity_key(name: str, identity_class: str) -> str:
    data = {"name": name.lower().strip(), "identity_class": identity_class.lower()}
    return str(uuid.uuid5(OPENCTI_NAMESPACE, canonicalize(data, utf8=False)))


def local_story(aid: str, site: str, town: str, published: str | None) -> Analysis:
    """An article of our own invention whose claims rest on unnamed sources, a pronoun and one
    named person."""
    text = (
        f"{town} — Two officials said the bridge at {town} would close. Nadia Okafor said "
        "repairs were overdue. She said the works had been planned for years. Police said a "
        "lane would stay open, and a spokesperson said tolls were suspended. Inspectors found "
        "cracks in the deck."
    )
    return article(
        text,
        id=aid,
        site=site,
        url=f"https://{site.lower().replace(' ', '-')}.example/{aid}",
        title=f"Bridge at {town} to close",
        published=published,
        author="Lee Park & Ana Varga",
        names=[("Nadia Okafor", "PERSON"), (town, "GPE"), ("Norway", "GPE")],
        times=[When("for years", "PAST_REF", granularity="none")],
        claims=[
            Said("the bridge at", chain=[("anonymous", "Two officials")], cue="said"),
            Said(
                "repairs were overdue",
                chain=[("person", "Nadia Okafor", "Nadia Okafor")],
                grade=Grade(reliability="B", credibility=2),
            ),
            Said("the works had been planned for years", chain=[("person", "She")]),
            Said("a lane would stay open", chain=[("government", "Police")]),
            Said("tolls were suspended", chain=[("anonymous", "a spokesperson")]),
            Said("found cracks in the deck", chain=[("anonymous", "Inspectors")]),
        ],
        events=[Did("close", "RESTRICT", actor="Two officials", place=town)],
    )


def two_stories() -> ExportData:
    first = local_story("art-north", "Fjord Courier", "Vika", "2026-05-01T08:00:00")
    second = local_story("art-south", "Valley Herald", "Brenna", None)
    for a, code in ((first, "NO"), (second, "NO")):
        for e in a.entities:
            if e.type == "GPE":
                e.country = code
    return ExportData(analyses=[first, second])


def stix_objects(data: ExportData, **options: str) -> list[dict[str, Any]]:
    raw = EXPORTERS["stix"].to_bytes(data, {**AS_OF, **options})
    return list(json.loads(raw)["objects"])


def articles_of(objects: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Object id -> ids of the reports that reference it (directly or through their notes)."""
    out: dict[str, set[str]] = defaultdict(set)
    for o in objects:
        if o["type"] == "report":
            for ref in o["object_refs"]:
                out[ref].add(o["id"])
    for o in objects:
        if o["type"] == "note":
            reports = {r for r in o["object_refs"] if r.startswith("report--")}
            for ref in o["object_refs"]:
                out[ref] |= reports
    return out


@pytest.mark.parametrize("interop", [False, True])
@pytest.mark.parametrize("source", ["fixture", "local"])
def test_the_oasis_validator_finds_nothing_strict(
    data: ExportData, interop: bool, source: str
) -> None:
    chosen = data if source == "fixture" else two_stories()
    raw = EXPORTERS["stix"].to_bytes(chosen, AS_OF).decode("utf-8")
    result = validate_string(raw, ValidationOptions(strict=True, interop=interop, version="2.1"))
    problems = [str(e) for e in result.errors] + [str(w) for w in result.warnings]
    assert result.is_valid and not problems, problems[:10]


def test_no_identity_is_shared_across_articles_unless_named() -> None:
    data = two_stories()
    objects = stix_objects(data)
    named = {e.name for a in data.analyses for e in a.entities}
    outlets = {"Fjord Courier", "Valley Herald"}
    in_articles = articles_of(objects)
    by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for o in objects:
        if o["type"] == "identity":
            assert o["identity_class"] in OPENCTI_IDENTITY_CLASSES, o["name"]
            by_key[opencti_identity_key(o["name"], o["identity_class"])].append(o)
    for same in by_key.values():
        reports = set().union(*(in_articles[o["id"]] for o in same))
        if len(reports) > 1:  # OpenCTI makes one entity of them, seen in several articles
            names = {o["name"] for o in same}
            assert names <= named | outlets, names
    local = {text.casefold() for _, text in LOCAL_SOURCES}
    assert not [
        o["name"] for o in objects if o["type"] == "identity" and o["name"].casefold() in local
    ]
    # The one named person is one OpenCTI entity across both articles, as it should be.
    okafor = [o for o in objects if o["type"] == "identity" and o["name"] == "Nadia Okafor"]
    assert {opencti_identity_key(o["name"], o["identity_class"]) for o in okafor} == {
        opencti_identity_key("Nadia Okafor", "individual")
    }
    assert len(set().union(*(in_articles[o["id"]] for o in okafor))) == 2


def test_local_sources_stay_in_their_note() -> None:
    objects = stix_objects(two_stories())
    notes = [o for o in objects if o["type"] == "note" and o.get("x_newsint_article")]
    for kind, text in LOCAL_SOURCES:
        same = text.casefold()
        holding = [
            n for n in notes if any(c["text"].casefold() == same for c in n["x_newsint_chain"])
        ]
        assert len(holding) == 2, text  # one note per article, each in its own report
        for n in holding:
            link = next(c for c in n["x_newsint_chain"] if c["text"].casefold() == text.casefold())
            assert "ref" not in link and link["kind"] == kind
            assert text.casefold() in n["abstract"].casefold()


def test_locations_carry_an_opencti_type_and_a_region() -> None:
    objects = stix_objects(two_stories())
    places = {o["name"]: o for o in objects if o["type"] == "location"}
    assert {p["x_opencti_location_type"] for p in places.values()} <= OPENCTI_LOCATION_TYPES
    assert places["Vika"]["x_opencti_location_type"] == "City"
    assert places["Vika"]["city"] == "Vika"  # without the type, OpenCTI would not guess Country
    assert places["Norway"]["x_opencti_location_type"] == "Country"
    assert all(p["region"] == "northern-europe" for p in places.values())


def test_no_core_relationship_touches_a_container_without_a_note() -> None:
    data = two_stories()
    objects = stix_objects(data)
    notes = [set(o["object_refs"]) for o in objects if o["type"] == "note"]
    for r in (o for o in objects if o["type"] == "relationship"):
        ends = {r["source_ref"].split("--")[0], r["target_ref"].split("--")[0]}
        if ends & CONTAINERS:
            assert any({r["source_ref"], r["target_ref"]} <= refs for refs in notes), r["id"]


def test_every_object_has_a_producer_and_a_marking() -> None:
    objects = stix_objects(two_stories(), tlp="green")
    ids = {o["id"] for o in objects}
    for o in objects:
        assert o["created_by_ref"] in ids, o["id"]
        assert o["object_marking_refs"] == [tlp_marking("green")]


def test_co_authors_and_undated() -> None:
    objects = stix_objects(two_stories())
    reports = {o["x_newsint_id"]: o for o in objects if o["type"] == "report"}
    assert reports["art-north"]["x_newsint_author"] == ["Lee Park", "Ana Varga"]
    assert reports["art-south"]["published"] == "2026-12-06T10:00:00Z"
    assert "undated" in reports["art-south"]["labels"]
    assert "undated" not in reports["art-north"]["labels"]


@settings(max_examples=25, deadline=None)
@given(
    kind=st.sampled_from(["anonymous", "person", "organisation", "government", "media", "unknown"]),
    text=st.text(alphabet=st.characters(categories=("L", "Zs")), min_size=1, max_size=30).filter(
        lambda t: t.strip() != "" and t.strip() == t
    ),
)
def test_an_unresolved_source_is_never_an_identity(kind: str, text: str) -> None:
    body = f"Officials met. {text} said the port reopened."
    a = article(
        body,
        id="art-any",
        site="Fjord Courier",
        claims=[Said("the port reopened", chain=[(kind, text)])],
    )
    names = {o["name"] for o in stix_objects(ExportData(analyses=[a])) if o["type"] == "identity"}
    assert names == {"newsint", "Fjord Courier"}
