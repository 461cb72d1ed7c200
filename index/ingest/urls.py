"""A URL given to `add` or found in a feed, checked and put in the form a request needs.

People paste odd things and feeds carry worse: `http://[::1`, a space in the host, port
99999, an empty string, 10 kB of address. Each is refused here with one sentence saying
what is wrong (`BadURL`), before anything is resolved or fetched, instead of surfacing as
a library's exception. A space or a non-ASCII letter in the path is percent-encoded, as a
browser does; a host is put in its IDNA (ASCII) form.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

MAX_URL_CHARS = 2048  # what browsers and servers commonly accept; Discord's /add allows 2000
SHOWN_CHARS = 80
HOST = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?")
PATH_SAFE = "/%:@!$&'()*+,;=~-._"
QUERY_SAFE = PATH_SAFE + "?"
DEFAULT_PORTS = {"http": 80, "https": 443}


class BadURL(ValueError):
    """A URL that is malformed or of a kind never fetched; the message says which."""


@dataclass(frozen=True)
class Target:
    """Where a request goes: scheme, host (ASCII, no brackets), port, path with query."""

    scheme: str
    host: str
    port: int
    target: str
    explicit_port: bool = False

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}" if self.explicit_port else host

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.netloc}{self.target}"


def shown(url: str) -> str:
    """A URL as an error message quotes it: on one line, at most SHOWN_CHARS characters."""
    text = repr(url) if not url.isprintable() else url
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def parse_url(raw: str) -> Target:
    """The request target of `raw`, or BadURL saying what is wrong with it."""
    url = (raw or "").strip()
    if not url:
        raise BadURL("No URL given: give the article's full address (https://…).")
    if len(url) > MAX_URL_CHARS:
        raise BadURL(f"The URL is {len(url):,} characters long, more than the "
                     f"{MAX_URL_CHARS:,} an address may have: give the article's own address.")
    if not url.isprintable():
        raise BadURL(f"{shown(url)} holds a control character: retype the address.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BadURL(f"{shown(url)} is not a valid URL ({exc}).") from None
    if not parts.scheme or (not parts.netloc and "." in parts.scheme):  # "example.org/news"
        raise BadURL(f"{shown(url)} has no http:// or https://: give the full address.")
    if parts.scheme.lower() not in DEFAULT_PORTS:
        raise BadURL(f"Only http:// and https:// URLs can be added, not "
                     f"{parts.scheme}:{'//' if parts.netloc else ''}… URLs.")
    if "@" in parts.netloc:
        raise BadURL(f"{shown(url)} carries a user name or password: give the public address.")
    host = _host(parts.netloc, parts.hostname, url)
    if port == 0:
        raise BadURL(f"{shown(url)} names port 0: a port is between 1 and 65535.")
    target = quote(parts.path or "/", safe=PATH_SAFE)
    if parts.query:
        target += "?" + quote(parts.query, safe=QUERY_SAFE)
    scheme = parts.scheme.lower()
    return Target(scheme, host, port or DEFAULT_PORTS[scheme], target, port is not None)


def _host(netloc: str, hostname: str | None, url: str) -> str:
    """The host in ASCII: an IP literal as it is, a name in its IDNA form."""
    if not hostname:
        raise BadURL(f"{shown(url)} names no host: give the article's full address.")
    if netloc.startswith("["):
        try:
            return str(ipaddress.IPv6Address(hostname))
        except ValueError:
            raise BadURL(f"{shown(url)} has no valid IPv6 address between its brackets.") \
                from None
    try:
        ascii_host = hostname.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise BadURL(f"{shown(url)} has a host name that cannot be used ({exc}).") from None
    if len(ascii_host) > 253 or not HOST.fullmatch(ascii_host):
        raise BadURL(f"{shown(url)} has a space or a character a host name cannot hold: "
                     "check the address.")
    return ascii_host


def join(base: str, location: str) -> str:
    """Where a redirect points, as an absolute URL (checked again by `parse_url`)."""
    try:
        return urljoin(base, location.strip())
    except ValueError as exc:
        raise BadURL(f"{shown(base)} redirects to a malformed address ({exc}).") from None
