from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsint.config import Config
from newsint.errors import EmptyInput, InputError, ParseProblem
from newsint.model import Analysis
from newsint.readers import read_path

DATED = """<html><head><title>Tram line extended to the airport</title>
<meta property="article:published_time" content="2025-05-02T08:00:00Z"></head><body><article>
<h1>Tram line extended to the airport</h1>
<p>The city's tram line will reach the airport by next spring, the transport board said on
Thursday, after the regional government agreed to pay two thirds of the cost.</p>
<p>Work on the four new stops starts in June. The board expects eleven thousand riders a day
once the extension opens, most of them airport staff on early shifts.</p>
</article></body></html>"""

UNDATED = """<html><head><title>Library opens on Sundays</title></head><body><article>
<h1>Library opens on Sundays</h1>
<p>The central library will open on Sundays from next month, the council said, after a
petition signed by more than four thousand residents asked for longer hours.</p>
<p>Volunteers will staff the reading rooms in the afternoon, and the children's floor will run
a story hour at eleven o'clock every Sunday morning through the summer holidays.</p>
</article></body></html>"""


def record(writer: WARCWriter, url: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2025-06-01T12:00:00Z"},
        )
    )


def make_warc(path: Path, gz: bool) -> Path:
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        record(w, "https://city.example/tram", DATED.encode(), "text/html; charset=utf-8")
        record(w, "https://city.example/logo.png", b"\x89PNG....", "image/png")
        record(w, "https://city.example/old", b"<html>moved</html>", "text/html", "301 Moved")
        record(w, "https://city.example/library", UNDATED.encode(), "text/html")
    return path


@pytest.mark.parametrize("gz", [True, False])
def test_warc_pages_become_articles(tmp_path: Path, gz: bool) -> None:
    path = make_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gz)
    items = list(read_path(path))
    assert all(isinstance(i, Analysis) for i in items), items
    tram, library = items
    assert isinstance(tram, Analysis) and isinstance(library, Analysis)
    assert tram.article.url == "https://city.example/tram"
    assert tram.article.format == "warc"
    assert tram.article.published.date == "2025-05-02T08:00:00"  # the page's own date
    assert library.article.published.date == "2025-06-01"  # capture date, as a fallback
    assert "capture time" in (library.article.published.evidence or "")
    assert tram.article.source is not None and tram.article.source.startswith(str(path) + "@")
    # the same archive read twice gives the same articles
    assert [a.article.id for a in read_path(path) if isinstance(a, Analysis)] == [
        tram.article.id,
        library.article.id,
    ]


def test_warc_without_pages(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    with path.open("wb") as fh:
        record(WARCWriter(fh, gzip=True), "https://x.example/a.png", b"\x89PNG", "image/png")
    (err,) = list(read_path(path))
    assert isinstance(err, EmptyInput)


def test_corrupt_warc(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"garbage\n" * 3)
    (err,) = list(read_path(path))
    assert isinstance(err, ParseProblem)
    assert str(path) in err.line()


def test_record_size_limit(tmp_path: Path, config: Config) -> None:
    small = config.model_copy(
        update={"limits": config.limits.model_copy(update={"max_file_bytes": 200})}
    )
    path = make_warc(tmp_path / "crawl.warc.gz", True)
    items = list(read_path(path, small))
    assert [type(i).__name__ for i in items] == ["TooLarge", "TooLarge"]
    assert all(isinstance(i, InputError) for i in items)
