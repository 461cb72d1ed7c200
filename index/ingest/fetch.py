"""The one module that fetches over HTTP (httpcore): pages for `/add`, feeds for polling.

Anyone who may `/add` can make the bot's host request a URL, so a fetch is bounded and
kept off the host's own network:
- the URL is checked first (`urls.parse_url`: http(s) only, well formed);
- the connection itself goes through `Guard`, a network backend that resolves the host,
  checks every address (`addresses`: each IPv4 an IPv6 address embeds too; link-local and
  cloud metadata never, other non-public addresses unless ALLOW_PRIVATE_URLS=1) and
  connects to the address it checked, so a DNS answer that changes in between, or a
  redirect to another host, is checked as it is connected to;
- redirects are followed by hand (MAX_REDIRECTS), each hop checked the same way;
- one deadline (TOTAL_SECONDS) covers the fetch from connecting to the last byte: every
  socket operation waits at most what is left of it, so a server that drips its headers a
  byte at a time is cut off as surely as one that drips its body;
- at most MAX_BYTES arrive and at most MAX_BYTES come out of decompression (`bodies`).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn, cast

from ..errors import DiscordantError
from .addresses import AddressRefused, allowed
from .bodies import BodyError, Inflater, decode, unwrap
from .urls import BadURL, Target, join, parse_url, shown

if TYPE_CHECKING:  # httpcore is imported by the first fetch
    import ssl

    import httpcore

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024  # as for corpus files: a news page is well under 1 MB
MAX_REDIRECTS = 5
CONNECT_SECONDS, READ_SECONDS, TOTAL_SECONDS = 5.0, 10.0, 30.0
USER_AGENT = "discordant/0.1 (a news question bot)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml", "application/feed+json", "application/json", *HTML_TYPES,
              "text/plain")
REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(DiscordantError):
    """A URL that cannot or may not be fetched; the message says why."""


@dataclass(frozen=True)
class Response:
    """A fetched body (None when the server answered 304 Not Modified), decompressed."""

    url: str
    status: int
    body: bytes | None
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)
    charset: str | None = None  # as the Content-Type header gives it

    def text(self) -> str:
        """The body as text (`bodies.decode`: header charset, declaration, detection)."""
        return decode(self.body or b"", self.charset)


def check_url(url: str, allow_private: bool) -> str:
    """The URL (normalised) if it may be fetched, else FetchError naming the reason."""
    return _checked(url, allow_private).url


def _checked(url: str, allow_private: bool) -> Target:
    try:
        target = parse_url(url)
        allowed(target.host, target.port, allow_private)
    except (BadURL, AddressRefused) as exc:
        raise FetchError(str(exc)) from None
    return target


class Guard:
    """An httpcore network backend that connects only to checked addresses, and only
    until the fetch's deadline."""

    def __init__(self, allow_private: bool, deadline: float) -> None:
        import httpcore

        self.allow_private, self.deadline = allow_private, deadline
        self.backend = httpcore.SyncBackend()

    def budget(self, timeout: float | None) -> float:
        """What a socket operation may wait: its own timeout, or what is left of the fetch."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the fetch's deadline has passed")
        return min(left, math.inf if timeout is None else timeout)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> Clocked:
        """Resolve `host`, check every address, connect to a checked one (never to a
        name, which could resolve anew); TLS is then started on it by httpcore as usual."""
        error: Exception | None = None
        for address in allowed(host, port, self.allow_private):
            try:
                stream = self.backend.connect_tcp(str(address), port, self.budget(timeout),
                                                  local_address, socket_options)
                return Clocked(stream, self)
            except Exception as exc:  # httpcore's ConnectError / ConnectTimeout: the next one
                error = exc
        raise error or OSError(f"{host} has no address")

    def connect_unix_socket(self, *args: object, **kwargs: object) -> NoReturn:
        raise AddressRefused("a Unix socket is never fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(min(seconds, self.budget(seconds)))


class Clocked:
    """A network stream whose every read, write and TLS handshake ends by the deadline."""

    def __init__(self, stream: httpcore.NetworkStream, guard: Guard) -> None:
        self.stream, self.guard = stream, guard

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, self.guard.budget(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, self.guard.budget(timeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> Clocked:
        tls = self.stream.start_tls(ssl_context, server_hostname, self.guard.budget(timeout))
        return Clocked(tls, self.guard)

    def get_extra_info(self, info: str) -> Any:
        return self.stream.get_extra_info(info)


@dataclass(frozen=True)
class Limits:
    """What one fetch accepts: content types, bytes, and its deadline (monotonic)."""

    accept: tuple[str, ...]
    max_bytes: int
    end: float
    seconds: float


def fetch(url: str, *, allow_private: bool = False, accept: tuple[str, ...] = HTML_TYPES,
          headers: dict[str, str] | None = None, max_bytes: int = MAX_BYTES,
          seconds: float | None = None, deadline: float | None = None) -> Response:
    """GET a URL within the limits above, in at most `seconds` (and by the monotonic
    `deadline`, when a feed poll has one); `headers` may carry If-None-Match and
    If-Modified-Since (a 304 comes back with body None)."""
    import httpcore

    started = time.monotonic()
    end = started + (TOTAL_SECONDS if seconds is None else seconds)
    end = end if deadline is None else min(deadline, end)
    sent = {"User-Agent": USER_AGENT, "Accept": ", ".join(accept),
            "Accept-Encoding": "gzip, deflate", **(headers or {})}
    limits = Limits(accept, max_bytes, end, end - started)
    # Guard is a network backend by its methods (httpcore's NetworkBackend is a base class,
    # subclassed only by importing httpcore when this module is).
    guard = cast("httpcore.NetworkBackend", Guard(allow_private, end))
    with httpcore.ConnectionPool(network_backend=guard, retries=0) as pool:
        for _ in range(MAX_REDIRECTS + 1):
            reply = _hop(pool, _checked(url, allow_private), sent, limits)
            if isinstance(reply, Response):
                return reply
            url = reply
    raise FetchError(f"{shown(url)} redirects more than {MAX_REDIRECTS} times.")


def _hop(pool: httpcore.ConnectionPool, target: Target, sent: dict[str, str],
         limits: Limits) -> Response | str:
    """One request, its failures as FetchError: the Response, or where it redirects."""
    import httpcore

    try:
        return _get(pool, target, sent, limits)
    except (BadURL, AddressRefused) as exc:
        raise FetchError(str(exc)) from None
    except BodyError as exc:
        raise FetchError(f"{shown(target.url)} {exc}") from None
    except (TimeoutError, httpcore.TimeoutException) as exc:
        if time.monotonic() >= limits.end - 0.05:
            raise FetchError(f"{shown(target.url)} took longer than the "
                             f"{round(limits.seconds, 1):g} s a fetch may take (from "
                             "connecting to the last byte).") from None
        raise FetchError(f"{shown(target.url)} did not answer in time "
                         f"({type(exc).__name__}).") from None
    except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol,
            OSError) as exc:
        raise FetchError(f"{shown(target.url)} could not be fetched "
                         f"({type(exc).__name__}: {exc}).") from None


def _get(pool: httpcore.ConnectionPool, target: Target, sent: dict[str, str],
         limits: Limits) -> Response | str:
    """One request: the Response, or the URL a redirect points to."""
    import httpcore

    request = httpcore.URL(scheme=target.scheme.encode(), host=target.host.encode(),
                           port=target.port, target=target.target.encode("ascii"))
    lines = [(b"Host", target.netloc.encode("ascii"))]
    lines += [(k.encode("latin-1"), v.encode("latin-1", "replace")) for k, v in sent.items()]
    timeout = {"connect": CONNECT_SECONDS, "read": READ_SECONDS, "write": READ_SECONDS,
               "pool": CONNECT_SECONDS}
    with pool.stream("GET", request, headers=lines, extensions={"timeout": timeout}) as reply:
        headers = _headers(reply.headers)
        if reply.status in REDIRECTS and headers.get("location"):
            return join(target.url, headers["location"])
        return _read(reply, headers, target.url, limits)


def _headers(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """Response headers by lower-case name; a repeated header's values joined by commas."""
    joined: dict[str, str] = {}
    for key, value in raw:
        name, text = key.decode("latin-1").lower(), value.decode("latin-1")
        joined[name] = f"{joined[name]}, {text}" if name in joined else text
    return joined


