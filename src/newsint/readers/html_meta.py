"""A page's metadata for the html reader: what it states (publication time, language) and
trafilatura's title, author, URL, date and site name, at less cost than `extract_metadata`.

The stated time and language are cheap scans of the markup (no second parse tree). The rest
follows trafilatura's `extract_metadata` step for step on the reader's one parse tree, minus
what newsint does not read (categories, tags, licence), and with htmldate's guess only for
pages that state no time. The byline search is in readers/byline.py.

`examine_meta` and `extract_meta_json` look up the <head>'s <meta> tags twice and the JSON
<script> elements once, each lookup a walk over the whole page. `_Lookups` answers those three
lookups from one walk (a page has one <head>; a page with more gets the walks), and
`_meta_json` is `extract_meta_json` with its minifying of the JSON done by a split in C
instead of a template expanded per whitespace character. `METADATA_FINGERPRINT` ties both to
trafilatura's code; another trafilatura gets its own functions on the tree (a test fails, to
say so).
"""

from __future__ import annotations

import hashlib
import html as html_lib
import inspect
import json
import re
from collections.abc import Iterator
from contextlib import suppress
from functools import cache
from typing import Any, cast

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import metadata as trafilatura_metadata
from trafilatura.json_metadata import extract_json, extract_json_parse_error, normalize_json
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_meta_json,
    extract_opengraph,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document

from newsint.config import Limits
from newsint.readers.base import date_problem, language_code, normalise_date
from newsint.readers.rules import reader_rules

# ---- the publication time and language a page states (cheap scans: no second parse tree)

