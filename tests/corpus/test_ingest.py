"""Ingest: folders, formats, idempotence, versions, failures, feeds over HTTP, parallel workers.

The pipeline runs the clean stage only (no spaCy) so these tests stay fast; what is stored and
how the corpus analyzer is fed does not depend on which stages ran.
"""

from __future__ import annotations

import io
import json
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsint.config import Config, default_config
from newsint.corpus.ingest import Ingest, Progress, expand
from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import ArticleRow
from newsint.model import Analysis

FIXTURES = Path(__file__).parent.parent / "fixtures"


def fast_config(**ingest: object) -> Config:
    base = default_config()
    return base.model_copy(
        update={
            "pipeline": base.pipeline.model_copy(update={"stages": ["clean"]}),
            "ingest": base.ingest.model_copy(update={"analyzer_batch": 3, **ingest}),
        }
    )


def paragraph(topic: str, n: int) -> str:
    return (
        f"The {topic} committee met for the {n}th time on Thursday and agreed a plan that "
        f"would reshape how the {topic} service is run across the northern districts. "
        f"Members said the {topic} budget would rise by {n + 3} percent over two years."
    )


def article_text(topic: str, n: int) -> str:
    return f"{topic.title()} plan agreed\n\n" + "\n\n".join(
        paragraph(topic, n + i) for i in range(3)
    )


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A folder of inputs: a wire story and its copy, unrelated pieces, a JSONL dump, hidden and
    unsupported files that the walk must skip."""
    root = tmp_path / "inputs"
    (root / "wire").mkdir(parents=True)
    shutil.copy(FIXTURES / "wagner_original.json", root / "wire" / "original.json")
    shutil.copy(FIXTURES / "wagner_verbatim_copy.html", root / "wire" / "copy.html")
    shutil.copy(FIXTURES / "unrelated_story.json", root / "unrelated.json")
    (root / "local").mkdir()
    (root / "local" / "ferry.txt").write_text(article_text("ferry", 1), encoding="utf-8")
    dump = [
        {"title": f"Item {i}", "maintext": article_text(t, i), "url": f"https://d.example/{i}"}
        for i, t in enumerate(["water", "rail", "school"])
    ]
    (root / "dump.jsonl").write_text("\n".join(json.dumps(d) for d in dump) + "\n")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "skip.txt").write_text(article_text("hidden", 9))
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    (root / "README.md").write_text("# not an article\n")
    return root


class Counting(Progress):
    def __init__(self) -> None:
        self.outcomes: dict[str, int] = {}
        self.expected = 0

    def total(self, n: int) -> None:
        self.expected += n

    def done(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


def run(store: Store, inputs: list[str], **kw: object):
    progress = Counting()
    config = kw.pop("config", None) or fast_config()
    summary = Ingest(store, config, progress=progress, **kw).run(inputs)  # type: ignore[arg-type]
    return summary, progress


def test_walk_is_recursive_ordered_and_skips_hidden_and_unknown(corpus_dir: Path) -> None:
    found = [
        Path(p).relative_to(corpus_dir).as_posix() for p in expand([str(corpus_dir)], fast_config())
    ]
    assert found == [
        "dump.jsonl",
        "unrelated.json",
        "local/ferry.txt",
        "wire/copy.html",
        "wire/original.json",
    ]


def test_ingest_stores_everything_and_again_changes_nothing(corpus_dir: Path, db_url: str) -> None:
    with Store(db_url) as store:
        summary, progress = run(store, [str(corpus_dir)])
        assert (summary.added, summary.unchanged, summary.failed) == (7, 0, [])
        assert progress.outcomes == {"added": 7} and progress.expected == 7
        counts = store.counts()
        assert counts["articles"] == counts["analyses"] == counts["features"] == 7
        assert counts["copy_links"] >= 1  # the wire copy and its original
        assert counts["stories"] >= 1
        assert list(store.features(analyzed=False)) == []  # the analyzer saw every article
        assert store.integrity() == []

        again, progress = run(store, [str(corpus_dir)])
        assert (again.added, again.unchanged) == (0, 7)
        assert progress.outcomes == {"unchanged": 7}
        assert store.counts() == counts


def test_an_object_store_prefix_ingests_like_the_folder(corpus_dir: Path, tmp_path: Path) -> None:
    """file:// goes through pyarrow's filesystem layer, the code path of s3:// and gs://."""
    pytest.importorskip("pyarrow")
    with Store(str(tmp_path / "path.db")) as by_path, Store(str(tmp_path / "uri.db")) as by_uri:
        run(by_path, [str(corpus_dir)])
        b, progress = run(by_uri, [f"file://{corpus_dir}"])
        assert (b.added, b.failed) == (7, []) and progress.outcomes == {"added": 7}
        assert by_uri.counts() == by_path.counts()
        ids = select(ArticleRow.id).order_by(ArticleRow.id)
        with by_path.engine.connect() as x, by_uri.engine.connect() as y:
            assert list(x.scalars(ids)) == list(y.scalars(ids))


