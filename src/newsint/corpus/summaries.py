"""What the corpus lists show, written at ingest and kept current as the corpus changes.

A page must cost the same at any corpus size, so nothing a list shows is computed per request:
the store calls `refresh` inside the transaction of every analyzer delta (new articles, changed
claim clusters, stories and copy links) and it rewrites only the rows the delta touches:

- claims: each claim's group (its cluster, or the claim alone when no other article makes it),
  its corpus grade with the reasons the corpus added (corpus/grading.py), and one claims-list
  row per group (claim_groups), so every claim of every current article is listed;
- stories: how many outlets and originals each story has;
- the timeline: the event reports of each article and one entry per reported event, per view
  (events reported as having happened; all events), with the names in its roles.

`rebuild` writes them all from what is stored, once, when a store is opened whose summaries are
of an older version or were written under other grading settings (`fingerprint`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.engine import Connection

from newsint.config import Config
from newsint.corpus.grading import Report, corpus_grade, corroboration, corroboration_reasons
from newsint.corpus.queries.common import claim_query, claim_report, claims_of, slices
from newsint.corpus.queries.records import ClaimReport, ClaimSummary
from newsint.corpus.queries.volume import VOLUME_KEY, corpus_volume
from newsint.corpus.store.rows import searchable
from newsint.corpus.store.tables import (
    AnalysisRow,
    ArticleRow,
    ClaimClusterMemberRow,
    ClaimClusterRow,
    ClaimGroupRow,
    ClaimGroupStatusRow,
    ClaimRow,
    CopyLinkRow,
    CorpusEntityRow,
    EventRow,
    JudgementRow,
    MetaRow,
    StoryArticleRow,
    StoryRow,
    TimelineEntryRow,
    TimelineReportRow,
    TimelineRoleRow,
)
from newsint.corpus.summary_timeline import refresh_timeline
from newsint.model import Claim, ClaimCluster, current_status
from newsint.stages.grade import grade, settings_digest

# Bump when what `rebuild` writes changes: stores with older summaries are rebuilt on open.
# 2: claims-list rows carry the representative claim's lead and statement (migration 0005).
SUMMARIES_VERSION = 2
META_KEY = "summaries"
# Speakers are kept lower-cased and clipped for the speaker facet's index.
SPEAKER_KEY_CHARS = 255


def fingerprint(config: Config) -> str:
    """The summaries version and the settings grades and the timeline depend on: the grading
    rules, thresholds and word lists (stages/grade.py: settings_digest) and the timeline's
    factuality floor. Stored with the summaries; a store opened under another one rebuilds."""
    settings = json.dumps(
        [settings_digest(config.grade), config.events.happened_factuality], sort_keys=True
    )
    digest = hashlib.sha256(settings.encode("utf-8")).hexdigest()[:16]
    return f"{SUMMARIES_VERSION}:{digest}"


# --------------------------------------------------------------------------- entry points


def prepare(conn: Connection, delta: Any) -> set[str]:
    """Before a delta is applied: the articles of the copy links it removes (their roots may
    change, and with them the independent counts of their timeline entries)."""
    removed = list(getattr(delta, "removed_copy_links", []))
    out: set[str] = set()
    for part in slices(removed):
        for a, o in conn.execute(
            select(CopyLinkRow.article_id, CopyLinkRow.original_id).where(CopyLinkRow.id.in_(part))
        ):
            out.update((a, o))
    return out


def refresh(
    conn: Connection, config: Config, delta: Any, analyzed: Sequence[str], unlinked: set[str]
) -> None:
    """After a delta is applied (same transaction): rewrite the rows it touches."""
    clusters = [
        *(c.id for c in getattr(delta, "claim_clusters", [])),
        *getattr(delta, "removed_claim_clusters", []),
    ]
    keys: set[str] = set()
    for part in slices(sorted(set(clusters))):
        for a, c in conn.execute(
            select(ClaimRow.article_id, ClaimRow.id).where(ClaimRow.group_id.in_(part))
        ):
            keys.add(f"{a}/{c}")
        for a, c in conn.execute(
            select(ClaimClusterMemberRow.article_id, ClaimClusterMemberRow.claim_id).where(
                ClaimClusterMemberRow.cluster_id.in_(part)
            )
        ):
            keys.add(f"{a}/{c}")
    articles = set(analyzed)
    for part in slices(sorted(analyzed)):  # a new version takes its predecessor off the list
        articles.update(
            s
            for s in conn.scalars(
                select(ArticleRow.supersedes).where(
                    ArticleRow.id.in_(part), ArticleRow.supersedes.is_not(None)
                )
            )
            if s
        )
    for part in slices(sorted(articles)):
        for a, c in conn.execute(
            select(ClaimRow.article_id, ClaimRow.id).where(ClaimRow.article_id.in_(part))
        ):
            keys.add(f"{a}/{c}")
    regroup(conn, config, keys)
    stories = [s.id for s in getattr(delta, "stories", [])]
    count_stories(conn, stories)
    linked = {x for link in getattr(delta, "copy_links", []) for x in (link.article, link.original)}
    refresh_timeline(conn, config, analyzed, linked | unlinked)
    write_counts(conn)


def rebuild(conn: Connection, config: Config) -> None:
    """Write every summary from what is stored (an older store, or other grading settings)."""
    conn.execute(delete(ClaimGroupRow))
    conn.execute(delete(ClaimGroupStatusRow))
    conn.execute(update(ClaimRow).values(group_id=None))
    clusters = list(conn.scalars(select(ClaimClusterRow.id).order_by(ClaimClusterRow.id)))
    for part in slices(clusters, 200):
        keys = {
            f"{a}/{c}"
            for a, c in conn.execute(
                select(ClaimClusterMemberRow.article_id, ClaimClusterMemberRow.claim_id).where(
                    ClaimClusterMemberRow.cluster_id.in_(part)
                )
            )
        }
        regroup(conn, config, keys)
    alone = select(ClaimRow.article_id, ClaimRow.id).where(ClaimRow.group_id.is_(None))
    keys = {f"{a}/{c}" for a, c in conn.execute(alone)}
    ordered = sorted(keys)
    for part in slices(ordered, 2000):
        regroup(conn, config, set(part))
    count_stories(conn, list(conn.scalars(select(StoryRow.id))))
    conn.execute(delete(TimelineRoleRow))
    conn.execute(delete(TimelineEntryRow))
    conn.execute(delete(TimelineReportRow))
    ids = list(conn.scalars(select(ArticleRow.id).order_by(ArticleRow.id)))
    refresh_timeline(conn, config, ids, set(), everything=True)
    write_counts(conn)


# The tables the corpus's counts (Corpus.stats) are read from, by the name they are shown as.
COUNTED = {
    "articles": ArticleRow,
    "stories": StoryRow,
    "copy_links": CopyLinkRow,
    "entities": CorpusEntityRow,
    "claims": ClaimRow,
    "claim_clusters": ClaimClusterRow,
    "events": EventRow,
    "judgements": JudgementRow,
}
COUNTS_KEY = "counts"


def write_counts(conn: Connection) -> None:
    """The corpus's counts and its volume per day, kept in meta so the overview, /api/stats
    and the timeline's chart read one row."""
    counts = {
        name: int(conn.scalar(select(func.count()).select_from(table)) or 0)
        for name, table in COUNTED.items()
    }
    conn.execute(delete(MetaRow).where(MetaRow.key == COUNTS_KEY))
    conn.execute(MetaRow.__table__.insert(), [{"key": COUNTS_KEY, "value": json.dumps(counts)}])
    write_volume(conn)


