"""JSON and JSON Lines as news-please writes them (title, maintext or text, url, date_publish)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from pydantic import ValidationError

from newsint.config import Config
from newsint.errors import EmptyInput, InputError, ParseProblem, TooLarge
from newsint.model import SCHEMA, Analysis
from newsint.readers.base import make_analysis, normalise_date
from newsint.readers.decode import decode

# Field names tried in order; news-please first, then common scraper dumps.
TEXT_FIELDS = ("maintext", "text", "content", "body", "articleBody")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
DATE_FIELDS = ("date_publish", "published", "date", "datePublished", "pubDate")
SITE_FIELDS = ("source_domain", "site", "sitename")
AUTHOR_FIELDS = ("authors", "author", "byline")
LANGUAGE_FIELDS = ("language", "lang", "inLanguage")


def _first(record: dict[str, Any], fields: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in fields:
        value = record.get(name)
        if value not in (None, "", []):
            return name, value
    return None, None


def from_record(record: object, where: str, fmt: str) -> Analysis:
    if not isinstance(record, dict):
        raise ParseProblem(
            where, "expected a JSON object per article", "give news-please style objects"
        )
    if record.get("schema") == SCHEMA:
        # An analysis newsint wrote (analyze --format json, an export): kept as it is, so a
        # corpus can be analysed on one machine and stored on another.
        try:
            return Analysis.from_json(record)
        except ValidationError as exc:
            raise ParseProblem(
                where, f"not a valid {SCHEMA} record ({exc.errors()[0]['msg']})", "re-export it"
            ) from exc
    found: dict[str, str] = {}
    text_key, text = _first(record, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        raise EmptyInput(
            where, f"no article text (looked for {', '.join(TEXT_FIELDS)})", "add a maintext field"
        )
    found["text"] = text_key or ""
    values: dict[str, Any] = {}
    for slot, fields in (
        ("title", TITLE_FIELDS),
        ("url", URL_FIELDS),
        ("date", DATE_FIELDS),
        ("site", SITE_FIELDS),
        ("author", AUTHOR_FIELDS),
    ):
        key, value = _first(record, fields)
        if key:
            found[slot] = key
        values[slot] = value
    author = values["author"]
    if isinstance(author, list):
        author = ", ".join(str(a) for a in author)
    published = normalise_date(values["date"])
    return make_analysis(
        text.replace("\r\n", "\n"),
        source=where,
        fmt=fmt,
        title=str(values["title"]) if values["title"] else None,
        url=str(values["url"]) if values["url"] else None,
        site=str(values["site"]) if values["site"] else None,
        author=str(author) if author else None,
        published=published,
        published_evidence=f"{found['date']}: {values['date']}" if published else None,
        found=found,
        language=_first(record, LANGUAGE_FIELDS)[1],
    )


def read_json(data: bytes, where: str, config: Config) -> Iterator[Analysis | InputError]:
    """One article, or a list of them."""
    text, _ = decode(data, where, config.limits)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseProblem(
            where, f"invalid JSON at line {exc.lineno} column {exc.colno}", "fix or re-export it"
        ) from exc
    records = obj if isinstance(obj, list) else [obj]
    for i, record in enumerate(records):
        label = where if len(records) == 1 else f"{where}[{i}]"
        try:
            yield from_record(record, label, "json")
        except InputError as err:
            yield err


def read_jsonl(data: bytes, where: str, config: Config) -> Iterator[Analysis | InputError]:
    """One article per line; a bad line is reported and the rest still read."""
    text, _ = decode(data, where, config.limits)
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _line(line, f"{where}:{lineno}")


def read_jsonl_stream(
    stream: IO[bytes], where: str, config: Config
) -> Iterator[Analysis | InputError]:
    """A JSON Lines file read line by line, so a dump of any size never sits in memory whole;
    the size limit applies to each line (one article) instead of the file."""
    limit = config.limits.max_file_bytes
    lineno = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        lineno += 1
        label = f"{where}:{lineno}"
        if len(raw) > limit and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the oversized line
                raw = stream.readline(limit + 1)
            yield TooLarge(
                label,
                f"a line over the {limit:,}-byte limit",
                "split the record or raise limits.max_file_bytes",
            )
            continue
        if not raw.strip():
            continue
        try:
            line, _ = decode(raw, label, config.limits)
        except InputError as err:
            yield err
            continue
        yield _line(line, label)


def _line(line: str, label: str) -> Analysis | InputError:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ParseProblem(label, f"invalid JSON ({exc.msg})", "fix or drop that line")
    try:
        return from_record(record, label, "jsonl")
    except InputError as err:
        return err