def _read(reply: httpcore.Response, headers: dict[str, str], url: str, limits: Limits) -> Response:
    """The answer's body, once its status, type and declared size are acceptable."""
    content_type, _, params = headers.get("content-type", "").partition(";")
    content_type = content_type.strip().lower()
    if reply.status == 304:
        return Response(url, 304, None, content_type, headers, _charset(params))
    if reply.status >= 300:
        reason = reply.extensions.get("reason_phrase", b"").decode("latin-1", "replace")
        raise FetchError(f"{shown(url)} answered {reply.status} {reason}.".replace(" .", "."))
    if content_type and content_type not in limits.accept:
        raise FetchError(f"{shown(url)} is {content_type}, not a web page: give the article's "
                         "page.")
    declared = headers.get("content-length", "0").split(",")[0].strip()
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(f"{shown(url)} is {int(declared) // (1024 * 1024)} MB, more than the "
                         f"{_mb(limits.max_bytes)} an article page may be.")
    body = _body(reply, headers, url, limits)
    return Response(url, reply.status, body, content_type, headers, _charset(params))


def _body(reply: httpcore.Response, headers: dict[str, str], url: str, limits: Limits) -> bytes:
    """The body as it arrives, decompressed as it arrives, within the bytes and the time."""
    encodings = [e.strip().lower() for e in headers.get("content-encoding", "").split(",")]
    inflater, body, wire = Inflater(encodings, limits.max_bytes), bytearray(), 0
    for piece in reply.iter_stream():
        wire += len(piece)
        if wire > limits.max_bytes:
            raise FetchError(f"{shown(url)} sends more than the {_mb(limits.max_bytes)} an "
                             "article page may be.")
        body += inflater.feed(piece)
        if time.monotonic() > limits.end:
            raise TimeoutError("the fetch's deadline has passed")
    return unwrap(bytes(body), limits.max_bytes)


def _mb(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


def _charset(params: str) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