def write_volume(conn: Connection) -> None:
    """The whole corpus's articles and events per day (queries/volume.py), kept in meta."""
    value = corpus_volume(conn).model_dump_json()
    conn.execute(delete(MetaRow).where(MetaRow.key == VOLUME_KEY))
    conn.execute(MetaRow.__table__.insert(), [{"key": VOLUME_KEY, "value": value}])


# --------------------------------------------------------------------------- claims


def regroup(conn: Connection, config: Config, keys: set[str]) -> None:
    """Give these claims their group and corpus grade, and rewrite the claims-list rows of
    every group they left or joined."""
    if not keys:
        return
    by_article: dict[str, set[str]] = {}
    for key in keys:
        a, _, c = key.partition("/")
        by_article.setdefault(a, set()).add(c)
    old: dict[str, str | None] = {}
    current: dict[str, bool] = {}
    cluster_of: dict[str, str] = {}
    for part in slices(sorted(by_article)):
        for a, c, g in conn.execute(
            select(ClaimRow.article_id, ClaimRow.id, ClaimRow.group_id).where(
                ClaimRow.article_id.in_(part)
            )
        ):
            if c in by_article[a]:
                old[f"{a}/{c}"] = g
        for a, cur in conn.execute(
            select(ArticleRow.id, ArticleRow.current).where(ArticleRow.id.in_(part))
        ):
            current[a] = bool(cur)
        for cid, a, c in conn.execute(
            select(
                ClaimClusterMemberRow.cluster_id,
                ClaimClusterMemberRow.article_id,
                ClaimClusterMemberRow.claim_id,
            ).where(ClaimClusterMemberRow.article_id.in_(part))
        ):
            if c in by_article[a]:
                cluster_of[f"{a}/{c}"] = cid
    new: dict[str, str | None] = {}
    for key in old:
        a = key.partition("/")[0]
        new[key] = cluster_of.get(key) or (key if current.get(a) else None)
    gone = {g for g in old.values() if g} | {g for g in new.values() if g}
    for part in slices(sorted(gone)):
        conn.execute(delete(ClaimGroupRow).where(ClaimGroupRow.id.in_(part)))
        conn.execute(delete(ClaimGroupStatusRow).where(ClaimGroupStatusRow.group_id.in_(part)))
    # claims that are in no group (an article superseded since): no list row, no group
    orphans = [k for k, g in new.items() if g is None]
    _write_claims(conn, [(k, None, None, None, None, KEEP) for k in orphans])
    groups = sorted({g for g in new.values() if g})
    clusters = [g for g in groups if "/" not in g]
    alone = [g for g in groups if "/" in g]
    for part in slices(clusters, 200):
        _write_clusters(conn, config, list(part))
    for part in slices(alone, 2000):
        _write_alone(conn, config, list(part))


