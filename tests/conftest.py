"""Shared fixtures. Tests never need the network or ../shared.

Store fixtures: every store test runs on SQLite and, when a server answers, PostgreSQL.
PostgreSQL comes from $NEWSINT_TEST_PG (a SQLAlchemy URL to a database whose user may create
databases), by default postgresql+psycopg://postgres@127.0.0.1:5432/test. Each test gets an
empty schema in a database made for the test session and dropped at its end. Without a server
the PostgreSQL variants skip and say why; .ci/run installs and starts one (and sets
NEWSINT_REQUIRE_PG=1, turning a skip into a failure) so CI runs both.

Corpus fixtures: a small hand-made corpus (analyses written as JSON, no NLP), the export
records of exportdata.py and the web corpus of webcorpus.py, available to every test folder.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from exportdata import make_data
from handmade import Said, article
from newsint.config import Config, default_config
from newsint.corpus.store.store import database_url
from newsint.export import ExportData
from newsint.model import Analysis
from webcorpus import make_client, web_analyses, write_jsonl

FIXTURES = Path(__file__).parent / "fixtures"

# What makes a test slow (`-m "not slow"`, `make test-fast`, leaves it out): the spaCy pipeline,
# Ray, a PostgreSQL server or a browser. Tests that get them through these fixtures, or run
# against PostgreSQL through `db_url`, are marked here; the others carry the marker themselves.
SLOW_FIXTURES = frozenset({"resources", "run_stages", "ray_local", "pg_url", "pg_database"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        callspec = getattr(item, "callspec", None)
        on_server = callspec is not None and callspec.params.get("db_url") == "postgresql"
        if fixtures & SLOW_FIXTURES or on_server:
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def config() -> Config:
    return default_config()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def resources():
    """One Resources per test session, so the spaCy pipeline loads once for all tests."""
    from newsint.stages.base import Resources

    return Resources(default_config())


@pytest.fixture(scope="session")
def run_stages(resources):
    """run_stages(text, stages=[...], published=None) -> Work, through the shared Resources."""
    from newsint.api import set_published
    from newsint.pipeline import build_stages
    from newsint.readers import read_bytes
    from newsint.stages.base import Work

    def run(text: str, stages: list[str] | None = None, published: str | None = None, fmt=".txt"):
        (analysis,) = list(read_bytes(text.encode("utf-8"), "<test>", fmt, resources.config))
        set_published(analysis, published)
        batch = [Work(analysis)]
        for stage in build_stages(stages or list(resources.config.pipeline.stages), resources):
            stage(batch)
        return batch[0]

    return run


# --------------------------------------------------------------------------- stores and corpora

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@cache
def pg_admin() -> tuple[str | None, str]:
    """(admin URL, "") when a PostgreSQL server answers, else (None, the reason)."""
    url = database_url(os.environ.get("NEWSINT_TEST_PG") or DEFAULT_PG)
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # any driver error means: no usable server here
        first = str(getattr(exc, "orig", exc)).strip().splitlines()[0:1]
        return None, (
            f"no PostgreSQL server at {make_url(url).render_as_string(hide_password=True)} "
            f"({first[0] if first else type(exc).__name__}); set NEWSINT_TEST_PG or run .ci/run"
        )
    finally:
        engine.dispose()
    return url, ""


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A PostgreSQL database for this test session, dropped at its end."""
    admin, reason = pg_admin()
    if admin is None:
        if os.environ.get("NEWSINT_REQUIRE_PG"):
            pytest.fail(reason)  # .ci/run sets it: there, skipping would hide a broken store
        pytest.skip(reason)
    name = f"newsint_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture
