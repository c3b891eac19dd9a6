"""A crawl's archive holds much besides articles: only pages become articles, the rest is
counted by kind (issue 21). Fictional pages, written for these tests."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsint.config import Config
from newsint.errors import EmptyInput, ParseProblem
from newsint.model import Analysis
from newsint.readers import read_bytes, read_path
from newsint.readers.warc import SKIP_KINDS, skip_kind

PAGE = """<html lang="en"><head><title>Ferry timetable cut for winter</title>
<meta property="article:published_time" content="2025-11-03T16:45:00+01:00"></head><body>
<article><h1>Ferry timetable cut for winter</h1>
<p>The island ferry will sail four times a day instead of seven from December, the operator
said on Monday, blaming the cost of fuel and a shortage of deck crew.</p>
<p>Islanders said the last sailing, now at six in the evening, leaves no way home for those who
work late shifts on the mainland, and the community council has asked for a meeting.</p>
</article></body></html>"""

ROBOTS = b"User-agent: *\nDisallow: /search\nDisallow: /admin\nSitemap: /sitemap.xml\n" * 4
LOGIN = b"<html><body><form><input name=user><input type=password></form></body></html>"
FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>Isle Post</title></channel></rss>"


def response(writer: WARCWriter, url: str, body: bytes, ctype: str, status: str) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2025-11-04T08:00:00Z"},
        )
    )


CRAWL = [
    ("https://islepost.example/robots.txt", ROBOTS, "text/plain", "200 OK"),
    ("https://islepost.example/feed.xml", FEED, "application/rss+xml", "200 OK"),
    ("https://islepost.example/site.css", b"body{margin:0}", "text/css", "200 OK"),
    ("https://islepost.example/app.js", b"void 0;", "application/javascript", "200 OK"),
    ("https://islepost.example/ferry", PAGE.encode(), "text/html; charset=utf-8", "200 OK"),
    ("https://islepost.example/old-ferry", b"<html>moved</html>", "text/html", "301 Moved"),
    ("https://islepost.example/gone", b"<html>not here</html>", "text/html", "404 Not Found"),
    ("https://islepost.example/login", LOGIN, "text/html", "200 OK"),
]


def crawl(path: Path, records: list[tuple[str, bytes, str, str]]) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body, ctype, status in records:
            response(writer, url, body, ctype, status)
    return path


def test_only_the_page_becomes_an_article_and_the_rest_is_counted(tmp_path: Path) -> None:
    skipped: Counter[str] = Counter()
    items = list(read_path(crawl(tmp_path / "crawl.warc.gz", CRAWL), skipped=skipped))
    (page,) = items
    assert isinstance(page, Analysis)
    assert page.article.url == "https://islepost.example/ferry"
    assert skipped == {"robots": 1, "feed": 1, "asset": 2, "status": 2, "no-text": 1}
    assert set(skipped) <= set(SKIP_KINDS)


def test_a_page_without_article_text_given_alone_is_still_a_failure(config: Config) -> None:
    (err,) = list(read_bytes(LOGIN, "login.html", ".html", config))
    assert isinstance(err, ParseProblem) and "no article text" in err.problem


def test_an_archive_of_no_pages_says_what_it_skipped(tmp_path: Path) -> None:
    path = crawl(tmp_path / "robots-only.warc.gz", CRAWL[:2])
    (err,) = list(read_path(path))
    assert isinstance(err, EmptyInput)
    assert "skipped: 1 feed, 1 robots" in err.problem


@pytest.mark.parametrize(
    ("url", "ctype", "status", "kind"),
    [
        ("https://a.example/robots.txt", "text/plain", "200", "robots"),
        ("https://a.example/ads.txt", "text/plain", "200", "robots"),
        ("https://a.example/robots.txt", "text/plain", "404", "robots"),
        ("https://a.example/sitemap.xml", "application/xml", "200", "robots"),
        ("https://a.example/rss", "application/atom+xml", "200", "feed"),
        ("https://a.example/logo.png", "image/png", "200", "asset"),
        ("https://a.example/data.json", "application/json", "200", "asset"),
        ("https://a.example/story", "text/html", "302", "status"),
        ("https://a.example/story", "text/html", "500", "status"),
        ("https://a.example/story", "text/html", "200", None),
        ("https://a.example/story.txt", "text/plain", "200", None),
        ("https://a.example/story", "application/xhtml+xml", None, None),  # a resource record
    ],
)
def test_skip_kind(url: str, ctype: str, status: str | None, kind: str | None) -> None:
    assert skip_kind(url, ctype, status) == kind
