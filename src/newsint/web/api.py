"""REST API under /api: the Corpus queries as JSON, paginated, with JSON errors.

Every list answers `{items, total, total_exact, limit, offset, next, prev}`; `next` (`prev`) is
the cursor of the page after (before) it, given back as `after` (`before`): keyset paging, the
same cost at any depth (`offset` still works, and costs what it skips). Every error answers
`{"error": {code, message}}`.
The answers are the typed records the Corpus queries return (newsint.corpus.queries.records,
docs/schema.md), so a script gets what `newsint … --format json` prints.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from newsint.api import parse_published, set_published
from newsint.corpus.queries.common import NotInCorpus
from newsint.corpus.queries.paging import Slice
from newsint.corpus.queries.records import (
    ArticleDetail,
    ArticleInfo,
    ArticleListing,
    ArticleRef,
    ClaimClusterDetail,
    ClaimDetail,
    ClaimSummary,
    EntityDetail,
    EntitySummary,
    Graph,
    Judged,
    Stats,
    StoryDetail,
    StorySummary,
)
from newsint.errors import AnalysisProblem, InputError, NewsintError, TooLarge
from newsint.model import CLAIM_STATUSES, Analysis, Judgement, TimelineEntry, content_hash
from newsint.web.state import Invalid, WebState

router = APIRouter(prefix="/api", tags=["corpus"])
T = TypeVar("T")


# --------------------------------------------------------------------------- shared pieces


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable: not-found, invalid, unauthorized, …")
    message: str = Field(description="One line for a person: what is wrong and what to do.")


class ErrorBody(BaseModel):
    error: ErrorDetail


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="How many items match, over all pages (see total_exact).")
    total_exact: bool = Field(
        True,
        description="False: full text matched more than `total` items, which is the count "
        "cap ([store] full_text_count_cap) and not counted further.",
    )
    limit: int
    offset: int
    next: str | None = Field(
        None, description="Cursor of the next page: pass it as `after`. None on the last page."
    )
    prev: str | None = Field(
        None,
        description="Cursor of the previous page: pass it as `before`. None on the first page "
        "(or when this page was asked by offset from the start).",
    )


class Posted(BaseModel):
    """What POST /api/articles did with the article."""

    id: str
    outcome: Literal["added", "updated", "unchanged"]
    article: ArticleInfo
    links: dict[str, str]


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Token missing or wrong"},
    404: {"model": ErrorBody, "description": "No such record"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
}


def web(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


State = Annotated[WebState, Depends(web)]


@dataclass
class Paging:
    limit: int
    offset: int
    after: str | None = None
    before: str | None = None

    def cursors(self) -> dict[str, Any]:
        """The paging arguments of a Corpus `*_page` query."""
        return {
            "limit": self.limit,
            "offset": self.offset,
            "after": self.after,
            "before": self.before,
        }

    def page(self, items: Slice[T], total: int, cap: int | None = None) -> Page[T]:
        """The page of a slice; `cap`: the total was counted up to it (full text)."""
        exact = cap is None or total <= cap
        return Page(
            items=list(items.items),
            total=total if exact or cap is None else cap,
            total_exact=exact,
            limit=self.limit,
            offset=self.offset,
            next=items.next,
            prev=items.prev,
        )


Cursor = Annotated[
    str | None,
    Query(max_length=400, description="Items after this cursor (a page's `next`)."),
]
Before = Annotated[
    str | None,
    Query(max_length=400, description="Items before this cursor (a page's `prev`)."),
]


def paging(
    state: State,
    limit: Annotated[
        int | None, Query(ge=1, description="Items per page (default from [web] page_size).")
    ] = None,
    offset: Annotated[
        int, Query(ge=0, description="Items to skip (after the cursor, when one is given).")
    ] = 0,
    after: Cursor = None,
    before: Before = None,
) -> Paging:
    settings = state.config.web
    if limit is not None and limit > settings.max_page_size:
        raise Invalid(
            "limit",
            f"at most {settings.max_page_size} items per page",
            "page through with the `next` cursor (after=)",
        )
    if after and before:
        raise Invalid("before", "give after or before, not both", "page one way at a time")
    return Paging(limit or settings.page_size, offset, after or None, before or None)


Pages = Annotated[Paging, Depends(paging)]


# --------------------------------------------------------------------------- overview


@router.get("/stats", summary="How many of each thing the corpus holds")
def stats(state: State) -> Stats:
    return state.corpus.stats()


# --------------------------------------------------------------------------- articles


@router.get("/articles", summary="Articles, oldest first", responses=ERRORS)
def list_articles(state: State, pages: Pages) -> Page[ArticleListing]:
    corpus = state.corpus
    return pages.page(corpus.articles_page(**pages.cursors()), corpus.articles_total())


@router.get(
    "/articles/{article_id}",
    summary="One article: metadata, story, copy links, claims, clean text",
    responses=ERRORS,
)
def get_article(state: State, article_id: str) -> ArticleDetail:
    return state.corpus.article(article_id)


@router.get(
    "/articles/{article_id}/analysis",
    summary="The full analysis (schema newsint.analysis/1)",
    responses=ERRORS,
)
def get_analysis(state: State, article_id: str) -> dict[str, Any]:
    return _analysis(state, article_id).to_dict()


def _analysis(state: WebState, article_id: str) -> Analysis:
    analysis = state.corpus.store.analysis(article_id)
    if analysis is None:
        raise NotInCorpus(article_id, "no such article", "list them at /api/articles")
    return analysis


class NewArticle(BaseModel):
    """One article to analyse and store: give exactly one of text, html or url."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "The council said on Monday that the bridge will reopen.",
                    "title": "Bridge to reopen",
                    "url": "https://example.org/bridge",
                    "published": "2025-03-07",
                }
            ]
        },
    )

    text: str | None = Field(None, description="Plain text of the article.")
    html: str | None = Field(None, description="The article page's HTML.")
    url: str | None = Field(
        None,
        description="Alone: a page to fetch (public addresses only unless the server allows "
        "private ones). With text or html: where the article comes from.",
    )
    title: str | None = None
    published: str | None = Field(None, description="Publication date, e.g. 2025-03-07.")

    @model_validator(mode="after")
    def _one_body(self) -> NewArticle:
        given = [name for name in ("text", "html") if getattr(self, name) is not None]
        if len(given) > 1:
            raise ValueError("give text or html, not both")
        if not given and not self.url:
            raise ValueError("give text, html or url")
        return self


