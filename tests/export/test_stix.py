from __future__ import annotations

import json
import uuid
from collections import Counter
from typing import Any

import pytest
import stix2

from newsint.errors import NewsintError
from newsint.export import EXPORTERS, ExportData
from newsint.export.common import parse_time
from newsint.export.stix import CREDIBILITY_CONFIDENCE, bundle
from newsint.export.stix_ext import PRODUCER, PROPERTIES, PROPERTY_EXTENSION, TLP_MARKINGS
from newsint.model import Grade, Published, TextSpan

AS_OF = "2026-12-06T10:00:00"


def parse(data: ExportData, **options: str) -> stix2.Bundle:
    raw = EXPORTERS["stix"].to_bytes(data, options)
    return stix2.parse(raw.decode("utf-8"), allow_custom=True)


def by_type(parsed: stix2.Bundle, kind: str) -> list[Any]:
    return [o for o in parsed.objects if o.type == kind]


def note(parsed: stix2.Bundle, key: str) -> Any:
    (found,) = [o for o in by_type(parsed, "note") if o.x_newsint_id == key]
    return found


def get(parsed: stix2.Bundle, oid: str) -> Any:
    return next(o for o in parsed.objects if o.id == oid)


def test_parses_back_with_stix2(data: ExportData) -> None:
    parsed = parse(data)
    assert isinstance(parsed, stix2.Bundle)
    counts = Counter(o.type for o in parsed.objects)
    assert counts["report"] == 2
    assert counts["note"] == 7  # one per claim, one for the copy link
    assert counts["location"] == 1  # Skarra Island, the one place with a country
    assert counts["grouping"] == 2  # the story and the claim cluster
    assert counts["event"] == 1
    assert counts["extension-definition"] == 2
    for o in parsed.objects:
        assert o.spec_version == "2.1"


def test_every_reference_resolves_inside_the_bundle(data: ExportData) -> None:
    parsed = parse(data)
    ids = {o.id for o in parsed.objects}
    for o in parsed.objects:
        refs = list(o.get("object_refs", []))
        refs += [o[k] for k in ("source_ref", "target_ref", "created_by_ref") if k in o]
        assert set(refs) <= ids, o.id


def test_ids_are_uuid4_shaped_and_stable(data: ExportData) -> None:
    parsed = parse(data)
    first = [o.id for o in parsed.objects]
    for o in parsed.objects:
        kind, _, value = o.id.partition("--")
        assert kind == o.type
        assert uuid.UUID(value).version == 4, o.id
    assert [o.id for o in parse(data).objects] == first


def test_report_fields(data: ExportData) -> None:
    parsed = parse(data)
    (report,) = [r for r in by_type(parsed, "report") if r.x_newsint_id == "art-gazette"]
    assert report.name == "Blue Tern Lines suspends Skarra ferry crossings"
    assert report.published.isoformat() == "2026-03-02T09:30:00+00:00"
    assert report.created == report.modified == report.published
    assert report.report_types == ["threat-report"]
    assert report.labels == ["news-article"]
    assert report.lang == "en"
    assert report.x_newsint_author == ["Ana Varga"]
    (url,) = [r for r in report.external_references if "url" in r]
    assert url.url == "https://harbour-gazette.example/news/skarra-ferry"
    assert len(url.hashes["SHA-256"]) == 64
    outlet = get(parsed, report.created_by_ref)
    assert (outlet.name, outlet.identity_class) == ("Harbour Gazette", "organization")
    assert outlet.created_by_ref == PRODUCER
    assert report.description.startswith("PORT ELLIS")


def test_newsint_is_the_producer_of_what_it_concluded(data: ExportData) -> None:
    parsed = parse(data)
    producer = get(parsed, PRODUCER)
    assert (producer.name, producer.identity_class) == ("newsint", "system")
    reports = {r.id for r in by_type(parsed, "report")}
    for o in parsed.objects:
        if o.type in ("note", "grouping", "relationship", "event", "location"):
            assert o.created_by_ref == PRODUCER, o.id
        if o.type == "report":
            assert o.created_by_ref != PRODUCER
    assert reports


@pytest.mark.parametrize(
    ("tlp", "marking"),
    [
        (None, TLP_MARKINGS["clear"]),
        ("amber", TLP_MARKINGS["amber"]),
        ("TLP:RED", TLP_MARKINGS["red"]),
    ],
)
def test_every_object_has_the_tlp_marking(data: ExportData, tlp: str | None, marking: str) -> None:
    parsed = parse(data, **({"tlp": tlp} if tlp else {}))
    for o in parsed.objects:
        assert o.object_marking_refs == [marking], o.id


def test_unknown_tlp_is_one_clear_error(data: ExportData) -> None:
    with pytest.raises(NewsintError, match="not a TLP level"):
        EXPORTERS["stix"].to_bytes(data, {"tlp": "purple"})


