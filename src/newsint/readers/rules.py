"""The readers' word lists (data/readers.toml): which archive records are articles, where a page
states its publication time, how a feed title names its outlet, how long a byline can be.
Loaded once per process."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

_DATA = "readers.toml"

# The kinds of web-archive records that are not articles, as the ingest summary names them.
SKIP_KINDS = {
    "robots": "robots.txt and other crawler files",
    "feed": "feeds",
    "asset": "assets (images, scripts, style sheets, data)",
    "status": "responses other than 200 (redirects, errors)",
    "no-text": "pages without article text (index, login, search pages)",
}


@dataclass(frozen=True)
class ReaderRules:
    article_types: frozenset[str]
    feed_types: frozenset[str]
    crawler_files: frozenset[str]
    date_meta: tuple[tuple[str, str], ...]  # (attribute, value) of <meta> tags, best first
    date_json_ld: tuple[str, ...]
    date_meta_values: frozenset[str]  # the values alone: a <meta> tag holding none is skipped
    title_separators: tuple[str, ...]
    sections: frozenset[str]
    generic_labels: frozenset[str]
    min_label_chars: int
    byline_max_chars: int


@cache
def reader_rules() -> ReaderRules:
    raw = tomllib.loads(resources.files("newsint.data").joinpath(_DATA).read_text("utf-8"))
    warc, date, site = raw["warc"], raw["html_date"], raw["feed_site"]
    return ReaderRules(
        article_types=frozenset(warc["article_types"]),
        feed_types=frozenset(warc["feed_types"]),
        crawler_files=frozenset(name.lower() for name in warc["crawler_files"]),
        date_meta=tuple((attr.lower(), value.lower()) for attr, value in date["meta"]),
        date_json_ld=tuple(date["json_ld"]),
        date_meta_values=frozenset(value.lower() for _, value in date["meta"]),
        title_separators=tuple(site["separators"]),
        sections=frozenset(s.lower() for s in site["sections"]),
        generic_labels=frozenset(site["generic_labels"]),
        min_label_chars=int(site["min_label_chars"]),
        byline_max_chars=int(raw["html_author"]["max_chars"]),
    )
