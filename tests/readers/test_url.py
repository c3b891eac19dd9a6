"""URL fetching against a server on 127.0.0.1 inside the test: no network is used."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsint.config import Config, Fetch
from newsint.errors import FetchProblem, Refused
from newsint.readers.url import Fetcher, address_problem

PAGE = b"<html><body><p>A page served to the test.</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    seen_hosts: list[str] = []  # noqa: RUF012 - shared on purpose: the test reads what was sent

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(
        self, status: int, body: bytes, ctype: str = "text/html", length: bool = True
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.seen_hosts.append(self.headers.get("Host", ""))
        path = self.path
        if path == "/page":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif path == "/feed":
            self._send(200, b"<rss version='2.0'><channel></channel></rss>", "application/rss+xml")
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4", "application/pdf")
        elif path == "/missing":
            self._send(404, b"no")
        elif path == "/big":
            self._send(200, b"x" * 5000)
        elif path == "/big-chunked":
            self._send(200, b"x" * 5000, length=False)
            self.close_connection = True
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE)
        elif path.startswith("/redirect-to/"):
            self.send_response(302)
            self.send_header("Location", path.removeprefix("/redirect-to/").replace("|", "/"))
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, b"unknown")


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client hanging up on /slow and /big is the point of those tests


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def settings(config: Config, **changes: object) -> Fetch:
    return config.fetch.model_copy(update=changes)


def test_local_page_fetched_only_with_allow_private(server: str, config: Config) -> None:
    url = f"http://{server}/page"
    with Fetcher(config.fetch, allow_private=True) as fetcher:
        got = fetcher.fetch(url)
    assert got.body == PAGE
    assert got.content_type == "text/html"
    assert got.url == url
    with Fetcher(config.fetch) as fetcher, pytest.raises(Refused, match="loopback"):
        fetcher.fetch(url)


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/pdf", "application/pdf"),
        ("/missing", "404"),
        ("/big", "5,000 bytes is over"),
        ("/big-chunked", "more than 1,000 bytes"),
        ("/slow", "timed out"),
        ("/loop", "more than 5 redirects"),
    ],
)
def test_fetch_problems_are_clear(server: str, config: Config, path: str, problem: str) -> None:
    fetch = settings(config, max_bytes=1000, read_timeout=0.5)
    with Fetcher(fetch, allow_private=True) as fetcher, pytest.raises(FetchProblem) as info:
        fetcher.fetch(f"http://{server}{path}")
    assert problem in info.value.problem
    assert info.value.fix  # every error says what to do


def fake_resolver(table: dict[str, list[str]]):
    def resolve(host: str, port: int) -> list[str]:
        return table[host]

    return resolve


def public_loopback(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Treat the test server's 127.0.0.1 as a public address; everything else as usual."""
    return None if str(ip) == "127.0.0.1" else address_problem(ip)


def test_host_header_and_every_redirect_hop_checked(server: str, config: Config) -> None:
    port = server.split(":")[1]
    resolver = fake_resolver({"public.test": ["127.0.0.1"], "internal.test": ["10.0.0.7"]})
    with Fetcher(config.fetch, resolver=resolver, screen=public_loopback) as fetcher:
        Handler.seen_hosts.clear()
        got = fetcher.fetch(f"http://public.test:{port}/page")
        assert got.body == PAGE
        assert Handler.seen_hosts == [f"public.test:{port}"]
        # a public page redirecting into the private network is refused at the second hop
        with pytest.raises(Refused, match=r"10\.0\.0\.7, a private address"):
            fetcher.fetch(f"http://public.test:{port}/redirect-to/http:||internal.test|admin")
        # a redirect to another public page is followed
        got = fetcher.fetch(f"http://public.test:{port}/redirect-to/|page")
        assert got.body == PAGE and len(got.redirects) == 1


@pytest.mark.parametrize(
    ("addresses", "problem"),
    [
        (["10.1.2.3"], "private"),
        (["192.168.0.10"], "private"),
        (["169.254.169.254"], "link-local"),
        (["127.0.0.53"], "loopback"),
        (["::1"], "loopback"),
        (["::ffff:127.0.0.1"], "loopback"),
        (["fe80::1"], "link-local"),
        (["224.0.0.251"], "multicast"),
        (["0.0.0.0"], "unspecified"),
        (["100.64.0.1"], "not globally routable"),
        (["93.184.215.14", "10.0.0.1"], "private"),  # one bad address among good ones is enough
    ],
)
def test_private_addresses_refused(config: Config, addresses: list[str], problem: str) -> None:
    fetcher = Fetcher(config.fetch, resolver=fake_resolver({"news.test": addresses}))
    with fetcher, pytest.raises(Refused) as info:
        fetcher.fetch("http://news.test/article")
    assert f"a {problem} address" in info.value.problem
    assert "--allow-private" in info.value.fix


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://files.test/a.txt", "scheme 'ftp'"),
        ("file:///etc/passwd", "scheme 'file'"),
        ("http://user:secret@news.test/", "password"),
        ("http:///nohost", "no host"),
    ],
)
def test_refused_urls(config: Config, url: str, problem: str) -> None:
    fetcher = Fetcher(config.fetch, resolver=fake_resolver({}))
    with fetcher, pytest.raises(Refused) as info:
        fetcher.fetch(url)
    assert problem in info.value.problem


@pytest.mark.parametrize(
    ("address", "public"),
    [("93.184.215.14", True), ("2606:4700:4700::1111", True), ("10.0.0.1", False)],
)
def test_address_problem(address: str, public: bool) -> None:
    assert (address_problem(ipaddress.ip_address(address)) is None) == public


def test_unresolvable_host(config: Config) -> None:
    def fail(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    fetcher = Fetcher(config.fetch, resolver=fail)
    with fetcher, pytest.raises(FetchProblem, match=r"cannot resolve nowhere\.test"):
        fetcher.fetch("https://nowhere.test/")
