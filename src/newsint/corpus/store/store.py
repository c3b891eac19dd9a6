"""The corpus store: articles, their analyses and the corpus links, in SQLite or PostgreSQL.

The tables are in tables.py (SQLAlchemy 2 models) and the rows an analysis writes in rows.py;
the schema is created and upgraded by the Alembic migrations (migrations/) run on open, so an
old database is brought up to date before it is used. The corpus queries are corpus/queries/.

Writes are one transaction per article, and one per analyzer delta: a process killed at any
point leaves whole articles only, and the next ingest picks up where it stopped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Engine,
    create_engine,
    delete,
    event,
    func,
    select,
    update,
)
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError

from newsint.config import Config, default_config
from newsint.config import Store as StoreSettings
from newsint.corpus.store.rows import analysis_json, article_row, derived_rows
from newsint.corpus.store.tables import (
    AnalysisRow,
    ArticleRow,
    Base,
    ClaimClusterMemberRow,
    ClaimClusterRow,
    ClaimRow,
    CopyLinkRow,
    CorpusEntityMemberRow,
    CorpusEntityRow,
    EntityRow,
    EventRow,
    FeatureRow,
    JudgementRow,
    MentionRow,
    MetaRow,
    StoryArticleRow,
    StoryRow,
    split_key,
)
from newsint.errors import AnalysisProblem, StoreError
from newsint.model import (
    Analysis,
    ClaimCluster,
    CopyLink,
    CorpusEntity,
    Judgement,
    Story,
)

__all__ = ["Store", "database_url", "display_url"]


# --------------------------------------------------------------------------- URLs


def database_url(db: str | os.PathLike[str] | None) -> str:
    """A SQLAlchemy URL from what a user types: a file path, sqlite:///…, or postgresql://…

    Plain `postgresql://` means psycopg 3 (the driver we ship), not SQLAlchemy's psycopg2 default.
    """
    if db is None:
        db = os.environ.get("NEWSINT_DB") or default_config().store.default_db
    text = os.fspath(db)
    if "://" not in text:
        return "sqlite:///" + str(Path(text).expanduser().resolve())
    for plain in ("postgresql://", "postgres://"):
        if text.startswith(plain):
            return "postgresql+psycopg://" + text[len(plain) :]
    return text


def display_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


# --------------------------------------------------------------------------- deltas


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """Slices small enough for any database's bound-parameter limit."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


# --------------------------------------------------------------------------- the store


