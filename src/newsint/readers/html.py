"""HTML pages: trafilatura finds the main text (comments excluded) and the page's metadata.

The publication time comes from what the page states (article:published_time, JSON-LD
datePublished, <time datetime>) before htmldate's guesses: htmldate prefers a date in the
canonical URL, which has no time of day and can be another day than the page's own stamp.
"""

from __future__ import annotations

import logging
from copy import copy
from functools import cache

from trafilatura.settings import Document, Extractor

from newsint.config import Config
from newsint.errors import ParseProblem
from newsint.model import Analysis
from newsint.readers.base import make_analysis, normalise_date
from newsint.readers.byline import byline
from newsint.readers.decode import decode_bytes
from newsint.readers.html_meta import finish, page_metadata, stated_date, stated_language
from newsint.readers.html_text import extract_text, load_page

__all__ = ["NoArticleText", "extract_html", "read_html", "stated_date", "stated_language"]

# trafilatura logs every page it finds hard; the reader reports failures itself, once.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


class NoArticleText(ParseProblem):
    """A page with no article text (an index, a login or a search page): a failure for a page
    the user gave, but what a crawl is full of (the WARC reader counts them instead)."""


@cache
def _extractor(favor_precision: bool, include_comments: bool, include_tables: bool) -> Extractor:
    return Extractor(
        output_format="python",
        precision=favor_precision,
        comments=include_comments,
        tables=include_tables,
    )


def _options(config: Config, url: str | None) -> Extractor:
    """trafilatura's settings for one page: a copy of the configuration's (building one reads
    trafilatura's config file, a tenth of a millisecond a page), with the page's URL."""
    options = copy(
        _extractor(
            config.html.favor_precision, config.html.include_comments, config.html.include_tables
        )
    )
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


def extract_html(
    html: str,
    config: Config,
    url: str | None = None,
    *,
    guess_date: bool = True,
    xml_clean: bool = False,
) -> Document | None:
    """The main text and the metadata of a page from one parse tree: the metadata and the
    byline (pages whose <meta> and JSON-LD name no author) are read from it first, then
    trafilatura's extraction consumes it (`readers.html_text`). The same text and fields as
    `bare_extraction(html, with_metadata=True)`. None when trafilatura finds no text, or no
    HTML tree. `xml_clean`: `html` holds none of the characters XML forbids
    (`Decoded.xml_clean`), so the parse need not look for them."""
    tree = load_page(html, xml_clean)
    if tree is None:
        return None
    try:
        metadata = page_metadata(tree, url, guess_date=guess_date)
        if not metadata.author:
            metadata.author = byline(tree)
    except (TypeError, ValueError):  # what bare_extraction takes for "no document"
        return None
    doc = extract_text(tree, _options(config, url or metadata.url))
    if doc is None:
        return None
    finish(metadata)
    for key in ("title", "author", "url", "date", "sitename"):
        setattr(doc, key, getattr(metadata, key))
    return doc


def read_html(
    data: bytes, where: str, config: Config, url: str | None = None, charset: str | None = None
) -> Analysis:
    """`charset`: what the server declared (HTTP Content-Type); else the page's <meta>."""
    decoded = decode_bytes(data, where, config.limits, declared=charset, html=True)
    html, encoding = decoded.text, decoded.encoding
    if "<" not in html:
        raise ParseProblem(where, "no HTML markup found", "rename it to .txt if it is plain text")
    # the page's own stamp beats htmldate's guess, so htmldate runs only when it states none
    stated = stated_date(html, config.limits)
    try:
        doc = extract_html(
            html, config, url, guess_date=stated is None, xml_clean=decoded.xml_clean
        )
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
    if stated:
        published, evidence = stated
        found["date"] = "html"
    return make_analysis(
        (doc.text or "").replace("\r\n", "\n"),
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
