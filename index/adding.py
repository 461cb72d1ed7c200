"""Articles added from the web: one page by URL (`/add`, `discordant add`), or the new
entries of RSS/Atom feeds (`/feeds`, `discordant feeds`).

Each page is fetched (`ingest.fetch`, with its limits), its article extracted
(`ingest.html`) and saved into the corpus folder (`ingest.web`), then the corpus is indexed
as by `/reindex`: a new generation that reuses every stored vector, so only the new
article is embedded, swapped in when complete. One failing feed never stops the others.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DiscordantError, IndexBusyError
from .ingest.feeds import FeedState, FeedStatus, entry_page, feed_urls, parse_feed
from .ingest.fetch import FEED_TYPES, FetchError, fetch
from .ingest.html import Page, extract_page
from .ingest.web import save_page
from .records import IndexReport, Slot

if TYPE_CHECKING:
    from .engine import Engine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Added:
    """One article added from a URL, and the figures it now disputes."""

    doc_id: str
    path: Path
    page: Page
    replaced: bool
    passages: int
    disputes: tuple[Slot, ...]
    report: IndexReport


@dataclass(frozen=True)
class FeedsReport:
    """One poll of every feed: each feed's result, the articles added, the index run."""

    feeds: tuple[FeedStatus, ...]
    added: tuple[str, ...]
    report: IndexReport | None


def fetch_page(url: str, allow_private: bool) -> tuple[Page, str]:
    """The article of the page at `url` and the URL it was finally fetched from."""
    reply = fetch(url, allow_private=allow_private)
    page = extract_page(reply.body or b"", reply.url)
    if page is None:
        raise FetchError(f"{reply.url} holds no article text that could be extracted.")
    return page, reply.url


def index_added(engine: Engine, paths: list[Path]) -> IndexReport:
    """Index the corpus with the new files; they stay saved whatever happens here."""
    try:
        return engine.index()
    except IndexBusyError:
        names = ", ".join(p.name for p in paths)
        raise IndexBusyError(f"Saved {names} into the corpus folder, but another index run is "
                             "under way: re-index when it ends to include it.") from None


def add_url(engine: Engine, url: str) -> Added:
    """Fetch, save and index one article page."""
    settings = engine.settings
    page, final_url = fetch_page(url, settings.allow_private_urls)
    path, replaced = save_page(page, final_url, settings.corpus_dir)
    log.info("saved %s as %s", final_url, path.name)
    report = index_added(engine, [path])
    doc_id = path.stem
    passages = sum(s.passages for s in engine.sources() if s.doc_id == doc_id)
    disputes = tuple(slot for slot in engine.disputes()
                     if any(doc_id in figure.docs for figure in slot.figures))
    return Added(doc_id, path, page, replaced, passages, disputes, report)


def poll_feeds(engine: Engine) -> FeedsReport:
    """Poll every feed once; index once if any entry was added."""
    settings = engine.settings
    state = FeedState(settings.feed_state)
    urls = feed_urls(settings.feeds)
    added: list[Path] = []
    for url in urls:
        try:
            added += poll_feed(url, state, settings.corpus_dir, settings.allow_private_urls)
        except Exception as exc:  # one failing feed never stops the others
            reason = str(exc) if isinstance(exc, DiscordantError | ValueError) else \
                f"{type(exc).__name__}: {exc}"
            log.warning("feed %s failed: %s", url, reason)
            state.record(url, "failed", error=reason[:300])
    report = index_added(engine, added) if added else None
    return FeedsReport(tuple(state.statuses(urls)), tuple(p.stem for p in added), report)


def poll_feed(url: str, state: FeedState, corpus: Path, allow_private: bool) -> list[Path]:
    """Fetch one feed (conditionally) and save each entry not added before."""
    reply = fetch(url, allow_private=allow_private, accept=FEED_TYPES,
                  headers=state.validators(url))
    if reply.body is None:
        state.record(url, "not modified")
        return []
    title, entries = parse_feed(reply.body)
    saved, failed = [], []
    for entry in entries:
        if state.seen(url, entry.key):
            continue
        try:
            page, final = (fetch_page(entry.link, allow_private) if entry.link
                           else (entry_page(entry, title), entry.link))
        except FetchError as exc:  # the feed's own copy of the article, if it has one
            page, final = entry_page(entry, title), entry.link
            if page is None:
                failed.append(f"{entry.link}: {exc}")
                continue
        if page is None:
            failed.append(f"{entry.key}: no article text")
            continue
        page = dataclasses.replace(page, source=page.source or title,
                                   date=page.date or entry.published)
        path, _ = save_page(page, final or entry.key, corpus)
        state.mark(url, entry.key, path.stem)
        saved.append(path)
    state.record(url, "ok" if not failed else "partly failed", added=len(saved),
                 error="; ".join(failed)[:300] or None, etag=reply.headers.get("etag"),
                 modified=reply.headers.get("last-modified"))
    return saved