@router.post(
    "/articles",
    summary="Analyse an article (text, HTML or a URL to fetch) and store it",
    status_code=201,
    responses={
        200: {"description": "Already in the corpus (unchanged)"},
        400: {"model": ErrorBody, "description": "Unreadable input"},
        403: {"model": ErrorBody, "description": "URL refused (private address)"},
        413: {"model": ErrorBody, "description": "Too large"},
        502: {"model": ErrorBody, "description": "URL could not be fetched"},
        **ERRORS,
    },
)
def post_article(state: State, body: NewArticle, response: Response) -> Posted:
    analysis = read_upload(state, body)
    aid = analysis.article.id
    with state.write_lock:
        summary = state.corpus.add(
            [analysis], engine=state.engine, wait_seconds=state.config.web.write_wait_seconds
        )
    if summary.failed:
        failure = summary.failed[0]
        problem, _, fix = failure.message.partition(" — ")
        if failure.code in ("analysis", "over-budget"):  # read, but not analysable: 422
            raise AnalysisProblem("POST /api/articles", problem, fix or "check the input")
        raise NewsintError("POST /api/articles", failure.message, "check the input")
    outcome = "updated" if summary.updated else "added" if summary.added else "unchanged"
    if outcome == "unchanged":
        response.status_code = 200
    return Posted(
        id=aid,
        outcome=outcome,
        article=state.corpus.article(aid).article,
        links={"self": f"/api/articles/{aid}", "analysis": f"/api/articles/{aid}/analysis"},
    )


def read_upload(state: WebState, body: NewArticle) -> Analysis:
    """The article a POST describes, read (and fetched) but not yet analysed."""
    from newsint.corpus.ingest import TYPE_SUFFIX
    from newsint.readers import read_bytes
    from newsint.readers.url import Fetcher

    config = state.config
    limit = config.web.max_body_bytes
    published = parse_published(body.published, config) if body.published else None
    if body.text is not None or body.html is not None:
        raw = (body.text if body.text is not None else body.html) or ""
        data = raw.encode("utf-8")
        suffix = ".txt" if body.text is not None else ".html"
        url = body.url
        where = f"api:{content_hash(raw)[:16]}"
        charset: str | None = "utf-8"  # JSON text: encoded here
    else:
        assert body.url is not None
        with Fetcher(config.fetch, allow_private=state.allow_private) as fetcher:
            fetched = fetcher.fetch(body.url)
        data, url, where = fetched.body, fetched.url, fetched.url
        suffix = TYPE_SUFFIX.get(fetched.content_type)
        charset = fetched.charset
    if len(data) > limit:
        raise TooLarge("POST /api/articles", f"more than {limit:,} bytes", "send a smaller page")
    items = list(read_bytes(data, where, suffix, config, url=url, charset=charset))
    articles = [i for i in items if isinstance(i, Analysis)]
    for item in items:
        if isinstance(item, InputError):
            raise item
    if len(articles) != 1:
        raise InputError(
            body.url or where,
            "this is a feed or archive, not one article",
            "ingest feeds with `newsint ingest URL`",
        )
    analysis = articles[0]
    if body.title:
        analysis.article.title = body.title
    if url and not analysis.article.url:
        analysis.article.url = url
    return set_published(analysis, published)


