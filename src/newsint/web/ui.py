"""The HTML pages: server-rendered from the Corpus API's dicts through autoescaping templates.

Forms change things (merge, split, add an article) with POST and answer with a redirect, so a
reload never repeats them; the message shown after the redirect is picked from a fixed list by
a code in the URL, never echoed from the request.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from functools import partial
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsint.corpus.queries.claims import CLAIM_SORTS
from newsint.corpus.queries.paging import Slice
from newsint.corpus.queries.records import ClaimClusterDetail, ClaimDetail, Judged
from newsint.errors import NewsintError
from newsint.model import CLAIM_STATUSES, UNREALISED_STATUSES, CopyLink, chain_text
from newsint.stages.base import stage_name
from newsint.web.api import ClaimFacets, NewArticle, Paging, paging, read_upload
from newsint.web.graph import elements
from newsint.web.render import claim_cells, highlight, query, rests_on, with_outlets
from newsint.web.state import SESSION_COOKIE, WebState

router = APIRouter(include_in_schema=False)

NOTES = {
    "merged": "Merged. The judgement is kept; split the entity to undo it.",
    "split": "Split. The members taken out form their own entity again.",
    "added": "Analysed and added to the corpus.",
    "updated": "Analysed; it replaces an earlier version of the same page.",
    "unchanged": "Already in the corpus: nothing changed.",
}
STATUSES = CLAIM_STATUSES


def web(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


State = Annotated[WebState, Depends(web)]


def page(state: WebState, request: Request, template: str, **context: Any) -> HTMLResponse:
    note = NOTES.get(request.query_params.get("note", ""))
    return HTMLResponse(state.render(request, template, note=note, **context))


def pager(
    base: str,
    p: Paging,
    shown: Slice[Any],
    total: int | Callable[[], int],
    start: int | None = None,
    cap: int | None = None,
    **params: Any,
) -> dict[str, Any]:
    """Previous/next links for a list page: keyset cursors (`after`/`before`, the same cost
    at any depth), with `start` (the position of the page's first row, carried in the link
    for the "51–100 of …" line only). `cap`: the total was counted up to it (full text); a
    total given as a function is counted only when the page does not tell it."""
    if callable(total):
        whole = not (p.after or p.before or p.offset or shown.next)
        total = len(shown.items) if whole else total()
    first = (start if start and (p.after or p.before) else p.offset + 1) if shown.items else 0
    last = first + len(shown.items) - 1 if shown.items else 0
    exact = cap is None or total <= cap
    counted = total if exact else cap or total
    return {
        "limit": p.limit,
        "offset": p.offset,
        "total": counted,
        "total_label": f"{counted:,}" + ("" if exact else "+"),
        "first": first,
        "last": last,
        "prev_url": query(
            base, before=shown.prev, start=max(1, first - p.limit), limit=p.limit, **params
        )
        if shown.prev
        else None,
        "next_url": query(base, after=shown.next, start=last + 1, limit=p.limit, **params)
        if shown.next
        else None,
        "params": params,
    }


Limit = Annotated[int | None, Query(ge=1)]
Offset = Annotated[int, Query(ge=0)]
After = Annotated[str | None, Query(max_length=400)]
Start = Annotated[int | None, Query(ge=1)]


# --------------------------------------------------------------------------- overview


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, state: State) -> HTMLResponse:
    corpus = state.corpus
    return page(
        state,
        request,
        "overview.html",
        stats=corpus.stats(),
        stories=corpus.stories(limit=8),
        claims=corpus.claims(limit=8),
        entities=corpus.entities(limit=12),
        exports=_exports(),
    )


def _exports() -> list[dict[str, str]]:
    try:
        from newsint.export import EXPORTERS
    except ImportError:  # exports are an optional part of an installation
        return []
    return [
        {"name": e.name, "description": e.description, "extension": e.extension}
        for e in EXPORTERS.values()
    ]


# --------------------------------------------------------------------------- stories


@router.get("/stories", response_class=HTMLResponse)
def stories(
    request: Request,
    state: State,
    limit: Limit = None,
    offset: Offset = 0,
    after: After = None,
    before: After = None,
    start: Start = None,
    min_articles: Annotated[int, Query(ge=1)] = 1,
) -> HTMLResponse:
    p = paging(state, limit, offset, after, before)
    corpus = state.corpus
    shown = corpus.stories_page(min_articles=min_articles, **p.cursors())
    total = partial(corpus.stories_total, min_articles=min_articles)
    return page(
        state,
        request,
        "stories.html",
        rows=shown.items,
        min_articles=min_articles,
        pager=pager("/stories", p, shown, total, start, min_articles=min_articles),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, state: State, story_id: str) -> HTMLResponse:
    data = state.corpus.story(story_id)
    by_id = {a.id: a for a in data.articles}
    outlets = {a.id: a.site for a in data.articles}
    links = [
        {
            **link.model_dump(),
            "evidence": [with_outlets(e, outlets) for e in link.evidence],
            "copy_article": by_id.get(link.article),
            "original_article": by_id.get(link.original),
        }
        for link in data.links
    ]
    warnings = [link for link in links if link.get("misattribution")]
    # the claims and the timeline come whole with the story (its articles bound them); the page
    # shows a page's worth of each, links to the claims list for the rest and folds the rest
    # of the timeline
    shown = state.config.web.page_size
    timeline_sites = {a for t in data.timeline for a in t.articles[:6]} - set(outlets)
    if timeline_sites:  # events the story shares with articles outside it
        outlets |= {a.id: a.site for a in state.corpus.articles(ids=sorted(timeline_sites))}
    return page(
        state,
        request,
        "story.html",
        data=data,
        links=links,
        warnings=warnings,
        exports=_exports(),
        volume=state.corpus.volume(story=data),
        claims=data.claims[:shown],
        cells=claim_cells(data.claims[:shown]),
        timeline=data.timeline[:shown],
        sites=outlets,
        unrealised=UNREALISED_STATUSES,
    )


# --------------------------------------------------------------------------- articles


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request,
    state: State,
    limit: Limit = None,
    offset: Offset = 0,
    after: After = None,
    before: After = None,
    start: Start = None,
) -> HTMLResponse:
    p = paging(state, limit, offset, after, before)
    corpus = state.corpus
    shown = corpus.articles_page(**p.cursors())
    return page(
        state,
        request,
        "articles.html",
        rows=shown.items,
        pager=pager("/articles", p, shown, corpus.articles_total, start),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, state: State, article_id: str) -> HTMLResponse:
    corpus = state.corpus
    data = corpus.article(article_id)
    analysis = corpus.store.analysis(article_id)
    assert analysis is not None  # corpus.article raised otherwise
    across = corpus.corpus_entities_of(article_id)
    graded = {c.id: c for c in data.claims}  # corpus grades, by claim id
    pieces, details = highlight(analysis, across, graded)
    entities = {e.id: e for e in analysis.entities}
    mentions: dict[str, int] = {}
    for m in analysis.mentions:
        if m.entity:
            mentions[m.entity] = mentions.get(m.entity, 0) + 1
    linked = [*_ids(data.copies), *_ids(data.copied_by)]
    titles = {a.id: a for a in corpus.articles(ids=linked)} if linked else {}
    return page(
        state,
        request,
        "article.html",
        data=data,
        meta=data.article,
        stages_ran={stage_name(s) for s in data.article.stages},
        analysis=analysis,
        pieces=pieces,
        details=details,
        entities=sorted(
            entities.values(), key=lambda e: (-mentions.get(e.id, 0), e.name.lower(), e.id)
        ),
        mentions=mentions,
        across=across,
        titles=titles,
        graded=graded,
        chain_text=chain_text,
    )


def _ids(links: list[CopyLink]) -> list[str]:
    return [x for link in links for x in (link.article, link.original)]


# --------------------------------------------------------------------------- claims


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request,
    state: State,
    facets: Annotated[ClaimFacets, Depends()],
    limit: Limit = None,
    offset: Offset = 0,
    after: After = None,
    before: After = None,
    start: Start = None,
) -> HTMLResponse:
    p = paging(state, limit, offset, after, before)
    corpus = state.corpus
    filters = facets.filters()
    sliced = corpus.claims_page(**filters, **p.cursors())
    rows = sliced.items
    total = partial(corpus.claims_total, **filters)
    cap = corpus.count_cap if filters["q"] else None
    shown = {}  # what the table shows beside each row: the chain, what each source rests on
    for row in rows:
        shown[row.id] = {
            "chain_text": chain_text(row.chain),
            "rests_on": [rests_on(u) for u in row.upstreams],
        }
    return page(
        state,
        request,
        "claims.html",
        rows=rows,
        shown=shown,
        filters=filters,
        statuses=STATUSES,
        sorts=CLAIM_SORTS,
        pager=pager("/claims", p, sliced, total, start, cap, **filters),
    )


@router.get("/claims/{claim_id:path}", response_class=HTMLResponse)
def claim(request: Request, state: State, claim_id: str) -> Response:
    corpus = state.corpus
    data = corpus.claim(claim_id)
    if isinstance(data, ClaimDetail) and data.cluster:
        return RedirectResponse(f"/claims/{quote(data.cluster, safe='')}", status_code=303)
    members = data.claims if isinstance(data, ClaimClusterDetail) else [data.claim]
    records = corpus.claim_records(m.key for m in members)
    return page(
        state,
        request,
        "claim.html",
        data=data,
        members=members,
        records=records,
        chain_text=chain_text,
        rests_on=rests_on,
    )


# --------------------------------------------------------------------------- entities


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    state: State,
    limit: Limit = None,
    offset: Offset = 0,
    after: After = None,
    before: After = None,
    start: Start = None,
    type: str | None = None,
    q: str | None = None,
) -> HTMLResponse:
    p = paging(state, limit, offset, after, before)
    corpus = state.corpus
    filters: dict[str, Any] = {"type": type or None, "q": q or None}
    shown = corpus.entities_page(**filters, **p.cursors())
    total = partial(corpus.entities_total, **filters)
    cap = corpus.count_cap if q else None
    return page(
        state,
        request,
        "entities.html",
        rows=shown.items,
        filters=filters,
        pager=pager("/entities", p, shown, total, start, cap, **filters),
    )


@router.get("/entities/{ref}", response_class=HTMLResponse)
def entity(request: Request, state: State, ref: str) -> HTMLResponse:
    data = state.corpus.entity(ref)
    claims = state.corpus.claims(entity=data.entity.id, min_sources=0, limit=20)
    return page(state, request, "entity.html", data=data, claims=claims)


@router.post("/entities/{ref}/merge")
def entity_merge(state: State, ref: str, other: Annotated[str, Form(min_length=1)]) -> Response:
    with state.write_lock:
        state.corpus.reload()
        result = state.corpus.merge(ref, other)
    target = _surviving(result, ref)
    return RedirectResponse(f"/entities/{quote(target, safe='')}?note=merged", status_code=303)


@router.post("/entities/{ref}/split")
def entity_split(
    state: State, ref: str, members: Annotated[list[str], Form(min_length=1)]
) -> Response:
    with state.write_lock:
        state.corpus.reload()
        result = state.corpus.split(ref, members)
    target = _surviving(result, ref)
    return RedirectResponse(f"/entities/{quote(target, safe='')}?note=split", status_code=303)


def _surviving(result: Judged, ref: str) -> str:
    """The entity to show after a judgement: the biggest one it produced, else the one asked."""
    made = sorted(result.entities, key=lambda e: (-len(e.members), e.id))
    return made[0].id if made else ref


# --------------------------------------------------------------------------- timeline, graph


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    state: State,
    entity: str | None = None,
    all_events: bool = False,
    limit: Limit = None,
    offset: Offset = 0,
    after: After = None,
    before: After = None,
    start: Start = None,
) -> HTMLResponse:
    p = paging(state, limit, offset, after, before)
    corpus = state.corpus
    filters: dict[str, Any] = {"entity": entity or None, "all_events": all_events}
    shown = corpus.timeline_page(**filters, **p.cursors())
    rows = shown.items
    total = partial(corpus.timeline_total, **filters)
    extra: dict[str, Any] = {"all_events": "true"} if all_events else {}
    listed = sorted({a for t in rows for a in t.articles[:6]})
    sites = {a.id: a.site for a in state.corpus.articles(ids=listed)} if listed else {}
    return page(
        state,
        request,
        "timeline.html",
        rows=rows,
        sites=sites,
        volume=state.corpus.volume(),
        entity=entity or "",
        all_events=all_events,
        unrealised=UNREALISED_STATUSES,
        events=state.corpus.stats().events,
        pager=pager("/timeline", p, shown, total, start, entity=entity or None, **extra),
    )


@router.get("/graph", response_class=HTMLResponse)
def graph(request: Request, state: State) -> HTMLResponse:
    settings = state.config.web
    data = state.corpus.graph(
        max_entities=settings.graph_max_entities,
        max_claims=settings.graph_max_claims,
        links_per_entity=settings.graph_links_per_entity,
    )
    g = elements(
        data,
        iterations=settings.graph_iterations,
        seed=settings.graph_seed,
        spacing=settings.graph_spacing,
        spread=settings.graph_spread,
        label_chars=settings.graph_label_chars,
    )
    return page(state, request, "graph.html", g=g, raw=data)


@router.get("/glossary", response_class=HTMLResponse)
def glossary(request: Request, state: State) -> HTMLResponse:
    from newsint.present.glossary import sections

    return page(state, request, "glossary.html", sections=sections())


# --------------------------------------------------------------------------- search


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    state: State,
    q: str = "",
    limit: Limit = None,
    offset: Offset = 0,
    after: After = None,
    before: After = None,
    start: Start = None,
) -> HTMLResponse:
    p = paging(state, limit, offset, after, before)
    q = q.strip()[:200]
    corpus = state.corpus
    shown = corpus.search_page(q, **p.cursors()) if q else Slice([], None)
    rows = shown.items
    total = partial(corpus.search_total, q) if q else 0
    found = corpus.entities(q=q, limit=10) if q else []
    return page(
        state,
        request,
        "search.html",
        q=q,
        rows=rows,
        found=found,
        pager=pager("/search", p, shown, total, start, corpus.count_cap, q=q),
    )


# --------------------------------------------------------------------------- adding articles


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request, state: State) -> HTMLResponse:
    return page(state, request, "add.html", error=None, form={})


@router.post("/add")
def add(
    request: Request,
    state: State,
    kind: Annotated[str, Form(pattern="^(text|html|url)$")],
    body: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
) -> Response:
    form = {"kind": kind, "body": body, "url": url, "title": title, "published": published}
    try:
        upload = NewArticle(
            text=body if kind == "text" and body.strip() else None,
            html=body if kind == "html" and body.strip() else None,
            url=url.strip() or None,
            title=title.strip() or None,
            published=published.strip() or None,
        )
    except ValueError:
        return _add_error(request, state, form, "Paste a text or HTML, or give a URL.")
    try:
        analysis = read_upload(state, upload)
        with state.write_lock:
            summary = state.corpus.add([analysis], engine=state.engine)
    except NewsintError as exc:
        return _add_error(request, state, form, exc.line())
    if summary.failed:
        return _add_error(request, state, form, summary.failed[0].message)
    note = "updated" if summary.updated else "added" if summary.added else "unchanged"
    aid = quote(analysis.article.id, safe="")
    return RedirectResponse(f"/articles/{aid}?note={note}", status_code=303)


def _add_error(request: Request, state: WebState, form: dict[str, str], error: str) -> Response:
    response = page(state, request, "add.html", error=error, form=form)
    response.status_code = 400
    return response


# --------------------------------------------------------------------------- login, docs


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, state: State, next: str = "/") -> HTMLResponse:
    return page(state, request, "login.html", next=_local(next), error=None)


@router.post("/login")
def login(
    request: Request,
    state: State,
    token: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    if state.token is None:
        return RedirectResponse(_local(next), status_code=303)
    if not hmac.compare_digest(token.strip().encode(), state.token.encode()):
        response = page(
            state, request, "login.html", next=_local(next), error="That token is not right."
        )
        response.status_code = 401
        return response
    response = RedirectResponse(_local(next), status_code=303)
    assert state.session is not None
    response.set_cookie(
        SESSION_COOKIE,
        state.session,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _local(target: str) -> str:
    """Only a path on this server may be a redirect target (no //host, no scheme)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request, state: State) -> HTMLResponse:
    return HTMLResponse(state.templates.render("docs.html"))
