"""One writer per corpus: an ingest holds the writer lock for its whole run.

Two ingests writing one corpus at once interleave their analyzer deltas, and entity
memberships computed by one are overwritten by the other (40 of 2,255 lost in one test, not
repaired by a re-ingest). Readers (`serve`, the queries) never take the lock: SQLite's WAL and
PostgreSQL's MVCC let them read while an ingest writes.

SQLite: an advisory lock (flock) on a file beside the database ("newsint.db.writer"), released
by the OS when the process dies, so a killed ingest never leaves the corpus locked.
PostgreSQL: a session advisory lock held on its own connection, released the same way.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import text

from newsint.errors import StoreError

# The PostgreSQL advisory lock key (any 64-bit number that other applications do not use):
# "newsint" in ASCII.
PG_KEY = 0x6E657773696E74


class Busy(StoreError):
    """Another ingest holds the corpus's writer lock."""

    code = "busy"


class WriterLock:
    """Held for one ingest. `wait`: wait for the holder (calling `waiting` every `poll` s
    with what it waits for; at most `timeout` s when given), else raise Busy at once."""

    def __init__(
        self,
        store: Any,
        *,
        wait: bool = True,
        poll: float = 2.0,  # [store] writer_lock_poll_seconds
        waiting: Callable[[str], None] | None = None,
        timeout: float | None = None,
    ) -> None:
        self.store = store
        self.wait = wait
        self.timeout = timeout  # with wait: give up (Busy) after this many seconds
        self.poll = poll
        self.waiting = waiting or (lambda _: None)
        self._fh: Any = None
        self._conn: Any = None

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()

    # ---- what is locked

    def path(self) -> Path | None:
        """The lock file of a SQLite database on disk (None in memory or on a server)."""
        url = self.store.engine.url
        if url.get_backend_name() != "sqlite":
            return None
        db = url.database
        if not db or db == ":memory:" or db.startswith("file::memory:"):
            return None
        return Path(db).expanduser().resolve().with_name(Path(db).name + ".writer")

    def describe(self) -> str:
        where = self.path()
        holder = ""
        if where is not None:
            try:
                holder = where.read_text(encoding="utf-8").strip()
            except OSError:
                holder = ""
        what = f" ({holder})" if holder else ""
        return f"another ingest is writing {self.store.shown}{what}"

    # ---- taking it

    def acquire(self) -> None:
        dialect = self.store.engine.dialect.name
        give_up = None if self.timeout is None else time.monotonic() + self.timeout
        while not self._try(dialect):
            if not self.wait or (give_up is not None and time.monotonic() >= give_up):
                raise Busy(
                    self.store.shown,
                    self.describe(),
                    "wait for it to finish, or run without --no-wait to queue behind it",
                )
            self.waiting(f"waiting: {self.describe()}")
            time.sleep(self.poll)

    def _try(self, dialect: str) -> bool:
        if dialect == "postgresql":
            if self._conn is None:
                self._conn = self.store.engine.connect()
            got = self._conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": PG_KEY})
            held = bool(got.scalar())
            self._conn.commit()
            return held
        where = self.path()
        if where is None:
            return True  # an in-memory database has one process
        return self._flock(where)

    def _flock(self, where: Path) -> bool:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks here; one writer is the user's care
            return True
        fh = open(where, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            return False
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}, since {time.strftime('%H:%M:%S')}\n")
        fh.flush()
        self._fh = fh
        return True

    def release(self) -> None:
        if self._fh is not None:
            import fcntl

            self._fh.seek(0)
            self._fh.truncate()
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": PG_KEY})
                self._conn.commit()
            finally:
                self._conn.close()
                self._conn = None
