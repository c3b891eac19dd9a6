"""Readers turn files, streams and bytes into Analysis records holding raw text and metadata.

`read_path` yields one item per article: an Analysis, or an InputError that says which input
failed and why. A failure never stops the batch.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsint.config import Config, default_config
from newsint.errors import InputError, NotFound, UnsupportedFormat
from newsint.model import Analysis
from newsint.readers.decode import check_size, gunzip
from newsint.readers.html import read_html
from newsint.readers.jsonfile import read_json, read_jsonl
from newsint.readers.text import read_text

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".json", ".jsonl", ".ndjson"}

__all__ = ["SUFFIXES", "read_bytes", "read_path", "read_paths", "read_stdin"]


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<p>" in head:
        return ".html"
    if head.startswith((b"{", b"[")):
        return ".json"
    return ".txt"


def read_bytes(
    data: bytes, where: str, suffix: str | None = None, config: Config | None = None
) -> Iterator[Analysis | InputError]:
    """Read an in-memory input; `suffix` picks the reader (sniffed from the content if None)."""
    config = config or default_config()
    try:
        suffix = (suffix or "").lower()
        if suffix == ".gz":
            data = gunzip(data, where, config.limits)
            suffix = ""
        if not suffix:
            suffix = _sniff(data)
        if suffix in TEXT_SUFFIXES:
            yield read_text(data, where, config)
        elif suffix in HTML_SUFFIXES:
            yield read_html(data, where, config)
        elif suffix == ".json":
            yield from read_json(data, where, config)
        elif suffix in {".jsonl", ".ndjson"}:
            yield from read_jsonl(data, where, config)
        else:
            raise UnsupportedFormat(
                where,
                f"unknown file kind {suffix!r}",
                f"use one of {', '.join(sorted(SUFFIXES))} (optionally .gz)",
            )
    except InputError as err:
        yield err


def _suffix_of(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return suffixes[-2] if len(suffixes) > 1 and suffixes[-2] in SUFFIXES else ".gz"
    return suffixes[-1] if suffixes else ""


def read_path(path: str | Path, config: Config | None = None) -> Iterator[Analysis | InputError]:
    """Read one file (any supported kind, optionally gzipped)."""
    config = config or default_config()
    path = Path(path)
    where = str(path)
    try:
        if not path.exists():
            raise NotFound(where, "no such file", "check the path")
        if path.is_dir():
            raise UnsupportedFormat(
                where, "is a folder", "give the files inside it (or use `newsint ingest`)"
            )
        check_size(path.stat().st_size, where, config.limits)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise NotFound(
                where, f"cannot read it ({exc.strerror})", "check its permissions"
            ) from exc
    except InputError as err:
        yield err
        return
    suffix = _suffix_of(path)
    if path.name.lower().endswith(".gz"):
        try:
            data = gunzip(data, where, config.limits)
        except InputError as err:
            yield err
            return
        if suffix == ".gz":
            suffix = ""
    yield from read_bytes(data, where, suffix or None, config)


def read_paths(
    paths: Iterable[str | Path], config: Config | None = None
) -> Iterator[Analysis | InputError]:
    for path in paths:
        if str(path) == "-":
            yield from read_stdin(config)
        else:
            yield from read_path(path, config)


def read_stdin(config: Config | None = None) -> Iterator[Analysis | InputError]:
    """Standard input; its kind (text, HTML, JSON) is sniffed from the content."""
    data = sys.stdin.buffer.read()
    for item in read_bytes(data, "<stdin>", None, config):
        if isinstance(item, Analysis):
            item.article.format = f"stdin:{item.article.format}"
        yield item