def pg_url(pg_database: str) -> str:
    """The session's PostgreSQL database, emptied for this test (a fresh schema is far quicker
    than a fresh database)."""
    engine = create_engine(pg_database, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return pg_database


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The store URL for a test, once per supported database."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    return request.getfixturevalue("pg_url")


# --------------------------------------------------------------------------- a small corpus

BRIDGE = (
    "The Kerrow bridge will reopen to traffic on Monday morning after six weeks of repairs, "
    "the county engineer Ines Duarte said on Friday. “The piers are sound and the deck has been "
    "resurfaced,” Duarte told reporters at the site. Lorries over 7.5 tonnes will still be "
    "diverted through Malden until the spring inspection is complete. The repairs cost "
    "£2.4 million, paid by the regional transport fund. Residents of Kerrow had campaigned "
    "for months for the crossing to reopen before the winter."
)
BRIDGE_OTHER = (
    "Drivers in Kerrow can stop planning detours: residents' leader Tomas Reyes said the bridge "
    "will reopen to traffic on Monday morning. Reyes, whose group collected 1,800 signatures "
    "over the summer, said shops on the east bank had lost a third of their trade since the "
    "closure. “People kept their cars at home rather than sit in the Malden queue,” he said. "
    "The council confirmed the date in a short notice posted at the town hall and thanked "
    "Ines Duarte's engineering team for finishing ahead of the winter."
)
MUSEUM = (
    "The Harbour Board approved plans on Tuesday for a maritime museum in the old customs "
    "house, which has stood empty since 2009. The board's chair, Lena Marsh, said the museum "
    "would open in 2027 and employ forty people. Funding will come from a heritage grant and "
    "from ticket sales, the Harbour Board said in a statement."
)


def said(content: str, speaker: str) -> Said:
    """A claim said by a person the article names (an entity of it)."""
    return Said(content, chain=[("person", speaker, speaker)])


def corpus_article(text: str, *, url: str, **kwargs: Any) -> Analysis:
    """An article as ingested from a JSON dump (read from its URL)."""
    return article(text, url=url, source=url, fmt="json", **kwargs)


def small_corpus_analyses() -> list[Analysis]:
    """A wire story, its verbatim copy, an independent report of the same event, and an
    unrelated story."""
    people = [("Ines Duarte", "PERSON"), ("Kerrow", "GPE"), ("Malden", "GPE")]
    claim = [said("The Kerrow bridge will reopen to traffic on Monday morning", "Ines Duarte")]
    return [
        corpus_article(
            BRIDGE,
            url="https://wire.example/bridge",
            site="Coastal Wire",
            published="2025-03-07T09:00:00",
            title="Kerrow bridge to reopen on Monday",
            names=people,
            claims=claim,
        ),
        corpus_article(
            BRIDGE,
            url="https://gazette.example/kerrow-bridge",
            site="The Gazette",
            published="2025-03-07T11:30:00",
            title="Kerrow bridge to reopen on Monday",
            names=people,
            claims=claim,
        ),
        corpus_article(
            BRIDGE_OTHER,
            url="https://valley.example/crossing",
            site="Valley Radio",
            published="2025-03-08T08:00:00",
            title="Traffic returns to Kerrow crossing",
            names=[("Tomas Reyes", "PERSON"), ("Ines Duarte", "PERSON"), ("Kerrow", "GPE")],
            claims=[said("the bridge will reopen to traffic on Monday morning", "Tomas Reyes")],
        ),
        corpus_article(
            MUSEUM,
            url="https://harbour.example/museum",
            site="Harbour News",
            published="2025-03-04T10:00:00",
            title="Harbour Board backs maritime museum",
            names=[("Harbour Board", "ORG"), ("Lena Marsh", "PERSON")],
            claims=[said("the museum would open in 2027 and employ forty people", "Lena Marsh")],
        ),
    ]


@pytest.fixture
def small_analyses() -> list[Analysis]:
    return small_corpus_analyses()


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A JSONL file of the small corpus's analyses (as `newsint analyze --format json` writes)."""
    path = tmp_path / "analyses.jsonl"
    path.write_text("\n".join(a.to_json(indent=None) for a in small_corpus_analyses()) + "\n")
    return path


@pytest.fixture
def data() -> ExportData:
    """The hand-made export records of exportdata.py."""
    return make_data()


# --------------------------------------------------------------------------- the web corpus


@pytest.fixture(scope="session")
def web_corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("web") / "analyses.jsonl", web_analyses())


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, web_corpus_file: Path) -> Path:
    """The hand-made corpus in a SQLite file, built once; tests that change it copy it."""
    db = tmp_path_factory.mktemp("webdb") / "corpus.db"
    from newsint.corpus.api import Corpus

    with Corpus(db) as corpus:
        summary = corpus.ingest([str(web_corpus_file)])
    assert (summary.added, summary.failed) == (4, [])
    return db


@pytest.fixture
def fresh_db(web_db: Path, tmp_path: Path) -> Path:
    """A private copy of the corpus for a test that writes (merge, split, POST)."""
    target = tmp_path / "corpus.db"
    shutil.copyfile(web_db, target)
    return target


@pytest.fixture
def clients() -> Callable[..., AbstractContextManager[TestClient]]:
    """make_client, for tests that need an app with options (a token, a config)."""
    return make_client


@pytest.fixture(scope="module")
def client(web_db: Path) -> Iterator[TestClient]:
    """A read-only client over the shared corpus."""
    with make_client(web_db) as c:
        yield c


@pytest.fixture
def writer(fresh_db: Path) -> Iterator[TestClient]:
    """A client over a private copy of the corpus, for tests that change it."""
    with make_client(fresh_db) as c:
        yield c