class Store:
    """A corpus database. Opening it creates or upgrades the schema (Alembic migrations)."""

    def __init__(
        self,
        db: str | os.PathLike[str] | None = None,
        settings: StoreSettings | None = None,
        *,
        migrate: bool = True,
        config: Config | None = None,
    ) -> None:
        # `config`: the grading and timeline settings the summaries written at ingest follow
        self.config = config or default_config()
        self.settings = settings or self.config.store
        self.url = database_url(db)
        self.shown = display_url(self.url)
        # True when opening rewrote summaries written under other grading settings or by an
        # older newsint (the CLI says so: it can take a while on a big corpus)
        self.summaries_rebuilt = False
        try:
            self.engine = _make_engine(self.url, self.settings)
            if migrate:
                from newsint.corpus.store.migrations import upgrade

                upgrade(self.engine)
                self._summaries_current()
        except StoreError:
            raise
        except (SQLAlchemyError, ImportError, OSError) as exc:
            raise StoreError(
                self.shown,
                f"cannot open the database ({_reason(exc)})",
                "check the --db path or URL, that the server runs and the user may write",
            ) from exc

    def _summaries_current(self) -> None:
        """Rewrite the summaries (corpus/summaries.py) of a store whose summaries are of an
        older version or were written under other grading settings."""
        from newsint.corpus import summaries

        want = summaries.fingerprint(self.config)
        have = self.get_meta(summaries.META_KEY)
        if have == want:
            if self.get_meta(summaries.VOLUME_KEY) is None:  # written before it was kept
                try:
                    with self.transaction() as conn:
                        summaries.write_volume(conn)
                except IntegrityError:  # another process opening the store wrote it first
                    pass
            return
        with self.transaction() as conn:
            if have is not None or conn.scalar(select(func.count()).select_from(ArticleRow)):
                summaries.rebuild(conn, self.config)
                self.summaries_rebuilt = True
            else:  # a new store: its (empty) volume, so no later open need write it
                summaries.write_volume(conn)
            conn.execute(delete(MetaRow).where(MetaRow.key == summaries.META_KEY))
            conn.execute(MetaRow.__table__.insert(), [{"key": summaries.META_KEY, "value": want}])

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic unit of work: all of it is committed, or none of it."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(
                self.shown, f"database write failed ({_reason(exc)})", "check disk space and locks"
            ) from exc

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    # ---- articles

    def known(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored already."""
        ids = list(ids)
        found: set[str] = set()
        with self.reading() as conn:
            for part in _chunks(ids):
                found.update(conn.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(part))))
        return found

    def current_versions(
        self, *, urls: Iterable[str] = (), sources: Iterable[str] = ()
    ) -> tuple[dict[str, str], dict[str, str]]:
        """Current article ids by URL, and by source for articles without a URL.

        Looked up by the URL and source indexes only, then filtered: `current` is a flag on
        nearly every row, and an index on it would make each look-up a scan.
        """
        by_url: dict[str, str] = {}
        by_source: dict[str, str] = {}
        with self.reading() as conn:
            for part in _chunks(sorted(set(urls))):
                rows = conn.execute(
                    select(ArticleRow.url, ArticleRow.id, ArticleRow.current)
                    .where(ArticleRow.url.in_(part))
                    .order_by(ArticleRow.id)
                )
                for url, aid, current in rows:
                    if current:
                        by_url.setdefault(url, aid)
            for part in _chunks(sorted(set(sources))):
                rows = conn.execute(
                    select(ArticleRow.source, ArticleRow.id, ArticleRow.current, ArticleRow.url)
                    .where(ArticleRow.source.in_(part))
                    .order_by(ArticleRow.id)
                )
                for source, aid, current, url in rows:
                    if current and url is None:
                        by_source.setdefault(source, aid)
        return by_url, by_source

    def current_version(self, *, url: str | None, source: str | None) -> str | None:
        """The current article id at this URL (or, without a URL, read from this source)."""
        if url:
            return self.current_versions(urls=[url])[0].get(url)
        if source:
            return self.current_versions(sources=[source])[1].get(source)
        return None

    def add_article(
        self,
        analysis: Analysis,
        features: bytes,
        *,
        stages: Sequence[str] = (),
        supersedes: str | None = None,
    ) -> None:
        """Write one article with all its rows in one transaction (all or nothing)."""
        aid = analysis.article.id
        derived = derived_rows(analysis)
        try:
            self._add_article(analysis, features, stages, supersedes, derived)
        except IntegrityError as exc:
            raise AnalysisProblem(
                analysis.article.source or aid,
                f"the analysis cannot be stored ({_reason(exc)})",
                "report it with this input attached; the other articles were stored",
            ) from exc

    def _add_article(
        self,
        analysis: Analysis,
        features: bytes,
        stages: Sequence[str],
        supersedes: str | None,
        derived: dict[type[Base], list[dict[str, Any]]],
    ) -> None:
        aid = analysis.article.id
        with self.transaction() as conn:
            conn.execute(
                ArticleRow.__table__.insert(),
                [article_row(analysis, ",".join(stages), supersedes)],
            )
            conn.execute(
                AnalysisRow.__table__.insert(),
                [{"article_id": aid, "schema": analysis.schema_, "data": analysis_json(analysis)}],
            )
            conn.execute(FeatureRow.__table__.insert(), [{"article_id": aid, "data": features}])
            for table, rows in derived.items():
                if rows:
                    conn.execute(table.__table__.insert(), rows)
            if supersedes:
                conn.execute(
                    update(ArticleRow).where(ArticleRow.id == supersedes).values(current=False)
                )

    def analysis(self, article_id: str) -> Analysis | None:
        with self.reading() as conn:
            data = conn.scalar(select(AnalysisRow.data).where(AnalysisRow.article_id == article_id))
        return Analysis.from_json(data) if data is not None else None

    def analyses(self, ids: Iterable[str] | None = None) -> Iterator[Analysis]:
        """Stored analyses (all, or these ids), in article-id order."""
        with self.reading() as conn:
            query = select(AnalysisRow.data).order_by(AnalysisRow.article_id)
            if ids is None:
                for data in conn.scalars(query.execution_options(yield_per=200)):
                    yield Analysis.from_json(data)
                return
            for part in _chunks(sorted(set(ids))):
                for data in conn.scalars(query.where(AnalysisRow.article_id.in_(part))):
                    yield Analysis.from_json(data)

    def features(self, *, analyzed: bool | None = None) -> Iterator[tuple[str, bytes]]:
        """(article id, features) for every article, or those (not) yet seen by the analyzer.

        Ordered by published date then id, so the analyzer sees a stable, time-ordered stream.
        """
        query = (
            select(FeatureRow.article_id, FeatureRow.data)
            .join(ArticleRow, ArticleRow.id == FeatureRow.article_id)
            .order_by(ArticleRow.published.is_(None), ArticleRow.published, ArticleRow.id)
        )
        if analyzed is not None:
            query = query.where(ArticleRow.analyzed.is_(analyzed))
        with self.reading() as conn:
            for aid, data in conn.execute(query.execution_options(yield_per=500)):
                yield aid, bytes(data)

    # ---- corpus deltas

    def apply_delta(self, delta: Any, analyzed: Iterable[str] = ()) -> None:
        """Apply an analyzer delta and mark articles as analysed, in one transaction.

        `delta` is the corpus analyzer's CorpusDelta (records to upsert by id, ids to delete);
        the store reads its attributes only, so it does not depend on the analyzer.
        """
        from newsint.corpus import summaries

        analyzed = list(analyzed)
        with self.transaction() as conn:
            unlinked = summaries.prepare(conn, delta)
            self._apply(conn, delta)
            for part in _chunks(analyzed):
                conn.execute(
                    update(ArticleRow).where(ArticleRow.id.in_(part)).values(analyzed=True)
                )
            summaries.refresh(conn, self.config, delta, analyzed, unlinked)

    def _apply(self, conn: Connection, delta: Any) -> None:
        links: list[CopyLink] = list(getattr(delta, "copy_links", []))
        stories: list[Story] = list(getattr(delta, "stories", []))
        entities: list[CorpusEntity] = list(getattr(delta, "corpus_entities", []))
        clusters: list[ClaimCluster] = list(getattr(delta, "claim_clusters", []))
        judgements: list[Judgement] = list(getattr(delta, "judgements", []))

        _delete(
            conn,
            CopyLinkRow.id,
            [*getattr(delta, "removed_copy_links", []), *(x.id for x in links)],
        )
        if links:
            conn.execute(
                CopyLinkRow.__table__.insert(),
                [
                    {
                        "id": x.id,
                        "article_id": x.article,
                        "original_id": x.original,
                        "kind": x.kind,
                        "score": x.score,
                        "confidence": x.confidence,
                        "record": x.to_dict(),
                    }
                    for x in links
                ],
            )
        gone = [*getattr(delta, "removed_stories", []), *(s.id for s in stories)]
        _delete(conn, StoryArticleRow.story_id, gone)
        _delete(conn, StoryRow.id, gone)
        if stories:
            conn.execute(
                StoryRow.__table__.insert(),
                [
                    {
                        "id": s.id,
                        "title": s.title,
                        "size": len(s.articles),
                        "first_published": s.first_published,
                        "last_published": s.last_published,
                        "record": s.to_dict(),
                    }
                    for s in stories
                ],
            )
            conn.execute(
                StoryArticleRow.__table__.insert(),
                [
                    {
                        "story_id": s.id,
                        "article_id": a,
                        "position": i,
                        "original": a in s.originals,
                    }
                    for s in stories
                    for i, a in enumerate(dict.fromkeys(s.articles))
                ],
            )
        gone = [*getattr(delta, "removed_corpus_entities", []), *(e.id for e in entities)]
        _delete(conn, CorpusEntityMemberRow.corpus_entity_id, gone)
        _delete(conn, CorpusEntityRow.id, gone)
        if entities:
            conn.execute(
                CorpusEntityRow.__table__.insert(),
                [
                    {
                        "id": e.id,
                        "name": e.name,
                        "type": e.type,
                        "articles": e.articles,
                        "record": e.to_dict(),
                    }
                    for e in entities
                ],
            )
            keys = _locate(conn, EntityRow, [m for e in entities for m in e.members])
            members = [
                {"corpus_entity_id": e.id, "article_id": keys[m][0], "entity_id": keys[m][1]}
                for e in entities
                for m in dict.fromkeys(e.members)
            ]
            if members:
                conn.execute(CorpusEntityMemberRow.__table__.insert(), members)
        gone = [*getattr(delta, "removed_claim_clusters", []), *(c.id for c in clusters)]
        _delete(conn, ClaimClusterMemberRow.cluster_id, gone)
        _delete(conn, ClaimClusterRow.id, gone)
        if clusters:
            conn.execute(
                ClaimClusterRow.__table__.insert(),
                [
                    {
                        "id": c.id,
                        "representative": c.representative,
                        "independent_sources": c.independent_sources,
                        "articles": len(set(c.articles)),
                        "record": c.to_dict(),
                    }
                    for c in clusters
                ],
            )
            keys = _locate(conn, ClaimRow, [m for c in clusters for m in c.claims])
            members = [
                {"cluster_id": c.id, "article_id": keys[m][0], "claim_id": keys[m][1]}
                for c in clusters
                for m in dict.fromkeys(c.claims)
            ]
            if members:
                conn.execute(ClaimClusterMemberRow.__table__.insert(), members)
        if judgements:
            self._put_judgements(conn, judgements)

    def _put_judgements(self, conn: Connection, judgements: Sequence[Judgement]) -> None:
        """Insert new judgements in order; one already stored keeps its place, gets new state."""
        existing = {
            jid: seq
            for jid, seq in conn.execute(
                select(JudgementRow.id, JudgementRow.seq).where(
                    JudgementRow.id.in_([j.id for j in judgements])
                )
            )
        }
        nxt = (conn.scalar(select(func.max(JudgementRow.seq))) or 0) + 1
        for j in judgements:
            row = {
                "a": j.a,
                "b": j.b,
                "verdict": j.verdict,
                "by": j.by,
                "active": j.active,
                "record": j.to_dict(),
            }
            if j.id in existing:
                conn.execute(update(JudgementRow).where(JudgementRow.id == j.id).values(**row))
            else:
                conn.execute(JudgementRow.__table__.insert(), [{"id": j.id, "seq": nxt, **row}])
                nxt += 1

    def judgements(self, *, active: bool | None = None) -> list[Judgement]:
        """Stored judgements in the order they were made."""
        query = select(JudgementRow.record).order_by(JudgementRow.seq)
        if active is not None:
            query = query.where(JudgementRow.active.is_(active))
        with self.reading() as conn:
            return [Judgement.model_validate(r) for r in conn.scalars(query)]

    # ---- meta

    def get_meta(self, key: str) -> str | None:
        with self.reading() as conn:
            return conn.scalar(select(MetaRow.value).where(MetaRow.key == key))

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(delete(MetaRow).where(MetaRow.key == key))
            conn.execute(MetaRow.__table__.insert(), [{"key": key, "value": value}])

    # ---- checks

    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries and tests."""
        with self.reading() as conn:
            return {
                table.name: conn.scalar(select(func.count()).select_from(table)) or 0
                for table in Base.metadata.sorted_tables
            }

    def integrity(self) -> list[str]:
        """Problems a crash could have left: half-written articles or dangling corpus rows."""
        problems: list[str] = []
        with self.reading() as conn:
            art = select(ArticleRow.id)
            for table in (AnalysisRow, FeatureRow, EntityRow, MentionRow, ClaimRow, EventRow):
                n = conn.scalar(
                    select(func.count()).select_from(table).where(table.article_id.not_in(art))  # type: ignore[attr-defined]
                )
                if n:
                    problems.append(f"{n} {table.__tablename__} row(s) without their article")
            for table in (AnalysisRow, FeatureRow):
                n = conn.scalar(
                    select(func.count())
                    .select_from(ArticleRow)
                    .where(ArticleRow.id.not_in(select(table.article_id)))
                )
                if n:
                    problems.append(f"{n} article(s) without {table.__tablename__} row")
            n = conn.scalar(
                select(func.count())
                .select_from(StoryArticleRow)
                .where(StoryArticleRow.story_id.not_in(select(StoryRow.id)))
            )
            if n:
                problems.append(f"{n} story member(s) without their story")
            n = conn.scalar(
                select(func.count())
                .select_from(ClaimClusterMemberRow)
                .where(ClaimClusterMemberRow.cluster_id.not_in(select(ClaimClusterRow.id)))
            )
            if n:
                problems.append(f"{n} claim-cluster member(s) without their cluster")
        return problems


def _locate(conn: Connection, table: Any, keys: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Article and inner id of each member key; a bare id is looked up in its table."""
    out = {key: split_key(key) for key in dict.fromkeys(keys)}
    bare = [key for key, (article, _) in out.items() if not article]
    for part in _chunks(bare):
        for article, inner in conn.execute(
            select(table.article_id, table.id).where(table.id.in_(part))
        ):
            out[inner] = (article, inner)
    return out


def _delete(conn: Connection, column: Any, ids: Sequence[str]) -> None:
    ids = list(dict.fromkeys(ids))
    for part in _chunks(ids):
        conn.execute(delete(column.class_).where(column.in_(part)))


def _reason(exc: BaseException) -> str:
    """The first line of a driver error, without SQLAlchemy's background link."""
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _make_engine(url: str, settings: StoreSettings) -> Engine:
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": settings.sqlite_busy_timeout})
        synchronous = settings.sqlite_synchronous

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            # WAL: readers never block the writer; foreign keys: SQLite leaves them off by default.
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA synchronous={synchronous}")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)