def _write_clusters(conn: Connection, config: Config, ids: list[str]) -> None:
    records = {
        r.id: ClaimCluster.model_validate(r.record)
        for r in conn.execute(
            select(ClaimClusterRow.id, ClaimClusterRow.record).where(ClaimClusterRow.id.in_(ids))
        )
    }
    members = claims_of(conn, ids, stored=False)
    claims = _claims(conn, [m.key for ms in members.values() for m in ms])
    updates: list[tuple[str, str | None, str | None, list[str], list[str], str | None]] = []
    groups: list[dict[str, Any]] = []
    for cid in ids:
        record = records.get(cid)
        mine = members.get(cid, [])
        if record is None or not mine:
            continue
        reports = reports_of(mine)
        for m in mine:
            _grade(m, claims.get(m.key), corroboration(m.key, record, reports), config)
            updates.append((m.key, cid, m.grade, m.grade_reasons, m.corroboration, m.article_grade))
        rep = representative(record.representative, mine)
        groups.append(
            _group_row(
                cid,
                True,
                rep,
                [_words(m) for m in mine],
                ClaimSummary(
                    id=cid,
                    text=rep.text,
                    lead=rep.lead,
                    statement=rep.statement,
                    speaker=rep.speaker,
                    status=rep.status,
                    independent_sources=record.independent_sources,
                    articles=len(set(record.articles)),
                    claims=len(mine),
                    statuses=sorted({m.status for m in mine}),
                    upstreams=list(record.upstreams),
                    contradictions=len(record.contradictions),
                    representative=rep.key,
                    article=rep.article,
                    chain=rep.chain,
                    grade=rep.grade,
                    grade_reasons=rep.grade_reasons,
                    corroboration=rep.corroboration,
                    article_grade=rep.article_grade,
                    site=rep.site,
                    published=rep.published,
                ),
            )
        )
    _write_claims(conn, updates)
    _insert_groups(conn, groups)


