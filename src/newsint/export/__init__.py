"""Exports: the analyses and corpus records as STIX 2.1, FollowTheMoney, GraphML, JSONL, CSV.

Every exporter takes an ExportData (records, never the store) and writes bytes, so the CLI, a
web route and a script call it the same way:

    from newsint.export import EXPORTERS, ExportData
    exporter = EXPORTERS["stix"]
    exporter.write(data, sys.stdout.buffer)              # or a file opened "wb"
    body = exporter.to_bytes(data)                      # everything at once
    StreamingResponse(exporter.chunks(data), media_type=exporter.media_type, headers={
        "Content-Disposition": f'attachment; filename="{exporter.filename()}"'})

JSONL, CSV and FtM stream record by record; STIX and GraphML are built whole, then written.
docs/exports.md describes each format's mapping.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO

from newsint.export.common import byte_sink
from newsint.export.data import ExportData, StoryNotFound


@dataclass(frozen=True)
class Exporter:
    name: str
    media_type: str
    extension: str
    description: str
    module: str  # imported on first use: stix2 and networkx are slow to import

    def chunks(self, data: ExportData, options: Mapping[str, str] | None = None) -> Iterator[bytes]:
        """The export as UTF-8 byte chunks (one chunk for formats built whole)."""
        chunks = importlib.import_module(self.module).chunks
        return chunks(data, options)  # type: ignore[no-any-return]

    def write(
        self,
        data: ExportData,
        out: IO[bytes] | IO[str],
        options: Mapping[str, str] | None = None,
    ) -> None:
        """Write the export to a binary or text stream."""
        sink = byte_sink(out)
        for chunk in self.chunks(data, options):
            sink(chunk)

    def to_bytes(self, data: ExportData, options: Mapping[str, str] | None = None) -> bytes:
        return b"".join(self.chunks(data, options))

    def filename(self, stem: str = "newsint") -> str:
        return f"{stem}{self.extension}"


EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter(
            "stix",
            "application/stix+json;version=2.1",
            ".stix.json",
            "STIX 2.1 bundle for OpenCTI: reports, identities, locations, notes, events, groupings",
            "newsint.export.stix",
        ),
        Exporter(
            "ftm",
            "application/x-ndjson",
            ".ftm.json",
            "FollowTheMoney entities, one JSON object per line (Aleph, ftm store)",
            "newsint.export.ftm",
        ),
        Exporter(
            "graphml",
            "application/graphml+xml",
            ".graphml",
            "GraphML graph of articles, outlets, entities, sources, claims, events, stories",
            "newsint.export.graphml",
        ),
        Exporter(
            "jsonl",
            "application/x-ndjson",
            ".jsonl",
            "JSON Lines: the analyses and corpus records, one typed object per line",
            "newsint.export.jsonl",
        ),
        Exporter(
            "csv",
            "text/csv; charset=utf-8",
            ".csv",
            "CSV table: claims (default), entities, articles or links (option table)",
            "newsint.export.csv",
        ),
    )
}
# The tables the CSV exporter writes (newsint.export.csv.TABLES), listed here for the CLI.
CSV_TABLES = ("claims", "entities", "articles", "links")

__all__ = ["CSV_TABLES", "EXPORTERS", "ExportData", "Exporter", "StoryNotFound"]