def test_same_input_twice_in_one_run_is_stored_once(corpus_dir: Path, db_url: str) -> None:
    ferry = str(corpus_dir / "local" / "ferry.txt")
    with Store(db_url) as store:
        summary, _ = run(store, [ferry, ferry])
        assert (summary.added, summary.unchanged) == (1, 1)


def test_changed_file_is_a_new_version(tmp_path: Path, db_url: str) -> None:
    f = tmp_path / "note.txt"
    f.write_text(article_text("bridge", 1), encoding="utf-8")
    with Store(db_url) as store:
        run(store, [str(f)])
        f.write_text(article_text("bridge", 1) + "\n\nCorrection: the vote was on Friday.\n")
        second, _ = run(store, [str(f)])
        assert (second.added, second.updated) == (0, 1)
        with store.reading() as conn:
            rows = conn.execute(select(ArticleRow.current, ArticleRow.supersedes)).all()
        assert sorted(rows, key=lambda r: r.current) == [
            (False, None),
            (True, store.known([r.supersedes for r in rows if r.supersedes]).pop()),
        ]


def test_lines_of_a_dump_are_not_versions_of_each_other(tmp_path: Path, db_url: str) -> None:
    dump = tmp_path / "dump.jsonl"
    lines = [json.dumps({"title": t, "maintext": article_text(t, 1)}) for t in ("dam", "mill")]
    dump.write_text(lines[0] + "\n")
    with Store(db_url) as store:
        run(store, [str(dump)])
        dump.write_text(lines[1] + "\n" + lines[0] + "\n")  # another article on line 1
        summary, _ = run(store, [str(dump)])
        assert (summary.added, summary.updated, summary.unchanged) == (1, 0, 1)
        with store.reading() as conn:
            assert all(conn.scalars(select(ArticleRow.current)))


def test_bad_inputs_fail_alone_with_reasons(corpus_dir: Path, db_url: str) -> None:
    (corpus_dir / "empty.txt").write_text("")
    (corpus_dir / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with Store(db_url) as store:
        summary, _ = run(store, [str(corpus_dir), str(corpus_dir / "missing.txt")])
    assert summary.added == 7
    codes = sorted(f.code for f in summary.failed)
    assert codes == ["binary", "empty", "not-found"]
    assert all(f.where and f.message for f in summary.failed)
    assert [c for c, _, _ in summary.reasons()] == ["binary", "empty", "not-found"]


def test_warc_and_feed_files(tmp_path: Path, db_url: str) -> None:
    warc = tmp_path / "crawl.warc.gz"
    with warc.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, topic in enumerate(["harbour", "library"]):
            html = (
                f"<html><body><article><h1>{topic}</h1>"
                + "".join(f"<p>{paragraph(topic, i + k)}</p>" for k in range(3))
                + "</article></body></html>"
            )
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    f"https://w.example/{topic}",
                    "response",
                    payload=io.BytesIO(html.encode()),
                    http_headers=headers,
                )
            )
    feed = tmp_path / "news.rss"
    items = "".join(
        f"<item><title>{t}</title><link>https://f.example/{t}</link>"
        f"<description><![CDATA[{''.join(f'<p>{paragraph(t, k)}</p>' for k in range(3))}]]>"
        "</description></item>"
        for t in ("tram", "museum")
    )
    feed.write_text(f"<rss version='2.0'><channel><title>F</title>{items}</channel></rss>")
    with Store(db_url) as store:
        summary, _ = run(store, [str(warc), str(feed)])
        assert (summary.added, summary.failed) == (4, [])
        with store.reading() as conn:
            urls = set(conn.scalars(select(ArticleRow.url)))
    assert urls == {
        "https://w.example/harbour",
        "https://w.example/library",
        "https://f.example/tram",
        "https://f.example/museum",
    }


