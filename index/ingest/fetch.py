"""The one module that fetches over HTTP (httpx): pages for `/add`, feeds for polling.

Anyone who may `/add` can make the bot's host request a URL, so a fetch is bounded and
kept off the host's own network: http(s) only; the host is resolved and every address it
has is checked (`ipaddress`): loopback, private, multicast and reserved addresses are
refused unless ALLOW_PRIVATE_URLS=1, link-local ones (169.254.169.254 is the cloud metadata
service) always; redirects are followed by hand, each hop checked the same way; timeouts
bound each step and the whole fetch; the body is read in pieces and abandoned past
MAX_BYTES, whatever Content-Length claims. (httpx resolves the host again to connect, so a
DNS answer that changes between the check and the connection is not caught.)
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from ..errors import DiscordantError

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024  # as for corpus files: a news page is well under 1 MB
MAX_REDIRECTS = 5
CONNECT_SECONDS, READ_SECONDS, TOTAL_SECONDS = 5.0, 10.0, 30.0
USER_AGENT = "discordant/0.1 (a news question bot)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml", "application/feed+json", "application/json", *HTML_TYPES,
              "text/plain")


class FetchError(DiscordantError):
    """A URL that cannot or may not be fetched; the message says why."""


@dataclass(frozen=True)
class Response:
    """A fetched body (None when the server answered 304 Not Modified)."""

    url: str
    status: int
    body: bytes | None
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)


def check_url(url: str, allow_private: bool) -> str:
    """The URL if it may be fetched, else FetchError naming the reason."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"Only http:// and https:// URLs can be added, not "
                         f"{parts.scheme or 'a bare'}:{'//' if parts.netloc else ''}… URLs.")
    if not parts.hostname:
        raise FetchError(f"{url!r} names no host: give the article's full address.")
    for address in resolve(parts.hostname, parts.port or 0):
        if address.is_link_local:  # cloud metadata (169.254.169.254): never, whatever is set
            raise FetchError(f"{parts.hostname} is a link-local address ({address}), where "
                             "cloud metadata and device settings live: it is never fetched.")
        if not allow_private and (not address.is_global or address.is_multicast):
            raise FetchError(
                f"{parts.hostname} is a {_kind(address)} address ({address}): only public "
                "sites can be added (ALLOW_PRIVATE_URLS=1 lifts this on a trusted setup).")
    return url.strip()


def resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port or None, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"{host} cannot be found ({exc.strerror}): check the address.") from None
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def _kind(address) -> str:
    for name in ("loopback", "link_local", "private", "multicast", "reserved", "unspecified"):
        if getattr(address, f"is_{name}", False):
            return name.replace("_", "-")
    return "non-public"


def fetch(url: str, *, allow_private: bool = False, accept: tuple[str, ...] = HTML_TYPES,
          headers: dict[str, str] | None = None, max_bytes: int = MAX_BYTES) -> Response:
    """GET a URL within the limits above; `headers` may carry If-None-Match and
    If-Modified-Since (a 304 comes back with body None)."""
    import httpx

    deadline = time.monotonic() + TOTAL_SECONDS
    timeout = httpx.Timeout(READ_SECONDS, connect=CONNECT_SECONDS)
    sent = {"User-Agent": USER_AGENT, "Accept": ", ".join(accept), **(headers or {})}
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            url = check_url(url, allow_private)
            try:
                with client.stream("GET", url, headers=sent) as reply:
                    if reply.is_redirect and reply.headers.get("location"):
                        url = urljoin(url, reply.headers["location"])
                        continue
                    return _read(reply, url, accept, max_bytes, deadline)
            except httpx.HTTPError as exc:
                raise FetchError(f"{url} could not be fetched ({type(exc).__name__}: {exc}).") \
                    from None
    raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times.")


def _read(reply, url: str, accept: tuple[str, ...], max_bytes: int, deadline: float) -> Response:
    content_type = reply.headers.get("content-type", "").split(";")[0].strip().lower()
    headers = {k.lower(): v for k, v in reply.headers.items()}
    if reply.status_code == 304:
        return Response(url, 304, None, content_type, headers)
    if reply.status_code >= 400:
        raise FetchError(f"{url} answered {reply.status_code} {reply.reason_phrase}.")
    if content_type and content_type not in accept:
        raise FetchError(f"{url} is {content_type}, not a web page: give the article's page.")
    declared = int(reply.headers.get("content-length") or 0)
    if declared > max_bytes:
        raise FetchError(f"{url} is {declared // (1024 * 1024)} MB, more than the "
                         f"{max_bytes // (1024 * 1024)} MB an article page may be.")
    body = bytearray()
    for piece in reply.iter_bytes():
        body += piece
        if len(body) > max_bytes:
            raise FetchError(f"{url} sends more than the {max_bytes // (1024 * 1024)} MB an "
                             "article page may be.")
        if time.monotonic() > deadline:
            raise FetchError(f"{url} took longer than {TOTAL_SECONDS:.0f} s to send.")
    return Response(url, reply.status_code, bytes(body), content_type, headers)
