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
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .errors import DiscordantError, IndexBusyError
from .ingest.feeds import Entry, FeedState, FeedStatus, entry_page, feed_urls, parse_feed
from .ingest.fetch import FEED_TYPES, FetchError, Response, fetch
from .ingest.html import Page, extract_page
from .ingest.urls import shown
from .ingest.web import save_page
from .records import IndexReport, Slot, SourceSummary
from .settings import Settings

log = logging.getLogger(__name__)


class Indexer(Protocol):
    """What adding articles needs of the open index (the Engine is one): its settings, a
    re-index, and what the new generation holds. Passed in, so this module never imports
    the engine that calls it."""

    settings: Settings

    def index(self) -> IndexReport: ...

    def sources(self) -> list[SourceSummary]: ...

    def disputes(self) -> list[Slot]: ...


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


def fetch_page(url: str, allow_private: bool, deadline: float | None = None) -> tuple[Page, str]:
    """The article of the page at `url` and the URL it was finally fetched from."""
    reply = fetch(url, allow_private=allow_private, deadline=deadline)
    page = extract_page(reply.text(), reply.url)
    if page is None:
        raise FetchError(f"{shown(reply.url)} holds no article text that could be extracted.")
    return page, reply.url


def index_added(engine: Indexer, paths: list[Path]) -> IndexReport:
    """Index the corpus with the new files; they stay saved whatever happens here."""
    try:
        return engine.index()
    except IndexBusyError:
        names = ", ".join(p.name for p in paths)
        raise IndexBusyError(f"Saved {names} into the corpus folder, but another index run is "
                             "under way: re-index when it ends to include it.") from None


def add_url(engine: Indexer, url: str) -> Added:
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


def poll_feeds(engine: Indexer) -> FeedsReport:
    """Poll every feed once; index once if any entry was added."""
    settings = engine.settings
    state = FeedState(settings.feed_state)
    urls = feed_urls(settings.feeds)
    added: list[Path] = []
    for url in urls:
        try:
            added += poll_feed(url, state, settings)
        except Exception as exc:  # one failing feed never stops the others
            log.warning("feed %s failed: %s", url, reason(exc))
            state.record(url, "failed", error=reason(exc)[:300])
    report = index_added(engine, added) if added else None
    return FeedsReport(tuple(state.statuses(urls)), tuple(p.stem for p in added), report)


def reason(exc: Exception) -> str:
    """An error as a feed's status shows it: our own message, or the exception's kind."""
    if isinstance(exc, DiscordantError | ValueError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def poll_feed(url: str, state: FeedState, settings: Settings) -> list[Path]:
    """Fetch one feed (conditionally) and save its entries not added before: at most
    FEED_MAX_ENTRIES of them, within FEED_POLL_SECONDS; the rest wait for the next poll.
    One entry that cannot be added is skipped with a warning; the others are saved."""
    deadline = time.monotonic() + settings.feed_poll_seconds
    reply = fetch(url, allow_private=settings.allow_private_urls, accept=FEED_TYPES,
                  headers=state.validators(url), deadline=deadline)
    if reply.body is None:
        state.record(url, "not modified")
        return []
    title, entries = parse_feed(reply.body, reply.headers.get("content-type"), reply.url)
    seen = state.seen_keys(url)
    fresh = [entry for entry in dict((e.key, e) for e in entries).values()
             if entry.key not in seen]
    saved, failed, tried = [], [], 0
    for entry in fresh[: settings.feed_max_entries]:
        if time.monotonic() >= deadline:
            break
        tried += 1
        try:
            saved.append(add_entry(url, entry, title, state, settings, deadline))
        except Exception as exc:  # one bad entry never stops the rest of its feed
            if time.monotonic() >= deadline:  # cut off by the poll's time: it waits too
                tried -= 1
                break
            where, why = shown(entry.link or entry.key), reason(exc)
            log.warning("feed %s: skipped the entry %s: %s", url, where, why)
            failed.append(why if where in why else f"{where}: {why}")
    _record(url, state, reply, saved, failed, waiting=len(fresh) - tried)
    return saved


def add_entry(url: str, entry: Entry, title: str | None, state: FeedState,
              settings: Settings, deadline: float) -> Path:
    """Save one feed entry: its page, or the feed's own copy of the article."""
    page, final = None, entry.link
    if entry.link:
        try:
            page, final = fetch_page(entry.link, settings.allow_private_urls, deadline)
        except FetchError as exc:  # the feed's own copy of the article, if it has one
            page = entry_page(entry, title)
            if page is None:
                raise
            log.info("feed %s: %s (using the feed's copy)", url, exc)
    else:
        page = entry_page(entry, title)
    if page is None:
        raise FetchError("no article text")
    page = dataclasses.replace(page, source=page.source or title,
                               date=page.date or entry.published)
    path, _ = save_page(page, final or entry.key, settings.corpus_dir)
    state.mark(url, entry.key, path.stem)
    return path


def _record(url: str, state: FeedState, reply: Response, saved: list[Path], failed: list[str],
            waiting: int) -> None:
    """The feed's result; its validators only once every entry had its turn, so entries
    left for the next poll are not hidden behind a 304 Not Modified."""
    status = "ok" if not failed else "partly failed"
    if waiting:
        status += f"; {waiting} more entries wait for the next poll"
    complete = not waiting
    error = f"{len(failed)} entries skipped: " + "; ".join(failed) if failed else None
    state.record(url, status, added=len(saved), error=error and error[:500],
                 etag=reply.headers.get("etag") if complete else None,
                 modified=reply.headers.get("last-modified") if complete else None)
