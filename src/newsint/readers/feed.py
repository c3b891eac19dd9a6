"""RSS, Atom and JSON feeds (feedparser) and OPML lists of feeds, parsed safely.

XML from the web can carry entity bombs and external entities; defusedxml refuses those before
feedparser sees a byte. Entries carrying their full text become articles; entries with only a
summary become links to fetch (the page holds the article).

The outlet of an entry is the site, never a section: a feed titled "Atlas News Agency – World"
is Atlas News Agency's, and its "Business" feed is the same outlet's (otherwise one outlet splits
into per-section outlets and the corpus counts it as several independent sources).
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from lxml import html as lxml_html

from newsint.config import Config
from newsint.errors import EmptyInput, InputError, ParseProblem
from newsint.model import Analysis
from newsint.readers.base import Link, language_code, make_analysis, normalise_date, site_of
from newsint.readers.rules import reader_rules
from newsint.text.outlets import load_outlets

# Elements after which a line break belongs when an HTML fragment becomes text.
_BLOCKS = frozenset(
    {
        *("p", "div", "br", "li", "ul", "ol", "blockquote", "pre", "table", "tr", "hr"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "figure", "figcaption"),
        *("section", "article", "header", "footer"),
    }
)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)


def check_xml(data: bytes, where: str) -> None:
    """Refuse XML with entity declarations or external references (billion laughs, XXE).

    Malformed XML is left to the lenient parser after, but only when it declares no entities.
    """
    try:
        SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ParseProblem(
            where,
            f"the XML declares entities or external references ({type(exc).__name__})",
            "newsint refuses these for safety (entity bombs); remove the DOCTYPE block",
        ) from exc
    except SafeET.ParseError:
        if _ENTITY_DECL.search(data):
            raise ParseProblem(
                where,
                "malformed XML that declares entities",
                "newsint refuses these for safety; fix the feed",
            ) from None


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element."""
    if "<" not in markup:
        return markup.strip()
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # lxml raises several kinds on broken markup; fall back to the raw text
        return re.sub(r"<[^>]+>", " ", markup).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag.lower() in _BLOCKS:
            parts.append("\n\n")

    walk(root)
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _entry_date(entry: Any) -> tuple[str | None, str | None]:
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            iso = normalise_date(datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC))
            return iso, f"feed {key}: {entry.get(key)}"
        raw = entry.get(key)
        if raw and (iso := normalise_date(raw)):
            return iso, f"feed {key}: {raw}"
    return None, None


def _entry_body(entry: Any) -> str:
    """The fullest text the entry carries: its content, else its summary."""
    bodies = [c.get("value", "") for c in entry.get("content", []) or []]
    bodies.append(entry.get("summary", "") or "")
    texts = [fragment_text(b) for b in bodies if b]
    return max(texts, key=len, default="")


def _json_feed(data: bytes) -> dict[str, Any] | None:
    """A JSON Feed (jsonfeed.org) in feedparser's shape; None when the bytes are not one.

    feedparser 6.0 reads RSS and Atom only; JSON Feed is plain JSON, mapped here field by field.
    """
    if not data[:4096].lstrip().startswith(b"{"):
        return None
    try:
        obj = json.loads(data)
    except ValueError:
        return None
    version = obj.get("version", "") if isinstance(obj, dict) else ""
    if not isinstance(version, str) or "jsonfeed.org" not in version:
        return None
    entries = []
    for item in obj.get("items") or []:
        if not isinstance(item, dict):
            continue
        authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
        entries.append(
            {
                "title": item.get("title"),
                "link": item.get("url") or item.get("external_url"),
                "content": [{"value": item.get("content_html") or item.get("content_text") or ""}],
                "summary": item.get("summary") or "",
                "published": item.get("date_published"),
                "updated": item.get("date_modified"),
                "author": (authors[0] or {}).get("name") if authors else None,
            }
        )
    return {"feed": {"title": obj.get("title")}, "entries": entries, "bozo": False}


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _names_site(part: str, domain: str) -> bool:
    """Whether a part of a feed title is the name of the site at `domain`: its letters make the
    domain's name ("Harbour Times" at harbourtimes.example), or its initials do ("KNA")."""
    rules = reader_rules()
    labels = [_letters(label) for label in domain.split(".")[:-1]]
    letters = _letters(part)
    initials = "".join(w[0] for w in re.findall(r"\w+", part.lower()))
    for label in labels:
        if len(label) < rules.min_label_chars or label in rules.generic_labels:
            continue
        if letters.startswith(label) or label.startswith(letters) or label == initials:
            return True
    return False


