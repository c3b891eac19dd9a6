"""One writer per corpus: a second ingest waits (or refuses with --no-wait), and two ingests
started together give the corpus of the two run one after the other."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from newsint.config import Config, default_config
from newsint.corpus.ingest import Ingest, Progress
from newsint.corpus.store.lock import Busy, WriterLock
from newsint.corpus.store.store import Store

TABLES = ("articles", "copy_links", "stories", "story_articles", "corpus_entity_members")


def quick_config() -> Config:
    base = default_config()
    return base.model_copy(
        update={
            "pipeline": base.pipeline.model_copy(update={"stages": ["clean"]}),
            "limits": base.limits.model_copy(update={"isolate": False}),
            "store": base.store.model_copy(update={"writer_lock_poll_seconds": 0.05}),
        }
    )


def write_articles(folder: Path, topics: list[str]) -> Path:
    folder.mkdir(parents=True)
    for i, topic in enumerate(topics):
        body = (
            f"The {topic} board met on Tuesday and agreed to extend the {topic} service to the "
            f"eastern districts, a spokesperson for the {topic} board said. Costs rise by {i + 4} "
            "percent over two years."
        )
        copy = body.replace("a spokesperson for", "according to")
        (folder / f"{topic}.txt").write_text(f"{topic.title()} plan\n\n{body}\n", "utf-8")
        (folder / f"{topic}-copy.txt").write_text(f"{topic.title()} plan\n\n{copy}\n", "utf-8")
    return folder


def snapshot(db: Path | str) -> dict[str, list[tuple]]:
    with Store(db) as store, store.reading() as conn:
        out = {}
        for table in TABLES:
            rows = conn.execute(text(f"SELECT * FROM {table}")).fetchall()
            out[table] = sorted(tuple(str(v) for v in row) for row in rows)
        return out


class Phases(Progress):
    def __init__(self) -> None:
        self.phases: list[str] = []

    def phase(self, text: str) -> None:
        self.phases.append(text)


def ingest(db: Path | str, inputs: list[str], **kw: object) -> object:
    with Store(db) as store:
        return Ingest(store, quick_config(), **kw).run(inputs)  # type: ignore[arg-type]


def reset_schema(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def race(db: Path | str, folders: list[Path]) -> None:
    """Ingest every folder into `db` at once, one thread (and connection) each."""
    errors: list[BaseException] = []

    def run(folder: Path) -> None:
        try:
            ingest(db, [str(folder)])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f,)) for f in folders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_two_ingests_at_once_give_the_sequential_corpus(tmp_path: Path) -> None:
    a = write_articles(tmp_path / "a", ["ferry", "water", "rail"])
    b = write_articles(tmp_path / "b", ["school", "library", "harbour"])
    ingest(tmp_path / "seq.db", [str(a)])
    ingest(tmp_path / "seq.db", [str(b)])
    Store(tmp_path / "par.db").close()  # create the schema before the race
    race(tmp_path / "par.db", [a, b])
    sequential, parallel = snapshot(tmp_path / "seq.db"), snapshot(tmp_path / "par.db")
    assert len(sequential["articles"]) == 12 and sequential["story_articles"]
    assert parallel == sequential


@pytest.mark.slow
def test_two_ingests_at_once_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    """The advisory lock serialises two ingests into one PostgreSQL corpus just as the file lock
    does for SQLite: the raced corpus equals the sequential one, row for row."""
    a = write_articles(tmp_path / "a", ["ferry", "water", "rail"])
    b = write_articles(tmp_path / "b", ["school", "library", "harbour"])
    ingest(pg_url, [str(a)])
    ingest(pg_url, [str(b)])
    sequential = snapshot(pg_url)
    reset_schema(pg_url)
    Store(pg_url).close()  # create the schema before the race
    race(pg_url, [a, b])
    parallel = snapshot(pg_url)
    assert len(sequential["articles"]) == 12 and sequential["story_articles"]
    assert parallel == sequential


@pytest.mark.slow
def test_no_wait_refuses_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", ["ferry"])
    with Store(pg_url) as store, WriterLock(store), pytest.raises(Busy) as info:
        ingest(pg_url, [str(folder)], wait=False)
    assert "another ingest is writing" in info.value.problem
    assert ingest(pg_url, [str(folder)], wait=False).added == 2  # type: ignore[attr-defined]


def test_a_second_ingest_waits_with_a_message_then_runs(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", ["ferry"])
    db = tmp_path / "c.db"
    progress = Phases()
    done: list[object] = []
    with Store(db) as store, WriterLock(store):
        worker = threading.Thread(
            target=lambda: done.append(ingest(db, [str(folder)], progress=progress))
        )
        worker.start()
        time.sleep(0.5)
        assert not done  # still waiting
    worker.join(timeout=60)
    assert done and done[0].added == 2  # type: ignore[attr-defined]
    waits = [p for p in progress.phases if p.startswith("waiting:")]
    assert waits and "another ingest is writing" in waits[0] and "pid" in waits[0]


def test_no_wait_refuses_in_one_line(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", ["ferry"])
    db = tmp_path / "c.db"
    with Store(db) as store, WriterLock(store), pytest.raises(Busy) as info:
        ingest(db, [str(folder)], wait=False)
    assert "another ingest is writing" in info.value.problem and "--no-wait" in info.value.fix
    assert ingest(db, [str(folder)], wait=False).added == 2  # type: ignore[attr-defined]


def test_the_lock_lets_readers_read(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    ingest(db, [str(write_articles(tmp_path / "in", ["ferry"]))])
    with Store(db) as store, WriterLock(store), Store(db) as reader:
        assert reader.counts()["articles"] == 2
