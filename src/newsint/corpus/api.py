"""Corpus: the facade over a store for the CLI, the web UI and scripts.

    from newsint import Corpus
    corpus = Corpus("newsint.db")            # or Corpus("postgresql://…")
    corpus.ingest(["articles/"])
    for story in corpus.stories(): ...
    corpus.claims(entity="Ines Duarte", min_sources=2)

Every query returns typed records (pydantic, newsint.corpus.queries.records, documented in
docs/schema.md); `--format json` on the command line prints their JSON. The queries themselves
are in corpus/queries/, paged in SQL; orders are total (ties broken by id), so the same corpus
always answers the same way.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select

from newsint.config import Config, default_config
from newsint.corpus.ingest import Progress, Summary
from newsint.corpus.queries import articles as article_queries
from newsint.corpus.queries import claims as claim_queries
from newsint.corpus.queries import entities as entity_queries
from newsint.corpus.queries import graph as graph_queries
from newsint.corpus.queries import stories as story_queries
from newsint.corpus.queries import timeline as timeline_queries
from newsint.corpus.queries import volume as volume_queries
from newsint.corpus.queries.claims import ClaimFilters, ClaimSort
from newsint.corpus.queries.common import NotInCorpus
from newsint.corpus.queries.paging import Slice
from newsint.corpus.queries.records import (
    ArticleDetail,
    ArticleListing,
    ArticleRef,
    ClaimClusterDetail,
    ClaimDetail,
    ClaimSummary,
    CorpusRecords,
    EntityDetail,
    EntitySummary,
    GradedClaim,
    Graph,
    Judged,
    Shown,
    Stats,
    StoryDetail,
    StorySummary,
)
from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import (
    ArticleRow,
    ClaimClusterRow,
    ClaimRow,
    CorpusEntityRow,
    StoryRow,
    split_key,
)
from newsint.errors import InputError, NewsintError
from newsint.model import Analysis, Grade, Judgement, TimelineEntry

__all__ = ["Corpus", "NotInCorpus"]


class Corpus:
    """A corpus in a store (a SQLite path or a database URL), with its queries."""

    def __init__(
        self,
        path_or_url: str | os.PathLike[str] | None = None,
        config: Config | None = None,
    ) -> None:
        self.config = config or default_config()
        self.store = Store(path_or_url, self.config.store, config=self.config)
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
        wait: bool = True,
    ) -> Summary:
        """Read, analyse and store inputs (files, folders, feeds, archives, URLs).

        `engine`: "local" (process pool, `jobs` processes) or "ray" (Ray Data; `ray_address`
        joins a cluster, `jobs` > 1 sets the actor count). `parquet`: a folder or object-store
        URI that also receives the added analyses as Parquet partitions (corpus/parquet.py).
        `wait`: for another ingest writing this corpus (else raise store.lock.Busy)."""
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
            wait=wait,
        ).run(inputs)

    def add(
        self,
        items: Iterable[Analysis | InputError],
        *,
        engine: Any = None,
        wait: bool = True,
        wait_seconds: float | None = None,
    ) -> Summary:
        """Analyse and store articles read elsewhere (a web upload), like `ingest` does files.

        `engine` (a LocalEngine) is kept by long-running callers so spaCy loads once; `wait`
        as for `ingest`, for at most `wait_seconds` (the web server then answers 503)."""
        from newsint.corpus.ingest import Ingest

        self._analyzer = None
        return Ingest(
            self.store, self.config, engine=engine, wait=wait, wait_seconds=wait_seconds
        ).run_items(items)

    # ---- queries (corpus/queries/*)

    def stats(self) -> Stats:
        """How many of each thing the corpus holds."""
        return article_queries.stats(self.store)

    def articles(
        self, *, limit: int | None = None, offset: int = 0, ids: Iterable[str] | None = None
    ) -> list[ArticleListing]:
        """Articles (all, or these ids), oldest first (undated last)."""
        return self.articles_page(limit=limit, offset=offset, ids=ids).items

    def articles_page(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        after: str | None = None,
        before: str | None = None,
        ids: Iterable[str] | None = None,
    ) -> Slice[ArticleListing]:
        """A page of `articles()` after the cursor `after` (the `next` of the page before) or
        before the cursor `before` (the `prev` of the page after), with the cursors of the
        pages on either side: the same cost at any depth."""
        return article_queries.articles(
            self.store, limit=limit, offset=offset, after=after, before=before, ids=ids
        )

    def articles_total(self) -> int:
        return article_queries.articles_total(self.store)

    def search(self, q: str, *, limit: int | None = 50, offset: int = 0) -> list[ArticleRef]:
        """Articles whose title or site holds the words of `q`, or a claim they make or a name
        they mention (full text), oldest first."""
        return self.search_page(q, limit=limit, offset=offset).items

    def search_page(
        self,
        q: str,
        *,
        limit: int | None = 50,
        offset: int = 0,
        after: str | None = None,
        before: str | None = None,
    ) -> Slice[ArticleRef]:
        """A page of `search(q)` after the cursor `after`, with the next page's cursor."""
        return article_queries.search(
            self.store, q, limit=limit, offset=offset, after=after, before=before
        )

    def search_total(self, q: str) -> int:
        """How many articles `search(q)` finds: at most `count_cap` + 1 (more than the cap)."""
        return article_queries.search_total(self.store, q)

    @property
    def count_cap(self) -> int:
        """Full-text matches are counted up to this many; a total above it means "more"."""
        return self.config.store.full_text_count_cap

    def article(self, article_id: str) -> ArticleDetail:
        """One article: metadata, its story, its copy links both ways, its claims."""
        return article_queries.article(self.store, self.config.grade, article_id)

    def records(self) -> CorpusRecords:
        """Every corpus record and the current articles: what an export writes."""
        return article_queries.corpus_records(self.store)

    def stories(
        self, *, min_articles: int = 1, limit: int | None = None, offset: int = 0
    ) -> list[StorySummary]:
        """Same-event stories, biggest first: size, originals, sites and dates."""
        return self.stories_page(min_articles=min_articles, limit=limit, offset=offset).items

    def stories_page(
        self,
        *,
        min_articles: int = 1,
        limit: int | None = None,
        offset: int = 0,
        after: str | None = None,
        before: str | None = None,
    ) -> Slice[StorySummary]:
        """A page of `stories()` after the cursor `after`, with the next page's cursor."""
        return story_queries.stories(
            self.store,
            min_articles=min_articles,
            limit=limit,
            offset=offset,
            after=after,
            before=before,
        )

    def stories_total(self, *, min_articles: int = 1) -> int:
        return story_queries.stories_total(self.store, min_articles=min_articles)

    def story(self, story_id: str) -> StoryDetail:
        """One story: its articles, the copy links among them and the copy tree."""
        return story_queries.story(self.store, story_id)

    def claims(
        self,
        *,
        entity: str | None = None,
        min_sources: int = 1,
        status: str | None = None,
        grade: str | None = None,
        speaker: str | None = None,
        story: str | None = None,
        since: str | None = None,
        until: str | None = None,
        q: str | None = None,
        sort: ClaimSort = "sources",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ClaimSummary]:
        """Every claim cluster and every single-source claim, best corroborated first (or by
        date with `sort`), filtered by the facets (see ClaimFilters)."""
        filters = ClaimFilters(
            entity=entity,
            min_sources=min_sources,
            status=status,
            grade=grade,
            speaker=speaker,
            story=story,
            since=since,
            until=until,
            q=q,
            sort=sort,
        )
        return claim_queries.claims(
            self.store, self.config.grade, filters, limit=limit, offset=offset
        ).items

    def claims_page(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        after: str | None = None,
        before: str | None = None,
        **facets: Any,
    ) -> Slice[ClaimSummary]:
        """A page of `claims(**facets)` after the cursor `after`, with the next page's
        cursor (a cursor is made for one order: keep `sort` from page to page)."""
        return claim_queries.claims(
            self.store,
            self.config.grade,
            ClaimFilters(**facets),
            limit=limit,
            offset=offset,
            after=after,
            before=before,
        )

    def claims_total(
        self,
        *,
        entity: str | None = None,
        min_sources: int = 1,
        status: str | None = None,
        grade: str | None = None,
        speaker: str | None = None,
        story: str | None = None,
        since: str | None = None,
        until: str | None = None,
        q: str | None = None,
        sort: ClaimSort = "sources",
    ) -> int:
        filters = ClaimFilters(
            entity=entity,
            min_sources=min_sources,
            status=status,
            grade=grade,
            speaker=speaker,
            story=story,
            since=since,
            until=until,
            q=q,
            sort=sort,
        )
        return claim_queries.claims_total(self.store, filters)

    def claim(self, claim_id: str) -> ClaimClusterDetail | ClaimDetail:
        """A claim cluster (by its id) or one claim (by its id) with its cluster."""
        return claim_queries.claim(self.store, self.config.grade, claim_id)

    def claim_records(self, keys: Iterable[str]) -> dict[str, GradedClaim]:
        """Full claim records by "<article>/<claim>" key, `grade` the corpus grade."""
        return claim_queries.claim_records(self.store, self.config.grade, keys)

    def grades(
        self, keys: Iterable[str], *, analyses: dict[str, Analysis] | None = None
    ) -> dict[str, Grade | None]:
        """Corpus grades of claims by "<article>/<claim>" key (None: never graded)."""
        return claim_queries.grades(self.store, self.config.grade, keys, analyses=analyses)

    def entities(
        self,
        *,
        type: str | None = None,
        q: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[EntitySummary]:
        """Corpus entities, most widely mentioned first."""
        return self.entities_page(type=type, q=q, limit=limit, offset=offset).items

    def entities_page(
        self,
        *,
        type: str | None = None,
        q: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        after: str | None = None,
        before: str | None = None,
    ) -> Slice[EntitySummary]:
        """A page of `entities()` after the cursor `after`, with the next page's cursor."""
        return entity_queries.entities(
            self.store, type=type, q=q, limit=limit, offset=offset, after=after, before=before
        )

    def entities_total(self, *, type: str | None = None, q: str | None = None) -> int:
        return entity_queries.entities_total(self.store, type=type, q=q)

    def entity(self, ref: str) -> EntityDetail:
        """A corpus entity (by id or name) with its members and the judgements about it."""
        return entity_queries.entity(self.store, ref)

    def corpus_entities_of(self, article_id: str) -> dict[str, str]:
        """Article entity id -> corpus entity id, for one article."""
        return entity_queries.corpus_entities_of(self.store, article_id)

    def timeline(
        self,
        *,
        entity: str | None = None,
        all_events: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[TimelineEntry]:
        """Dated events across the corpus, merged across copies, oldest first; events not
        reported as having happened only with `all_events`."""
        return self.timeline_page(
            entity=entity, all_events=all_events, limit=limit, offset=offset
        ).items

    def timeline_page(
        self,
        *,
        entity: str | None = None,
        all_events: bool = False,
        limit: int | None = None,
        offset: int = 0,
        after: str | None = None,
        before: str | None = None,
    ) -> Slice[TimelineEntry]:
        """A page of `timeline()` after the cursor `after`, with the next page's cursor."""
        return timeline_queries.timeline(
            self.store,
            entity=entity,
            all_events=all_events,
            floor=self.config.events.happened_factuality,
            limit=limit,
            offset=offset,
            after=after,
            before=before,
        )

    def volume(
        self,
        entries: Iterable[TimelineEntry] | None = None,
        *,
        story: StoryDetail | None = None,
    ) -> volume_queries.Volume:
        """Articles published and events dated per day, for a chart: the corpus's (events from
        `entries` when given, else the default timeline) or one story's (its articles, and its
        timeline as stored at ingest: the entries the story page lists)."""
        if story is not None:
            ids = [a.id for a in story.articles]
            per_day, undated = volume_queries.articles_per_day(self.store, ids)
            entries = story.timeline
        elif entries is None:  # the default timeline's: counted when the corpus changed
            return volume_queries.stored_volume(self.store)
        else:
            per_day, undated = volume_queries.articles_per_day(self.store)
        return volume_queries.volume(per_day, undated, entries)

    def timeline_total(self, *, entity: str | None = None, all_events: bool = False) -> int:
        return timeline_queries.timeline_total(self.store, entity=entity, all_events=all_events)

    def graph(
        self, *, max_entities: int = 40, max_claims: int = 25, links_per_entity: int = 3
    ) -> Graph:
        """Entities, claims and the sources behind them as nodes and edges (for a picture)."""
        return graph_queries.graph(
            self.store,
            self.config.grade,
            max_entities=max_entities,
            max_claims=max_claims,
            links_per_entity=links_per_entity,
        )

    def show(self, ref: str) -> Shown:
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

    def merge(self, a: str, b: str) -> Judged:
        """Judge two entities the same (a user judgement; `split` takes it back apart)."""
        with self.store.reading() as conn:
            first = entity_queries.entity_ids(conn, a)[0]
            second = entity_queries.entity_ids(conn, b)[0]
        if first == second:
            raise NewsintError(f"{a} / {b}", "these are already one entity", "nothing to merge")
        try:
            delta = self.analyzer.merge_entities(first, second)
        except (KeyError, ValueError) as exc:
            raise NewsintError(f"{a} / {b}", f"cannot merge ({exc})", "check the ids") from exc
        self.store.apply_delta(delta)
        return _judged(delta)

    def split(self, entity: str, members: Sequence[str]) -> Judged:
        """Judge `members` not the same as the rest of `entity` (undoes a merge).

        A member is an article entity key ("<article id>/<entity id>", as `show` lists them), a
        name form ("name:TYPE:folded") or a name as written, meaning every member so named.
        """
        with self.store.reading() as conn:
            target = entity_queries.entity_ids(conn, entity)[0]
            named = entity_queries.members_named(conn, target)
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

    def judgements(self, *, active: bool | None = None) -> list[Judgement]:
        """Entity judgements in the order they were made (all, or only active or undone)."""
        return self.store.judgements(active=active)


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


def _judged(delta: Any) -> Judged:
    return Judged(
        judgements=list(getattr(delta, "judgements", [])),
        entities=list(getattr(delta, "corpus_entities", [])),
        removed_entities=list(getattr(delta, "removed_corpus_entities", [])),
    )
