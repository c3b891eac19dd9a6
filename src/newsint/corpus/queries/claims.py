"""Claim queries: the claims list with its facets, one cluster or claim, corpus grades.

The list, each claim's group and its corpus grade are written at ingest (corpus/summaries.py)
and kept current as clusters change, so these queries read rows and never grade.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import Select, and_, func, literal_column, select
from sqlalchemy.engine import Connection

from newsint.config import Grade as GradeConfig
from newsint.corpus import summaries
from newsint.corpus.queries.common import (
    InvalidFilter,
    NotInCorpus,
    claim_query,
    claim_report,
    claims_of,
    count,
    matches,
    slices,
)
from newsint.corpus.queries.entities import groups_about
from newsint.corpus.queries.paging import Slice, SortKey, page, present
from newsint.corpus.queries.records import (
    ClaimClusterDetail,
    ClaimDetail,
    ClaimReport,
    ClaimSummary,
    GradedClaim,
)
from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import (
    ClaimClusterMemberRow,
    ClaimClusterRow,
    ClaimGroupRow,
    ClaimGroupStatusRow,
    ClaimRow,
    StoryArticleRow,
    split_key,
)
from newsint.model import Analysis, ClaimCluster, Grade, current_status


@dataclass(frozen=True)
class ClaimFilters:
    """The facets of the claims list; each is a condition in SQL on the rows written at
    ingest (claim_groups, claims), so a page costs the same at any corpus size."""

    entity: str | None = None  # by or about this entity (id or name)
    min_sources: int = 1  # at least this many independent sources
    status: str | None = None  # a member claim has this status
    grade: str | None = None  # corpus grade: a code (C3), a reliability (C) or credibility (3)
    speaker: str | None = None  # the representative's speaker, case-insensitive
    story: str | None = None  # a member claim is in an article of this story
    since: str | None = None  # first reported on or after this date (ISO)
    until: str | None = None  # first reported on or before this date (ISO)
    q: str | None = None  # full text: a member claim's text holds these words
    sort: ClaimSort = "sources"


ClaimSort = Literal["sources", "recent", "oldest"]
CLAIM_SORTS: tuple[str, ...] = ("sources", "recent", "oldest")


def _claims_query(conn: Connection, f: ClaimFilters) -> Select[Any]:
    g = ClaimGroupRow
    query: Select[Any] = select(g.record, g.id)
    if f.status is not None:
        # walked in list order from the status table (a store written before a status was
        # renamed holds the old name, "negated": the table holds the current one)
        s = ClaimGroupStatusRow
        query = query.join(s, s.group_id == g.id).where(s.status == str(current_status(f.status)))
    if f.min_sources > 1:
        query = query.where(g.sources >= f.min_sources)
    if f.entity is not None:
        query = query.where(g.id.in_(groups_about(conn, f.entity)))
    if f.grade:
        code = f.grade.strip().upper()
        if len(code) == 1 and code.isalpha():
            query = query.where(g.grade.like(f"{code}%"))
        elif len(code) == 1:
            query = query.where(g.grade.like(f"%{code}"))
        else:
            query = query.where(g.grade == code)
    if f.speaker:
        query = query.where(g.speaker_key == f.speaker.strip().lower()[:255])
    if f.story:
        inside = select(StoryArticleRow.article_id).where(StoryArticleRow.story_id == f.story)
        query = query.where(
            g.id.in_(select(ClaimRow.group_id).where(ClaimRow.article_id.in_(inside)))
        )
    if f.since:
        query = query.where(g.published >= _day(f.since, "since"))
    if f.until:
        query = query.where(g.published < _next_day(_day(f.until, "until")))
    if f.q:  # the row's own claim texts (migration 0004): the list's index walked, no join
        query = query.where(matches(conn, g, f.q))
    return query


def _day(value: str, name: str) -> str:
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise InvalidFilter(name, f"not a date: {value!r}", "give a date as YYYY-MM-DD") from None


def _next_day(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def _keys(f: ClaimFilters) -> tuple[SortKey, ...]:
    """The list's order as keyset sort keys, each served by an index."""
    g = ClaimGroupRow
    if f.status is not None and f.sort == "sources":
        s = ClaimGroupStatusRow  # the same order, by the status table's index
        return (SortKey(s.sources, True), SortKey(s.articles, True), SortKey(s.group_id, True))
    if f.sort == "recent":  # newest first, undated last: ix_claim_groups_recent backwards
        dated, day = g.published.is_not(None), func.coalesce(g.published, literal_column("''"))
        return (SortKey(dated, True), SortKey(day, True), SortKey(g.id, True))
    if f.sort == "oldest":  # oldest first, undated last: ix_claim_groups_oldest
        return (*present(g.published), SortKey(g.id))
    # an index walked backwards: most independent sources, then most articles
    return (SortKey(g.sources, True), SortKey(g.articles, True), SortKey(g.id, True))


def claims(
    store: Store,
    cfg: GradeConfig,
    filters: ClaimFilters | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    after: str | None = None,
    before: str | None = None,
) -> Slice[ClaimSummary]:
    """The claims list: every claim cluster and every claim no other article makes (a
    single-source claim), best corroborated first; rows written at ingest, graded there.
    A page starts after the cursor `after` (a page's `next`), then `offset` skipped."""
    f = filters or ClaimFilters()
    with store.reading() as conn:
        rows, following, earlier = page(
            conn,
            _claims_query(conn, f),
            _keys(f),
            limit=limit,
            offset=offset,
            cursor=after,
            before=before,
        )
    return Slice([ClaimSummary.model_validate(r.record) for r in rows], following, earlier)