# --------------------------------------------------------------------------- stories


@router.get("/stories", summary="Same-event stories, biggest first")
def list_stories(
    state: State,
    pages: Pages,
    min_articles: Annotated[int, Query(ge=1, description="At least this many articles.")] = 1,
) -> Page[StorySummary]:
    corpus = state.corpus
    items = corpus.stories_page(min_articles=min_articles, **pages.cursors())
    return pages.page(items, corpus.stories_total(min_articles=min_articles))


@router.get(
    "/stories/{story_id}",
    summary="One story: its articles, copy links and copy tree",
    responses=ERRORS,
)
def get_story(state: State, story_id: str) -> StoryDetail:
    return state.corpus.story(story_id)


# --------------------------------------------------------------------------- claims


@dataclass
class ClaimFacets:
    """The claims list's facets, as query parameters (the UI's claims page uses them too)."""

    entity: Annotated[
        str | None, Query(description="Only claims by or about this entity (id or name).")
    ] = None
    status: Annotated[
        str | None,
        Query(description="A claim of the row has this status: " + ", ".join(CLAIM_STATUSES)),
    ] = None
    grade: Annotated[
        str | None,
        Query(description="Corpus grade: a code (C2), a reliability (C) or a credibility (2)."),
    ] = None
    speaker: Annotated[str | None, Query(description="Said by (case-insensitive).")] = None
    story: Annotated[str | None, Query(description="A claim of the row is in this story.")] = None
    since: Annotated[str | None, Query(description="First reported on or after (YYYY-MM-DD).")] = (
        None
    )
    until: Annotated[str | None, Query(description="First reported on or before (YYYY-MM-DD).")] = (
        None
    )
    q: Annotated[
        str | None, Query(max_length=200, description="Full text: the claim holds these words.")
    ] = None
    min_sources: Annotated[
        int, Query(ge=0, description="At least this many independent sources.")
    ] = 1
    sort: Annotated[
        Literal["sources", "recent", "oldest"],
        Query(description="sources (most independent sources first), recent or oldest."),
    ] = "sources"

    def filters(self) -> dict[str, Any]:
        """The facets given, for Corpus.claims (empty strings are no facet)."""
        out: dict[str, Any] = {
            name: (getattr(self, name) or None)
            for name in ("entity", "status", "grade", "speaker", "story", "since", "until", "q")
        }
        return {**out, "min_sources": self.min_sources, "sort": self.sort}


@router.get(
    "/claims",
    summary="Every claim (clusters and single-source claims), best corroborated first",
    responses=ERRORS,
)
def list_claims(
    state: State, pages: Pages, facets: Annotated[ClaimFacets, Depends()]
) -> Page[ClaimSummary]:
    corpus = state.corpus
    filters = facets.filters()
    items = corpus.claims_page(**filters, **pages.cursors())
    cap = corpus.count_cap if filters["q"] else None
    return pages.page(items, corpus.claims_total(**filters), cap)


@router.get(
    "/claims/{claim_id:path}",
    summary="A claim cluster (with its claims) or one claim (with its cluster)",
    responses=ERRORS,
)
def get_claim(state: State, claim_id: str) -> ClaimClusterDetail | ClaimDetail:
    return state.corpus.claim(claim_id)


# --------------------------------------------------------------------------- entities


@router.get("/entities", summary="Entities, most widely mentioned first")
def list_entities(
    state: State,
    pages: Pages,
    type: Annotated[str | None, Query(description="PERSON, ORG, GPE, …")] = None,
    q: Annotated[str | None, Query(description="Names containing this.")] = None,
) -> Page[EntitySummary]:
    corpus = state.corpus
    filters: dict[str, Any] = {"type": type or None, "q": q or None}
    items = corpus.entities_page(**filters, **pages.cursors())
    cap = corpus.count_cap if q else None
    return pages.page(items, corpus.entities_total(**filters), cap)


@router.get(
    "/entities/{ref}",
    summary="An entity (by id or name): aliases, members, merge judgements",
    responses=ERRORS,
)
def get_entity(state: State, ref: str) -> EntityDetail:
    return state.corpus.entity(ref)


class Merge(BaseModel):
    model_config = ConfigDict(extra="forbid")
    a: str = Field(description="Entity id or name.")
    b: str = Field(description="Entity id or name judged the same as a.")


class Split(BaseModel):
    model_config = ConfigDict(extra="forbid")
    members: list[str] = Field(
        min_length=1,
        description='Members to take out: keys "<article id>/<entity id>" or names as written.',
    )