def test_every_custom_property_is_declared(data: ExportData) -> None:
    parsed = parse(data)
    declared = {p for props in PROPERTIES.values() for p in props}
    (ext,) = [e for e in by_type(parsed, "extension-definition") if e.id == PROPERTY_EXTENSION]
    assert set(ext.extension_properties) == declared
    for o in parsed.objects:
        custom = {k for k in o if k.startswith("x_")}
        assert custom <= set(PROPERTIES.get(o.type, {})), (o.type, custom)
        if custom:
            assert o.extensions[PROPERTY_EXTENSION]["extension_type"] == (
                "toplevel-property-extension"
            )


def test_claim_is_a_note_with_grade_and_chain(data: ExportData) -> None:
    parsed = parse(data)
    n = note(parsed, "art-gazette/clm-warnings")
    assert n.content == "the company had ignored safety warnings for months"
    assert n.x_newsint_status == "alleged"
    assert n.x_newsint_grade == "C3"
    assert n.x_newsint_grade_reasons == ["interested party"]
    assert n.confidence == 50
    assert n.x_newsint_chain_text == "Harbour Gazette ← Union officials"
    assert n.abstract == "Union officials: alleged claim (C3)"
    # "Union officials" is no named entity: it stays in the note, never an identity.
    assert [link["text"] for link in n.x_newsint_chain] == ["the article", "Union officials"]
    assert "ref" not in n.x_newsint_chain[1]
    assert not [i for i in by_type(parsed, "identity") if i.name == "Union officials"]
    assert n.object_refs == [
        next(r.id for r in by_type(parsed, "report") if r.x_newsint_id == "art-gazette")
    ]


@pytest.mark.parametrize(("credibility", "confidence"), sorted(CREDIBILITY_CONFIDENCE.items()))
def test_confidence_follows_the_stix_admiralty_scale(
    data: ExportData, credibility: int, confidence: int | None
) -> None:
    claim = data.analyses[1].claims[1]
    claim.grade = Grade(reliability="B", credibility=credibility)  # type: ignore[arg-type]
    n = note(parse(data), f"art-gazette/{claim.id}")
    assert n.get("confidence") == confidence


def test_ungraded_claim_has_no_confidence(data: ExportData) -> None:
    assert "confidence" not in note(parse(data), "art-courier/clm-resume")


def test_entity_resolved_across_articles_is_one_identity(data: ExportData) -> None:
    parsed = parse(data)
    martens = [o for o in by_type(parsed, "identity") if o.name == "Ilse Marten"]
    assert len(martens) == 1
    assert martens[0].identity_class == "individual"
    noting = {n.x_newsint_id for n in by_type(parsed, "note") if martens[0].id in n.object_refs}
    assert noting == {"art-gazette/clm-temporary", "art-courier/clm-temporary2"}
    chain = note(parsed, "art-gazette/clm-temporary").x_newsint_chain
    assert chain[1]["ref"] == martens[0].id


def test_no_relationship_outside_the_stix_vocabulary(data: ExportData) -> None:
    kinds = {r.relationship_type for r in by_type(parse(data), "relationship")}
    assert kinds <= {"derived-from", "duplicate-of", "related-to"}
    assert "attributed-to" not in kinds


def test_documents_in_a_chain_are_not_identities(data: ExportData) -> None:
    parsed = parse(data)
    assert not [o for o in by_type(parsed, "identity") if o.name == "an internal memo"]
    n = note(parsed, "art-gazette/clm-suspended")
    assert [link["kind"] for link in n.x_newsint_chain] == ["article", "document"]
    assert "confidence" not in n  # F6: truth cannot be judged


def test_place_is_a_location_opencti_types(data: ExportData) -> None:
    (place,) = by_type(parse(data), "location")
    assert (place.name, place.country, place.region) == ("Skarra Island", "NO", "northern-europe")
    assert place.x_opencti_location_type == "City"


@pytest.mark.parametrize(
    ("kind", "relation"),
    [
        ("spin", "derived-from"),
        ("derivative", "derived-from"),
        ("verbatim", "duplicate-of"),
        ("syndicated", "duplicate-of"),
    ],
)
def test_copy_link_relationship_and_note(data: ExportData, kind: str, relation: str) -> None:
    data.copy_links[0].kind = kind  # type: ignore[assignment]
    parsed = parse(data)
    reports = {r.x_newsint_id: r.id for r in by_type(parsed, "report")}
    (rel,) = [r for r in by_type(parsed, "relationship") if r.get("x_newsint_kind") == kind]
    assert rel.relationship_type == relation
    assert (rel.source_ref, rel.target_ref) == (reports["art-courier"], reports["art-gazette"])
    assert rel.confidence == 80
    # OpenCTI drops relationships between reports: a note on both carries the link there.
    (copy,) = [n for n in by_type(parsed, "note") if n.x_newsint_kind == "copy-link"]
    assert copy.object_refs == [reports["art-courier"], reports["art-gazette"]]
    assert copy.x_newsint_copy_kind == kind
    assert copy.abstract.startswith(f"{kind} copy of: Blue Tern Lines")


