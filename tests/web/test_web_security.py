"""Security: the token, loopback-only hosts, cross-site writes refused, headers on every answer,
and scraped text escaped on every page (parsed, not grepped)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsint.corpus.api import Corpus
from newsint.model import Claim, Grade, Removal, Segment, Source, TextSpan
from newsint.web.render import safe_href
from newsint.web.state import is_loopback_host
from webcorpus import build, make_client, write_jsonl

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TOKEN = "correct-horse-battery-staple-42"
PAYLOAD = '"><img src=x onerror=alert(1)><script>alert(2)</script><svg onload=alert(3)>'


# --------------------------------------------------------------------------- token


@pytest.fixture
def guarded(web_db: Path, clients):
    with clients(web_db, token=TOKEN) as client:
        yield client


@pytest.mark.parametrize("path", ["/api/stats", "/api/articles", "/openapi.json"])
def test_api_without_the_token_is_401(guarded: TestClient, path: str) -> None:
    response = guarded.get(path)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "unauthorized"


def test_bearer_token(guarded: TestClient) -> None:
    wrong = guarded.get("/api/stats", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    right = guarded.get("/api/stats", headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200 and right.json()["articles"] == 4


def test_pages_send_you_to_login_and_the_cookie_lets_you_in(guarded: TestClient) -> None:
    docs = guarded.get("/docs", follow_redirects=False)
    assert docs.status_code == 303 and docs.headers["location"] == "/login?next=%2Fdocs"
    response = guarded.get("/claims?status=denied", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fclaims%3Fstatus%3Ddenied"
    assert guarded.get("/static/newsint.css").status_code == 200  # our CSS, no data
    form = guarded.get("/login?next=/claims")
    assert form.status_code == 200 and 'name="token"' in form.text
    bad = guarded.post("/login", data={"token": "guess", "next": "/claims"})
    assert bad.status_code == 401 and "not right" in bad.text
    good = guarded.post("/login", data={"token": TOKEN, "next": "/claims"}, follow_redirects=False)
    assert good.status_code == 303 and good.headers["location"] == "/claims"
    cookie = good.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    assert TOKEN not in cookie  # the cookie is derived from the token, not the token
    page = guarded.get("/claims")
    assert page.status_code == 200 and "Kerrow bridge" in page.text
    assert TOKEN not in page.text
    assert guarded.get("/api/stats").status_code == 200  # the cookie works for the API too
    guarded.post("/logout")
    assert guarded.get("/api/stats").status_code == 401


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example", "\\\\evil"])
def test_login_never_redirects_off_site(guarded: TestClient, target: str) -> None:
    response = guarded.post("/login", data={"token": TOKEN, "next": target}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_with_a_token_any_host_name_is_served(web_db: Path, clients) -> None:
    with clients(web_db, base_url="http://newsint.lan:8000", token=TOKEN) as client:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        assert client.get("/api/stats", headers=headers).status_code == 200


def test_an_empty_token_is_refused(web_db: Path) -> None:
    from newsint.errors import NewsintError
    from newsint.web import create_app

    with pytest.raises(NewsintError, match="empty"):
        create_app(web_db, token="  ")


# --------------------------------------------------------------------------- hosts and origins


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("app.localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("evil.example", False),
        ("localhost.evil.example", False),
    ],
)
def test_loopback_host_names(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


@pytest.mark.parametrize(
    ("host", "status"),
    [("127.0.0.1:8000", 200), ("localhost:8000", 200), ("[::1]:8000", 200), ("evil.example", 403)],
)
def test_without_a_token_only_loopback_names_are_answered(
    client: TestClient, host: str, status: int
) -> None:
    # A page that rebinds its own DNS name to 127.0.0.1 arrives with that name in Host.
    assert client.get("/api/stats", headers={"Host": host}).status_code == status


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
@pytest.mark.parametrize("path", ["/api/entities/merge", "/entities/Kerrow/merge", "/add"])
def test_cross_site_writes_are_refused(writer: TestClient, headers: dict, path: str) -> None:
    response = writer.post(path, json={"a": "Kerrow", "b": "Malden"}, headers=headers)
    assert response.status_code == 403
    assert writer.get("/api/judgements").json()["total"] == 0


def test_same_origin_writes_pass(writer: TestClient) -> None:
    response = writer.post(
        "/api/entities/merge",
        json={"a": "Kerrow", "b": "Malden"},
        headers={"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 200


# --------------------------------------------------------------------------- headers


@pytest.mark.parametrize(
    "path", ["/", "/api/stats", "/static/newsint.js", "/nothing", "/api/nothing", "/docs"]
)
def test_security_headers_on_every_answer(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


# --------------------------------------------------------------------------- escaping


class Elements(HTMLParser):
    """Every element and attribute a page really creates."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.json_blocks: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_json = tag == "script" and dict(attrs).get("type") == "application/json"

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self.json_blocks.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_json = False


SVG_OURS = {"svg", "g", "line", "a", "title", "circle", "rect", "polygon", "text"}