# --------------------------------------------------------------------------- over HTTP


class Site(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        if self.path == "/feed.xml":
            items = "".join(
                f"<item><title>{t}</title><link>http://127.0.0.1:{port}/{t}.html</link>"
                "<pubDate>Tue, 04 Mar 2025 10:00:00 +0000</pubDate>"
                "<description>Short summary.</description></item>"
                for t in ("canal", "airport")
            )
            body = f"<rss version='2.0'><channel><title>Site</title>{items}</channel></rss>"
            ctype = "application/rss+xml"
        elif self.path.endswith(".html"):
            topic = self.path[1:-5]
            body = (
                "<html><body><article>"
                + "".join(f"<p>{paragraph(topic, k)}</p>" for k in range(3))
                + "</article></body></html>"
            )
            ctype = "text/html"
        else:
            self.send_response(404)
            self.end_headers()
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_feed_url_and_its_links_are_fetched_when_allowed(site: str, tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        summary, _ = run(store, [f"{site}/feed.xml"], allow_private=True)
        assert (summary.added, summary.failed) == (2, [])
        with store.reading() as conn:
            rows = conn.execute(select(ArticleRow.url, ArticleRow.published)).all()
        assert sorted(rows) == [
            (f"{site}/airport.html", "2025-03-04T10:00:00"),  # the feed's date: the page has none
            (f"{site}/canal.html", "2025-03-04T10:00:00"),
        ]
        again, _ = run(store, [f"{site}/feed.xml"], allow_private=True)
        assert (again.added, again.unchanged) == (0, 2)


def test_private_urls_refused_without_allow_private(site: str, tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        summary, _ = run(store, [f"{site}/canal.html"])
    assert summary.added == 0
    assert [f.code for f in summary.failed] == ["refused"]
    assert (
        "loopback" in summary.failed[0].message and "--allow-private" in summary.failed[0].message
    )


def test_feed_links_skipped_with_no_fetch(site: str, tmp_path: Path) -> None:
    feed = tmp_path / "saved.rss"
    feed.write_text(
        "<rss version='2.0'><channel><title>S</title><item><title>x</title>"
        f"<link>{site}/canal.html</link><description>Short.</description></item>"
        "</channel></rss>"
    )
    with Store(tmp_path / "c.db") as store:
        summary, progress = run(store, [str(feed)], fetch=False)
    assert summary.added == 0 and summary.failed == []
    assert [s.code for s in summary.skipped] == ["not-fetched"]
    assert progress.outcomes == {"skipped": 1}


# --------------------------------------------------------------------------- workers, recovery


@pytest.mark.slow  # starts a pool of worker processes
def test_parallel_workers_store_the_same_corpus(corpus_dir: Path, tmp_path: Path) -> None:
    def contents(jobs: int) -> tuple[object, ...]:
        with Store(tmp_path / f"jobs{jobs}.db") as store:
            run(store, [str(corpus_dir)], jobs=jobs, config=fast_config(chunk_size=2))
            with store.reading() as conn:
                ids = sorted(conn.scalars(select(ArticleRow.id)))
            analyses = [a.to_json() for a in store.analyses()]
            counts = store.counts()
        return ids, analyses, counts

    assert contents(1) == contents(2)


def test_articles_stored_but_not_analysed_are_taken_up(corpus_dir: Path, db_url: str) -> None:
    """A kill between an article's transaction and the analyzer's leaves articles with
    analyzed=False; the next ingest hands them to the analyzer first."""
    with Store(db_url) as store:
        run(store, [str(corpus_dir)])
        full = store.counts()
        with store.transaction() as conn:
            for table in ("copy_links", "story_articles", "stories"):
                conn.exec_driver_sql(f"DELETE FROM {table}")
            conn.execute(ArticleRow.__table__.update().values(analyzed=False))
        assert store.counts()["stories"] == 0
        summary, _ = run(store, [str(corpus_dir)])
        assert summary.unchanged == 7
        assert list(store.features(analyzed=False)) == []
        assert store.counts() == full


def test_an_analysis_the_store_refuses_fails_alone(
    tmp_path: Path, db_url: str, small_analyses: list[Analysis]
) -> None:
    good, bad = small_analyses[:2]
    bad.mentions.append(bad.mentions[0].model_copy())  # two mentions with one id
    dump = tmp_path / "analyses.jsonl"
    dump.write_text(good.to_json(indent=None) + "\n" + bad.to_json(indent=None) + "\n")
    with Store(db_url) as store:
        summary, _ = run(store, [str(dump)])
        assert summary.added == 1
        assert [f.code for f in summary.failed] == ["analysis"]
        assert "cannot be stored" in summary.failed[0].message
        assert store.integrity() == []


def test_one_bad_article_fails_alone_and_its_batch_is_stored_whole(
    tmp_path: Path, db_url: str
) -> None:
    from newsint.engines.local import LocalEngine, Worker

    folder = tmp_path / "batch"
    folder.mkdir()
    for i, topic in enumerate(["water", "rail", "school", "ferry"]):
        text = article_text(topic, i) + ("\n\nThen EXPLODE." if topic == "rail" else "")
        (folder / f"{i}-{topic}.txt").write_text(text, encoding="utf-8")
    config = fast_config()
    engine = LocalEngine(config)
    engine._local = Worker(config)
    stage = engine._local.pipeline.stages[0]

    def exploding(batch: list) -> None:
        stage(batch)
        if any("EXPLODE" in w.analysis.raw for w in batch):
            raise OverflowError("year 10000 is out of range")

    exploding.name = stage.name  # type: ignore[attr-defined]
    engine._local.pipeline.stages[0] = exploding  # type: ignore[call-overload]
    with Store(db_url) as store:
        summary, progress = run(store, [str(folder)], config=config, engine=engine)
        assert (summary.added, len(summary.failed)) == (3, 1)
        assert progress.outcomes == {"added": 3, "failed": 1}
        failure = summary.failed[0]
        assert failure.where.endswith("1-rail.txt") and failure.code == "analysis"
        assert "clean stage failed" in failure.message and "year 10000" in failure.message
        stored = list(store.analyses())
        assert sorted(a.article.source.rsplit("/", 1)[-1] for a in stored) == [
            "0-water.txt",
            "2-school.txt",
            "3-ferry.txt",
        ]
        assert all(a.text.endswith("two years.") for a in stored)


def test_a_publication_date_out_of_range_is_refused_at_the_reader(
    tmp_path: Path, db_url: str
) -> None:
    dump = tmp_path / "dump.jsonl"
    rows = [
        {
            "title": "Far future",
            "maintext": article_text("bridge", 1),
            "date_publish": "9999-06-01",
        },
        {"title": "Today", "maintext": article_text("canal", 2), "date_publish": "2025-03-04"},
    ]
    dump.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    with Store(db_url) as store:
        summary, _ = run(store, [str(dump)])
    assert summary.added == 1
    assert [f.code for f in summary.failed] == ["date"]
    assert "9999-06-01 is outside 1800-2200" in summary.failed[0].message
    assert "[limits]" in summary.failed[0].message


def test_an_unsure_encoding_is_stored_with_a_warning(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "enc"
    folder.mkdir()
    data = bytearray(("The union’s “final offer” was rejected, the port said. " * 30).encode())
    for i in range(0, len(data), 9):
        if data[i] < 0x80:
            data[i] = 0xFF
    (folder / "damaged.txt").write_bytes(bytes(data))
    (folder / "clean.txt").write_text(article_text("ferry", 1), encoding="utf-8")
    with Store(db_url) as store:
        summary, _ = run(store, [str(folder)])
        assert summary.added == 2 and summary.failed == []
        (warning,) = summary.warnings
        assert warning.where.endswith("damaged.txt") and warning.code == "encoding"
        assert warning.message.startswith("encoding unsure: decoded as utf-8")
        stored = {a.article.source.rsplit("/", 1)[-1]: a for a in store.analyses()}
        assert stored["damaged.txt"].article.found["warning"] == warning.message
        assert "warning" not in stored["clean.txt"].article.found
    assert summary.to_dict()["warnings"][0]["code"] == "encoding"
