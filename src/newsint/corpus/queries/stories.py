"""Story queries: same-event stories biggest first, and one story with its copy tree."""

from __future__ import annotations

from sqlalchemy import select

from newsint.corpus.queries.claims import ClaimFilters, claims
from newsint.corpus.queries.common import ARTICLE_COLUMNS, NotInCorpus, article_ref, count
from newsint.corpus.queries.paging import Slice, SortKey, page, present
from newsint.corpus.queries.records import StoryArticle, StoryDetail, StorySummary, TreeNode
from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import (
    ArticleRow,
    CopyLinkRow,
    StoryArticleRow,
    StoryRow,
    TimelineEntryRow,
    TimelineReportRow,
)
from newsint.model import CopyLink, Story, TimelineEntry

# Biggest first, then oldest first (undated last), then id: ix_stories_list (migration 0004).
STORY_ORDER = (
    SortKey(StoryRow.size, True),
    *present(StoryRow.first_published),
    SortKey(StoryRow.id),
)


def stories(
    store: Store,
    *,
    min_articles: int = 1,
    limit: int | None = None,
    offset: int = 0,
    after: str | None = None,
    before: str | None = None,
) -> Slice[StorySummary]:
    """Same-event stories, biggest first: size, originals, outlets and dates (the counts are
    written with the story at ingest, corpus/summaries.py); after the cursor `after`."""
    query = select(StoryRow).where(StoryRow.size >= min_articles)
    with store.reading() as conn:
        rows, following, earlier = page(
            conn, query, STORY_ORDER, limit=limit, offset=offset, cursor=after, before=before
        )
    items = [
        StorySummary(
            id=r.id,
            title=r.title,
            articles=r.size,
            originals=list(r.record.get("originals", [])),
            copies=len(r.record.get("links", [])),
            sites=r.outlets or 0,
            independent=r.originals or 0,
            first_published=r.first_published,
            last_published=r.last_published,
        )
        for r in rows
    ]
    return Slice(items, following, earlier)


def stories_total(store: Store, *, min_articles: int = 1) -> int:
    """How many stories `stories()` lists without a limit."""
    with store.reading() as conn:
        return count(conn, select(StoryRow.id).where(StoryRow.size >= min_articles))


def story(store: Store, story_id: str) -> StoryDetail:
    """The whole story: its articles, the copy links among them and the copy tree, the claims
    made in its articles (best corroborated first) and the timeline of its events."""
    with store.reading() as conn:
        row = conn.execute(select(StoryRow).where(StoryRow.id == story_id)).first()
        if row is None:
            raise NotInCorpus(story_id, "no such story", "list them with `newsint stories`")
        members = list(
            conn.execute(
                select(*ARTICLE_COLUMNS, ArticleRow.language, StoryArticleRow.original)
                .join(StoryArticleRow, StoryArticleRow.article_id == ArticleRow.id)
                .where(StoryArticleRow.story_id == story_id)
                .order_by(StoryArticleRow.position)
            )
        )
        ids = [m.id for m in members]
        links = [
            CopyLink.model_validate(r.record)
            for r in conn.execute(
                select(CopyLinkRow.record)
                .where(CopyLinkRow.article_id.in_(ids), CopyLinkRow.original_id.in_(ids))
                .order_by(CopyLinkRow.id)
            )
        ]
        t = TimelineEntryRow
        reported = select(TimelineReportRow.group_key).where(TimelineReportRow.article_id.in_(ids))
        timeline = [
            TimelineEntry.model_validate(r)
            for r in conn.scalars(
                select(t.record)
                .where(t.happened.is_(True), t.group_key.in_(reported))
                .order_by(t.undated, t.start_key, t.end_key, t.id)
            )
        ]
    articles = [
        StoryArticle(**dict(article_ref(m)), original=m.original, language=m.language)
        for m in members
    ]
    return StoryDetail(
        story=Story.model_validate(row.record),
        articles=articles,
        links=links,
        tree=copy_tree(articles, links),
        claims=claims(store, None, ClaimFilters(story=story_id, min_sources=0)).items,  # type: ignore[arg-type]
        timeline=timeline,
    )


def copy_tree(articles: list[StoryArticle], links: list[CopyLink]) -> list[TreeNode]:
    """The copy links of a story as a forest: originals at the roots, copies under them.

    An article that copies several others hangs under the one it copies most surely (highest
    confidence, then score); the other links stay in the story's `links` list.
    """
    by_id = {a.id: a for a in articles}
    parent: dict[str, CopyLink] = {}
    for link in sorted(links, key=lambda x: (-x.confidence, -x.score, x.id)):
        child, orig = link.article, link.original
        if child in parent or child not in by_id or orig not in by_id or child == orig:
            continue
        # refuse a link that would close a cycle
        up, seen = orig, {child}
        while up in parent and up not in seen:
            seen.add(up)
            up = parent[up].original
        if up in seen:
            continue
        parent[child] = link
    children: dict[str, list[str]] = {}
    for child, link in parent.items():
        children.setdefault(link.original, []).append(child)

    def node(aid: str) -> TreeNode:
        link = parent.get(aid)
        kids = sorted(children.get(aid, []), key=lambda c: _date_key(by_id[c]))
        return TreeNode(
            article=aid,
            title=by_id[aid].title,
            site=by_id[aid].site,
            published=by_id[aid].published,
            language=by_id[aid].language,
            kind=link.kind if link else None,
            score=link.score if link else None,
            confidence=link.confidence if link else None,
            misattribution=link.misattribution if link else None,
            children=[node(c) for c in kids],
        )

    roots = sorted((a for a in by_id if a not in parent), key=lambda a: _date_key(by_id[a]))
    return [node(r) for r in roots]


def _date_key(article: StoryArticle) -> tuple[bool, str, str]:
    return (article.published is None, article.published or "", article.id)
