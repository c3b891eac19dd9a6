from __future__ import annotations

import json

import pytest

from newsint.export import EXPORTERS, ExportData
from newsint.export.jsonl import RecordError, read


def lines(data: ExportData) -> list[str]:
    return EXPORTERS["jsonl"].to_bytes(data).decode("utf-8").splitlines()


def dump(data: ExportData) -> dict[str, list[object]]:
    norm = data.normalised()
    return {name: [r.model_dump(mode="json") for r in getattr(norm, name)] for name in vars(norm)}


def test_round_trip_is_lossless(data: ExportData) -> None:
    back = read(lines(data))
    assert dump(back) == dump(data)


def test_one_typed_object_per_line_in_a_stable_order(data: ExportData) -> None:
    types = [json.loads(line)["record"] for line in lines(data)]
    assert types == [
        "article",
        "article",
        "copy-link",
        "story",
        "claim-cluster",
        "corpus-entity",
        "corpus-entity",
        "judgement",
    ]
    first = json.loads(lines(data)[0])
    assert first["article"]["id"] == "art-gazette"  # oldest first
    assert first["schema"] == "newsint.analysis/1"


def test_reads_bare_analyses(data: ExportData) -> None:
    bare = [a.to_json(indent=None) for a in data.analyses]
    back = read(bare)
    assert [a.article.id for a in back.analyses] == ["art-courier", "art-gazette"]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"record": "weather"}', "unknown record type 'weather'"),
        ('{"schema": "other/9"}', "not a newsint.analysis/1 analysis"),
        ('{"record": "story", "id": 3}', "invalid story (id:"),
    ],
)
def test_bad_lines_say_where_and_what(line: str, problem: str) -> None:
    with pytest.raises(RecordError) as caught:
        read(["", line], where="dump.jsonl")
    assert caught.value.where == "dump.jsonl:2"
    assert problem in caught.value.problem
