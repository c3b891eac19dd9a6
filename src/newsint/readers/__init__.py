"""Readers turn files, streams and bytes into Analysis records holding raw text and metadata.

`read_path` yields one item per article: an Analysis, or an InputError that says which input
failed and why. A failure never stops the batch. Feeds and OPML lists may also yield a Link: a
URL to fetch (the ingest fetches it; `analyze` reports it). Records of a web archive that are
not articles (robots.txt, feeds, assets, redirects) are counted into the `skipped` tally a caller
may pass, by kind (readers.warc.SKIP_KINDS).
"""

from __future__ import annotations

import gzip
import io
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsint.config import Config, default_config
from newsint.errors import InputError, NotFound, ParseProblem, UnsupportedFormat
from newsint.model import Analysis
from newsint.readers.base import Link, check_published
from newsint.readers.decode import check_size, gunzip
from newsint.readers.feed import read_feed, read_opml
from newsint.readers.html import read_html
from newsint.readers.jsonfile import read_json, read_jsonl, read_jsonl_stream
from newsint.readers.text import read_text
from newsint.readers.warc import read_warc

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".arc"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = (
    TEXT_SUFFIXES
    | HTML_SUFFIXES
    | FEED_SUFFIXES
    | WARC_SUFFIXES
    | JSONL_SUFFIXES
    | {".json", ".opml"}
)

Item = Analysis | Link | InputError

__all__ = ["SUFFIXES", "Item", "Link", "read_bytes", "read_path", "read_paths", "read_stdin"]


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"warc/", b"filedesc://")):
        return ".warc"
    if b"<opml" in head:
        return ".opml"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return ".rss"
    if head.startswith((b"{", b"[")):
        return ".rss" if b"jsonfeed.org" in head else ".json"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<p>" in head:
        return ".html"
    return ".txt"


def _dated(items: Iterable[Item], where: str, config: Config) -> Iterator[Item]:
    """Articles whose metadata gives an impossible publication date become clear refusals."""
    for item in items:
        if isinstance(item, Analysis):
            yield check_published(item, item.article.source or where, config.limits)
        else:
            yield item


def read_bytes(
    data: bytes,
    where: str,
    suffix: str | None = None,
    config: Config | None = None,
    url: str | None = None,
    charset: str | None = None,
    skipped: Counter[str] | None = None,
    folder: Path | None = None,
) -> Iterator[Item]:
    """Read an in-memory input; `suffix` picks the reader (sniffed from the content if None).

    `folder`: the local folder the input was read from, where an OPML list's relative feed
    paths are looked up (None for fetched and uploaded inputs: they name URLs only).

    `url` is where the bytes were fetched from, for inputs that do not name their own URL;
    `charset` what its server declared (the Content-Type header's charset), if anything.
    """
    config = config or default_config()
    items = _read_bytes(data, where, suffix, config, url, charset, skipped, folder)
    yield from _dated(items, where, config)


def _read_bytes(
    data: bytes,
    where: str,
    suffix: str | None,
    config: Config,
    url: str | None,
    charset: str | None,
    skipped: Counter[str] | None = None,
    folder: Path | None = None,
) -> Iterator[Item]:
    try:
        suffix = (suffix or "").lower()
        if suffix == ".gz":
            data = gunzip(data, where, config.limits)
            suffix = ""
        if not suffix:
            suffix = _sniff(data)
        if suffix in TEXT_SUFFIXES:
            yield read_text(data, where, config, url=url, charset=charset)
        elif suffix in HTML_SUFFIXES:
            yield read_html(data, where, config, url=url, charset=charset)
        elif suffix == ".json":
            yield from read_json(data, where, config)
        elif suffix in {".jsonl", ".ndjson"}:
            yield from read_jsonl(data, where, config)
        elif suffix in FEED_SUFFIXES:
            yield from read_feed(data, where, config, url=url)
        elif suffix == ".opml":
            yield from read_opml(data, where, folder)
        elif suffix in WARC_SUFFIXES:
            yield from read_warc(io.BytesIO(data), where, config, skipped)
        else:
            raise UnsupportedFormat(
                where,
                f"unknown file kind {suffix!r}",
                f"use one of {', '.join(sorted(SUFFIXES))} (optionally .gz)",
            )
    except InputError as err:
        yield err


def wanted(name: str, suffixes: Iterable[str]) -> bool:
    """Whether a folder walk picks up a file of this name ([ingest] suffixes, or .gz of one)."""
    name = name.lower().removesuffix(".gz")
    return any(name.endswith(s) for s in suffixes)


def _suffix_of(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return suffixes[-2] if len(suffixes) > 1 and suffixes[-2] in SUFFIXES else ".gz"
    return suffixes[-1] if suffixes else ""


def read_path(
    path: str | Path, config: Config | None = None, skipped: Counter[str] | None = None
) -> Iterator[Item]:
    """Read one file (any supported kind, optionally gzipped); `skipped` counts the records of
    a web archive that are not articles."""
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
        if _suffix_of(path) in WARC_SUFFIXES:
            # Archives are streamed record by record (warcio reads .gz itself): no whole-file
            # size limit, each record is limited instead.
            try:
                with path.open("rb") as stream:
                    yield from _dated(read_warc(stream, where, config, skipped), where, config)
            except OSError as exc:
                raise NotFound(
                    where, f"cannot read it ({exc.strerror})", "check its permissions"
                ) from exc
            return
        if _suffix_of(path) in JSONL_SUFFIXES:
            # Dumps are streamed line by line: each line (article) is limited, not the file.
            yield from _dated(_stream_jsonl(path, where, config), where, config)
            return
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
    yield from read_bytes(data, where, suffix or None, config, skipped=skipped, folder=path.parent)


def _stream_jsonl(path: Path, where: str, config: Config) -> Iterator[Item]:
    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rb") as stream:
            yield from read_jsonl_stream(stream, where, config)
    except OSError as exc:  # unreadable file, or gzip data corrupt or cut short
        yield ParseProblem(
            where, f"cannot read it to the end ({exc})", "check the file and its permissions"
        )
    except EOFError:
        yield ParseProblem(where, "the gzip data is cut short", "re-download the file")


def read_paths(paths: Iterable[str | Path], config: Config | None = None) -> Iterator[Item]:
    for path in paths:
        if str(path) == "-":
            yield from read_stdin(config)
        else:
            yield from read_path(path, config)


def read_stdin(config: Config | None = None) -> Iterator[Item]:
    """Standard input; its kind (text, HTML, JSON) is sniffed from the content."""
    data = sys.stdin.buffer.read()
    for item in read_bytes(data, "<stdin>", None, config):
        if isinstance(item, Analysis):
            item.article.format = f"stdin:{item.article.format}"
        yield item
