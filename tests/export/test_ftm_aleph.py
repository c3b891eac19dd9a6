"""FtM as Aleph reads it: who is a Person, who said a claim, what a note is about, authors
one by one, and names that survive FtM's own cleaning (the followthemoney model, a dev
dependency, validates every entity)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from followthemoney import model

from handmade import Said, article
from newsint.export import EXPORTERS, ExportData
from newsint.export.ftm import ftm_id
from newsint.model import Analysis, Role

TEXT = (
    "KESTREL BAY — “We will not pay the fine,” said Nadia Okafor, chief executive of Serov "
    "Trading. Regulators said Serov Trading had misled the Harbour Ledger. Glasgow was quiet. "
    "The bulk carrier Polar Meadow stayed in port, Reuters reported."
)


def story() -> Analysis:
    a = article(
        TEXT,
        id="art-kestrel",
        site="Kestrel Post",
        url="https://kestrel-post.example/fine",
        published="2026-04-01",
        author="Lee Park and Ana Varga",
        names=[
            ("Nadia Okafor", "PERSON"),
            ("Serov Trading", "PERSON"),  # mistyped by the model, as happens
            ("Harbour Ledger", "PERSON"),
            ("Glasgow", "PERSON"),
            ("Polar Meadow", "PERSON"),
            ("Reuters", "PERSON"),
        ],
        claims=[
            Said(
                "“We will not pay the fine,”",
                chain=[("person", "Nadia Okafor", "Nadia Okafor")],
                kind="direct",
                cue="said",
            ),
            Said(
                "Serov Trading had misled the Harbour Ledger",
                chain=[("government", "Regulators")],
                cue="said",
            ),
            Said("stayed in port", chain=[("media", "Reuters", "Reuters")]),
        ],
    )
    polar = a.entity(next(e.id for e in a.entities if e.name == "Polar Meadow"))
    assert polar is not None
    polar.roles = [Role(role="bulk carrier", start=0, end=12)]
    return a


def entities(analyses: list[Analysis]) -> list[dict[str, Any]]:
    raw = EXPORTERS["ftm"].to_bytes(ExportData(analyses=analyses)).decode("utf-8")
    return [json.loads(line) for line in raw.splitlines()]


def named(items: list[dict[str, Any]], schema: str) -> set[str]:
    return {e["properties"]["name"][0] for e in items if e["schema"] == schema}


def test_only_people_are_persons() -> None:
    items = entities([story()])
    assert named(items, "Person") == {"Nadia Okafor"}
    assert named(items, "Organization") == {"Serov Trading", "Harbour Ledger", "Reuters"}
    mentions = {
        e["properties"]["name"][0]: e["properties"].get("detectedSchema")
        for e in items
        if e["schema"] == "Mention"
    }
    assert mentions["Glasgow"] == ["LegalEntity"]  # a mention only: never matched as a person
    assert mentions["Polar Meadow"] == ["LegalEntity"]
    assert "resolved" not in next(
        e["properties"]
        for e in items
        if e["schema"] == "Mention" and e["properties"]["name"] == ["Glasgow"]
    )
    (art,) = [e for e in items if e["schema"] == "Article"]
    assert art["properties"]["peopleMentioned"] == ["Nadia Okafor"]


def test_one_value_per_author() -> None:
    (art,) = [e for e in entities([story()]) if e["schema"] == "Article"]
    assert art["properties"]["author"] == ["Lee Park", "Ana Varga"]


def test_speaker_is_a_link_and_the_note_is_about_what_it_names() -> None:
    items = entities([story()])
    ids = {
        e["properties"]["name"][0]: e["id"]
        for e in items
        if e["schema"] in ("Person", "Organization")
    }
    notes = {e["properties"]["description"][0]: e for e in items if e["schema"] == "Note"}
    misled = notes["Serov Trading had misled the Harbour Ledger"]["properties"]
    assert sorted(misled["entity"]) == sorted([ids["Serov Trading"], ids["Harbour Ledger"]])
    links = [e["properties"] for e in items if e["schema"] == "UnknownLink"]
    said = {(link["subject"][0], link["role"][0], link["object"][0]) for link in links}
    assert said == {
        (ids["Nadia Okafor"], "said", notes["“We will not pay the fine,”"]["id"]),
        (ids["Reuters"], "said", notes["stayed in port"]["id"]),
    }
    # "Regulators" is nobody in particular: no entity, no link; the summary keeps it.
    assert misled["summary"][0].startswith("Regulators: asserted")


def test_quote_marks_survive_ftm_cleaning() -> None:
    a = story()
    quoted = next(c.id for c in a.claims if c.content.text.startswith("“"))
    note = next(e for e in entities([a]) if e["id"] == ftm_id("claim", f"art-kestrel/{quoted}"))
    assert note["properties"]["name"] == ["Nadia Okafor: “We will not pay the fine,”"]


@pytest.mark.parametrize("quote", ['"', "'", "“"])
def test_every_entity_is_valid_and_unchanged_by_ftm(quote: str) -> None:
    a = story()
    for claim in a.claims:
        claim.content = claim.content.model_copy(
            update={"text": f"{quote}{claim.content.text}{quote}"}
        )
    for e in entities([a]):
        schema = model.get(e["schema"])
        assert schema is not None and not schema.abstract
        cleaned = model.make_entity(e["schema"])
        for prop, values in e["properties"].items():
            for v in values:
                cleaned.add(prop, v)
        assert cleaned.to_dict()["properties"] == e["properties"], e["schema"]


def test_invisible_format_characters_are_dropped_as_ftm_would() -> None:
    a = story()
    okafor = next(e for e in a.entities if e.name == "Nadia Okafor")
    okafor.name = "Nadia Oka\xadfor\u200b"
    (person,) = [e for e in entities([a]) if e["schema"] == "Person"]
    assert person["properties"]["name"] == ["Nadia Okafor"]
    cleaned = model.make_entity("Person")
    cleaned.add("name", person["properties"]["name"][0])
    assert cleaned.get("name") == ["Nadia Okafor"]
