"""The FastAPI application: REST API under /api, server-rendered UI elsewhere, one security layer.

Security model (docs/web.md): scraped text is data, so every template autoescapes and no page
runs inline script (the Content-Security-Policy forbids it, so an injected payload that slipped
through would still not run). Bound to loopback the app answers only requests addressed to a
loopback host name (a DNS-rebinding page cannot reach it); with a token every request must carry
it (Bearer header or the session cookie set by /login). State-changing requests from another
site are refused (Origin / Sec-Fetch-Site checks), so a web page cannot merge entities for you.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsint.config import Config
from newsint.corpus.api import Corpus
from newsint.errors import FetchProblem, NewsintError, Refused, StoreError
from newsint.version import __version__
from newsint.web.state import (
    HERE,
    WebState,
    bounded_numbers,
    host_of,
    is_loopback_host,
)

log = logging.getLogger("newsint.web")


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
# Paths answered without a token: the login form itself and our own CSS/JS (no corpus data).
PUBLIC_PREFIXES = ("/login", "/static/")
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# HTTP status -> error code in the JSON error body.
STATUS_CODES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid",
    500: "internal",
    502: "fetch",
    503: "unavailable",
}


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json"


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


# The environment variable that hands `newsint serve`'s settings to its server processes.
SERVE_ENV = "NEWSINT_SERVE_SETTINGS"


def server_processes(workers: int | None, config: Config) -> int:
    """--workers, else [web] workers; 0 means one per CPU core, at least 2."""
    n = config.web.workers if workers is None else workers
    if n <= 0:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        n = max(2, cores or 1)
    return n


def serve_settings(
    db: str, token: str | None, allow_private: bool, config: os.PathLike[str] | str | None
) -> dict[str, str]:
    """What every server process needs to build the same app (see from_environment)."""
    settings = {
        "db": db,
        "token": token,
        "allow_private": allow_private,
        "config": str(config) if config else None,
    }
    return {SERVE_ENV: json.dumps(settings)}


def from_environment() -> FastAPI:
    """The app of one `newsint serve --workers N` process, from the settings serve left."""
    from newsint.config import load_config

    raw = os.environ.get(SERVE_ENV)
    if not raw:
        raise RuntimeError(f"{SERVE_ENV} is not set: start the server with `newsint serve`")
    settings = json.loads(raw)
    config = load_config(Path(settings["config"]) if settings["config"] else None)
    return create_app(
        settings["db"],
        token=settings["token"],
        allow_private=bool(settings["allow_private"]),
        config=config,
    )


def create_app(
    corpus: Corpus | str | os.PathLike[str] | None = None,
    *,
    token: str | None = None,
    allow_private: bool = False,
    config: Config | None = None,
) -> FastAPI:
    """The web app over a corpus (a Corpus or a database path/URL).

    `token`: when given, every request must carry it; `newsint serve` insists on one when bound
    beyond loopback. `allow_private`: POST /api/articles may fetch URLs on private addresses."""
    if not isinstance(corpus, Corpus):
        corpus = Corpus(corpus, config)
    config = config or corpus.config
    if token is not None and not token.strip():
        raise NewsintError("--token", "the token is empty", "give a long random string")
    state = WebState(corpus, token, allow_private, config)

    app = FastAPI(
        title="newsint",
        version=__version__,
        summary="News intelligence over a corpus: stories, copies, sourced claims, entities.",
        description=(
            "REST API of `newsint serve`. Lists are paginated with `limit` and `offset` and "
            "answer `{items, total, limit, offset}`. Errors answer "
            '`{"error": {"code", "message"}}`. When the server was started with a token, send '
            "`Authorization: Bearer TOKEN`."
        ),
        docs_url=None,  # our own /docs page: vendored Swagger UI, no CDN, no inline script
        redoc_url=None,
    )
    app.state.web = state

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        response = await _check(request, state)
        if response is None:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(NewsintError)
    async def newsint_error(request: Request, exc: NewsintError) -> Response:
        status = _status_of(exc)
        return _error(request, status, exc.code, exc.line(), state, fix=exc.fix)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {
                "where": ".".join(str(p) for p in err.get("loc", ())),
                "message": str(err.get("msg", "")),
            }
            for err in exc.errors()
        ]
        message = "; ".join(f"{d['where']}: {d['message']}" for d in details) or "invalid request"
        return _error(request, 422, "invalid", message, state, details=details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code
        headers = getattr(exc, "headers", None)
        response = _error(request, exc.status_code, code, message, state)
        if headers:
            response.headers.update(headers)
        return response

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("error while answering %s %s", request.method, request.url.path)
        return _error(
            request, 500, "internal", "internal error; the server log has the details", state
        )

    from newsint.web.api import router as api_router
    from newsint.web.ui import router as ui_router

    # every whole-number query parameter of every route is bounded (422, never a 500)
    app.include_router(api_router, dependencies=[Depends(bounded_numbers)])
    app.include_router(ui_router, dependencies=[Depends(bounded_numbers)])
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


async def _check(request: Request, state: WebState) -> Response | None:
    """The answer to a request refused before routing, or None to let it through."""
    path = request.url.path
    host = host_of(request.headers.get("host", ""))
    if state.token is None and not is_loopback_host(host):
        # Without a token the server is only for this machine: a page on another site that
        # rebinds its DNS name to 127.0.0.1 arrives with its own name in Host and is refused.
        return _error(
            request,
            403,
            "forbidden",
            f"this server answers only loopback host names, not {host!r}; "
            "start it with a token to serve other hosts",
            state,
        )
    if request.method in UNSAFE_METHODS and _cross_site(request):
        return _error(request, 403, "forbidden", "cross-site request refused", state)
    if not (path.startswith(PUBLIC_PREFIXES) or state.authorised(request)):
        return _unauthorised(request)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > state.config.web.max_body_bytes:
        limit = state.config.web.max_body_bytes
        return _error(
            request, 413, "too-large", f"the request is over the {limit:,}-byte limit", state
        )
    return None


def _unauthorised(request: Request) -> Response:
    path = request.url.path
    if wants_json(request):
        return JSONResponse(
            error_body("unauthorized", "a valid token is required (Bearer header)"),
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    target = path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def _cross_site(request: Request) -> bool:
    """A browser request to change something that another site made."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in {"same-origin", "none"}:
        return True
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower()


def _status_of(exc: NewsintError) -> int:
    if exc.code == "not-found":
        return 404
    if isinstance(exc, Refused):
        return 403
    if isinstance(exc, FetchProblem):
        return 502
    if isinstance(exc, StoreError):
        return 503
    if exc.code == "too-large":
        return 413
    if exc.code in ("invalid", "analysis", "over-budget", "date"):
        return 422
    return 400


def _error(
    request: Request, status: int, code: str, message: str, state: WebState, **extra: Any
) -> Response:
    if wants_json(request):
        return JSONResponse(error_body(code, message, **extra), status_code=status)
    html = state.render(request, "error.html", status=status, code=code, message=message)
    return HTMLResponse(html, status_code=status)
