"""Analyses written as Parquet partitions while they are stored (`newsint ingest --parquet DIR`).

A cluster's analyses are wanted by tools that never open the store (Spark, DuckDB, pandas, a
data lake): each run writes the articles it added as Parquet files of at most
`[ingest] parquet_rows` rows into a folder or an object-store prefix (any pyarrow filesystem
URI, as for inputs). A file is named by a hash of the article ids it holds, so a re-ingest that
adds nothing writes nothing, a later run never overwrites an earlier one's files, and the same
input gives the same files (ingest stores articles in input order on both engines).

One row per article: id, url, site, title, published (the normalised date as the analysis
gives it), language, source, text (the clean text) and `analysis`, the whole analysis as
`newsint.analysis/1` JSON (docs/schema.md), so nothing is lost.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlsplit

from newsint.errors import NewsintError
from newsint.model import Analysis

INSTALL = "pip install 'newsint[ray]' (it brings pyarrow)"
COLUMNS = ("id", "url", "site", "title", "published", "language", "source", "text", "analysis")


class ParquetProblem(NewsintError):
    code = "parquet"


def row_of(analysis: Analysis) -> dict[str, str | None]:
    a = analysis.article
    return {
        "id": a.id,
        "url": a.url,
        "site": a.site,
        "title": a.title,
        "published": a.published.date,
        "language": a.language,
        "source": a.source,
        "text": analysis.text,
        "analysis": analysis.to_json(indent=None),
    }


class ParquetSink:
    """Buffers analyses and writes them out `rows` at a time (and the rest at `close`)."""

    def __init__(self, target: str, rows: int) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
            from pyarrow import fs
        except ImportError:
            raise ParquetProblem(
                "--parquet", "writing Parquet needs pyarrow, which is not installed", INSTALL
            ) from None
        self._pa, self._pq = pa, pq
        self.target = target
        self.rows = max(1, rows)
        self.written: list[str] = []
        self._buffer: list[dict[str, str | None]] = []
        try:
            if urlsplit(target).scheme:
                self._fs, self._dir = fs.FileSystem.from_uri(target)
            else:
                self._fs, self._dir = fs.LocalFileSystem(), str(target)
            self._fs.create_dir(self._dir, recursive=True)
        except Exception as exc:  # pyarrow: ArrowInvalid for a bad URI, OSError for the rest
            raise ParquetProblem(
                target, f"cannot write Parquet there ({exc})", "give a writable folder or URI"
            ) from None
        self._schema = pa.schema([(c, pa.string()) for c in COLUMNS])

    def add(self, analysis: Analysis) -> None:
        self._buffer.append(row_of(analysis))
        if len(self._buffer) >= self.rows:
            self._write()

    def close(self) -> None:
        if self._buffer:
            self._write()

    def _write(self) -> None:
        rows, self._buffer = self._buffer, []
        digest = hashlib.sha256("\n".join(str(r["id"]) for r in rows).encode()).hexdigest()
        path = f"{self._dir.rstrip('/')}/analyses-{digest[:16]}.parquet"
        columns: dict[str, Any] = {c: [r[c] for r in rows] for c in COLUMNS}
        table = self._pa.table(columns, schema=self._schema)
        self._pq.write_table(table, path, filesystem=self._fs, compression="zstd")
        self.written.append(path)