def assert_inert(html: str, path: str) -> Elements:
    page = Elements()
    page.feed(html)
    for tag, attrs in page.tags:
        assert tag not in {"img", "iframe", "object", "embed", "base", "meta"} or (
            tag == "meta" and set(attrs) <= {"charset", "name", "content"}
        ), (path, tag, attrs)
        if tag == "svg":
            assert path == "/graph" or attrs.get("class") == "key", (path, attrs)
        if tag == "script":
            src = attrs.get("src") or ""
            assert src.startswith("/static/") or attrs.get("type") == "application/json"
        for name, value in attrs.items():
            assert not name.startswith("on"), (path, tag, name)
            if name in {"href", "src", "action", "formaction", "xlink:href"}:
                assert not (value or "").strip().lower().startswith(("javascript:", "data:"))
    for block in page.json_blocks:
        assert "<" not in block and ">" not in block  # tojson escapes them
    return page


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory):
    """A corpus whose every field carries a payload: title, site, author, URL, entity names,
    claim text, speaker, chain, grade reasons, cleaning removals."""
    text = (
        f"The mayor {PAYLOAD} said on Friday that the Kerrow bridge will reopen. "
        f"Residents of Kerrow doubted it."
    )
    names = [(PAYLOAD, "PERSON"), ("Kerrow", "GPE")]
    a = build(
        text,
        url="javascript:alert(4)",
        site=PAYLOAD,
        published="2025-03-07T09:00:00",
        title=f"Bridge {PAYLOAD}",
        names=names,
    )
    a.article.author = PAYLOAD
    start = text.index("the Kerrow bridge will reopen")
    end = start + len("the Kerrow bridge will reopen")
    payload_at = text.index(PAYLOAD)
    speaker = Source(
        text=PAYLOAD, kind="person", start=payload_at, end=payload_at + len(PAYLOAD), name=PAYLOAD
    )
    a.claims = [
        Claim(
            id="clm_hostile",
            content=TextSpan(start=start, end=end, text=text[start:end]),
            source=speaker,
            chain=[Source(text="the article", kind="article"), speaker],
            kind="indirect",
            grade=Grade(reliability="C", credibility=3, reasons=[PAYLOAD]),
        )
    ]
    a.raw = PAYLOAD + "\n" + text
    a.offsets = [Segment(clean=0, raw=len(PAYLOAD) + 1, length=len(text))]
    a.cleaning = [Removal(start=0, end=len(PAYLOAD), reason="boilerplate", text=PAYLOAD)]
    b = build(
        text,
        url="https://copy.example/bridge",
        site="Copy Daily",
        published="2025-03-08T09:00:00",
        title=f"Bridge {PAYLOAD}",
        names=names,
    )
    b.claims = [a.claims[0].model_copy(update={"id": "clm_hostile2"})]
    other = build(
        "A quiet day in Malden.",
        url="https://quiet.example/",
        site="Quiet",
        published="2025-03-01T09:00:00",
        title="Quiet",
        names=[("Malden", "GPE")],
    )
    folder = tmp_path_factory.mktemp("hostile")
    path = write_jsonl(folder / "hostile.jsonl", [a, b, other])
    db = folder / "hostile.db"
    with Corpus(db) as corpus:
        assert corpus.ingest([str(path)]).added == 3
    with make_client(db) as client:
        yield client, a.article.id


def test_every_page_shows_payloads_as_text(hostile_client) -> None:
    client, article = hostile_client
    paths = ["/", "/stories", "/articles", f"/articles/{article}", "/claims?min_sources=0"]
    paths += ["/entities", "/timeline", "/graph", "/search?q=bridge", "/add"]
    stories = client.get("/api/stories").json()["items"]
    paths += [f"/stories/{s['id']}" for s in stories]
    claims = client.get("/api/claims?min_sources=0").json()["items"]
    paths += [f"/claims/{c['id']}" for c in claims]
    entities = client.get("/api/entities").json()["items"]
    paths += [f"/entities/{e['id']}" for e in entities]
    escaped = 0
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        assert_inert(response.text, path)
        if "&lt;script&gt;alert(2)&lt;/script&gt;" in response.text:
            escaped += 1
    assert escaped >= 8  # the payload is on most pages, always as text


def test_the_article_page_keeps_the_payload_visible_and_inert(hostile_client) -> None:
    client, article = hostile_client
    html = client.get(f"/articles/{article}").text
    page = assert_inert(html, "/articles")
    assert "javascript:alert(4)" in html  # the URL is shown as text ...
    assert not any(a.get("href", "").startswith("javascript") for _, a in page.tags)  # not a link
    assert html.count("&lt;svg onload=alert(3)&gt;") >= 3  # title, text, removal, …


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        (" https://example.org/x ", "https://example.org/x"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("//evil.example/x", None),
        ("/local/path", None),
        ("https://", None),
        ("http://[::1", None),
        (None, None),
        ("", None),
    ],
)
def test_safe_href(url: str | None, link: str | None) -> None:
    assert safe_href(url) == link