def test_event_is_an_opencti_event(data: ExportData) -> None:
    parsed = parse(data)
    (event,) = by_type(parsed, "event")
    assert event.name.startswith("SANCTION: PORT ELLIS")
    assert event.start_time.isoformat() == "2026-03-02T00:00:00+00:00"
    assert event.stop_time.isoformat() == "2026-03-02T23:59:59+00:00"
    assert event.x_newsint_type == "SANCTION"
    (ext,) = [k for k, v in event.extensions.items() if v["extension_type"] == "new-sdo"]
    assert get(parsed, ext).extension_types == ["new-sdo"]
    related = {
        (r.x_newsint_kind, get(parsed, r.target_ref).name)
        for r in by_type(parsed, "relationship")
        if r.source_ref == event.id
    }
    assert related == {("actor", "Blue Tern Lines"), ("place", "Skarra Island")}
    report = next(r for r in by_type(parsed, "report") if r.x_newsint_id == "art-gazette")
    assert event.id in report.object_refs


def test_story_and_cluster_groupings(data: ExportData) -> None:
    parsed = parse(data)
    groups = {g.x_newsint_kind: g for g in by_type(parsed, "grouping")}
    reports = {r.id for r in by_type(parsed, "report")}
    assert groups["story"].name == "Skarra ferry suspension"
    assert reports <= set(groups["story"].object_refs)
    assert groups["claim-cluster"].x_newsint_independent_sources == 1
    assert set(groups["claim-cluster"].object_refs) == {
        note(parsed, "art-gazette/clm-temporary").id,
        note(parsed, "art-courier/clm-temporary2").id,
    }


def test_undated_article_takes_the_export_time_and_says_so(data: ExportData) -> None:
    data.analyses[0].article.published = Published()
    parsed = parse(data, as_of=AS_OF)
    (report,) = [r for r in by_type(parsed, "report") if r.x_newsint_id == "art-courier"]
    assert report.published.isoformat() == "2026-12-06T10:00:00+00:00"
    assert report.created == report.published
    assert "undated" in report.labels
    assert report.x_newsint_published_source == "unknown"
    assert not [o for o in parsed.objects if o.created.year == 1970]


def test_undated_without_as_of_takes_the_newest_dated_article_never_the_epoch(
    data: ExportData,
) -> None:
    """Without --as-of the export still gives the same bytes: the newest dated time is the
    default (never the clock, never 1970)."""
    data.analyses[0].article.published = Published()
    dated = [a.article.published.date for a in data.analyses[1:] if a.article.published.date]
    (report,) = [r for r in by_type(parse(data), "report") if r.x_newsint_id == "art-courier"]
    assert dated and report.published == max(parse_time(d) for d in dated)
    assert "undated" in report.labels
    assert EXPORTERS["stix"].to_bytes(data, {}) == EXPORTERS["stix"].to_bytes(data, {})


def test_co_authors_are_one_value_each(data: ExportData) -> None:
    data.analyses[1].article.author = "Ana Varga and Lee Park; Ana Varga"
    (report,) = [r for r in by_type(parse(data), "report") if r.x_newsint_id == "art-gazette"]
    assert report.x_newsint_author == ["Ana Varga", "Lee Park"]


def test_no_invented_threat_objects(data: ExportData) -> None:
    kinds = {o.type for o in parse(data).objects}
    assert kinds <= {
        "report",
        "identity",
        "location",
        "note",
        "relationship",
        "grouping",
        "event",
        "extension-definition",
    }


def test_bundle_id_depends_on_content(data: ExportData) -> None:
    first = json.loads(EXPORTERS["stix"].to_bytes(data))["id"]
    data.analyses[1].claims.pop()
    assert json.loads(EXPORTERS["stix"].to_bytes(data))["id"] != first


def test_empty_export_holds_only_the_declarations() -> None:
    raw = EXPORTERS["stix"].to_bytes(ExportData()).decode("utf-8")
    parsed = stix2.parse(raw, allow_custom=True, version="2.1")
    assert {o.type for o in parsed.objects} == {"identity", "extension-definition"}
    assert bundle(ExportData()).id == parsed.id


def test_streamed_json_is_what_stix2_serialises(data: ExportData) -> None:
    ours = json.loads(EXPORTERS["stix"].to_bytes(data))
    theirs = json.loads(bundle(data).serialize())
    assert ours == theirs


def test_a_record_stix_refuses_is_one_clear_error(data: ExportData) -> None:
    claim = data.analyses[1].claims[0]
    claim.content = TextSpan(start=0, end=0, text="")  # a note needs content
    with pytest.raises(NewsintError, match="cannot be exported") as caught:
        EXPORTERS["stix"].to_bytes(data)
    assert caught.value.where == "STIX note art-gazette/clm-suspended"
