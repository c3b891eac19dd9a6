from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from newsint.errors import InputError
from newsint.model import Analysis
from newsint.readers import read_bytes, read_path, read_paths, read_stdin
from newsint.readers.base import normalise_date, site_of

PAGE = """<!doctype html>
<html lang="en"><head>
<title>Dockworkers end strike in Porto Alegre | The Harbour Post</title>
<meta property="og:title" content="Dockworkers end strike in Porto Alegre">
<meta property="og:site_name" content="The Harbour Post">
<meta name="author" content="Lena Marsh">
<meta property="article:published_time" content="2025-03-11T09:30:00Z">
<link rel="canonical" href="https://www.harbourpost.example/world/dock-strike">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Dockworkers end strike in Porto Alegre</h1>
<p>Dockworkers in the southern port voted on Monday to end a nine-day strike that had left
more than forty ships waiting offshore, union leaders said.</p>
<p>The agreement raises night-shift pay by twelve percent and adds two rest days a month,
according to a copy of the deal seen by the Harbour Post.</p>
<p>"We did not get everything, but we got respect," said Marta Leal, who chairs the workers'
committee. Port managers said loading would restart on Tuesday morning.</p>
</article>
<section class="comments"><h3>Comments</h3><p>Great news for the city!</p></section>
<footer>We use cookies. © 2025 The Harbour Post</footer>
</body></html>
"""

NEWS_PLEASE = {
    "title": "Council approves ferry budget",
    "maintext": "The city council approved a new ferry budget on Thursday.\nThe vote was 9 to 4.",
    "url": "https://news.example/ferry",
    "date_publish": "2025-02-06 14:00:00",
    "source_domain": "news.example",
    "authors": ["Ana Dias", "Rui Costa"],
}


def one(items: list[Analysis | InputError]) -> Analysis:
    assert len(items) == 1
    assert isinstance(items[0], Analysis), items[0]
    return items[0]


def test_text_reader(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Headline here\r\n\r\nBody text of the article.\r\n", encoding="utf-8")
    a = one(list(read_path(f)))
    assert a.raw == "Headline here\n\nBody text of the article.\n"
    assert a.article.format == "txt"
    assert a.article.source == str(f)
    assert a.article.found["encoding"] == "utf-8"
    assert a.article.published.source == "unknown"


def test_html_reader_finds_text_and_metadata() -> None:
    a = one(list(read_bytes(PAGE.encode(), "page.html", ".html")))
    assert "nine-day strike" in a.raw and "got respect" in a.raw
    assert "Great news for the city" not in a.raw  # comments excluded
    assert "We use cookies" not in a.raw
    assert a.article.title == "Dockworkers end strike in Porto Alegre"
    assert a.article.author == "Lena Marsh"
    assert a.article.published.date == "2025-03-11T09:30:00"  # time of day kept, in UTC
    assert a.article.published.source == "metadata"
    assert a.article.url == "https://www.harbourpost.example/world/dock-strike"
    assert a.article.site == "The Harbour Post"
    assert a.article.found["title"] == "html"


def test_json_reader_news_please_fields() -> None:
    a = one(list(read_bytes(json.dumps(NEWS_PLEASE).encode(), "a.json", ".json")))
    assert a.raw.startswith("The city council approved")
    assert a.article.title == "Council approves ferry budget"
    assert a.article.site == "news.example"
    assert a.article.author == "Ana Dias, Rui Costa"
    assert a.article.published.date == "2025-02-06T14:00:00"
    assert a.article.found == {
        "author": "authors",
        "date": "date_publish",
        "site": "source_domain",
        "text": "maintext",
        "title": "title",
        "url": "url",
    }


def test_jsonl_reader_reports_bad_lines_and_keeps_going() -> None:
    good = json.dumps(NEWS_PLEASE)
    other = json.dumps(
        {**NEWS_PLEASE, "url": "https://news.example/2", "maintext": "Second story text."}
    )
    data = "\n".join([good, "{not json", json.dumps({"title": "no text"}), "", other]).encode()
    items = list(read_bytes(data, "dump.jsonl", ".jsonl"))
    assert [type(i).__name__ for i in items] == [
        "Analysis",
        "ParseProblem",
        "EmptyInput",
        "Analysis",
    ]
    assert "dump.jsonl:2" in items[1].line()  # type: ignore[union-attr]
    assert "dump.jsonl:3" in items[2].line()  # type: ignore[union-attr]
    assert items[0].article.id != items[3].article.id  # type: ignore[union-attr]


def test_gzipped_file(tmp_path: Path) -> None:
    f = tmp_path / "a.json.gz"
    f.write_bytes(gzip.compress(json.dumps(NEWS_PLEASE).encode()))
    a = one(list(read_path(f)))
    assert a.article.title == "Council approves ferry budget"


def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode())))
    a = one(list(read_stdin()))
    assert a.article.format == "stdin:html"
    assert a.article.source == "<stdin>"


