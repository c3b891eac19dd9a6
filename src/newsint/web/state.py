"""What the web routes share, below the app and its routers: the state (corpus, settings, the
write lock, the templates), its token check, and the request helpers both routers use.

app.py builds the FastAPI application and includes the routers of api.py and ui.py; those import
this module, never app.py, so the web package has no import circle.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import threading
from pathlib import Path
from typing import Any

from fastapi import Request

from newsint.config import Config
from newsint.corpus.api import Corpus
from newsint.errors import NewsintError
from newsint.web.render import Templates

HERE = Path(__file__).parent
SESSION_COOKIE = "newsint_session"


class Invalid(NewsintError):
    """A request parameter out of range (answered 422, like a validation error)."""

    code = "invalid"


# A query value written as a whole number (digits, an optional sign): the only kind that may
# overflow a database integer.
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")


def bounded_numbers(request: Request) -> None:
    """Every whole number in a query string within [web] max_query_number (else 422): Python
    reads any size, the database does not ("offset=99999999999999999999999" answered 500)."""
    state: WebState = request.app.state.web
    largest = state.config.web.max_query_number
    for name, value in request.query_params.multi_items():
        value = value.strip()
        if not _WHOLE_NUMBER.fullmatch(value):
            continue
        digits = value.lstrip("+-").lstrip("0")
        if len(digits) > len(str(largest)) or abs(int(value)) > largest:
            shown = value if len(value) <= 30 else value[:27] + "…"
            raise Invalid(name, f"{shown} is out of range", f"give a number up to {largest:,}")


def session_value(token: str) -> str:
    """What the session cookie holds: derived from the token, so the cookie is not the token."""
    return hmac.new(token.encode("utf-8"), b"newsint-web-session", hashlib.sha256).hexdigest()


def is_loopback_host(host: str) -> bool:
    """Whether a host name or address (as in a Host header, without the port) is loopback."""
    host = host.strip().strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_of(header: str) -> str:
    """The host part of a Host header value ("[::1]:8000" -> "::1")."""
    header = header.strip()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class WebState:
    """What the routes share: the corpus, settings, and the lock that serialises writes."""

    def __init__(
        self, corpus: Corpus, token: str | None, allow_private: bool, config: Config
    ) -> None:
        self.corpus = corpus
        self.token = token
        self.session = session_value(token) if token else None
        self.allow_private = allow_private
        self.config = config
        self.write_lock = threading.Lock()
        self._engine: Any = None
        self.templates = Templates(HERE / "templates")

    def render(self, request: Request, template: str, **context: Any) -> str:
        """A page, with what every page's frame needs (the state, the path, the note)."""
        base: dict[str, Any] = {
            "request": request,
            "web": self,
            "note": None,
            "path": request.url.path,
            "snippet": self.config.web.snippet_chars,
        }
        return self.templates.render(template, **{**base, **context})

    @property
    def engine(self) -> Any:
        """The analysis engine for uploaded articles, built on first use (spaCy loads once)."""
        if self._engine is None:
            from newsint.engines.local import LocalEngine

            self._engine = LocalEngine(self.config, jobs=1)
        return self._engine

    def authorised(self, request: Request) -> bool:
        if self.token is None:
            return True
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() == "bearer" and given:
            return hmac.compare_digest(given.strip().encode(), self.token.encode())
        cookie = request.cookies.get(SESSION_COOKIE, "")
        assert self.session is not None
        return bool(cookie) and hmac.compare_digest(cookie.encode(), self.session.encode())
