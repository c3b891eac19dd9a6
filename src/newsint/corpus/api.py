"""Corpus: the queries over a store, for the CLI, the web UI and scripts.

    from newsint import Corpus
    corpus = Corpus("newsint.db")            # or Corpus("postgresql://…")
    corpus.ingest(["articles/"])
    for story in corpus.stories(): ...
    corpus.claims(entity="Ines Duarte", min_sources=2)

Every query returns plain JSON-ready dicts (documented in docs/schema.md); `--format json` on
the command line prints exactly these. Orders are total (ties broken by id), so the same corpus
always answers the same way.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, and_, func, or_, select

from newsint.config import Config, default_config
from newsint.corpus.grading import (
    corpus_grade,
    corroboration,
    corroboration_reasons,
    reports_of,
)
from newsint.corpus.ingest import Progress, Summary
from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import (
    ArticleRow,
    ClaimClusterMemberRow,
    ClaimClusterRow,
    ClaimRow,
    CopyLinkRow,
    CorpusEntityMemberRow,
    CorpusEntityRow,
    EntityRow,
    JudgementRow,
    MentionRow,
    StoryArticleRow,
    StoryRow,
    split_key,
)
from newsint.errors import InputError, NewsintError
from newsint.model import Analysis, CopyLink, CorpusEntity, Grade, stable_id


class NotInCorpus(NewsintError):
    """An id or name asked for that the corpus does not hold."""

    code = "not-found"


def _article(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "site": row.site,
        "url": row.url,
        "published": row.published,
        "published_source": row.published_source,
    }


_ARTICLE_COLUMNS = (
    ArticleRow.id,
    ArticleRow.title,
    ArticleRow.site,
    ArticleRow.url,
    ArticleRow.published,
    ArticleRow.published_source,
)


class Corpus:
    """A corpus in a store (a SQLite path or a database URL), with its queries."""

    def __init__(
        self,
        path_or_url: str | os.PathLike[str] | None = None,
        config: Config | None = None,
    ) -> None:
        self.config = config or default_config()
        self.store = Store(path_or_url, self.config.store)
        self._analyzer: Any = None

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- building

    def ingest(
        self,
        inputs: Iterable[str],
        *,
        jobs: int = 1,
        fetch: bool = True,
        allow_private: bool | None = None,
        progress: Progress | None = None,
        engine: str = "local",
        ray_address: str | None = None,
        parquet: str | None = None,
    ) -> Summary:
        """Read, analyse and store inputs (files, folders, feeds, archives, URLs).

        `engine`: "local" (process pool, `jobs` processes) or "ray" (Ray Data; `ray_address`
        joins a cluster, `jobs` > 1 sets the actor count). `parquet`: a folder or object-store
        URI that also receives the added analyses as Parquet partitions (corpus/parquet.py)."""
        from newsint.corpus.ingest import Ingest

        self._analyzer = None  # the ingest builds and updates its own
        return Ingest(
            self.store,
            self.config,
            jobs=jobs,
            fetch=fetch,
            allow_private=allow_private,
            progress=progress,
            engine_kind=engine,
            ray_address=ray_address,
            parquet=parquet,
        ).run(inputs)

    def add(self, items: Iterable[Analysis | InputError], *, engine: Any = None) -> Summary:
        """Analyse and store articles read elsewhere (a web upload), like `ingest` does files.

        `engine` (a LocalEngine) is kept by long-running callers so spaCy loads once."""
        from newsint.corpus.ingest import Ingest

        self._analyzer = None
        return Ingest(self.store, self.config, engine=engine).run_items(items)

    def claim_records(self, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Full claim records (chain with kinds, grade reasons, evidence) by "<article>/<claim>"
        key, read from the stored analyses (the claim table keeps only a summary). `grade` is
        the corpus grade (see `grades`); `article_grade` the grade from the article alone."""
        wanted: dict[str, set[str]] = {}
        for key in keys:
            article, inner = split_key(key)
            if article:
                wanted.setdefault(article, set()).add(inner)
        out: dict[str, dict[str, Any]] = {}
        analyses = {a.article.id: a for a in self.store.analyses(wanted)}
        for aid, analysis in analyses.items():
            for claim in analysis.claims:
                if claim.id in wanted[aid]:
                    out[f"{aid}/{claim.id}"] = claim.to_dict()
        grades = self.grades(out, analyses=analyses)
        for key, record in out.items():
            record["article_grade"] = record.get("grade")
            g = grades.get(key)
            record["grade"] = g.to_dict() if g else None
        return out

    def grades(
        self, keys: Iterable[str], *, analyses: dict[str, Analysis] | None = None
    ) -> dict[str, Grade | None]:
        """Corpus grades of claims by "<article>/<claim>" key: each claim graded again with the
        corroboration of its cluster (independent sources, copies counted once, contradicting
        reports), reasons included; None for a claim that was never graded. Computed now from
        what is stored, so always current (newsint.corpus.grading says why it is not stored).
        `analyses` by article id saves reading ones the caller already has."""
        return {k: (v[0] if v else None) for k, v in self._graded(keys, analyses).items()}

    def _graded(
        self, keys: Iterable[str], analyses: dict[str, Analysis] | None = None
    ) -> dict[str, tuple[Grade, list[str]] | None]:
        """(corpus grade, its reasons from the corpus) by claim key; see `grades`."""
        keys = [k for k in dict.fromkeys(keys) if split_key(k)[0]]
        if not keys:
            return {}
        articles = sorted({split_key(k)[0] for k in keys})
        with self.store.reading() as conn:
            cluster_of: dict[str, str] = {}
            for part in _slices(articles):
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
                r.id: r.record
                for part in _slices(ids)
                for r in conn.execute(
                    select(ClaimClusterRow.id, ClaimClusterRow.record).where(
                        ClaimClusterRow.id.in_(part)
                    )
                )
            }
            members = self._claims_of(conn, ids)
        have = dict(analyses or {})
        missing = [a for a in articles if a not in have]
        have.update({a.article.id: a for a in self.store.analyses(missing)} if missing else {})
        found = {f"{aid}/{c.id}": c for aid in articles if aid in have for c in have[aid].claims}
        cfg = self.config.grade
        out: dict[str, tuple[Grade, list[str]] | None] = {}
        for key in keys:
            claim = found.get(key)
            if claim is None:
                continue
            cid = cluster_of.get(key)
            reports = reports_of(members.get(cid, [])) if cid else {}
            g = corpus_grade(claim, corroboration(key, records.get(cid or ""), reports), cfg)
            out[key] = (g, corroboration_reasons(claim, g, cfg)) if g else None
        return out

    def _with_grades(
        self, claims: list[dict[str, Any]], analyses: dict[str, Analysis] | None = None
    ) -> list[dict[str, Any]]:
        """Claim summaries with the corpus grade (`grade`, `grade_reasons`, and of those
        `corroboration`: the reasons the corpus added) beside the grade of the article alone
        (`article_grade`)."""
        graded = self._graded((c["key"] for c in claims), analyses)
        for c in claims:
            g, why = graded.get(c["key"]) or (None, [])
            c["article_grade"] = c["grade"]
            c["grade"] = g.code if g else None
            c["grade_reasons"] = list(g.reasons) if g else []
            c["corroboration"] = why
        return claims

    # ---- overview

    def stats(self) -> dict[str, int]:
        """How many of each thing the corpus holds."""
        counts = self.store.counts()
        return {
            "articles": counts["articles"],
            "stories": counts["stories"],
            "copy_links": counts["copy_links"],
            "entities": counts["corpus_entities"],
            "claims": counts["claims"],
            "claim_clusters": counts["claim_clusters"],
            "events": counts["events"],
            "judgements": counts["judgements"],
        }

    def articles(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        ids: Iterable[str] | None = None,
    ) -> list[dict[str, Any]]:
        """Articles (all, or these ids), oldest first (undated last)."""
        query = (
            select(*_ARTICLE_COLUMNS, ArticleRow.current)
            .order_by(ArticleRow.published.is_(None), ArticleRow.published, ArticleRow.id)
            .offset(offset)
        )
        if ids is not None:
            query = query.where(ArticleRow.id.in_(sorted(set(ids))))
        if limit is not None:
            query = query.limit(limit)
        with self.store.reading() as conn:
            return [{**_article(r), "current": r.current} for r in conn.execute(query)]

    def articles_total(self) -> int:
        """How many articles `articles()` lists without a limit (for pagination)."""
        with self.store.reading() as conn:
            return _count(conn, select(ArticleRow.id))

    def search(self, q: str, *, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Articles whose title, site or URL holds `q`, or that name an entity or claim with it."""
        query = (
            _search_query(q)
            .order_by(ArticleRow.published.is_(None), ArticleRow.published, ArticleRow.id)
            .offset(offset)
        )
        if limit is not None:
            query = query.limit(limit)
        with self.store.reading() as conn:
            return [_article(r) for r in conn.execute(query)]

    def search_total(self, q: str) -> int:
        """How many articles `search(q)` finds without a limit."""
        with self.store.reading() as conn:
            return _count(conn, _search_query(q))

    # ---- stories and copies

    def stories(
        self, *, min_articles: int = 1, limit: int | None = None, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Same-event stories, biggest first: size, originals, sites and dates."""
        sites = (
            select(
                StoryArticleRow.story_id.label("story_id"),
                func.count(func.distinct(ArticleRow.site)).label("sites"),
            )
            .join(ArticleRow, ArticleRow.id == StoryArticleRow.article_id)
            .group_by(StoryArticleRow.story_id)
            .subquery()
        )
        query = (
            select(StoryRow, sites.c.sites)
            .outerjoin(sites, sites.c.story_id == StoryRow.id)
            .where(StoryRow.size >= min_articles)
            .order_by(
                StoryRow.size.desc(),
                StoryRow.first_published.is_(None),
                StoryRow.first_published,
                StoryRow.id,
            )
            .offset(offset)
        )
        if limit is not None:
            query = query.limit(limit)
        with self.store.reading() as conn:
            rows = list(conn.execute(query))
        return [
            {
                "id": r.id,
                "title": r.title,
                "articles": r.size,
                "originals": list(r.record.get("originals", [])),
                "copies": len(r.record.get("links", [])),
                "sites": r.sites or 0,
                "first_published": r.first_published,
                "last_published": r.last_published,
            }
            for r in rows
        ]

    def stories_total(self, *, min_articles: int = 1) -> int:
        """How many stories `stories()` lists without a limit."""
        with self.store.reading() as conn:
            return _count(conn, select(StoryRow.id).where(StoryRow.size >= min_articles))

    def story(self, story_id: str) -> dict[str, Any]:
        """One story: its articles, the copy links among them and the copy tree."""
        with self.store.reading() as conn:
            row = conn.execute(select(StoryRow).where(StoryRow.id == story_id)).first()
            if row is None:
                raise NotInCorpus(story_id, "no such story", "list them with `newsint stories`")
            members = list(
                conn.execute(
                    select(*_ARTICLE_COLUMNS, StoryArticleRow.original)
                    .join(StoryArticleRow, StoryArticleRow.article_id == ArticleRow.id)
                    .where(StoryArticleRow.story_id == story_id)
                    .order_by(StoryArticleRow.position)
                )
            )
            ids = [m.id for m in members]
            links = [
                r.record
                for r in conn.execute(
                    select(CopyLinkRow.record)
                    .where(CopyLinkRow.article_id.in_(ids), CopyLinkRow.original_id.in_(ids))
                    .order_by(CopyLinkRow.id)
                )
            ]
        articles = [{**_article(m), "original": m.original} for m in members]
        return {
            "kind": "story",
            "story": row.record,
            "articles": articles,
            "links": links,
            "tree": copy_tree(articles, links),
        }

    # ---- claims

    def claims(
        self,
        *,
        entity: str | None = None,
        min_sources: int = 1,
        status: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Claim clusters, best corroborated first (independent sources, then articles)."""
        with self.store.reading() as conn:
            query = self._claims_query(conn, entity, min_sources, status).order_by(
                ClaimClusterRow.independent_sources.desc(),
                ClaimClusterRow.articles.desc(),
                ClaimClusterRow.id,
            )
            query = query.offset(offset)
            if limit is not None:
                query = query.limit(limit)
            rows = list(conn.execute(query))
            claims = self._claims_of(conn, [r.id for r in rows])
        reps = {
            r.id: _representative(r.record.get("representative"), claims.get(r.id, []))
            for r in rows
        }
        self._with_grades([rep for rep in reps.values() if rep])
        out = []
        for r in rows:
            members = claims.get(r.id, [])
            rep = reps[r.id]
            out.append(
                {
                    "id": r.id,
                    "text": rep["text"] if rep else None,
                    "speaker": rep["speaker"] if rep else None,
                    "status": rep["status"] if rep else None,
                    "independent_sources": r.independent_sources,
                    "articles": r.articles,
                    "claims": len(members) or len(r.record.get("claims", [])),
                    "statuses": sorted({m["status"] for m in members}),
                    "upstreams": list(r.record.get("upstreams", [])),
                    "contradictions": len(r.record.get("contradictions", [])),
                    "representative": rep["key"] if rep else None,
                    "article": rep["article"] if rep else None,
                    "chain": rep["chain"] if rep else [],
                    "grade": rep["grade"] if rep else None,
                    "grade_reasons": rep["grade_reasons"] if rep else [],
                    "corroboration": rep["corroboration"] if rep else [],
                    "article_grade": rep["article_grade"] if rep else None,
                }
            )
        return out

    def claims_total(
        self, *, entity: str | None = None, min_sources: int = 1, status: str | None = None
    ) -> int:
        """How many claim clusters `claims()` lists without a limit."""
        with self.store.reading() as conn:
            return _count(conn, self._claims_query(conn, entity, min_sources, status))

    def _claims_query(
        self, conn: Any, entity: str | None, min_sources: int, status: str | None
    ) -> Select[Any]:
        query: Select[Any] = select(ClaimClusterRow).where(
            ClaimClusterRow.independent_sources >= min_sources
        )
        if entity is not None:
            pairs = self._entity_pairs(conn, entity)
            query = query.where(ClaimClusterRow.id.in_(self._clusters_about(pairs)))
        if status is not None:
            about = select(ClaimClusterMemberRow.cluster_id).join(
                ClaimRow,
                and_(
                    ClaimRow.article_id == ClaimClusterMemberRow.article_id,
                    ClaimRow.id == ClaimClusterMemberRow.claim_id,
                ),
            )
            query = query.where(ClaimClusterRow.id.in_(about.where(ClaimRow.status == status)))
        return query

    def claim(self, claim_id: str) -> dict[str, Any]:
        """A claim cluster (by its id) or one claim (by its id) with its cluster."""
        with self.store.reading() as conn:
            row = conn.execute(
                select(ClaimClusterRow).where(ClaimClusterRow.id == claim_id)
            ).first()
            if row is not None:
                members = self._claims_of(conn, [row.id]).get(row.id, [])
                return {
                    "kind": "claim-cluster",
                    "cluster": row.record,
                    "claims": self._with_grades(members),
                }
            article, inner = split_key(claim_id)
            cond = ClaimRow.id == inner
            if article:
                cond = and_(cond, ClaimRow.article_id == article)
            found = list(conn.execute(_claim_query().where(cond)))
            if not found:
                raise NotInCorpus(claim_id, "no such claim", "list them with `newsint claims`")
            claim = _claim(found[0])
            cluster = conn.scalar(
                select(ClaimClusterMemberRow.cluster_id).where(
                    ClaimClusterMemberRow.article_id == claim["article"],
                    ClaimClusterMemberRow.claim_id == claim["id"],
                )
            )
        return {"kind": "claim", "claim": self._with_grades([claim])[0], "cluster": cluster}

    def _claims_of(self, conn: Any, clusters: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        if not clusters:
            return out
        query = (
            _claim_query(ClaimClusterMemberRow.cluster_id)
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
            out.setdefault(row.cluster_id, []).append(_claim(row))
        return out

    # ---- entities

    def entities(
        self,
        *,
        type: str | None = None,
        q: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Corpus entities, most widely mentioned first."""
        query = (
            _entities_query(type, q)
            .order_by(CorpusEntityRow.articles.desc(), CorpusEntityRow.name, CorpusEntityRow.id)
            .offset(offset)
        )
        if limit is not None:
            query = query.limit(limit)
        with self.store.reading() as conn:
            rows = list(conn.execute(query))
        return [
            {
                "id": r.id,
                "name": r.name,
                "type": r.type,
                "articles": r.articles,
                "aliases": list(r.record.get("aliases", [])),
                "members": len(r.record.get("members", [])),
            }
            for r in rows
        ]

    def entities_total(self, *, type: str | None = None, q: str | None = None) -> int:
        """How many entities `entities()` lists without a limit."""
        with self.store.reading() as conn:
            return _count(conn, _entities_query(type, q))

    def entity(self, ref: str) -> dict[str, Any]:
        """A corpus entity (by id or name) with its members and the judgements about it."""
        with self.store.reading() as conn:
            ids = self._entity_ids(conn, ref)
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
                r.record
                for r in conn.execute(
                    select(JudgementRow.record)
                    .where(or_(JudgementRow.a.in_(refs), JudgementRow.b.in_(refs)))
                    .order_by(JudgementRow.seq)
                )
            ]
        return {
            "kind": "entity",
            "entity": row.record,
            "members": [
                {
                    "key": f"{m.article_id}/{m.id}",
                    "article": m.article_id,
                    "id": m.id,
                    "name": m.name,
                    "title": m.title,
                    "mentions": m.mentions,
                }
                for m in members
            ],
            "judgements": judgements,
        }

    def corpus_entities_of(self, article_id: str) -> dict[str, str]:
        """The corpus entity each of an article's entities belongs to (article entity id ->
        corpus entity id), for links from an article to the entities across the corpus."""
        with self.store.reading() as conn:
            rows = conn.execute(
                select(CorpusEntityMemberRow.entity_id, CorpusEntityMemberRow.corpus_entity_id)
                .where(CorpusEntityMemberRow.article_id == article_id)
                .order_by(CorpusEntityMemberRow.entity_id)
            )
            return {entity: corpus for entity, corpus in rows}

    def _entity_ids(self, conn: Any, ref: str) -> list[str]:
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
            raise NotInCorpus(
                ref, "no entity by that id or name", "list them with `newsint entities`"
            )
        return ids

    def _entity_pairs(self, conn: Any, ref: str) -> Select[Any]:
        """(article id, entity id) of every article entity inside the named corpus entity."""
        ids = self._entity_ids(conn, ref)
        return select(CorpusEntityMemberRow.article_id, CorpusEntityMemberRow.entity_id).where(
            CorpusEntityMemberRow.corpus_entity_id.in_(ids)
        )

    def _clusters_about(self, pairs: Select[Any]) -> Select[Any]:
        """Claim clusters with a claim said by, or mentioning, one of these article entities."""
        members = pairs.subquery()
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
            .where(MentionRow.start >= ClaimRow.start, MentionRow.end <= ClaimRow.end)
        )
        about = said.union(mentioned).subquery()
        return select(ClaimClusterMemberRow.cluster_id).join(
            about,
            and_(
                about.c.article_id == ClaimClusterMemberRow.article_id,
                about.c.id == ClaimClusterMemberRow.claim_id,
            ),
        )

    # ---- timeline

    def timeline(self, *, entity: str | None = None) -> list[dict[str, Any]]:
        """Dated events across the corpus, merged across copies, oldest first."""
        from newsint.corpus.timeline import corpus_timeline
        from newsint.stages.features.record import decode

        with self.store.reading() as conn:
            links = [
                CopyLink.model_validate(r)
                for r in conn.scalars(select(CopyLinkRow.record).order_by(CopyLinkRow.id))
            ]
            entities = None
            if entity is not None:
                ids = self._entity_ids(conn, entity)
                entities = [
                    CorpusEntity.model_validate(r)
                    for r in conn.scalars(
                        select(CorpusEntityRow.record).where(CorpusEntityRow.id.in_(ids))
                    )
                ]
        features = (decode(data) for _, data in self.store.features())
        entries = corpus_timeline(features, links, entity=entity, entities=entities)
        return [e.to_dict() for e in entries]

    # ---- graph

    def graph(
        self, *, max_entities: int = 40, max_claims: int = 25, links_per_entity: int = 3
    ) -> dict[str, Any]:
        """Entities, claims and the sources behind them as nodes and edges (for a picture).

        Nodes: the most widely mentioned entities, the best-corroborated claim clusters, and the
        sources their chains name (a source that is one of the entities is that entity's node).
        Edges: source "said" claim, source "via" source along a chain (nearer source first),
        claim "mentions" entity, and entity "co-mentioned" entity (each entity's strongest few,
        weighted by shared articles)."""
        entities = self.entities(limit=max_entities)
        claims = self.claims(limit=max_claims)
        ids = [e["id"] for e in entities]
        clusters = [c["id"] for c in claims]
        nodes: dict[str, dict[str, Any]] = {}
        edges: dict[tuple[str, str, str], dict[str, Any]] = {}

        def edge(a: str, b: str, kind: str, weight: int = 1) -> None:
            if a == b:
                return
            key = (a, b, kind)
            if key in edges:
                edges[key]["weight"] += weight
            else:
                edges[key] = {"source": a, "target": b, "kind": kind, "weight": weight}

        for e in entities:
            nodes[e["id"]] = {
                "id": e["id"],
                "kind": "entity",
                "label": e["name"],
                "type": e["type"],
                "weight": e["articles"],
            }
        by_name = {e["name"].lower(): e["id"] for e in entities}
        for alias_owner in entities:
            for alias in alias_owner["aliases"]:
                by_name.setdefault(alias.lower(), alias_owner["id"])
        with self.store.reading() as conn:
            member = CorpusEntityMemberRow
            other = member.__table__.alias("other")
            pairs = conn.execute(
                select(
                    member.corpus_entity_id,
                    other.c.corpus_entity_id,
                    func.count(func.distinct(member.article_id)),
                )
                .join(other, other.c.article_id == member.article_id)
                .where(
                    member.corpus_entity_id.in_(ids),
                    other.c.corpus_entity_id.in_(ids),
                    member.corpus_entity_id < other.c.corpus_entity_id,
                )
                .group_by(member.corpus_entity_id, other.c.corpus_entity_id)
            ).all()
            mentioned = conn.execute(
                select(ClaimClusterMemberRow.cluster_id, member.corpus_entity_id)
                .join(
                    ClaimRow,
                    and_(
                        ClaimRow.article_id == ClaimClusterMemberRow.article_id,
                        ClaimRow.id == ClaimClusterMemberRow.claim_id,
                    ),
                )
                .join(MentionRow, MentionRow.article_id == ClaimRow.article_id)
                .join(
                    member,
                    and_(
                        member.article_id == MentionRow.article_id,
                        member.entity_id == MentionRow.entity_id,
                    ),
                )
                .where(
                    ClaimClusterMemberRow.cluster_id.in_(clusters),
                    member.corpus_entity_id.in_(ids),
                    MentionRow.start >= ClaimRow.start,
                    MentionRow.end <= ClaimRow.end,
                )
                .distinct()
            ).all()
        strongest: dict[str, list[tuple[int, str, str]]] = {}
        for a, b, n in pairs:
            strongest.setdefault(a, []).append((n, b, a))
            strongest.setdefault(b, []).append((n, a, b))
        for items in strongest.values():
            for n, b, a in sorted(items, key=lambda x: (-x[0], x[1]))[:links_per_entity]:
                key = (min(a, b), max(a, b), "co-mentioned")
                edges.setdefault(
                    key, {"source": key[0], "target": key[1], "kind": key[2], "weight": n}
                )
        for c in claims:
            nodes[c["id"]] = {
                "id": c["id"],
                "kind": "claim",
                "label": c["text"] or c["id"],
                "status": c["status"],
                "weight": c["independent_sources"],
            }
            chain = [name for name in c["chain"][1:] if name] or (
                [c["speaker"]] if c["speaker"] else []
            )
            previous = c["id"]
            for i, name in enumerate(chain):
                node = by_name.get(name.lower()) or stable_id("src", name.lower())
                if node not in nodes:
                    nodes[node] = {
                        "id": node,
                        "kind": "source",
                        "label": name,
                        "weight": 0,
                    }
                nodes[node]["weight"] += 1
                edge(node, previous, "said" if i == 0 else "via")
                previous = node
        for cluster, entity in mentioned:
            edge(cluster, entity, "mentions")
        return {
            "nodes": sorted(nodes.values(), key=lambda n: (n["kind"], n["id"])),
            "edges": sorted(edges.values(), key=lambda e: (e["kind"], e["source"], e["target"])),
        }

    # ---- show

    def show(self, ref: str) -> dict[str, Any]:
        """Whatever `ref` names: an article, a story, a claim (cluster) or an entity."""
        with self.store.reading() as conn:
            kind = _kind_of(conn, ref)
        if kind == "article":
            return self.article(ref)
        if kind == "story":
            return self.story(ref)
        if kind == "claim":
            return self.claim(ref)
        try:
            return self.entity(ref)
        except NotInCorpus:
            raise NotInCorpus(
                ref,
                "no article, story, claim or entity by that id or name",
                "find ids with `newsint stories`, `newsint claims` or `newsint entities`",
            ) from None

    def article(self, article_id: str) -> dict[str, Any]:
        """One article: metadata, its story, its copy links both ways, its claims."""
        analysis = self.store.analysis(article_id)
        if analysis is None:
            raise NotInCorpus(article_id, "no such article", "find ids with `newsint stories`")
        with self.store.reading() as conn:
            row = conn.execute(select(ArticleRow).where(ArticleRow.id == article_id)).one()
            stories = list(
                conn.scalars(
                    select(StoryArticleRow.story_id).where(StoryArticleRow.article_id == article_id)
                )
            )
            copies_of = [
                r.record
                for r in conn.execute(
                    select(CopyLinkRow.record)
                    .where(CopyLinkRow.article_id == article_id)
                    .order_by(CopyLinkRow.id)
                )
            ]
            copied_by = [
                r.record
                for r in conn.execute(
                    select(CopyLinkRow.record)
                    .where(CopyLinkRow.original_id == article_id)
                    .order_by(CopyLinkRow.id)
                )
            ]
            claims = [
                _claim(r)
                for r in conn.execute(
                    _claim_query()
                    .where(ClaimRow.article_id == article_id)
                    .order_by(ClaimRow.start, ClaimRow.id)
                )
            ]
        meta = analysis.article
        return {
            "kind": "article",
            "article": {
                **meta.to_dict(),
                "current": row.current,
                "supersedes": row.supersedes,
                "stages": [s for s in row.stages.split(",") if s],
            },
            "stories": stories,
            "copies": copies_of,  # links where this article is the copy
            "copied_by": copied_by,  # links where this article is the original
            "counts": {
                "entities": len(analysis.entities),
                "claims": len(analysis.claims),
                "events": len(analysis.events),
                "times": len(analysis.times),
            },
            "claims": self._with_grades(claims, {article_id: analysis}),
            "text": analysis.text,
        }

    # ---- judgements (entity merge / split)

    @property
    def analyzer(self) -> Any:
        if self._analyzer is None:
            from newsint.corpus.ingest import load_analyzer

            self._analyzer = load_analyzer(self.store, self.config)
        return self._analyzer

    def reload(self) -> None:
        """Forget the corpus analyzer kept for merges and splits, so the next one rebuilds it
        from the store (a long-running server: another process may have ingested meanwhile)."""
        self._analyzer = None

    def merge(self, a: str, b: str) -> dict[str, Any]:
        """Judge two entities the same (a user judgement; `split` takes it back apart)."""
        with self.store.reading() as conn:
            first, second = self._entity_ids(conn, a)[0], self._entity_ids(conn, b)[0]
        if first == second:
            raise NewsintError(f"{a} / {b}", "these are already one entity", "nothing to merge")
        try:
            delta = self.analyzer.merge_entities(first, second)
        except (KeyError, ValueError) as exc:
            raise NewsintError(f"{a} / {b}", f"cannot merge ({exc})", "check the ids") from exc
        self.store.apply_delta(delta)
        return _judged(delta)

    def split(self, entity: str, members: Sequence[str]) -> dict[str, Any]:
        """Judge `members` not the same as the rest of `entity` (undoes a merge).

        A member is an article entity key ("<article id>/<entity id>", as `show` lists them), a
        name form ("name:TYPE:folded") or a name as written, meaning every member so named.
        """
        with self.store.reading() as conn:
            target = self._entity_ids(conn, entity)[0]
            named = {
                f"{r.article_id}/{r.id}": r.name
                for r in conn.execute(
                    select(EntityRow.article_id, EntityRow.id, EntityRow.name)
                    .join(
                        CorpusEntityMemberRow,
                        and_(
                            CorpusEntityMemberRow.article_id == EntityRow.article_id,
                            CorpusEntityMemberRow.entity_id == EntityRow.id,
                        ),
                    )
                    .where(CorpusEntityMemberRow.corpus_entity_id == target)
                )
            }
        keys: list[str] = []
        for member in members:
            if "/" in member or member.startswith("name:"):
                keys.append(member)
                continue
            found = sorted(k for k, name in named.items() if name.lower() == member.lower())
            if not found:
                raise NotInCorpus(
                    member,
                    f"no member of {entity} by that key or name",
                    f"see its members with `newsint show {target}`",
                )
            keys += found
        if not keys:
            raise NewsintError(entity, "no members given", "name the members to take out")
        try:
            delta = self.analyzer.split_entity(target, keys)
        except (KeyError, ValueError) as exc:
            raise NewsintError(entity, f"cannot split ({exc})", "check the member keys") from exc
        self.store.apply_delta(delta)
        return _judged(delta)

    def judgements(self, *, active: bool | None = None) -> list[dict[str, Any]]:
        return [j.to_dict() for j in self.store.judgements(active=active)]


