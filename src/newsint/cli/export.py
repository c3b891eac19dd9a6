"""`newsint export`: thin over newsint.export (gather the records, pick the exporter, write)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated

import typer

from newsint.cli.common import ConfigOpt, err, open_corpus
from newsint.errors import NewsintError
from newsint.export import CSV_TABLES, EXPORTERS, ExportData

ExportFormat = StrEnum("ExportFormat", {name: name for name in EXPORTERS})  # type: ignore[misc]
CsvTable = StrEnum("CsvTable", {name: name for name in CSV_TABLES})  # type: ignore[misc]


def export_command(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="stix (STIX 2.1 bundle), ftm (FollowTheMoney entities), graphml, jsonl "
            "(every record), csv (one table, see --table).",
            show_default=False,
        ),
    ],
    story: Annotated[
        str | None,
        typer.Option(
            "--story", metavar="ID", help="Export only this story (id from `newsint stories`)."
        ),
    ] = None,
    out_path: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", metavar="FILE", help="Write to this file instead of standard output."
        ),
    ] = None,
    table: Annotated[
        CsvTable,
        typer.Option("--table", help="CSV only: which table to write."),
    ] = CsvTable("claims"),  # noqa: B008
    tlp: Annotated[
        str | None,
        typer.Option(
            "--tlp",
            metavar="LEVEL",
            help="STIX only: TLP marking of every object: clear (default, data/exports.toml), "
            "green, amber, amber+strict or red.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="TIME",
            help="STIX only: the time given to undated articles (ISO 8601); default: the newest "
            "publication time of the export.",
            show_default=False,
        ),
    ] = None,
    from_analyses: Annotated[
        list[str] | None,
        typer.Option(
            "--from-analyses",
            metavar="FILE",
            help="Export these files instead of a corpus: JSON from `newsint analyze --format "
            "json`, JSON lines of analyses, or a `newsint export --format jsonl` file; - for "
            "stdin. Repeatable.",
            show_default=False,
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="DB",
            envvar="NEWSINT_DB",
            help="Corpus database: a SQLite file (default ./newsint.db) or postgresql://….",
            show_default=False,
        ),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Export analyses and corpus records as STIX 2.1, FollowTheMoney, GraphML, JSONL or CSV."""
    exporter = EXPORTERS[fmt.value]
    options = {"table": table.value}
    options.update({k: v for k, v in (("tlp", tlp), ("as_of", as_of)) if v})
    try:
        data = _gather(from_analyses, db, config, story)
        if out_path is None or str(out_path) == "-":
            exporter.write(data, sys.stdout.buffer, options)
            sys.stdout.flush()
        else:
            _write_file(out_path, lambda f: exporter.write(data, f, options))
            err.print(
                f"Wrote {len(data.analyses)} article(s) as {fmt.value} to {out_path}",
                highlight=False,
            )
    except NewsintError as exc:
        err.print(f"[bold red]error[/] {exc.line()}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def _gather(
    files: list[str] | None, db: str | None, config: Path | None, story: str | None
) -> ExportData:
    from newsint.export.gather import from_corpus, from_files

    if files:
        data = from_files(files, stdin=sys.stdin)
        return data.select_story(story) if story else data
    with open_corpus(db, config) as corpus:
        return from_corpus(corpus, story)


def _write_file(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write to a temporary file beside `path`, then move it in place: a failed export never
    leaves half a file under the name asked for."""
    tmp = path.with_name(f".{path.name}.part")
    try:
        with open(tmp, "wb") as f:
            write(f)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise NewsintError(
            str(path), f"cannot write it ({exc.strerror or exc})", "check the folder exists"
        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