def _insert_groups(conn: Connection, groups: list[dict[str, Any]]) -> None:
    """The claims-list rows and, for the status facet, each status among their claims."""
    if not groups:
        return
    conn.execute(ClaimGroupRow.__table__.insert(), groups)
    conn.execute(
        ClaimGroupStatusRow.__table__.insert(),
        [
            {"group_id": g["id"], "status": st, "sources": g["sources"], "articles": g["articles"]}
            for g in groups
            for st in sorted({str(current_status(x)) for x in g["record"]["statuses"]})
        ],
    )


def _write_alone(conn: Connection, config: Config, keys: list[str]) -> None:
    by_article: dict[str, set[str]] = {}
    for key in keys:
        a, _, c = key.partition("/")
        by_article.setdefault(a, set()).add(c)
    reports: list[ClaimReport] = []
    for part in slices(sorted(by_article)):
        for row in conn.execute(claim_query().where(ClaimRow.article_id.in_(part))):
            if row.id in by_article[row.article_id]:
                reports.append(claim_report(row, stored=False))
    claims = _claims(conn, [r.key for r in reports])
    updates = []
    groups = []
    for r in sorted(reports, key=lambda x: x.key):
        _grade(r, claims.get(r.key), corroboration(r.key, None, {}), config)
        updates.append((r.key, r.key, r.grade, r.grade_reasons, r.corroboration, r.article_grade))
        summary = ClaimSummary(
            id=r.key,
            text=r.text,
            lead=r.lead,
            statement=r.statement,
            speaker=r.speaker,
            status=r.status,
            independent_sources=1,
            articles=1,
            claims=1,
            statuses=[r.status],
            representative=r.key,
            article=r.article,
            chain=r.chain,
            grade=r.grade,
            grade_reasons=r.grade_reasons,
            corroboration=r.corroboration,
            article_grade=r.article_grade,
            site=r.site,
            published=r.published,
        )
        groups.append(_group_row(r.key, False, r, [_words(r)], summary))
    _write_claims(conn, updates)
    _insert_groups(conn, groups)


def _group_row(
    gid: str, cluster: bool, rep: ClaimReport, texts: list[str | None], s: ClaimSummary
) -> dict[str, Any]:
    return {
        "id": gid,
        "cluster": cluster,
        "representative": rep.key,
        "article_id": rep.article,
        "speaker_key": (rep.speaker or "").lower()[:SPEAKER_KEY_CHARS],
        "status": rep.status,
        "grade": rep.grade,
        "sources": s.independent_sources,
        "articles": s.articles,
        "claims": s.claims,
        "published": rep.published,
        "record": s.model_dump(mode="json"),
        # what full text finds the row by: its claims' distinct texts
        "text": " ".join(dict.fromkeys(t for t in texts if t)),
    }


def _words(report: ClaimReport) -> str:
    """What full text finds a claim by: its content, its lead first."""
    return searchable(report.lead.text if report.lead else None, report.text)


def _grade(report: ClaimReport, claim: Claim | None, corr: Any, config: Config) -> None:
    """Set the report's corpus grade and, beside it, the grade of the article alone, both by
    the grading settings of now (the analysis keeps the one it was made with: after a change
    of data/grading.toml or [grade], the article page and the lists follow the new rules)."""
    report.article_grade = report.grade
    g = corpus_grade(claim, corr, config.grade) if claim is not None else None
    if g is not None and claim is not None:
        report.article_grade = grade(claim, None, config.grade).code
    report.grade = g.code if g else None
    report.grade_reasons = list(g.reasons) if g else []
    report.corroboration = corroboration_reasons(claim, g, config.grade) if g and claim else []