def test_ids_are_deterministic_and_url_sensitive() -> None:
    a1 = one(list(read_bytes(json.dumps(NEWS_PLEASE).encode(), "a.json", ".json")))
    a2 = one(list(read_bytes(json.dumps(NEWS_PLEASE).encode(), "b.json", ".json")))
    copy = {**NEWS_PLEASE, "url": "https://mirror.example/ferry"}
    a3 = one(list(read_bytes(json.dumps(copy).encode(), "c.json", ".json")))
    assert a1.article.id == a2.article.id  # same article read from another path
    assert a1.article.id != a3.article.id  # a syndicated copy on another site is another article
    assert a1.article.content_hash == a3.article.content_hash


@pytest.mark.parametrize(
    ("name", "data", "code", "message"),
    [
        ("empty.txt", b"", "empty", "empty"),
        ("img.txt", b"\x89PNG\r\n\x1a\nxxxx", "binary", "PNG"),
        ("page.html", b"just words, no markup at all", "parse", "no HTML markup"),
        ("page.html", b"<html><body><div></div></body></html>", "parse", "no article text"),
        ("bad.json", b'{"title": ', "parse", "invalid JSON"),
        ("list.json", b"[1, 2]", "parse", "JSON object"),
        ("notes.docx", b"PK\x03\x04....", "unsupported", "unknown file kind"),
    ],
)
def test_bad_inputs(tmp_path: Path, name: str, data: bytes, code: str, message: str) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    items = list(read_path(f))
    assert items, "a bad input must still be reported"
    err = items[0]
    assert isinstance(err, InputError)
    assert err.code == code
    assert message in err.problem
    assert err.line().startswith(str(f))


def test_malformed_html_is_read_leniently() -> None:
    broken = (
        b"<html><body><div><p>The regional parliament met on Friday <b>to vote on the budget"
        b"<p>Members argued for six hours before the motion passed by two votes.<div></span>"
    )
    a = one(list(read_bytes(broken, "broken.html", ".html")))
    assert "six hours" in a.raw


def test_missing_file_and_folder(tmp_path: Path) -> None:
    missing, folder = list(read_path(tmp_path / "nope.txt")), list(read_path(tmp_path))
    assert isinstance(missing[0], InputError) and missing[0].code == "not-found"
    assert isinstance(folder[0], InputError) and "folder" in folder[0].problem


def test_batch_continues_after_failures(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("First article body, long enough to be read.")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text("Third article body, also fine.")
    items = list(read_paths([tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"]))
    assert [isinstance(i, Analysis) for i in items] == [True, False, True]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-04-13", "2023-04-13"),
        ("2023-04-13 08:15:00", "2023-04-13T08:15:00"),
        ("2023-04-13T00:00:00", "2023-04-13"),
        ("2025-03-04T12:15:00+0000", "2025-03-04T12:15:00"),
        ("2025-03-04T14:15:00+02:00", "2025-03-04T12:15:00"),
        ("13 April 2023", "2023-04-13"),
        ("not a date", None),
        ("0000Z", None),  # four digits read as a time of day, not a year: no date stated
        ("2000Z", "2000-01-01"),  # a year alone: its first day, whatever the month now
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.a.example/x", "a.example"),
        ("http://b.example", "b.example"),
        (None, None),
        ("nota url", None),
    ],
)
def test_site_of(url: str | None, site: str | None) -> None:
    assert site_of(url) == site
