"""Fetch article and feed URLs safely: public addresses only, bounded size and time.

A URL found in a feed or a pasted list must not make newsint reach into the analyst's own
network (server-side request forgery). Every host is resolved here, every address it resolves
to is checked, and the connection goes to the checked address (so DNS cannot answer differently
a moment later); redirects are followed by hand and each hop is checked again.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from newsint.config import Fetch
from newsint.errors import FetchProblem, Refused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]
Screen = Callable[[IPAddress], str | None]

REDIRECTS = {301, 302, 303, 307, 308}


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host:port (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_problem(ip: IPAddress) -> str | None:
    """Why an address is not a public internet address, or None when it is."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("not globally routable", not ip.is_global),
    )
    for name, hit in checks:
        if hit:
            return name
    return None


@dataclass
class Fetched:
    """A fetched resource: where it ended up, what it says it is, and its bytes."""

    url: str  # the final URL after redirects
    status: int
    content_type: str
    body: bytes
    redirects: list[str] = field(default_factory=list)
    charset: str | None = None  # the Content-Type header's charset, if the server gave one


def _charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header value ("text/html; charset=utf-8")."""
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def is_url(text: str) -> bool:
    return urlsplit(text).scheme.lower() in {"http", "https"}


class Fetcher:
    """Fetches http(s) URLs under the [fetch] limits; one instance per ingest run."""

    def __init__(
        self,
        settings: Fetch,
        *,
        allow_private: bool | None = None,
        resolver: Resolver = system_resolver,
        screen: Screen = address_problem,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.allow_private = settings.allow_private if allow_private is None else allow_private
        self.resolver = resolver
        self.screen = screen
        self.client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(
                settings.read_timeout, connect=settings.connect_timeout, pool=settings.read_timeout
            ),
            # identity: the size limit then counts bytes on the wire, so a small gzip bomb cannot
            # inflate inside the decoder before the limit sees it.
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "identity"},
            transport=transport,
            trust_env=False,  # a proxy from the environment would bypass the address checks
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- checks

    def _target(self, url: str) -> tuple[str, str, str | None]:
        """(URL to connect to, Host header, TLS server name) after checking the address."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in {"http", "https"}:
            raise Refused(
                url, f"the scheme {scheme or '(none)'!r} is not fetched", "give an http(s) URL"
            )
        host = parts.hostname
        if not host:
            raise Refused(url, "the URL has no host", "give a full URL like https://site/page")
        if parts.username or parts.password:
            raise Refused(url, "the URL carries a user name or password", "remove the credentials")
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError as exc:
            raise Refused(url, f"bad port ({exc})", "fix the URL") from exc
        try:
            literal: IPAddress | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if literal is not None:
            addresses = [str(literal)]
        else:
            try:
                addresses = self.resolver(host, port)
            except (OSError, UnicodeError) as exc:
                raise FetchProblem(
                    url, f"cannot resolve {host} ({exc})", "check the host name and the network"
                ) from exc
            if not addresses:
                raise FetchProblem(url, f"{host} has no address", "check the host name")
        chosen: str | None = None
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
            problem = self.screen(ip)
            if problem and not self.allow_private:
                # One bad address is enough to refuse: DNS may hand out any of them.
                raise Refused(
                    url,
                    f"{host} resolves to {ip}, a {problem} address",
                    "newsint only fetches public addresses; use --allow-private for your own "
                    "network",
                )
            chosen = chosen or str(ip)
        assert chosen is not None
        netloc = f"[{chosen}]" if ":" in chosen else chosen
        if parts.port:
            netloc += f":{parts.port}"
        connect = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
        host_header = host if not parts.port else f"{host}:{parts.port}"
        if ":" in host and literal is not None:
            host_header = f"[{host}]" + (f":{parts.port}" if parts.port else "")
        return connect, host_header, (host if scheme == "https" and literal is None else None)

    def _content_type(self, url: str, response: httpx.Response) -> str:
        ctype = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if ctype and ctype not in self.settings.content_types:
            raise FetchProblem(
                url,
                f"the server sent {ctype}, not a web page or feed",
                "give the URL of an article page or a feed",
            )
        return ctype

    # ---- fetching

    def fetch(self, url: str) -> Fetched:
        """GET a URL, following checked redirects, within the size and time limits."""
        deadline = time.monotonic() + self.settings.total_timeout
        original = url
        hops: list[str] = []
        for _ in range(self.settings.max_redirects + 1):
            connect, host_header, sni = self._target(url)
            extensions = {"sni_hostname": sni} if sni else {}
            request = self.client.build_request(
                "GET", connect, headers={"Host": host_header}, extensions=extensions
            )
            try:
                response = self.client.send(request, stream=True)
            except httpx.TimeoutException as exc:
                raise FetchProblem(
                    url, "timed out", "try again later or raise fetch timeouts"
                ) from exc
            except httpx.HTTPError as exc:
                raise FetchProblem(
                    url,
                    f"cannot connect ({type(exc).__name__}: {exc})",
                    "check the URL and network",
                ) from exc
            try:
                if response.status_code in REDIRECTS and "location" in response.headers:
                    hops.append(url)
                    url = urljoin(url, response.headers["location"])
                    continue
                if response.status_code >= 400:
                    raise FetchProblem(
                        url,
                        f"the server answered {response.status_code} {response.reason_phrase}",
                        "check the URL in a browser",
                    )
                ctype = self._content_type(url, response)
                body = self._read(url, response, deadline)
                charset = _charset(response.headers.get("content-type", ""))
                return Fetched(url, response.status_code, ctype, body, hops, charset)
            finally:
                response.close()
        raise FetchProblem(
            original,
            f"more than {self.settings.max_redirects} redirects",
            "give the final URL, or raise fetch.max_redirects",
        )

    def _read(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchProblem(
                url,
                f"{int(declared):,} bytes is over the {limit:,}-byte limit",
                "raise fetch.max_bytes",
            )
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchProblem(
                        url, f"more than {limit:,} bytes", "raise fetch.max_bytes if it is genuine"
                    )
                if time.monotonic() > deadline:
                    raise FetchProblem(
                        url,
                        f"took longer than {self.settings.total_timeout:g} s",
                        "try again later or raise fetch.total_timeout",
                    )
                chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise FetchProblem(url, "timed out while reading", "try again later") from exc
        except httpx.HTTPError as exc:
            raise FetchProblem(url, f"download failed ({type(exc).__name__})", "try again") from exc
        return b"".join(chunks)