@router.post(
    "/entities/merge",
    summary="Judge two entities the same (undo with split)",
    responses={400: {"model": ErrorBody}, **ERRORS},
)
def merge_entities(state: State, body: Merge) -> Judged:
    with state.write_lock:
        state.corpus.reload()  # another process may have written since the last judgement
        return state.corpus.merge(body.a, body.b)


@router.post(
    "/entities/{ref}/split",
    summary="Judge members not the same as the rest of an entity (undoes a merge)",
    responses={400: {"model": ErrorBody}, **ERRORS},
)
def split_entity(state: State, ref: str, body: Split) -> Judged:
    with state.write_lock:
        state.corpus.reload()
        return state.corpus.split(ref, body.members)


@router.get("/judgements", summary="Entity merge judgements (automatic and by users)")
def list_judgements(
    state: State,
    pages: Pages,
    active: Annotated[bool | None, Query(description="Only active (or undone) ones.")] = None,
) -> Page[Judgement]:
    items = state.corpus.judgements(active=active)  # few: a user's judgements, kept in order
    shown = Slice(items[pages.offset : pages.offset + pages.limit], None)
    return pages.page(shown, len(items))


# --------------------------------------------------------------------------- timeline, graph


@router.get(
    "/timeline",
    summary="Dated events, oldest first, each counted once across copies",
    responses=ERRORS,
)
def timeline(
    state: State,
    pages: Pages,
    entity: Annotated[str | None, Query(description="Only events involving this entity.")] = None,
    all_events: Annotated[
        bool,
        Query(description="Also negated, denied, hypothetical, questioned and planned events."),
    ] = False,
) -> Page[TimelineEntry]:
    corpus = state.corpus
    filters: dict[str, Any] = {"entity": entity or None, "all_events": all_events}
    items = corpus.timeline_page(**filters, **pages.cursors())
    return pages.page(items, corpus.timeline_total(**filters))


@router.get("/graph", summary="Entities, claims and sources as nodes and edges")
def graph(state: State) -> Graph:
    settings = state.config.web
    return state.corpus.graph(
        max_entities=settings.graph_max_entities,
        max_claims=settings.graph_max_claims,
        links_per_entity=settings.graph_links_per_entity,
    )


# --------------------------------------------------------------------------- search


@router.get(
    "/search",
    summary="Articles whose title or site, claims or entities hold the words (full text)",
    responses=ERRORS,
)
def search(
    state: State, pages: Pages, q: Annotated[str, Query(min_length=1, max_length=200)]
) -> Page[ArticleRef]:
    corpus = state.corpus
    items = corpus.search_page(q, **pages.cursors())
    return pages.page(items, corpus.search_total(q), corpus.count_cap)


# --------------------------------------------------------------------------- exports


@router.get("/exports", summary="The export formats", tags=["exports"])
def list_exports() -> list[dict[str, Any]]:
    from newsint.export import CSV_TABLES, EXPORTERS

    return [
        {
            "name": e.name,
            "media_type": e.media_type,
            "extension": e.extension,
            "description": e.description,
            "url": f"/api/export/{e.name}",
            "options": {"table": list(CSV_TABLES)} if e.name == "csv" else {},
        }
        for e in EXPORTERS.values()
    ]


@router.get(
    "/export/{name}",
    summary="Download the corpus (or one story) as STIX 2.1, FtM, GraphML, JSONL or CSV",
    tags=["exports"],
    response_class=StreamingResponse,
    responses={200: {"description": "The export file"}, **ERRORS},
)
def export(
    state: State,
    name: str,
    story: Annotated[str | None, Query(description="Only this story (id).")] = None,
    table: Annotated[
        str, Query(description="CSV only: claims, entities, articles or links.")
    ] = "claims",
) -> StreamingResponse:
    from newsint.export import CSV_TABLES, EXPORTERS
    from newsint.export.gather import from_corpus

    exporter = EXPORTERS.get(name)
    if exporter is None:
        raise NotInCorpus(name, "no such export format", f"use one of {', '.join(EXPORTERS)}")
    if table not in CSV_TABLES:
        raise Invalid("table", f"no CSV table {table!r}", f"use one of {', '.join(CSV_TABLES)}")
    data = from_corpus(state.corpus, story or None)
    chunks = exporter.chunks(data, {"table": table})
    first = next(chunks, b"")  # formats built whole fail here, while a JSON error can still go
    stem = "newsint" + (f"-{story}" if story else "") + (f"-{table}" if name == "csv" else "")
    return StreamingResponse(
        itertools.chain([first], chunks),
        media_type=exporter.media_type,
        headers={"Content-Disposition": f'attachment; filename="{exporter.filename(stem)}"'},
    )
