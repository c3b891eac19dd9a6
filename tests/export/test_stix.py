from __future__ import annotations

import json
import uuid
from collections import Counter
from typing import Any

import pytest
import stix2

from newsint.errors import NewsintError
from newsint.export import EXPORTERS, ExportData
from newsint.export.stix import CREDIBILITY_CONFIDENCE, bundle
from newsint.model import Grade, Published, TextSpan


def parse(data: ExportData) -> stix2.Bundle:
    raw = EXPORTERS["stix"].to_bytes(data)
    return stix2.parse(raw.decode("utf-8"), allow_custom=True)


def by_type(parsed: stix2.Bundle, kind: str) -> list[Any]:
    return [o for o in parsed.objects if o.type == kind]


def note(parsed: stix2.Bundle, key: str) -> Any:
    (found,) = [o for o in by_type(parsed, "note") if o.x_newsint_id == key]
    return found


def test_parses_back_with_stix2(data: ExportData) -> None:
    parsed = parse(data)
    assert isinstance(parsed, stix2.Bundle)
    counts = Counter(o.type for o in parsed.objects)
    assert counts["report"] == 2
    assert counts["note"] == 6  # one per claim
    assert counts["location"] == 1  # Skarra Island, the one place with a country
    assert counts["grouping"] == 2  # the story and the claim cluster
    for o in parsed.objects:
        assert o.spec_version == "2.1"


def test_every_reference_resolves_inside_the_bundle(data: ExportData) -> None:
    parsed = parse(data)
    ids = {o.id for o in parsed.objects}
    for o in parsed.objects:
        refs = list(o.get("object_refs", []))
        refs += [o[k] for k in ("source_ref", "target_ref", "created_by_ref") if k in o]
        assert set(refs) <= ids, o.id


def test_ids_are_uuid5_of_our_stable_ids(data: ExportData) -> None:
    for o in parse(data).objects:
        kind, _, value = o.id.partition("--")
        assert kind == o.type
        assert uuid.UUID(value).version == 5


def test_report_fields(data: ExportData) -> None:
    parsed = parse(data)
    (report,) = [r for r in by_type(parsed, "report") if r.x_newsint_id == "art-gazette"]
    assert report.name == "Blue Tern Lines suspends Skarra ferry crossings"
    assert report.published.isoformat() == "2026-03-02T09:30:00+00:00"
    assert report.created == report.modified == report.published
    urls = [r.get("url") for r in report.external_references]
    assert "https://harbour-gazette.example/news/skarra-ferry" in urls
    outlet = next(o for o in parsed.objects if o.id == report.created_by_ref)
    assert (outlet.name, outlet.identity_class) == ("Harbour Gazette", "organization")
    assert report.description.startswith("PORT ELLIS")


def test_claim_is_a_note_with_grade_and_chain(data: ExportData) -> None:
    parsed = parse(data)
    n = note(parsed, "art-gazette/clm-warnings")
    assert n.content == "the company had ignored safety warnings for months"
    assert n.x_newsint_status == "alleged"
    assert n.x_newsint_grade == "C3"
    assert n.x_newsint_grade_reasons == ["interested party"]
    assert n.confidence == 50
    assert n.x_newsint_chain_text == "Harbour Gazette ← Union officials"
    (rel,) = [r for r in by_type(parsed, "relationship") if r.source_ref == n.id]
    assert rel.relationship_type == "attributed-to"
    target = next(o for o in parsed.objects if o.id == rel.target_ref)
    assert (target.type, target.name) == ("identity", "Union officials")


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
    attributed = {
        r.source_ref for r in by_type(parsed, "relationship") if r.target_ref == martens[0].id
    }
    assert attributed == {
        note(parsed, "art-gazette/clm-temporary").id,
        note(parsed, "art-courier/clm-temporary2").id,
    }


def test_documents_in_a_chain_are_not_identities(data: ExportData) -> None:
    parsed = parse(data)
    assert not [o for o in by_type(parsed, "identity") if o.name == "an internal memo"]
    n = note(parsed, "art-gazette/clm-suspended")
    assert [link["kind"] for link in n.x_newsint_chain] == ["article", "document"]
    assert "confidence" not in n  # F6: truth cannot be judged


@pytest.mark.parametrize(
    ("kind", "relation"),
    [
        ("spin", "derived-from"),
        ("derivative", "derived-from"),
        ("verbatim", "duplicate-of"),
        ("syndicated", "duplicate-of"),
    ],
)
def test_copy_link_relationship(data: ExportData, kind: str, relation: str) -> None:
    data.copy_links[0].kind = kind  # type: ignore[assignment]
    parsed = parse(data)
    reports = {r.x_newsint_id: r.id for r in by_type(parsed, "report")}
    (rel,) = [r for r in by_type(parsed, "relationship") if r.get("x_newsint_kind") == kind]
    assert rel.relationship_type == relation
    assert (rel.source_ref, rel.target_ref) == (reports["art-courier"], reports["art-gazette"])
    assert rel.confidence == 80


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


def test_undated_article_gets_the_fixed_epoch_never_now(data: ExportData) -> None:
    data.analyses[0].article.published = Published()
    parsed = parse(data)
    (report,) = [r for r in by_type(parsed, "report") if r.x_newsint_id == "art-courier"]
    assert report.published.isoformat() == "1970-01-01T00:00:00+00:00"
    assert report.created.year == 1970


def test_no_invented_threat_objects(data: ExportData) -> None:
    kinds = {o.type for o in parse(data).objects}
    assert kinds <= {"report", "identity", "location", "note", "relationship", "grouping"}


def test_bundle_id_depends_on_content(data: ExportData) -> None:
    first = json.loads(EXPORTERS["stix"].to_bytes(data))["id"]
    data.analyses[1].claims.pop()
    assert json.loads(EXPORTERS["stix"].to_bytes(data))["id"] != first


def test_empty_export_is_a_valid_empty_bundle() -> None:
    # stix2 cannot guess the version of a bundle without objects: say it.
    raw = EXPORTERS["stix"].to_bytes(ExportData()).decode("utf-8")
    parsed = stix2.parse(raw, allow_custom=True, version="2.1")
    assert parsed.get("objects", []) == []
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