def claims_total(store: Store, filters: ClaimFilters | None = None) -> int:
    """How many rows `claims()` lists without a limit; with full text, counted up to the
    store's full_text_count_cap and one more (more than the cap match)."""
    f = filters or ClaimFilters()
    with store.reading() as conn:
        cap = store.settings.full_text_count_cap if f.q else None
        return count(conn, _claims_query(conn, f), cap=cap)


def claim(store: Store, cfg: GradeConfig, claim_id: str) -> ClaimClusterDetail | ClaimDetail:
    """A claim cluster (by its id) or one claim (by its id) with its cluster."""
    with store.reading() as conn:
        row = conn.execute(select(ClaimClusterRow).where(ClaimClusterRow.id == claim_id)).first()
        if row is not None:
            members = claims_of(conn, [row.id]).get(row.id, [])
            return ClaimClusterDetail(
                cluster=ClaimCluster.model_validate(row.record),
                claims=with_grades(store, cfg, members),
            )
        article, inner = split_key(claim_id)
        cond = ClaimRow.id == inner
        if article:
            cond = and_(cond, ClaimRow.article_id == article)
        found = list(conn.execute(claim_query().where(cond)))
        if not found:
            raise NotInCorpus(claim_id, "no such claim", "list them with `newsint claims`")
        report = claim_report(found[0])
        cluster = conn.scalar(
            select(ClaimClusterMemberRow.cluster_id).where(
                ClaimClusterMemberRow.article_id == report.article,
                ClaimClusterMemberRow.claim_id == report.id,
            )
        )
    return ClaimDetail(claim=with_grades(store, cfg, [report])[0], cluster=cluster)


def claim_records(store: Store, cfg: GradeConfig, keys: Iterable[str]) -> dict[str, GradedClaim]:
    """Full claim records (chain with kinds, grade reasons, evidence) by "<article>/<claim>"
    key, read from the stored analyses (the claim table keeps only a summary). `grade` is
    the corpus grade (see `grades`); `article_grade` the grade from the article alone."""
    wanted: dict[str, set[str]] = {}
    for key in keys:
        article, inner = split_key(key)
        if article:
            wanted.setdefault(article, set()).add(inner)
    found: dict[str, GradedClaim] = {}
    analyses = {a.article.id: a for a in store.analyses(wanted)}
    for aid, analysis in analyses.items():
        for c in analysis.claims:
            if c.id in wanted[aid]:
                found[f"{aid}/{c.id}"] = GradedClaim(**dict(c), article_grade=c.grade)
    corpus = grades(store, cfg, found, analyses=analyses)
    for key, record in found.items():
        record.grade = corpus.get(key)
    return found


def grades(
    store: Store,
    cfg: GradeConfig,
    keys: Iterable[str],
    *,
    analyses: dict[str, Analysis] | None = None,
) -> dict[str, Grade | None]:
    """Corpus grades of claims by "<article>/<claim>" key: each claim graded again with the
    corroboration of its cluster (independent sources, copies counted once, contradicting
    reports), reasons included; None for a claim that was never graded. `analyses` by article
    id saves reading ones the caller already has."""
    return {k: (v[0] if v else None) for k, v in graded(store, cfg, keys, analyses).items()}


def graded(
    store: Store,
    cfg: GradeConfig,
    keys: Iterable[str],
    analyses: dict[str, Analysis] | None = None,
) -> dict[str, tuple[Grade, list[str]] | None]:
    """(corpus grade, its reasons from the corpus) by claim key, as written at ingest."""
    wanted: dict[str, set[str]] = {}
    for key in dict.fromkeys(keys):
        article, inner = split_key(key)
        if article:
            wanted.setdefault(article, set()).add(inner)
    out: dict[str, tuple[Grade, list[str]] | None] = {}
    with store.reading() as conn:
        for part in slices(sorted(wanted)):
            for r in conn.execute(
                select(
                    ClaimRow.article_id,
                    ClaimRow.id,
                    ClaimRow.corpus_grade,
                    ClaimRow.grade_reasons,
                    ClaimRow.corroboration,
                ).where(ClaimRow.article_id.in_(part))
            ):
                if r.id not in wanted[r.article_id]:
                    continue
                code = r.corpus_grade
                out[f"{r.article_id}/{r.id}"] = (
                    (
                        Grade(
                            reliability=code[0],
                            credibility=int(code[1:]),
                            reasons=list(r.grade_reasons or []),
                        ),
                        list(r.corroboration or []),
                    )
                    if code
                    else None
                )
    return out


def with_grades(
    store: Store,
    cfg: GradeConfig,
    reports: list[ClaimReport],
    analyses: dict[str, Analysis] | None = None,
) -> list[ClaimReport]:
    """The reports as they are: their corpus grades were written at ingest
    (corpus/summaries.py) and read with them. Kept for callers of the earlier API."""
    return reports


reports_of = summaries.reports_of
_representative = summaries.representative
