"""Entity queries: corpus entities, one with its members and judgements, look-ups by name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.engine import Connection

from newsint.corpus.queries.common import NotInCorpus, count, matches
from newsint.corpus.queries.paging import Slice, SortKey, page
from newsint.corpus.queries.records import EntityDetail, EntityMember, EntitySummary
from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import (
    ArticleRow,
    ClaimClusterMemberRow,
    ClaimRow,
    CorpusEntityMemberRow,
    CorpusEntityRow,
    EntityRow,
    JudgementRow,
    MentionRow,
)
from newsint.model import CorpusEntity, Judgement


def _entities_query(
    conn: Connection, type: str | None, q: str | None, *, walk: bool = True
) -> Select[Any]:
    query = select(CorpusEntityRow)
    if type is not None:
        query = query.where(CorpusEntityRow.type == type.upper())
    if q is not None:
        query = query.where(matches(conn, CorpusEntityRow, q, walk=walk))
    return query


# Most widely mentioned first, then by name and id: ix_corpus_entities_list (migration 0004).
ENTITY_ORDER = (
    SortKey(CorpusEntityRow.articles, True),
    SortKey(CorpusEntityRow.name),
    SortKey(CorpusEntityRow.id),
)


def entities(
    store: Store,
    *,
    type: str | None = None,
    q: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    after: str | None = None,
    before: str | None = None,
) -> Slice[EntitySummary]:
    """Corpus entities, most widely mentioned first (after the cursor `after`)."""
    with store.reading() as conn:
        query = _entities_query(conn, type, q)
        rows, following, earlier = page(
            conn, query, ENTITY_ORDER, limit=limit, offset=offset, cursor=after, before=before
        )
    items = [
        EntitySummary(
            id=r.id,
            name=r.name,
            type=r.type,
            articles=r.articles,
            aliases=list(r.record.get("aliases", [])),
            members=len(r.record.get("members", [])),
        )
        for r in rows
    ]
    return Slice(items, following, earlier)


def entities_total(store: Store, *, type: str | None = None, q: str | None = None) -> int:
    """How many entities `entities()` lists without a limit (with full text, counted up to
    the store's full_text_count_cap and one more)."""
    cap = store.settings.full_text_count_cap if q else None
    with store.reading() as conn:
        return count(conn, _entities_query(conn, type, q, walk=False), cap=cap)


def entity(store: Store, ref: str) -> EntityDetail:
    """A corpus entity (by id or name) with its members and the judgements about it."""
    with store.reading() as conn:
        ids = entity_ids(conn, ref)
        row = conn.execute(select(CorpusEntityRow).where(CorpusEntityRow.id == ids[0])).one()
        members = list(
            conn.execute(
                select(
                    EntityRow.article_id,
                    EntityRow.id,
                    EntityRow.name,
                    EntityRow.mentions,
                    ArticleRow.title,
                )
                .join(
                    CorpusEntityMemberRow,
                    and_(
                        CorpusEntityMemberRow.article_id == EntityRow.article_id,
                        CorpusEntityMemberRow.entity_id == EntityRow.id,
                    ),
                )
                .join(ArticleRow, ArticleRow.id == EntityRow.article_id)
                .where(CorpusEntityMemberRow.corpus_entity_id == row.id)
                .order_by(EntityRow.article_id, EntityRow.id)
            )
        )
        keys = [f"{m.article_id}/{m.id}" for m in members]
        refs = [row.id, *keys, *(m.id for m in members)]
        judgements = [
            Judgement.model_validate(r.record)
            for r in conn.execute(
                select(JudgementRow.record)
                .where(or_(JudgementRow.a.in_(refs), JudgementRow.b.in_(refs)))
                .order_by(JudgementRow.seq)
            )
        ]
    return EntityDetail(
        entity=CorpusEntity.model_validate(row.record),
        members=[
            EntityMember(
                key=f"{m.article_id}/{m.id}",
                article=m.article_id,
                id=m.id,
                name=m.name,
                title=m.title,
                mentions=m.mentions,
            )
            for m in members
        ],
        judgements=judgements,
    )


def corpus_entities_of(store: Store, article_id: str) -> dict[str, str]:
    """The corpus entity each of an article's entities belongs to (article entity id ->
    corpus entity id), for links from an article to the entities across the corpus."""
    with store.reading() as conn:
        rows = conn.execute(
            select(CorpusEntityMemberRow.entity_id, CorpusEntityMemberRow.corpus_entity_id)
            .where(CorpusEntityMemberRow.article_id == article_id)
            .order_by(CorpusEntityMemberRow.entity_id)
        )
        return {str(entity): str(corpus) for entity, corpus in rows}


def entity_ids(conn: Connection, ref: str) -> list[str]:
    """Corpus entity ids for an id or a name (exact, case-insensitive; then an alias)."""
    if conn.scalar(select(CorpusEntityRow.id).where(CorpusEntityRow.id == ref)):
        return [ref]
    order = (CorpusEntityRow.articles.desc(), CorpusEntityRow.id)
    ids = list(
        conn.scalars(
            select(CorpusEntityRow.id)
            .where(func.lower(CorpusEntityRow.name) == ref.lower())
            .order_by(*order)
        )
    )
    if not ids:
        # An alias: a member article entity with that name.
        ids = list(
            conn.scalars(
                select(CorpusEntityRow.id)
                .join(
                    CorpusEntityMemberRow,
                    CorpusEntityMemberRow.corpus_entity_id == CorpusEntityRow.id,
                )
                .join(
                    EntityRow,
                    and_(
                        EntityRow.article_id == CorpusEntityMemberRow.article_id,
                        EntityRow.id == CorpusEntityMemberRow.entity_id,
                    ),
                )
                .where(func.lower(EntityRow.name) == ref.lower())
                .group_by(CorpusEntityRow.id, CorpusEntityRow.articles)
                .order_by(*order)
            )
        )
    if not ids:
        raise NotInCorpus(ref, "no entity by that id or name", "list them with `newsint entities`")
    return ids


def clusters_about(conn: Connection, ref: str) -> Select[Any]:
    """Claim clusters with a claim said by, or mentioning, one of the article entities inside
    the corpus entity `ref` names."""
    about = _claims_about(conn, ref)
    return select(ClaimClusterMemberRow.cluster_id).join(
        about,
        and_(
            about.c.article_id == ClaimClusterMemberRow.article_id,
            about.c.id == ClaimClusterMemberRow.claim_id,
        ),
    )


def _claims_about(conn: Connection, ref: str) -> Any:
    """(article id, claim id) of the claims said by or mentioning the entity `ref` names."""
    members = (
        select(CorpusEntityMemberRow.article_id, CorpusEntityMemberRow.entity_id)
        .where(CorpusEntityMemberRow.corpus_entity_id.in_(entity_ids(conn, ref)))
        .subquery()
    )
    said = select(ClaimRow.article_id, ClaimRow.id).join(
        members,
        and_(
            members.c.article_id == ClaimRow.article_id,
            members.c.entity_id == ClaimRow.source_entity,
        ),
    )
    mentioned = (
        select(ClaimRow.article_id, ClaimRow.id)
        .join(MentionRow, MentionRow.article_id == ClaimRow.article_id)
        .join(
            members,
            and_(
                members.c.article_id == MentionRow.article_id,
                members.c.entity_id == MentionRow.entity_id,
            ),
        )
        .where(_inside(MentionRow, ClaimRow))
    )
    return said.union(mentioned).subquery()


def _inside(mention: Any, claim: Any) -> Any:
    """A mention inside the claim: in its content or in its lead (null for most claims)."""
    return or_(
        and_(mention.start >= claim.start, mention.end <= claim.end),
        and_(mention.start >= claim.lead_start, mention.end <= claim.lead_end),
    )


def groups_about(conn: Connection, ref: str) -> Any:
    """Claims-list rows (claim_groups ids) with a claim said by, or mentioning, one of the
    article entities inside the corpus entity `ref` names. Driven from the entity's members
    (a few rows by the primary key) to their claims, so it costs the entity's size."""
    ids = entity_ids(conn, ref)
    m = CorpusEntityMemberRow
    said = (
        select(ClaimRow.group_id)
        .select_from(m)
        .join(
            ClaimRow,
            and_(ClaimRow.article_id == m.article_id, ClaimRow.source_entity == m.entity_id),
        )
        .where(m.corpus_entity_id.in_(ids))
    )
    mentioned = (
        select(ClaimRow.group_id)
        .select_from(m)
        .join(
            MentionRow,
            and_(MentionRow.article_id == m.article_id, MentionRow.entity_id == m.entity_id),
        )
        .join(
            ClaimRow,
            and_(ClaimRow.article_id == MentionRow.article_id, _inside(MentionRow, ClaimRow)),
        )
        .where(m.corpus_entity_id.in_(ids))
    )
    return said.union(mentioned)


def members_named(conn: Connection, entity_id: str) -> dict[str, str]:
    """Member key ("<article>/<entity>") -> name as written, of one corpus entity."""
    return {
        f"{r.article_id}/{r.id}": str(r.name)
        for r in conn.execute(
            select(EntityRow.article_id, EntityRow.id, EntityRow.name)
            .join(
                CorpusEntityMemberRow,
                and_(
                    CorpusEntityMemberRow.article_id == EntityRow.article_id,
                    CorpusEntityMemberRow.entity_id == EntityRow.id,
                ),
            )
            .where(CorpusEntityMemberRow.corpus_entity_id == entity_id)
        )
    }
