"""WARC (and old ARC) web archives through warcio, streamed record by record.

Archives are often gigabytes, so the file is never read whole: each HTML response record goes
to the HTML reader with its WARC-Target-URI as the article URL. The capture date (WARC-Date)
stands in for the publication date only when the page states none, and says so.

A crawl captures much besides articles: robots.txt, feeds, style sheets, images, redirects and
errors. Only pages (data/readers.toml [warc] article_types) with status 200 become articles; the
rest are skipped and counted by kind in the `skipped` tally the caller passes (the ingest
summary shows it), so a robots.txt is never analysed as news.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import IO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsint.config import Config
from newsint.errors import EmptyInput, InputError, ParseProblem, TooLarge
from newsint.model import Analysis, Published
from newsint.readers.base import normalise_date
from newsint.readers.html import NoArticleText, read_html
from newsint.readers.rules import SKIP_KINDS, reader_rules
from newsint.readers.text import read_text

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

__all__ = ["HTML_TYPES", "SKIP_KINDS", "read_warc", "skip_kind"]


def _content_type(record: object) -> str:
    headers = getattr(record, "http_headers", None)
    value = headers.get_header("Content-Type") if headers is not None else None
    if value is None:
        value = record.rec_headers.get_header("Content-Type")  # type: ignore[attr-defined]
    return (value or "").split(";", 1)[0].strip().lower()


def skip_kind(url: str | None, ctype: str, status: str | None) -> str | None:
    """Why a captured record is not an article ("robots", "feed", "asset", "status"), or None
    when it may be one."""
    rules = reader_rules()
    name = urlsplit(url or "").path.rsplit("/", 1)[-1].lower()
    if name in rules.crawler_files:
        return "robots"
    if status is not None and status != "200":
        return "status"
    if ctype in rules.feed_types:
        return "feed"
    if ctype not in rules.article_types:
        return "asset"
    return None


def read_warc(
    stream: IO[bytes], where: str, config: Config, skipped: Counter[str] | None = None
) -> Iterator[Analysis | InputError]:
    """One article per HTML (or plain-text) page captured with status 200; what is not one is
    counted by kind into `skipped` (see SKIP_KINDS)."""
    limit = config.limits.max_file_bytes
    pages = 0
    records = 0
    tally: Counter[str] = Counter()
    try:
        iterator = ArchiveIterator(stream, arc2warc=True)
        for record in iterator:
            if record.rec_type not in {"response", "resource"}:
                continue
            records += 1
            if records > config.ingest.max_warc_records:
                yield ParseProblem(
                    where,
                    f"records past the first {config.ingest.max_warc_records:,} were not read",
                    "raise ingest.max_warc_records to read them",
                )
                return
            status = None
            if record.rec_type == "response" and record.http_headers is not None:
                status = record.http_headers.get_statuscode()
            ctype = _content_type(record)
            url = record.rec_headers.get_header("WARC-Target-URI") or None
            kind = skip_kind(url, ctype, status)
            if kind is not None:
                tally[kind] += 1
                if skipped is not None:
                    skipped[kind] += 1
                continue
            data = record.content_stream().read(limit + 1)
            # Only after the read: asking warcio for the offset first empties the stream.
            label = f"{where}@{iterator.get_record_offset()}"
            pages += 1
            try:
                if len(data) > limit:
                    raise TooLarge(
                        label,
                        f"a record over the {limit:,}-byte limit",
                        "raise limits.max_file_bytes if the page is genuine",
                    )
                if ctype in HTML_TYPES:
                    analysis = read_html(data, label, config, url=url)
                else:
                    analysis = read_text(data, label, config, url=url)
            except NoArticleText:
                pages -= 1  # an index or login page: a crawl's noise, not a failed article
                tally["no-text"] += 1
                if skipped is not None:
                    skipped["no-text"] += 1
                continue
            except InputError as err:
                yield err
                continue
            analysis.article.format = "warc"
            captured = record.rec_headers.get_header("WARC-Date")
            if analysis.article.published.date is None and (iso := normalise_date(captured)):
                analysis.article.published = Published(
                    date=iso[:10],
                    source="metadata",
                    evidence=f"WARC-Date {captured} (capture time; the page gives no date)",
                )
                analysis.article.found["date"] = "warc"
            yield analysis
    except ArchiveLoadFailed as exc:
        yield ParseProblem(where, f"not a readable WARC/ARC file ({exc})", "check the file")
        return
    except (OSError, EOFError, ValueError) as exc:
        yield ParseProblem(
            where,
            f"the archive is corrupt or cut short ({type(exc).__name__}: {exc})",
            "re-fetch it",
        )
        return
    if not pages:
        counted = ", ".join(f"{n} {kind}" for kind, n in sorted(tally.items()))
        yield EmptyInput(
            where,
            "no HTML pages with status 200 in the archive"
            + (f" (skipped: {counted})" if counted else ""),
            "check the file",
        )
