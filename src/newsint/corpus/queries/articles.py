"""Article queries: articles oldest first, search, one article with its links and claims,
the corpus's counts, and everything an export writes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.engine import Connection

from newsint.config import Grade as GradeConfig
from newsint.corpus.queries.common import (
    ARTICLE_COLUMNS,
    NotInCorpus,
    article_ref,
    claim_query,
    claim_report,
    count,
    matches,
)
from newsint.corpus.queries.paging import Slice, SortKey, page, present
from newsint.corpus.queries.records import (
    ArticleDetail,
    ArticleInfo,
    ArticleListing,
    ArticleRef,
    CorpusRecords,
    Counts,
    Stats,
)
from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import (
    ArticleRow,
    ClaimClusterRow,
    ClaimRow,
    CopyLinkRow,
    CorpusEntityRow,
    StoryArticleRow,
    StoryRow,
)
from newsint.corpus.summaries import COUNTED, COUNTS_KEY
from newsint.model import ClaimCluster, CopyLink, CorpusEntity, Story

# Oldest first, undated last, then by id: the articles list's order, and the search's
# (migration 0004 indexes these expressions).
BY_DATE = (*present(ArticleRow.published), SortKey(ArticleRow.id))


def stats(store: Store) -> Stats:
    """How many of each thing the corpus holds: as written with the last analyzer delta
    (corpus/summaries.py), else counted now."""
    stored = store.get_meta(COUNTS_KEY)
    if stored is not None:
        return Stats.model_validate_json(stored)
    with store.reading() as conn:
        return Stats(**{name: count(conn, select(t)) for name, t in COUNTED.items()})


def articles(
    store: Store,
    *,
    limit: int | None = None,
    offset: int = 0,
    after: str | None = None,
    before: str | None = None,
    ids: Iterable[str] | None = None,
) -> Slice[ArticleListing]:
    """Articles (all, or these ids), oldest first (undated last): after the cursor `after`
    (a page's `next`) or before `before` (a page's `prev`), then `offset` skipped."""
    query = select(*ARTICLE_COLUMNS, ArticleRow.current)
    if ids is not None:
        query = query.where(ArticleRow.id.in_(sorted(set(ids))))
    with store.reading() as conn:
        rows, following, earlier = page(
            conn, query, BY_DATE, limit=limit, offset=offset, cursor=after, before=before
        )
    items = [ArticleListing(**dict(article_ref(r)), current=r.current) for r in rows]
    return Slice(items, following, earlier)


def articles_total(store: Store) -> int:
    """How many articles `articles()` lists without a limit."""
    with store.reading() as conn:
        return count(conn, select(ArticleRow.id))


def _search_query(conn: Connection, q: str) -> Select[Any]:
    """Articles whose title, site, claims or the names they mention hold the words of `q`
    (full text over the article row itself, migration 0004: FTS5 on SQLite, to_tsvector on
    PostgreSQL), so the list's index is walked and a page cut where it fills."""
    return select(*ARTICLE_COLUMNS).where(matches(conn, ArticleRow, q))


def search(
    store: Store,
    q: str,
    *,
    limit: int | None = 50,
    offset: int = 0,
    after: str | None = None,
    before: str | None = None,
) -> Slice[ArticleRef]:
    """Articles whose title or site holds the words of `q`, or that make a claim or name an
    entity holding them; oldest first (after the cursor `after`, then `offset` skipped)."""
    with store.reading() as conn:
        query = _search_query(conn, q)
        rows, following, earlier = page(
            conn, query, BY_DATE, limit=limit, offset=offset, cursor=after, before=before
        )
    return Slice([article_ref(r) for r in rows], following, earlier)


def search_total(store: Store, q: str) -> int:
    """How many articles `search(q)` finds without a limit, counted up to the store's
    full_text_count_cap and one more (more than the cap match)."""
    with store.reading() as conn:
        return count(conn, _search_query(conn, q), cap=store.settings.full_text_count_cap)


def article(store: Store, cfg: GradeConfig, article_id: str) -> ArticleDetail:
    """One article: metadata, its story, its copy links both ways, its claims."""
    analysis = store.analysis(article_id)
    if analysis is None:
        raise NotInCorpus(article_id, "no such article", "find ids with `newsint stories`")
    with store.reading() as conn:
        row = conn.execute(select(ArticleRow).where(ArticleRow.id == article_id)).one()
        stories = [
            str(s)
            for s in conn.scalars(
                select(StoryArticleRow.story_id).where(StoryArticleRow.article_id == article_id)
            )
        ]
        copies_of = [
            CopyLink.model_validate(r.record)
            for r in conn.execute(
                select(CopyLinkRow.record)
                .where(CopyLinkRow.article_id == article_id)
                .order_by(CopyLinkRow.id)
            )
        ]
        copied_by = [
            CopyLink.model_validate(r.record)
            for r in conn.execute(
                select(CopyLinkRow.record)
                .where(CopyLinkRow.original_id == article_id)
                .order_by(CopyLinkRow.id)
            )
        ]
        claims = [
            claim_report(r)
            for r in conn.execute(
                claim_query()
                .where(ClaimRow.article_id == article_id)
                .order_by(ClaimRow.start, ClaimRow.id)
            )
        ]
    meta = analysis.article
    return ArticleDetail(
        article=ArticleInfo(
            **dict(meta),
            current=row.current,
            supersedes=row.supersedes,
            stages=[s for s in row.stages.split(",") if s],
        ),
        stories=stories,
        copies=copies_of,
        copied_by=copied_by,
        counts=Counts(
            entities=len(analysis.entities),
            claims=len(analysis.claims),
            events=len(analysis.events),
            times=len(analysis.times),
        ),
        claims=claims,
        text=analysis.text,
    )


def corpus_records(store: Store) -> CorpusRecords:
    """The corpus records (stories, copy links, claim clusters, entities, judgements) and the
    current articles, everything an export writes."""
    with store.reading() as conn:
        ids = [
            str(a)
            for a in conn.scalars(
                select(ArticleRow.id).where(ArticleRow.current).order_by(ArticleRow.id)
            )
        ]
        return CorpusRecords(
            articles=ids,
            stories=[Story.model_validate(r) for r in conn.scalars(_records(StoryRow))],
            copy_links=[CopyLink.model_validate(r) for r in conn.scalars(_records(CopyLinkRow))],
            claim_clusters=[
                ClaimCluster.model_validate(r) for r in conn.scalars(_records(ClaimClusterRow))
            ],
            corpus_entities=[
                CorpusEntity.model_validate(r) for r in conn.scalars(_records(CorpusEntityRow))
            ],
            judgements=store.judgements(),
        )


def _records(row: Any) -> Select[Any]:
    return select(row.record).order_by(row.id)
