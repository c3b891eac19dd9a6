"""Alembic migrations of the corpus store, run in code when a store is opened.

Users never run `alembic` themselves: `Store(...)` upgrades an older database to the schema this
version of newsint expects. Developers add a revision with
`alembic -c src/newsint/corpus/store/migrations/alembic.ini revision -m "why"` after changing
corpus/store/tables.py, and write its upgrade by hand (SQLite needs batch mode for ALTERs).
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

SCRIPT_LOCATION = "newsint.corpus.store:migrations"


def alembic_config() -> Config:
    """An Alembic Config built in code: no alembic.ini needs to be found at run time."""
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg


def head() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    """Bring the database to `target` (the newest schema by default) in one transaction."""
    if target == "head" and current(engine) == head():
        return
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