# In place of an article grade: leave the claim's stored one as it is (a claim in no group).
KEEP = "keep"


def _write_claims(
    conn: Connection, rows: Sequence[tuple[str, str | None, str | None, Any, Any, str | None]]
) -> None:
    """Each claim's group, corpus grade with its reasons, and its article grade by the
    settings of now (KEEP: unchanged)."""
    for keep in (True, False):
        part = [r for r in rows if (r[5] == KEEP) is keep]
        if not part:
            continue
        values: dict[str, Any] = {
            "group_id": bindparam("g"),
            "corpus_grade": bindparam("b_grade"),
            "grade_reasons": bindparam("reasons"),
            "corroboration": bindparam("corr"),
        }
        if not keep:
            values["grade"] = bindparam("a_grade")
        stmt = (
            update(ClaimRow)
            .where(ClaimRow.article_id == bindparam("a_id"), ClaimRow.id == bindparam("c_id"))
            .values(**values)
        )
        params = []
        for key, g, code, reasons, corr, alone in part:
            a, _, c = key.partition("/")
            param = {"a_id": a, "c_id": c, "g": g, "b_grade": code, "reasons": reasons}
            params.append({**param, "corr": corr, **({} if keep else {"a_grade": alone})})
        conn.execute(stmt.execution_options(synchronize_session=False), params)


def _claims(conn: Connection, keys: Iterable[str]) -> dict[str, Claim]:
    """Full claim records by key, from the stored analyses (only their claims are parsed)."""
    wanted: dict[str, set[str]] = {}
    for key in keys:
        a, _, c = key.partition("/")
        wanted.setdefault(a, set()).add(c)
    out: dict[str, Claim] = {}
    for part in slices(sorted(wanted)):
        for aid, data in conn.execute(
            select(AnalysisRow.article_id, AnalysisRow.data).where(AnalysisRow.article_id.in_(part))
        ):
            for c in json.loads(data).get("claims", []):
                if c.get("id") in wanted[aid]:
                    out[f"{aid}/{c['id']}"] = Claim.model_validate(c)
    return out


def reports_of(claims: Iterable[ClaimReport]) -> dict[str, Report]:
    """What corroboration needs of each member claim of a cluster, by claim key."""
    return {
        c.key: Report(
            key=c.key, status=c.status, polarity=c.polarity, speaker=c.speaker, site=c.site
        )
        for c in claims
    }


def representative(ref: str | None, members: list[ClaimReport]) -> ClaimReport:
    """The member standing for a cluster: the one its record names, else the earliest."""
    members.sort(key=lambda m: (m.published is None, m.published or "", m.key))
    if ref:
        for m in members:
            if ref in (m.id, m.key):
                return m
    return members[0]


# --------------------------------------------------------------------------- stories


def count_stories(conn: Connection, ids: Sequence[str]) -> None:
    """Write each story's outlets (distinct sites) and originals."""
    for part in slices(sorted(set(ids))):
        outlets = dict(
            conn.execute(
                select(StoryArticleRow.story_id, func.count(func.distinct(ArticleRow.site)))
                .join(ArticleRow, ArticleRow.id == StoryArticleRow.article_id)
                .where(StoryArticleRow.story_id.in_(part))
                .group_by(StoryArticleRow.story_id)
            ).all()
        )
        originals = dict(
            conn.execute(
                select(StoryArticleRow.story_id, func.count())
                .where(StoryArticleRow.story_id.in_(part), StoryArticleRow.original)
                .group_by(StoryArticleRow.story_id)
            ).all()
        )
        params = [
            {"s_id": s, "o": int(outlets.get(s, 0)), "n": int(originals.get(s, 0))} for s in part
        ]
        conn.execute(
            update(StoryRow)
            .where(StoryRow.id == bindparam("s_id"))
            .values(outlets=bindparam("o"), originals=bindparam("n"))
            .execution_options(synchronize_session=False),
            params,
        )
