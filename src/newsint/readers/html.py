"""HTML pages: trafilatura finds the main text (comments excluded) and the page's metadata.

The publication time comes from what the page states (article:published_time, JSON-LD
datePublished, <time datetime>) before htmldate's guesses: htmldate prefers a date in the
canonical URL, which has no time of day and can be another day than the page's own stamp.
"""

from __future__ import annotations

import html as html_lib
import json
import logging
import re
from typing import Any

import trafilatura

from newsint.config import Config, Limits
from newsint.errors import ParseProblem
from newsint.model import Analysis
from newsint.readers.base import date_problem, language_code, make_analysis, normalise_date
from newsint.readers.decode import decode_bytes
from newsint.readers.rules import reader_rules

# trafilatura logs every page it finds hard; the reader reports failures itself, once.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


class NoArticleText(ParseProblem):
    """A page with no article text (an index, a login or a search page): a failure for a page
    the user gave, but what a crawl is full of (the WARC reader counts them instead)."""


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


def stated_date(html: str, limits: Limits) -> tuple[str, str] | None:
    """(ISO date or datetime, evidence) of the publication time the page states in its markup,
    most trusted form first (data/readers.toml [html_date]); None when it states none. A
    placeholder stamp (0001-01-01, outside [limits]) is no statement: htmldate may know better.
    """
    rules = reader_rules()

    def usable(value: object) -> str | None:
        iso = normalise_date(value)
        return iso if iso and date_problem(iso, limits) is None else None

    metas = [_attrs(tag) for tag in _META.findall(html)] if "<meta" in html.lower() else []
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


def extract_html(
    html: str, config: Config, url: str | None = None
) -> trafilatura.settings.Document | None:
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=config.html.include_comments,
        include_tables=config.html.include_tables,
        favor_precision=config.html.favor_precision,
        # keep the time of day: an original and its same-day copies are ordered by it
        date_extraction_params={
            "extensive_search": True,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )


def read_html(
    data: bytes, where: str, config: Config, url: str | None = None, charset: str | None = None
) -> Analysis:
    """`charset`: what the server declared (HTTP Content-Type); else the page's <meta>."""
    decoded = decode_bytes(data, where, config.limits, declared=charset, html=True)
    html, encoding = decoded.text, decoded.encoding
    if "<" not in html:
        raise ParseProblem(where, "no HTML markup found", "rename it to .txt if it is plain text")
    try:
        doc = extract_html(html, config, url)
    except Exception as exc:  # lxml/trafilatura raise many kinds on broken markup
        raise ParseProblem(
            where,
            f"cannot parse the HTML ({type(exc).__name__}: {exc})",
            "check the file is a web page",
        ) from exc
    if doc is None or not (doc.text or "").strip():
        raise NoArticleText(
            where,
            "no article text found in the HTML",
            "check it is an article page (not an index or a login page), or save its text as .txt",
        )
    found = {"encoding": encoding, "text": "trafilatura"}
    if decoded.warning:
        found["warning"] = decoded.warning
    for key in ("title", "author", "date", "sitename", "url"):
        if getattr(doc, key, None):
            found[key] = "html"
    published = normalise_date(doc.date)
    evidence = f"html metadata: {doc.date}" if published else None
    if stated := stated_date(html, config.limits):  # the page's own stamp beats htmldate's guess
        published, evidence = stated
        found["date"] = "html"
    return make_analysis(
        doc.text.replace("\r\n", "\n"),
        source=where,
        fmt="html",
        title=doc.title,
        url=doc.url or url,
        site=doc.sitename or None,
        author=doc.author,
        published=published,
        published_evidence=evidence,
        found=found,
        language=stated_language(html),
    )
