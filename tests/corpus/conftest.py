"""Store fixtures: every store test runs on SQLite and, when a server answers, PostgreSQL.

PostgreSQL comes from $NEWSINT_TEST_PG (a SQLAlchemy URL to a database the user may create
databases from), by default postgresql+psycopg://postgres@127.0.0.1:5432/test. Each test
gets its own fresh database, dropped afterwards. Without a server the PostgreSQL variants skip
and say why; .ci/run installs and starts one so CI runs both.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from newsint.corpus.store import database_url

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


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    admin, reason = pg_admin()
    if admin is None:
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


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The store URL for a test, once per supported database."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    return request.getfixturevalue("pg_url")
