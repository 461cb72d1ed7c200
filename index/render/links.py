"""Outlets linked to their Articles: `[Outlet](address)` in markdown (Discord's masked links).

An address comes from the Article's front matter or page (`url`), so it is untrusted: only
http(s) addresses of reasonable length become links, and the characters that would end a
masked link early or turn into a mention ( ( ) [ ] < > @ space ) are percent-encoded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from urllib.parse import quote, urlsplit

from ..records import Figure

MAX_URL = 512  # longer addresses are shown unlinked rather than eat an embed's budget
MARKDOWN = re.compile(r"([\\*_~`|>\[\]])")
URL_SAFE = ":/?#&=%+,;.~!$*'-_"  # kept as they are; everything else percent-encoded


def escape(text: str) -> str:
    """Text made inert in Discord markdown (the characters that format or link)."""
    return MARKDOWN.sub(r"\\\1", text)


def safe_url(url: str | None) -> str | None:
    """An address fit for a masked link, or None when it is not one to link."""
    if not url or len(url) > MAX_URL or any(ch.isspace() or not ch.isprintable()
                                            for ch in url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=URL_SAFE)


def link(text: str, url: str | None) -> str:
    """`[text](url)` for a linkable address, else `text` (already escaped by the caller)."""
    target = safe_url(url)
    return f"[{text}]({target})" if target else text


def outlet_links(figure: Figure, urls: Mapping[str, str]) -> Iterator[tuple[str, str | None]]:
    """Each outlet of a Figure with the address of an Article of its that reports it."""
    for outlet in figure.sources:
        docs = [c.doc_id for c in figure.claims if c.source == outlet]
        yield outlet, next((urls[d] for d in docs if d in urls), None)


def doc_links(docs: tuple[str, ...], outlets: tuple[str, ...], source_of: Mapping[str, str],
              urls: Mapping[str, str]) -> Iterator[tuple[str, str | None]]:
    """Each outlet carrying a Passage with an address of one of its Articles."""
    for outlet in outlets:
        docs_of = [d for d in docs if source_of.get(d) == outlet]
        yield outlet, next((urls[d] for d in docs_of if d in urls), None)
