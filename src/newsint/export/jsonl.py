"""JSON Lines: every record, one typed object per line, lossless and streamable.

Each line is a record's own JSON (as the model serialises it) with a leading "record" naming
its kind ("record", not "type": corpus entities have a `type` field of their own):
`article` (the full analysis, schema newsint.analysis/1), then `copy-link`, `story`,
`claim-cluster`, `corpus-entity`, `judgement`. Articles come oldest first, the rest by id.
`read` turns such a file (or plain analyses, one per line) back into ExportData, so an export
can be re-exported in another format without the corpus.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from newsint.export.data import ExportData
from newsint.model import SCHEMA, Analysis, ClaimCluster, CopyLink, CorpusEntity, Judgement, Story

RECORD_TYPES: dict[str, type[BaseModel]] = {
    "copy-link": CopyLink,
    "story": Story,
    "claim-cluster": ClaimCluster,
    "corpus-entity": CorpusEntity,
    "judgement": Judgement,
}
_FIELDS = {
    "copy-link": "copy_links",
    "story": "stories",
    "claim-cluster": "claim_clusters",
    "corpus-entity": "corpus_entities",
    "judgement": "judgements",
}


class RecordError(ValueError):
    """A line or object that is not a record newsint wrote: where it is and what is wrong."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")


def records(data: ExportData) -> Iterator[dict[str, Any]]:
    data = data.normalised()
    for analysis in data.analyses:
        yield {"record": "article", **analysis.to_dict()}
    for kind, field in _FIELDS.items():
        for record in getattr(data, field):
            yield {"record": kind, **record.model_dump(mode="json")}


def chunks(data: ExportData, options: Mapping[str, str] | None = None) -> Iterator[bytes]:
    for record in records(data):
        yield json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def read(lines: Iterable[str | bytes], where: str = "<jsonl>") -> ExportData:
    """ExportData from JSON lines: typed export records, or bare analyses (no "record")."""
    data = ExportData()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RecordError(f"{where}:{number}", f"invalid JSON ({exc.msg})") from None
        add(data, obj, f"{where}:{number}")
    return data


def add(data: ExportData, obj: Any, where: str) -> None:
    """Add one decoded record (typed, or a bare analysis) to `data`."""
    if not isinstance(obj, dict):
        raise RecordError(where, f"expected a JSON object, found {type(obj).__name__}")
    kind = obj.get("record")
    if kind in (None, "article"):
        body = {k: v for k, v in obj.items() if k != "record"}
        if body.get("schema") != SCHEMA:
            raise RecordError(where, f"not a {SCHEMA} analysis (schema {body.get('schema')!r})")
        try:
            data.analyses.append(Analysis.from_json(body))
        except ValidationError as exc:
            raise RecordError(where, f"invalid analysis ({_first(exc)})") from None
        return
    model = RECORD_TYPES.get(kind)
    if model is None:
        raise RecordError(where, f"unknown record type {kind!r}")
    try:
        record = model.model_validate({k: v for k, v in obj.items() if k != "record"})
    except ValidationError as exc:
        raise RecordError(where, f"invalid {kind} ({_first(exc)})") from None
    getattr(data, _FIELDS[kind]).append(record)


def _first(exc: ValidationError) -> str:
    error = exc.errors()[0]
    return f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
