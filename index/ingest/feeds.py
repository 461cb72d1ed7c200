"""RSS/Atom feeds: which feeds to poll, what each entry is, and what was already added.

Feeds are parsed by `feedparser`. What the poller remembers lives in a small SQLite file
(FEED_STATE): each feed's ETag and Last-Modified for conditional requests and its last
result, and every entry already added, so an entry is added once however often its feed
is polled (and whether or not the server honours conditional requests).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import SettingsError
from .html import Page, extract_page

SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (url TEXT PRIMARY KEY, etag TEXT, modified TEXT,
    checked REAL, status TEXT, added INTEGER, error TEXT);
CREATE TABLE IF NOT EXISTS entries (feed TEXT, entry TEXT, doc_id TEXT, added REAL,
    PRIMARY KEY (feed, entry));
"""


@dataclass(frozen=True)
class Entry:
    """One feed entry: its stable key (id or link), link, and what the feed says of it."""

    key: str
    link: str | None
    title: str | None
    published: str | None
    content_html: str | None


@dataclass(frozen=True)
class FeedStatus:
    """A feed and the result of its last poll, as `/feeds` lists it."""

    url: str
    checked: float | None = None
    status: str = "never polled"
    added: int = 0
    error: str | None = None


def feed_urls(raw: str) -> list[str]:
    """FEEDS: URLs separated by commas or whitespace, or the path of a file listing them
    (one a line, `#` comments), read at each poll so editing the file needs no restart."""
    raw = raw.strip()
    if not raw:
        return []
    if not raw.startswith(("http://", "https://")) and Path(raw).is_file():
        try:
            raw = Path(raw).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError(f"FEEDS names the file {raw}, which cannot be read ({exc}): "
                                "fix it or list the feed URLs in FEEDS itself") from None
        raw = "\n".join(line.split("#", 1)[0] for line in raw.splitlines())
    return list(dict.fromkeys(raw.replace(",", " ").split()))


def parse_feed(body: bytes, content_type: str | None = None,
               url: str | None = None) -> tuple[str | None, list[Entry]]:
    """(the feed's title, its entries); raises ValueError for a body that is no feed.
    `content_type` is the HTTP header, whose charset comes before the document's own;
    `url`, where the feed was fetched from, is what relative entry links are read against."""
    import feedparser

    headers = {"content-type": content_type or "", "content-location": url or ""}
    parsed = feedparser.parse(body, response_headers={k: v for k, v in headers.items() if v})
    if parsed.get("bozo") and not parsed.entries:
        raise ValueError(f"not an RSS/Atom feed ({parsed.get('bozo_exception')})")
    entries = []
    for item in parsed.entries:
        link = item.get("link")
        key = item.get("id") or link or item.get("title")
        if not key:
            continue
        content = item.get("content") or []
        html = (content[0].get("value") if content else None) or item.get("summary")
        published = item.get("published_parsed") or item.get("updated_parsed")
        entries.append(Entry(key=key, link=link, title=item.get("title"),
                             published=time.strftime("%Y-%m-%d", published) if published
                             else None, content_html=html))
    return parsed.feed.get("title"), entries


def entry_page(entry: Entry, feed_title: str | None) -> Page | None:
    """The article as the feed itself carries it (when its page cannot be fetched)."""
    if not entry.content_html:
        return None
    page = extract_page(f"<html><body><article>{entry.content_html}</article></body></html>")
    if page is None:
        return None
    return Page(text=page.text, title=entry.title or page.title, source=feed_title,
                date=entry.published, url=entry.link, author=page.author)


class FeedState:
    """The poller's memory, one SQLite file (safe across the bot and the CLI)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.executescript(SCHEMA)

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10)
        try:
            with db:
                yield db
        finally:
            db.close()

    def validators(self, url: str) -> dict[str, str]:
        """If-None-Match / If-Modified-Since for a feed, from its last answer."""
        with self._db() as db:
            row = db.execute("SELECT etag, modified FROM feeds WHERE url = ?", (url,)).fetchone()
        headers = {}
        if row and row[0]:
            headers["If-None-Match"] = row[0]
        if row and row[1]:
            headers["If-Modified-Since"] = row[1]
        return headers

    def seen_keys(self, url: str) -> set[str]:
        """Every entry of a feed already added (one query, however long the feed)."""
        with self._db() as db:
            return {row[0] for row in db.execute("SELECT entry FROM entries WHERE feed = ?",
                                                 (url,))}

    def mark(self, url: str, key: str, doc_id: str) -> None:
        with self._db() as db:
            db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)",
                       (url, key, doc_id, time.time()))

    def record(self, url: str, status: str, added: int = 0, error: str | None = None,
               etag: str | None = None, modified: str | None = None) -> None:
        """The result of one poll; validators are kept from before when none came back."""
        with self._db() as db:
            old = db.execute("SELECT etag, modified FROM feeds WHERE url = ?", (url,)).fetchone()
            etag = etag or (old[0] if old else None)
            modified = modified or (old[1] if old else None)
            db.execute("INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (url, etag, modified, time.time(), status, added, error))

    def statuses(self, urls: list[str]) -> list[FeedStatus]:
        with self._db() as db:
            rows = {r[0]: r for r in db.execute(
                "SELECT url, checked, status, added, error FROM feeds")}
        return [FeedStatus(url, *rows[url][1:]) if url in rows else FeedStatus(url)
                for url in urls]
