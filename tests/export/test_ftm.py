"""FtM output: its structure, and every entity validated by the followthemoney model (a dev
dependency, so `make test` runs it)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import followthemoney

from newsint.export import EXPORTERS, ExportData
from newsint.export.ftm import ftm_id

SCHEMATA = {"Article", "Person", "Organization", "Mention", "Note", "Event", "UnknownLink"}
# Entity-valued properties of the schemata we write, and the schemata they may point to.
REFERENCES: dict[str, set[str]] = {
    "document": {"Article"},
    "resolved": {"Person", "Organization"},
    "entity": {"Person", "Organization"},
    "proof": {"Article"},
    "involved": {"Person", "Organization"},
    "subject": {"Article", "Person", "Organization"},  # a copy, or who said a claim
    "object": {"Article", "Note"},
}


def entities(data: ExportData) -> list[dict[str, Any]]:
    raw = EXPORTERS["ftm"].to_bytes(data).decode("utf-8")
    return [json.loads(line) for line in raw.splitlines()]


def one(items: list[dict[str, Any]], eid: str) -> dict[str, Any]:
    (found,) = [e for e in items if e["id"] == eid]
    return found


def test_structure_without_the_library(data: ExportData) -> None:
    items = entities(data)
    ids = {e["id"]: e["schema"] for e in items}
    assert len(ids) == len(items)  # ids unique
    for e in items:
        assert set(e) == {"id", "schema", "properties"}
        assert e["schema"] in SCHEMATA
        for prop, values in e["properties"].items():
            assert values and all(isinstance(v, str) and v for v in values), (e["id"], prop)
            if prop in REFERENCES:
                assert {ids.get(v) for v in values} <= REFERENCES[prop], (e["schema"], prop)
    counts = Counter(e["schema"] for e in items)
    assert counts == {
        "Article": 2,
        "Mention": 6,
        "Note": 6,
        "Organization": 2,  # Blue Tern Lines (one corpus entity), Harbour Gazette
        "Person": 1,  # Ilse Marten, resolved across both articles
        "Event": 1,
        "UnknownLink": 3,  # the copy; Ilse Marten said the claim, in each article
    }


def test_article_properties(data: ExportData) -> None:
    art = one(entities(data), ftm_id("article", "art-gazette"))["properties"]
    assert art["title"] == ["Blue Tern Lines suspends Skarra ferry crossings"]
    assert art["publishedAt"] == ["2026-03-02T09:30:00"]
    assert art["publisher"] == ["Harbour Gazette"]
    assert art["language"] == ["eng"]
    assert art["country"] == ["no"]
    assert art["peopleMentioned"] == ["Ilse Marten"]
    assert art["keywords"] == ["story:sto-ferry"]
    assert art["bodyText"][0].startswith("PORT ELLIS")


def test_claim_note_and_mentions(data: ExportData) -> None:
    items = entities(data)
    note_id = ftm_id("claim", "art-gazette/clm-temporary")
    note = one(items, note_id)["properties"]
    person = next(e for e in items if e["schema"] == "Person")
    # Note.entity is what the note is about: the claim names nobody; the speaker is a link.
    assert "entity" not in note
    (said,) = [
        e["properties"]
        for e in items
        if e["schema"] == "UnknownLink" and e["properties"]["object"] == [note_id]
    ]
    assert said["subject"] == [person["id"]]
    assert said["role"] == ["said"]
    assert note["name"] == ["Ilse Marten: the suspension was temporary"]
    assert note["proof"] == [ftm_id("article", "art-gazette")]
    assert "grade:B2" in note["keywords"] and "independent-sources:1" in note["keywords"]
    assert "chain: Harbour Gazette ← Ilse Marten" in note["summary"][0]
    resolved = [
        e["properties"]["document"][0]
        for e in items
        if e["schema"] == "Mention" and e["properties"].get("resolved") == [person["id"]]
    ]
    assert sorted(resolved) == sorted(
        [ftm_id("article", "art-gazette"), ftm_id("article", "art-courier")]
    )


def test_event_and_copy_link(data: ExportData) -> None:
    items = entities(data)
    (event,) = [e for e in items if e["schema"] == "Event"]
    assert event["properties"]["date"] == ["2026-03-02"]
    assert event["properties"]["country"] == ["no"]
    (link,) = [
        e for e in items if e["schema"] == "UnknownLink" and "copy" in e["properties"]["role"][0]
    ]
    assert link["properties"]["subject"] == [ftm_id("article", "art-courier")]
    assert link["properties"]["object"] == [ftm_id("article", "art-gazette")]
    assert link["properties"]["role"] == ["spin copy of"]


def test_week_values_go_through_their_range(data: ExportData) -> None:
    time = data.analyses[1].times[0]
    time.value, time.range_start, time.range_end = "2026-W10", "2026-03-02", "2026-03-08"
    (event,) = [e for e in entities(data) if e["schema"] == "Event"]
    assert "date" not in event["properties"]
    assert event["properties"]["startDate"] == ["2026-03-02"]
    assert event["properties"]["endDate"] == ["2026-03-08"]


def test_validates_with_the_followthemoney_model(data: ExportData) -> None:
    model = followthemoney.model
    items = entities(data)
    by_id = {e["id"]: e for e in items}
    for e in items:
        schema = model.get(e["schema"])
        assert schema is not None and not schema.abstract
        assert schema.validate(e) is None
        for prop_name, values in e["properties"].items():
            prop = schema.get(prop_name)
            assert prop is not None, f"{e['schema']} has no property {prop_name}"
            assert not prop.stub, f"{e['schema']}.{prop_name} is a reverse property"
            if prop.range is not None and prop.type.name == "entity":
                for v in values:
                    assert model.get(by_id[v]["schema"]).is_a(prop.range), (prop_name, v)
        for required in schema.required:
            assert e["properties"].get(required), f"{e['schema']} lacks {required}"
        proxy = model.get_proxy(e, cleaned=False)
        assert proxy.to_dict()["properties"] == e["properties"]
        # FtM's own cleaning (dates, countries, languages, names) keeps every value as written.
        cleaned = model.make_entity(e["schema"])
        for prop_name, values in e["properties"].items():
            for v in values:
                cleaned.add(prop_name, v)
        assert cleaned.to_dict()["properties"] == e["properties"]
