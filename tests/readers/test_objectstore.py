"""Object-store inputs through pyarrow's filesystem layer, exercised with file:// URIs (the same
code path as s3:// or gs://, without a network)."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from newsint.config import Config
from newsint.errors import InputError, NotFound, UnsupportedFormat
from newsint.model import Analysis
from newsint.readers import read_path
from newsint.readers.objectstore import expand_uri, is_store_uri, read_uri

pytest.importorskip("pyarrow")

from test_warc import make_warc

TRAM = """The city's tram line will reach the airport by next spring, the transport board said on
Thursday, after the regional government agreed to pay two thirds of the cost.

Work on the four new stops starts in June, and the board expects eleven thousand riders a day.
"""
PAGE = """<html><head><title>Ferry timetable changes</title></head><body><article>
<h1>Ferry timetable changes</h1>
<p>The island ferry will leave the harbour at half past six from Monday, twenty minutes earlier
than now, so that commuters can reach the mainland trains, the operator said.</p>
<p>The last crossing of the evening moves to ten o'clock on Fridays and Saturdays.</p>
</article></body></html>"""
DUMP = [
    {
        "title": "Bakery wins award",
        "maintext": "A family bakery in the old town won the regional"
        " bread award on Saturday for its rye loaf, the judges said.",
        "url": "https://a.example/1",
    },
    {
        "title": "Bridge repairs",
        "maintext": "Repairs to the north bridge will close one lane for"
        " three weeks from Tuesday, the roads department said.",
        "url": "https://a.example/2",
    },
]


@pytest.fixture
def bucket(tmp_path: Path) -> Path:
    """A folder laid out like an object-store prefix: kinds, gzip, a hidden object, a stray."""
    root = tmp_path / "bucket"
    (root / "2025" / "05").mkdir(parents=True)
    (root / ".trash").mkdir()
    (root / "2025" / "05" / "tram.txt").write_text(TRAM, encoding="utf-8")
    (root / "2025" / "05" / "ferry.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    lines = "\n".join(json.dumps(d) for d in DUMP) + "\n"
    (root / "2025" / "dump.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    make_warc(root / "crawl.warc.gz", gz=True)
    (root / ".trash" / "old.txt").write_text(TRAM, encoding="utf-8")
    (root / "2025" / "logo.png").write_bytes(b"\x89PNG....")
    return root


def uri(path: Path) -> str:
    return f"file://{path}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("s3://bucket/news/", True),
        ("gs://bucket/a.warc.gz", True),
        ("file:///data/news", True),
        ("https://example.org/story", False),  # a page to fetch, not a store
        ("/data/news", False),
        ("news/a.txt", False),
    ],
)
def test_is_store_uri(text: str, expected: bool, config: Config) -> None:
    assert is_store_uri(text, config) is expected


def test_a_prefix_is_walked_like_a_folder(bucket: Path, config: Config) -> None:
    found = list(expand_uri(uri(bucket), config))
    assert found == [
        uri(bucket / "2025" / "05" / "ferry.html.gz"),
        uri(bucket / "2025" / "05" / "tram.txt"),
        uri(bucket / "2025" / "dump.jsonl.gz"),
        uri(bucket / "crawl.warc.gz"),
    ]  # sorted; the hidden folder and the image are left out
    assert list(expand_uri(uri(bucket / "2025" / "05" / "tram.txt"), config)) == [
        uri(bucket / "2025" / "05" / "tram.txt")
    ]


@pytest.mark.parametrize(
    "name", ["2025/05/tram.txt", "2025/05/ferry.html.gz", "2025/dump.jsonl.gz", "crawl.warc.gz"]
)
def test_an_object_reads_like_the_local_file(bucket: Path, config: Config, name: str) -> None:
    remote = [i for i in read_uri(uri(bucket / name), config)]
    local = [i for i in read_path(bucket / name, config)]
    assert remote and all(isinstance(i, Analysis) for i in remote), remote
    assert [a.raw for a in remote] == [a.raw for a in local]  # type: ignore[union-attr]
    assert [a.article.title for a in remote] == [a.article.title for a in local]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("target", "problem"),
    [("missing", "no such object or prefix"), ("empty", "no article files under this prefix")],
)
def test_clear_errors(tmp_path: Path, config: Config, target: str, problem: str) -> None:
    (tmp_path / "empty").mkdir()
    (err,) = list(expand_uri(uri(tmp_path / target), config))
    assert isinstance(err, NotFound) and err.where == uri(tmp_path / target)
    assert problem in err.problem


def test_too_large_object(bucket: Path, config: Config) -> None:
    small = config.model_copy(
        update={"limits": config.limits.model_copy(update={"max_file_bytes": 10})}
    )
    (err,) = list(read_uri(uri(bucket / "2025" / "05" / "tram.txt"), small))
    assert isinstance(err, InputError) and "limit" in err.problem


def test_without_pyarrow_one_clear_error(
    bucket: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.fs", None)
    (err,) = list(expand_uri(uri(bucket), config))
    assert isinstance(err, UnsupportedFormat) and "pyarrow" in err.problem
    assert "newsint[ray]" in (err.fix or "")
