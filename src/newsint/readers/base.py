"""What every reader returns: an Analysis holding the raw text and the metadata it found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal
from urllib.parse import urlsplit

import dateparser

from newsint.config import Limits
from newsint.errors import BadDate, InputError
from newsint.model import Analysis, ArticleMeta, Published, content_hash, stable_id


@dataclass(frozen=True)
class Link:
    """A URL a reader found but did not read itself: a feed entry's page, a feed in an OPML list.

    The ingest fetches it when fetching is allowed; `published` is the date the feed gave, used
    only when the page itself has none; `site` the outlet the feed names, used when the page
    names none. `local`: the URL is a file path (a feed an OPML list on this machine names by a
    relative path), read from disk rather than fetched.
    """

    url: str
    where: str  # the input it came from, for messages
    kind: Literal["article", "feed"]
    title: str | None = None
    published: str | None = None
    local: bool = False
    site: str | None = None


def site_of(url: str | None) -> str | None:
    """The site name of a URL: its host without a leading www."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def language_code(value: object) -> str | None:
    """The ISO 639-1 code of a metadata language tag ("de-DE", "en_GB", "DE" -> "de"), None when
    it is not one."""
    if not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return code if len(code) == 2 and code.isascii() and code.isalpha() else None


_HAS_YEAR = re.compile(r"\d{4}")


def normalise_date(value: object) -> str | None:
    """ISO date (or datetime when a time is given) from what metadata holds; None if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        if value.tzinfo is not None:  # one clock for ordering: UTC, written without an offset
            value = value.astimezone(UTC).replace(tzinfo=None)
        value = value.replace(microsecond=0)  # a page's milliseconds order nothing
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        if not _HAS_YEAR.search(text):
            # dateparser reads a stamp without a year ("0Z0", "yesterday") relative to now:
            # a made-up date that changes with the clock, never what the metadata stated
            return None
        parsed = dateparser.parse(
            text,
            # a stamp without a day or month takes the first, never the clock's
            settings={
                "PREFER_DAY_OF_MONTH": "first",
                "PREFER_MONTH_OF_YEAR": "first",
                "STRICT_PARSING": False,
            },
        )
        if parsed is not None and str(parsed.year) not in text:
            # four digits read as a time of day ("0000Z") get today's date: not a stated date
            return None
    if parsed is None:
        return None
    return normalise_date(parsed)


def date_problem(iso: str | None, limits: Limits) -> str | None:
    """Why a publication date cannot be an article's, or None when it can (or is absent)."""
    if not iso:
        return None
    try:
        year = int(iso[:4]) if iso[:4].isdigit() else date.fromisoformat(iso[:10]).year
    except ValueError:
        return f"unreadable publication date {iso!r}"
    if not limits.min_published_year <= year <= limits.max_published_year:
        return (
            f"publication date {iso} is outside {limits.min_published_year}-"
            f"{limits.max_published_year}"
        )
    return None


def check_published(item: Analysis, where: str, limits: Limits) -> Analysis | InputError:
    """The article, or a clear refusal when its metadata gives an impossible publication date."""
    problem = date_problem(item.article.published.date, limits)
    if problem is None:
        return item
    evidence = item.article.published.evidence or "the metadata"
    return BadDate(
        where,
        f"{problem} (from {evidence})",
        "fix the date in the input, or widen [limits] min_published_year/max_published_year",
    )


def make_analysis(
    raw: str,
    *,
    source: str,
    fmt: str,
    title: str | None = None,
    url: str | None = None,
    site: str | None = None,
    author: str | None = None,
    published: str | None = None,
    published_evidence: str | None = None,
    found: dict[str, str] | None = None,
    language: str | None = None,
) -> Analysis:
    """Build the pre-cleaning Analysis. The id hashes URL and text, not the path or the clock,
    so the same article read twice gets the same id while a syndicated copy on another site
    gets its own. `language`: what the input's metadata says (the language stage checks it)."""
    url = url or None
    language = language_code(language)
    if language:
        found = {**(found or {}), "language": "metadata"}
    meta = ArticleMeta(
        id=stable_id("art", url or "", raw),
        title=(title or "").strip() or None,
        url=url,
        site=site or site_of(url),
        author=(author or "").strip() or None,
        published=(
            Published(date=published, source="metadata", evidence=published_evidence)
            if published
            else Published()
        ),
        **({"language": language} if language else {}),
        source=source,
        format=fmt,
        content_hash=content_hash(raw),
        found=dict(sorted((found or {}).items())),
    )
    return Analysis(article=meta, text="", raw=raw)
