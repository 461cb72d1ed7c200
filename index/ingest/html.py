"""Saved web pages (`.html`/`.htm`): the article's text and metadata, by `trafilatura`.

A maintained extractor leaves navigation, cookie banners, related links, comments and
footers behind by the page's structure, which our line rules for plain text cannot see;
its metadata gives the title, the outlet (site name), the date, the canonical URL and the
author where the page states them. The plain-text furniture rules are not applied again.

Bytes are made text here (`bodies`: gzip inside undone within MAX_PAGE_BYTES, then the
document's declared charset or detection), so the extractor is always given `str` and
never decompresses anything itself, whatever its version's limits.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .bodies import BodyError, decode, unwrap

log = logging.getLogger(__name__)

MIN_TEXT_CHARS = 80  # less than a sentence or two is a page without an article
MAX_PAGE_BYTES = 5 * 1024 * 1024  # what a page may decompress to (as fetch.MAX_BYTES)


@dataclass(frozen=True)
class Page:
    """What an extractor found in one HTML document."""

    text: str
    title: str | None
    source: str | None
    date: str | None
    url: str | None
    author: str | None


def extract_page(html: str | bytes, url: str | None = None) -> Page | None:
    """The main text and metadata of a page, or None when it holds no article."""
    import trafilatura

    if isinstance(html, bytes):
        try:
            html = decode(unwrap(html, MAX_PAGE_BYTES), None)
        except BodyError as exc:
            log.warning("page %s not read: it %s", url or "(saved file)", exc)
            return None

    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, favor_precision=True, deduplicate=False)
    if document is None or isinstance(document, dict):  # not asked for (as_dict=False)
        return None
    text = (document.text or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        return None
    return Page(text=text, title=_clean(document.title), date=_clean(document.date),
                source=_clean(document.sitename) or _clean(document.hostname),
                url=_clean(document.url) or url, author=_clean(document.author))


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text[:300] or None
