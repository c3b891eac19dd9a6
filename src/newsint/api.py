"""The library's front door: analyse texts and files into Analysis records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from newsint.config import Config, default_config
from newsint.errors import BadDate, InputError, NewsintError
from newsint.model import Analysis, Published
from newsint.pipeline import Pipeline, run_isolated, shared_pipeline
from newsint.readers import read_bytes, read_paths
from newsint.readers.base import Link, date_problem, normalise_date


def parse_published(value: str | date | None, config: Config | None = None) -> str | None:
    """Validate a user-given publication date (ISO or anything dateparser reads), within
    [limits] min_published_year..max_published_year."""
    if value is None:
        return None
    try:
        iso = normalise_date(value)
    except (ValueError, OverflowError):
        iso = None
    if iso is None:
        raise NewsintError(
            "--published", f"cannot read the date {value!r}", "write it as YYYY-MM-DD"
        )
    problem = date_problem(iso, (config or default_config()).limits)
    if problem:
        raise BadDate(
            "--published", problem, "give the real date, or widen [limits] in your config"
        )
    return iso


def set_published(analysis: Analysis, published: str | None) -> Analysis:
    """A date the user gives wins over metadata: they know what they downloaded."""
    if published:
        analysis.article.published = Published(
            date=published, source="user", evidence=f"--published {published}"
        )
    return analysis


def analyze(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: str | date | None = None,
    config: Config | None = None,
    pipeline: Pipeline | None = None,
    fmt: str = ".txt",
) -> Analysis:
    """Analyse one article given as a string (plain text by default; fmt=".html" for a page).

    Without `pipeline`, the process's shared pipeline for `config` is used: the first call
    loads spaCy and the recognisers, later calls cost only the analysis."""
    config = config or default_config()
    pipeline = pipeline or shared_pipeline(config)
    items = list(read_bytes(text.encode("utf-8"), "<text>", fmt, config))
    item = items[0]
    if isinstance(item, InputError):
        raise item
    if title:
        item.article.title = title
    if url:
        item.article.url = url
    set_published(item, parse_published(published, config))
    return next(iter(pipeline.run([item])))


def analyze_paths(
    paths: Iterable[str | Path],
    *,
    published: str | date | None = None,
    config: Config | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Analysis | InputError]:
    """Analyse files ("-" for standard input) in order; failed inputs come back as errors."""
    config = config or default_config()
    pipeline = pipeline or shared_pipeline(config)
    iso = parse_published(published, config)
    pending: list[Analysis] = []
    for item in read_paths(paths, config):
        if isinstance(item, Link):
            # Fetching is the ingest's job (it has the address checks and limits).
            item = InputError(
                item.where,
                f"the entry only links to {item.url}",
                "use `newsint ingest` to fetch linked pages",
            )
        if isinstance(item, InputError):
            yield from run_isolated(pipeline, pending)
            pending = []
            yield item
            continue
        pending.append(set_published(item, iso))
        if len(pending) >= config.pipeline.batch_size:
            yield from run_isolated(pipeline, pending)
            pending = []
    yield from run_isolated(pipeline, pending)
