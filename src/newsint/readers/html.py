"""HTML pages: trafilatura finds the main text (comments excluded) and the page's metadata."""

from __future__ import annotations

import logging

import trafilatura

from newsint.config import Config
from newsint.errors import ParseProblem
from newsint.model import Analysis
from newsint.readers.base import make_analysis, normalise_date
from newsint.readers.decode import decode_bytes

# trafilatura logs every page it finds hard; the reader reports failures itself, once.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


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
        raise ParseProblem(
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
    return make_analysis(
        doc.text.replace("\r\n", "\n"),
        source=where,
        fmt="html",
        title=doc.title,
        url=doc.url or url,
        site=doc.sitename or None,
        author=doc.author,
        published=published,
        published_evidence=f"html metadata: {doc.date}" if published else None,
        found=found,
    )