_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
# name="value", name='value', name=value, or a bare name (<time pubdate>)
_ATTR = re.compile(r"""([\w:.-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_JSON_LD = re.compile(
    r"<script\b[^>]*type\s*=\s*[\"']?application/ld\+json[^>]*>(.*?)</script>",
    re.IGNORECASE | re.DOTALL,
)
_TIME = re.compile(r"<time\b[^>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)


def _attrs(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html_lib.unescape(next((g for g in m.groups()[1:] if g), ""))
        for m in _ATTR.finditer(tag)
    }


def _json_ld_dates(value: Any, keys: tuple[str, ...]) -> list[tuple[str, str]]:
    """(key, time) of the publication times in a JSON-LD value, in document order (objects,
    lists, @graph)."""
    found: list[tuple[str, str]] = []
    if isinstance(value, list):
        for item in value:
            found += _json_ld_dates(item, keys)
    elif isinstance(value, dict):
        for key in keys:
            if isinstance(value.get(key), str):
                found.append((key, value[key]))
                break
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            found += _json_ld_dates(value.get(key), keys)
    return found


def _date_metas(html: str, values: frozenset[str]) -> list[dict[str, str]]:
    """The attributes of the <meta> tags that can state a date. A tag is only parsed when its
    text holds one of the `values` looked for (or an entity, which could spell one): most of a
    page's <meta> tags are descriptions, images and app links."""
    metas = []
    for tag in _META.findall(html):
        lowered = tag.lower()
        if "&" in tag or any(value in lowered for value in values):
            metas.append(_attrs(tag))
    return metas


def stated_date(html: str, limits: Limits) -> tuple[str, str] | None:
    """(ISO date or datetime, evidence) of the publication time the page states in its markup,
    most trusted form first (data/readers.toml [html_date]); None when it states none. A
    dummy stamp a CMS writes (0001-01-01, outside [limits]) is no statement: htmldate may know
    better.
    """
    rules = reader_rules()

    def usable(value: object) -> str | None:
        iso = normalise_date(value)
        return iso if iso and date_problem(iso, limits) is None else None

    metas = _date_metas(html, rules.date_meta_values)
    for attr, value in rules.date_meta:
        for meta in metas:
            if meta.get(attr, "").lower() == value and (iso := usable(meta.get("content"))):
                return iso, f'html <meta {attr}="{value}">: {meta.get("content")}'
    for block in _JSON_LD.findall(html):
        try:
            data = json.loads(block)
        except ValueError:
            continue  # broken JSON-LD is common; the other forms may still say it
        for key, raw in _json_ld_dates(data, rules.date_json_ld):
            if iso := usable(raw):
                return iso, f"html JSON-LD {key}: {raw}"
    times = [_attrs(tag) for tag in _TIME.findall(html)]
    # a <time> marked as the publication time; else the page's only one (several unmarked
    # ones are as likely a comment's or a related story's)
    marked = [
        t for t in times if "pubdate" in t or t.get("itemprop", "").lower() == "datepublished"
    ]
    stamps = {t["datetime"] for t in times if t.get("datetime")}
    for time_attrs in marked or (times if len(stamps) == 1 else []):
        if iso := usable(time_attrs.get("datetime")):
            return iso, f"html <time datetime>: {time_attrs.get('datetime')}"
    return None


def stated_language(html: str) -> str | None:
    """The language the page declares (<html lang>), as an ISO 639-1 code."""
    tag = _HTML_TAG.search(html[:4096])
    return language_code(_attrs(tag.group(0)).get("lang")) if tag else None


# ---- trafilatura's metadata, for the fields newsint reads


# sha256 (first 16 hex digits) of the source of examine_meta, extract_opengraph and
# extract_meta_json and of the JSON_MINIFY pattern, whose lookups `_Lookups` answers and whose
# steps `_meta_json` takes (trafilatura 2.3.1).
METADATA_FINGERPRINT = "7a30bb010b9ec7b6"

# the lookups those functions make, as they spell them
_OPENGRAPH = './/head/meta[starts-with(@property, "og:")]'
_CONTENT_METAS = ".//head/meta[@content]"
_JSON_SCRIPTS = './/script[@type="application/ld+json" or @type="application/settings+json"]'
_JSON_TYPES = ("application/ld+json", "application/settings+json")
# JSON_MINIFY (a string literal, kept, or one whitespace character, deleted) with whitespace
# runs: splitting on it and joining what is left gives its substitution's result
_MINIFY_SPLIT = re.compile(r'("(?:\\.|[^"\\])*")|\s+')


@cache
def metadata_fingerprint() -> str:
    """The fingerprint of this trafilatura's metadata functions."""
    parts = [inspect.getsource(f) for f in (examine_meta, extract_opengraph, extract_meta_json)]
    parts.append(trafilatura_metadata.JSON_MINIFY.pattern)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


class _Lookups:
    """The page's tree as examine_meta and extract_meta_json read it: their three lookups
    answered from one walk over the page; any other goes to the tree."""

    def __init__(self, tree: HtmlElement, head: HtmlElement, scripts: list[HtmlElement]) -> None:
        self.tree, self.head, self.scripts = tree, head, scripts

    def xpath(self, path: str) -> list[HtmlElement]:
        if path == _OPENGRAPH:  # starts-with on an absent attribute is false
            return [
                meta
                for meta in self.head.iterchildren("meta")
                if (meta.get("property") or "").startswith("og:")
            ]
        if path == _JSON_SCRIPTS:
            return self.scripts
        found: list[HtmlElement] = self.tree.xpath(path)
        return found

    def iterfind(self, path: str) -> Iterator[HtmlElement]:
        if path == _CONTENT_METAS:
            return (meta for meta in self.head.iterchildren("meta") if "content" in meta.attrib)
        return self.tree.iterfind(path)


def _lookups(tree: HtmlElement) -> HtmlElement:
    """`tree`, or `_Lookups` over it where that gives the same answers (one <head>)."""
    if metadata_fingerprint() != METADATA_FINGERPRINT:
        return tree
    heads: list[HtmlElement] = []
    scripts: list[HtmlElement] = []
    for element in tree.iterdescendants("head", "script"):
        if element.tag == "head":
            heads.append(element)
        elif element.get("type") in _JSON_TYPES:
            scripts.append(element)
    if len(heads) != 1:  # several: document order across them is the walks' to give
        return tree
    return cast(HtmlElement, _Lookups(tree, heads[0], scripts))


def _meta_json(tree: HtmlElement, metadata: Document) -> Document:
    """`extract_meta_json(tree, metadata)`, minifying each JSON text with one split in C."""
    if metadata_fingerprint() != METADATA_FINGERPRINT:
        found: Document = extract_meta_json(tree, metadata)
        return found
    for elem in tree.xpath(_JSON_SCRIPTS):
        if not elem.text:
            continue
        element_text = normalize_json("".join(filter(None, _MINIFY_SPLIT.split(elem.text))))
        try:
            schema = json.loads(element_text, strict=False)
            metadata = extract_json(schema, metadata)
        except json.JSONDecodeError:
            metadata = extract_json_parse_error(element_text, metadata)
    return metadata


def page_metadata(tree: HtmlElement, url: str | None, *, guess_date: bool) -> Document:
    """trafilatura's `extract_metadata` for title, author, URL, date and site name, in its
    order, leaving out categories, tags and licence; htmldate's date guess only when
    `guess_date` (a time the page states wins anyway). The tree is only read. The byline
    search (an author no <meta> or JSON-LD gives) is left to `readers.byline`, and the fields
    are not trimmed yet: call `finish` once the author is known."""
    page = _lookups(tree)
    metadata = examine_meta(page)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with suppress(Exception):  # as trafilatura: its JSON-LD walker has bugs
        metadata = _meta_json(page, metadata)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    if guess_date:
        # keep the time of day: an original and its same-day copies are ordered by it
        metadata.date = find_date(
            tree,
            extensive_search=True,
            original_date=True,
            outputformat="%Y-%m-%dT%H:%M:%S%z",
            url=metadata.url,
        )
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")  # a Twitter handle
        if "." not in metadata.sitename and not metadata.sitename[:1].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    return metadata


def finish(metadata: Document) -> Document:
    """trafilatura's last step: unescape, trim and bound every field."""
    metadata.clean_and_trim()
    return metadata