# --------------------------------------------------------------------------- helpers


def _slices(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    """Slices small enough for any database's bound-parameter limit."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _count(conn: Any, query: Select[Any]) -> int:
    """Rows a query returns, counted by the database."""
    return int(conn.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0)


def _contains(column: Any, text: str) -> Any:
    """Case-insensitive substring test; % and _ in the text are literal, not wildcards."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def _search_query(q: str) -> Select[Any]:
    named = select(EntityRow.article_id).where(_contains(EntityRow.name, q))
    claimed = select(ClaimRow.article_id).where(_contains(ClaimRow.text, q))
    return select(*_ARTICLE_COLUMNS).where(
        or_(
            _contains(ArticleRow.title, q),
            _contains(ArticleRow.site, q),
            _contains(ArticleRow.url, q),
            ArticleRow.id.in_(named),
            ArticleRow.id.in_(claimed),
        )
    )


def _entities_query(type: str | None, q: str | None) -> Select[Any]:
    query = select(CorpusEntityRow)
    if type is not None:
        query = query.where(CorpusEntityRow.type == type.upper())
    if q is not None:
        query = query.where(_contains(CorpusEntityRow.name, q))
    return query


def _claim_query(*extra: Any) -> Select[Any]:
    return select(
        ClaimRow.article_id,
        ClaimRow.id,
        ClaimRow.text,
        ClaimRow.speaker,
        ClaimRow.source_kind,
        ClaimRow.kind,
        ClaimRow.status,
        ClaimRow.polarity,
        ClaimRow.grade,
        ClaimRow.chain,
        ArticleRow.site,
        ArticleRow.published,
        ArticleRow.title,
        *extra,
    ).join(ArticleRow, ArticleRow.id == ClaimRow.article_id)


def _claim(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "article": row.article_id,
        "key": f"{row.article_id}/{row.id}",
        "text": row.text,
        "speaker": row.speaker,
        "source_kind": row.source_kind,
        "kind": row.kind,
        "status": row.status,
        "polarity": row.polarity,
        "grade": row.grade,
        "chain": list(row.chain or []),
        "site": row.site,
        "published": row.published,
        "title": row.title,
    }


def _representative(ref: str | None, members: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not members:
        return None
    members.sort(key=lambda m: (m["published"] is None, m["published"] or "", m["key"]))
    if ref:
        for m in members:
            if ref in (m["id"], m["key"]):
                return m
    return members[0]


def _kind_of(conn: Any, ref: str) -> str:
    """Which table holds `ref`; ids are unique by their prefixes and hashes."""
    probes: list[tuple[str, Any]] = [
        ("article", select(ArticleRow.id).where(ArticleRow.id == ref)),
        ("story", select(StoryRow.id).where(StoryRow.id == ref)),
        ("claim", select(ClaimClusterRow.id).where(ClaimClusterRow.id == ref)),
        ("entity", select(CorpusEntityRow.id).where(CorpusEntityRow.id == ref)),
        ("claim", select(ClaimRow.id).where(ClaimRow.id == split_key(ref)[1])),
    ]
    for kind, probe in probes:
        if conn.scalar(probe.limit(1)) is not None:
            return kind
    return "entity"  # or an entity name: the entity look-up says whether it knows it


def copy_tree(articles: list[dict[str, Any]], links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The copy links of a story as a forest: originals at the roots, copies under them.

    An article that copies several others hangs under the one it copies most surely (highest
    confidence, then score); the other links stay in the story's `links` list.
    """
    by_id = {a["id"]: a for a in articles}
    parent: dict[str, dict[str, Any]] = {}
    for link in sorted(links, key=lambda x: (-x["confidence"], -x["score"], x["id"])):
        child, orig = link["article"], link["original"]
        if child in parent or child not in by_id or orig not in by_id or child == orig:
            continue
        # refuse a link that would close a cycle
        node, seen = orig, {child}
        while node in parent and node not in seen:
            seen.add(node)
            node = parent[node]["original"]
        if node in seen:
            continue
        parent[child] = link
    children: dict[str, list[str]] = {}
    for child, link in parent.items():
        children.setdefault(link["original"], []).append(child)

    def node(aid: str) -> dict[str, Any]:
        link = parent.get(aid)
        kids = sorted(children.get(aid, []), key=lambda c: _date_key(by_id[c]))
        return {
            "article": aid,
            "title": by_id[aid]["title"],
            "site": by_id[aid]["site"],
            "published": by_id[aid]["published"],
            "kind": link["kind"] if link else None,
            "score": link["score"] if link else None,
            "confidence": link["confidence"] if link else None,
            "misattribution": link.get("misattribution") if link else None,
            "children": [node(c) for c in kids],
        }

    roots = sorted((a for a in by_id if a not in parent), key=lambda a: _date_key(by_id[a]))
    return [node(r) for r in roots]


def _date_key(article: dict[str, Any]) -> tuple[bool, str, str]:
    return (article["published"] is None, article["published"] or "", article["id"])


def _judged(delta: Any) -> dict[str, Any]:
    return {
        "judgements": [j.to_dict() for j in getattr(delta, "judgements", [])],
        "entities": [e.to_dict() for e in getattr(delta, "corpus_entities", [])],
        "removed_entities": list(getattr(delta, "removed_corpus_entities", [])),
    }
