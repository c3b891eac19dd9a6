"""Claim queries: claim clusters best corroborated first, one cluster or claim, corpus grades.

A claim's corpus grade is computed when asked, from what is stored: the claim graded again with
its cluster's corroboration (newsint.corpus.grading says why it is not stored).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, and_, select
from sqlalchemy.engine import Connection

from newsint.config import Grade as GradeConfig
from newsint.corpus.grading import Report, corpus_grade, corroboration, corroboration_reasons
from newsint.corpus.queries.common import NotInCorpus, claim_query, claim_report, count, slices
from newsint.corpus.queries.entities import clusters_about
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
    ClaimRow,
    split_key,
)
from newsint.model import LEGACY_STATUS, Analysis, ClaimCluster, Grade


def _claims_query(
    conn: Connection, entity: str | None, min_sources: int, status: str | None
) -> Select[Any]:
    query: Select[Any] = select(ClaimClusterRow).where(
        ClaimClusterRow.independent_sources >= min_sources
    )
    if entity is not None:
        query = query.where(ClaimClusterRow.id.in_(clusters_about(conn, entity)))
    if status is not None:
        about = select(ClaimClusterMemberRow.cluster_id).join(
            ClaimRow,
            and_(
                ClaimRow.article_id == ClaimClusterMemberRow.article_id,
                ClaimRow.id == ClaimClusterMemberRow.claim_id,
            ),
        )
        # a store written before a status was renamed holds the old name ("negated")
        status = LEGACY_STATUS.get(status, status)
        names = [status, *(old for old, new in LEGACY_STATUS.items() if new == status)]
        query = query.where(ClaimClusterRow.id.in_(about.where(ClaimRow.status.in_(names))))
    return query


def claims(
    store: Store,
    cfg: GradeConfig,
    *,
    entity: str | None = None,
    min_sources: int = 1,
    status: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ClaimSummary]:
    """Claim clusters, best corroborated first (independent sources, then articles)."""
    with store.reading() as conn:
        query = _claims_query(conn, entity, min_sources, status).order_by(
            ClaimClusterRow.independent_sources.desc(),
            ClaimClusterRow.articles.desc(),
            ClaimClusterRow.id,
        )
        query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)
        rows = list(conn.execute(query))
        members_of = claims_of(conn, [r.id for r in rows])
    reps = {
        r.id: _representative(r.record.get("representative"), members_of.get(r.id, []))
        for r in rows
    }
    with_grades(store, cfg, [rep for rep in reps.values() if rep])
    out = []
    for r in rows:
        members = members_of.get(r.id, [])
        rep = reps[r.id]
        out.append(
            ClaimSummary(
                id=r.id,
                text=rep.text if rep else None,
                speaker=rep.speaker if rep else None,
                status=rep.status if rep else None,
                independent_sources=r.independent_sources,
                articles=r.articles,
                claims=len(members) or len(r.record.get("claims", [])),
                statuses=sorted({m.status for m in members}),
                upstreams=list(r.record.get("upstreams", [])),
                contradictions=len(r.record.get("contradictions", [])),
                representative=rep.key if rep else None,
                article=rep.article if rep else None,
                chain=rep.chain if rep else [],
                grade=rep.grade if rep else None,
                grade_reasons=rep.grade_reasons if rep else [],
                corroboration=rep.corroboration if rep else [],
                article_grade=rep.article_grade if rep else None,
            )
        )
    return out


def claims_total(
    store: Store, *, entity: str | None = None, min_sources: int = 1, status: str | None = None
) -> int:
    """How many claim clusters `claims()` lists without a limit."""
    with store.reading() as conn:
        return count(conn, _claims_query(conn, entity, min_sources, status))


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


def claims_of(conn: Connection, clusters: Sequence[str]) -> dict[str, list[ClaimReport]]:
    """The member claims of these clusters, by cluster id."""
    out: dict[str, list[ClaimReport]] = {}
    if not clusters:
        return out
    query = (
        claim_query(ClaimClusterMemberRow.cluster_id)
        .join(
            ClaimClusterMemberRow,
            and_(
                ClaimClusterMemberRow.article_id == ClaimRow.article_id,
                ClaimClusterMemberRow.claim_id == ClaimRow.id,
            ),
        )
        .where(ClaimClusterMemberRow.cluster_id.in_(clusters))
    )
    for row in conn.execute(query):
        out.setdefault(row.cluster_id, []).append(claim_report(row))
    return out


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
    """(corpus grade, its reasons from the corpus) by claim key; see `grades`."""
    keys = [k for k in dict.fromkeys(keys) if split_key(k)[0]]
    if not keys:
        return {}
    articles = sorted({split_key(k)[0] for k in keys})
    with store.reading() as conn:
        cluster_of: dict[str, str] = {}
        for part in slices(articles):
            for r in conn.execute(
                select(
                    ClaimClusterMemberRow.cluster_id,
                    ClaimClusterMemberRow.article_id,
                    ClaimClusterMemberRow.claim_id,
                ).where(ClaimClusterMemberRow.article_id.in_(part))
            ):
                cluster_of[f"{r.article_id}/{r.claim_id}"] = r.cluster_id
        ids = sorted({cluster_of[k] for k in keys if k in cluster_of})
        records = {
            r.id: ClaimCluster.model_validate(r.record)
            for part in slices(ids)
            for r in conn.execute(
                select(ClaimClusterRow.id, ClaimClusterRow.record).where(
                    ClaimClusterRow.id.in_(part)
                )
            )
        }
        members = claims_of(conn, ids)
    have = dict(analyses or {})
    missing = [a for a in articles if a not in have]
    have.update({a.article.id: a for a in store.analyses(missing)} if missing else {})
    found = {f"{aid}/{c.id}": c for aid in articles if aid in have for c in have[aid].claims}
    out: dict[str, tuple[Grade, list[str]] | None] = {}
    for key in keys:
        c = found.get(key)
        if c is None:
            continue
        cid = cluster_of.get(key)
        reports = reports_of(members.get(cid, [])) if cid else {}
        g = corpus_grade(c, corroboration(key, records.get(cid or ""), reports), cfg)
        out[key] = (g, corroboration_reasons(c, g, cfg)) if g else None
    return out


def with_grades(
    store: Store,
    cfg: GradeConfig,
    reports: list[ClaimReport],
    analyses: dict[str, Analysis] | None = None,
) -> list[ClaimReport]:
    """The reports with their corpus grade (`grade`, `grade_reasons`, and of those
    `corroboration`: the reasons the corpus added) beside the grade of the article alone
    (`article_grade`); changed in place and returned."""
    got = graded(store, cfg, (c.key for c in reports), analyses)
    for c in reports:
        g, why = got.get(c.key) or (None, [])
        c.article_grade = c.grade
        c.grade = g.code if g else None
        c.grade_reasons = list(g.reasons) if g else []
        c.corroboration = why
    return reports


def reports_of(claims: Iterable[ClaimReport]) -> dict[str, Report]:
    """What corroboration needs of each member claim of a cluster, by claim key."""
    return {
        c.key: Report(
            key=c.key, status=c.status, polarity=c.polarity, speaker=c.speaker, site=c.site
        )
        for c in claims
    }


def _representative(ref: str | None, members: list[ClaimReport]) -> ClaimReport | None:
    if not members:
        return None
    members.sort(key=lambda m: (m.published is None, m.published or "", m.key))
    if ref:
        for m in members:
            if ref in (m.id, m.key):
                return m
    return members[0]