def site_name(title: str | None, domain: str | None) -> str | None:
    """The outlet a feed belongs to: the name of a known outlet publishing at `domain`
    (data/outlets.toml), else the part of the feed's title that names the site (not the
    section), else the domain."""
    if domain:
        known = load_outlets().by_site(domain)
        if known is not None:
            return known.name
    title = (title or "").strip()
    if not title:
        return domain
    rules = reader_rules()
    parts = [title]
    for sep in rules.title_separators:
        parts = [piece.strip() for part in parts for piece in part.split(sep) if piece.strip()]
    if domain:
        for part in parts:
            if _names_site(part, domain):
                return part
    # The domain names no part: the first that is no section is the outlet ("Atlas News
    # Agency – World"); a title of sections only says nothing about it.
    named = [p for p in parts if p.lower() not in rules.sections]
    return named[0] if named else domain


def _same_site(a: str, b: str) -> bool:
    return a == b or a.endswith(f".{b}") or b.endswith(f".{a}")


def _entry_site(entry: Any, feed_title: str | None, home: str | None) -> str | None:
    """An entry's outlet: the feed's, unless the entry names its own source (RSS <source>) or
    links to another site (an aggregator's feed): then that site's."""
    domain = site_of(entry.get("link"))
    source = entry.get("source") or {}
    if source.get("title"):
        return site_name(source["title"], site_of(source.get("href")) or domain)
    if domain and home and not _same_site(domain, home):
        return site_name(None, domain)
    return site_name(feed_title, home or domain)


def read_feed(
    data: bytes, where: str, config: Config, url: str | None = None
) -> Iterator[Analysis | Link | InputError]:
    """Articles (entries with full content) and links (entries with only a summary)."""
    if not data.strip():
        raise EmptyInput(where, "the feed is empty", "check the file or URL")
    parsed: Any = _json_feed(data)
    if parsed is None:
        check_xml(data, where)
        parsed = feedparser.parse(data, response_headers={"content-location": url} if url else None)
    entries = parsed.get("entries", [])
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise ParseProblem(
                where, f"not a readable RSS/Atom feed ({problem})", "check it is a feed"
            )
        raise EmptyInput(where, "the feed has no entries", "check the feed URL or file")
    feed = parsed.get("feed", {}) or {}
    home = feed.get("link") or url
    language = language_code(feed.get("language"))
    limit = config.ingest.max_feed_entries
    for i, entry in enumerate(entries[:limit], start=1):
        label = f"{where}#{i}"
        site = _entry_site(entry, feed.get("title"), site_of(home))
        try:
            yield _entry(entry, label, site, config, language)
        except InputError as err:
            yield err
    if len(entries) > limit:
        yield ParseProblem(
            where,
            f"{len(entries) - limit} entries past the first {limit} were not read",
            "raise ingest.max_feed_entries to read them",
        )


def _entry_language(entry: Any) -> str | None:
    """What an entry's own metadata says of its language (Atom xml:lang on its content)."""
    for detail in [*(entry.get("content") or []), entry.get("summary_detail") or {}]:
        code = language_code(detail.get("language"))
        if code:
            return code
    return None


def _entry(
    entry: Any, label: str, site: str | None, config: Config, language: str | None = None
) -> Analysis | Link:
    title = (entry.get("title") or "").strip() or None
    link = entry.get("link") or None
    published, evidence = _entry_date(entry)
    body = _entry_body(entry)
    if link and len(body) < config.ingest.feed_min_content_chars:
        return Link(link, label, "article", title=title, published=published, site=site)
    if not body:
        raise EmptyInput(label, "the entry has no text and no link", "nothing to read here")
    return make_analysis(
        body,
        source=label,
        fmt="feed",
        title=title,
        url=link,
        site=site,
        author=entry.get("author"),
        published=published,
        published_evidence=evidence,
        found={"text": "feed content", **({"date": "feed"} if published else {})},
        language=_entry_language(entry) or language,
    )


def read_opml(data: bytes, where: str, folder: Path | None = None) -> Iterator[Link | InputError]:
    """The feeds an OPML subscription list names (outline elements with an xmlUrl).

    A list read from this machine (`folder` given) may name feed files by a path relative to it
    (a sample set, a crawler's output folder): those are read from disk, not fetched.
    """
    check_xml(data, where)
    try:
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True)
    except SafeET.ParseError as exc:
        raise ParseProblem(where, f"malformed OPML ({exc})", "check the file") from exc
    feeds = [
        (o.get("xmlUrl") or "").strip()
        for o in root.iter("outline")
        if (o.get("xmlUrl") or "").strip()
    ]
    if not feeds:
        raise EmptyInput(where, "no feeds (outline xmlUrl) in the OPML file", "check the file")
    for i, feed in enumerate(dict.fromkeys(feeds), start=1):
        label = f"{where}#{i}"
        scheme = urlsplit(feed).scheme.lower()
        if folder is not None and scheme in {"", "file"}:
            path = Path(urlsplit(feed).path if scheme == "file" else feed)
            yield Link(str(folder / path), label, "feed", local=True)
        else:
            yield Link(feed, label, "feed")
