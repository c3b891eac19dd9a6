"""Web fixtures: the hand-made corpus (webcorpus.py) ingested as analysis JSON, so no NLP runs,
and test clients over it."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webcorpus import make_client, web_analyses, write_jsonl

from newsint.corpus.api import Corpus


@pytest.fixture(scope="session")
def web_corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("web") / "analyses.jsonl", web_analyses())


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, web_corpus_file: Path) -> Path:
    """The hand-made corpus in a SQLite file, built once; tests that change it copy it."""
    db = tmp_path_factory.mktemp("webdb") / "corpus.db"
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
