"""Polling feeds that misbehave: bad entries, thousands of entries, slow pages, a feed that
never ends. Real feeds from a loopback server, a real Engine with its Chroma folder."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from index.engine import Engine
from index.errors import SettingsError
from index.settings import Settings
from tests.conftest import HashEmbedder
from tests.index.ingest.hostile import HostileSite, answer, drip, page

ETAG = '"v1"'


def article(n: int) -> bytes:
    return page(f"Flood report {n}", [
        f"At least {100 + n} families left the valley overnight, report number {n} of the "
        "fire service said, as the river rose above the old stone bridge.",
        f"Volunteers in district {n} filled sandbags until dawn while the council opened "
        "schools as shelters for the night.",
    ]).encode()


def feed(items: list[tuple[str, str]], title: str = "Valley Courier") -> bytes:
    entries = "".join(f"<item><title>{name}</title><link>{link}</link><guid>{name}</guid>"
                      "</item>" for name, link in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{title}"
            f"</title><link>http://valley.example/</link>{entries}</channel></rss>").encode()


def conditional(body: bytes):
    """A feed that answers 304 when asked with its ETag."""
    def route(handler) -> None:
        if handler.headers.get("If-None-Match") == ETAG:
            handler.send_response(304)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
        else:
            answer(handler, body, "application/rss+xml", {"ETag": ETAG})
    return route


def slow_article(n: int):
    def route(handler) -> None:
        time.sleep(1.0)
        answer(handler, article(n))
    return route


def routes() -> dict:
    table = {f"/flood-{n}.html": (lambda h, n=n: answer(h, article(n))) for n in range(1, 61)}
    table |= {f"/slow-{n}.html": slow_article(n) for n in range(1, 11)}
    mixed = feed([("good-1", "/flood-1.html"), ("bad-port", "http://127.0.0.1:99999/x"),
                  ("bad-bracket", "http://[::1/x"), ("bad-space", "http://exa mple.org/x"),
                  ("missing", "/no-such-page.html"), ("good-2", "/flood-2.html")])
    table["/mixed.xml"] = lambda h: answer(h, mixed, "application/rss+xml")
    table["/long.xml"] = conditional(feed([(f"e{n}", f"/flood-{n}.html") for n in range(1, 61)]))
    table["/slow.xml"] = lambda h: answer(h, feed([(f"s{n}", f"/slow-{n}.html")
                                                   for n in range(1, 11)]), "application/rss+xml")
    table["/endless.xml"] = lambda h: drip(
        h, b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n<?xml version='1.0'?>"
        b"<rss version='2.0'><channel><title>Endless</title>",
        b"<item><title>more</title><link>/flood-3.html</link></item>", 0.2)
    return table


@pytest.fixture(scope="module")
def site():
    with HostileSite(routes()) as running:
        yield running


def engine_for(tmp_path: Path, feeds: str, **settings) -> Engine:
    return Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=tmp_path / "corpus",
                           feed_state=tmp_path / "feeds.sqlite3", allow_private_urls=True,
                           feeds=feeds, **settings), embedder=HashEmbedder())


def test_a_bad_entry_is_skipped_and_the_good_ones_are_saved_and_indexed(tmp_path, site, caplog):
    engine = engine_for(tmp_path, site.url("/mixed.xml"))
    with caplog.at_level(logging.WARNING, logger="index.adding"):
        report = engine.poll_feeds()
    assert len(report.added) == 2 and report.report is not None
    assert sorted(s.title for s in engine.sources()) == ["Flood report 1", "Flood report 2"]
    (status,) = report.feeds
    assert status.status == "partly failed" and status.error.startswith("4 entries skipped")
    for bad in ("99999", "bad-bracket", "exa mple", "404"):
        assert any(bad in r.getMessage() and "skipped" in r.getMessage() for r in caplog.records)
    again = engine.poll_feeds()  # the good ones are not added twice
    assert again.added == ()


def test_a_poll_adds_at_most_feed_max_entries_and_the_rest_wait(tmp_path, site):
    engine = engine_for(tmp_path, site.url("/long.xml"), feed_max_entries=5)
    first = engine.poll_feeds()
    assert len(first.added) == 5 and "55 more entries wait" in first.feeds[0].status
    second = engine.poll_feeds()  # not hidden behind a 304: the ETag waits for the last
    assert len(second.added) == 5 and not set(second.added) & set(first.added)
    assert len(engine.sources()) == 10


def test_a_poll_of_one_feed_stops_at_feed_poll_seconds(tmp_path, site):
    engine = engine_for(tmp_path, site.url("/slow.xml"), feed_poll_seconds=2.5)
    started = time.monotonic()
    report = engine.poll_feeds()
    assert time.monotonic() - started < 6
    assert 1 <= len(report.added) <= 3 and "more entries wait" in report.feeds[0].status
    assert report.feeds[0].error is None, "an entry cut off by the time waits, is not skipped"
    later = engine.poll_feeds()
    assert later.added and not set(later.added) & set(report.added)


def test_a_feed_that_never_ends_is_cut_off_and_the_others_still_polled(tmp_path, site):
    engine = engine_for(tmp_path, f"{site.url('/endless.xml')} {site.url('/mixed.xml')}",
                        feed_poll_seconds=2)
    started = time.monotonic()
    report = engine.poll_feeds()
    assert time.monotonic() - started < 10
    statuses = {s.url: s for s in report.feeds}
    endless = statuses[site.url("/endless.xml")]
    assert endless.status == "failed" and "took longer than the 2 s" in endless.error
    assert len(report.added) == 2


def test_the_feed_bounds_are_settings():
    settings = Settings.from_env({"FEED_MAX_ENTRIES": "7", "FEED_POLL_SECONDS": "45"})
    assert (settings.feed_max_entries, settings.feed_poll_seconds) == (7, 45.0)
    defaults = Settings.from_env({})
    assert (defaults.feed_max_entries, defaults.feed_poll_seconds) == (25, 120.0)
    for name, value in (("FEED_MAX_ENTRIES", "0"), ("FEED_MAX_ENTRIES", "many"),
                        ("FEED_POLL_SECONDS", "0"), ("FEED_POLL_SECONDS", "inf")):
        with pytest.raises(SettingsError, match=name):
            Settings.from_env({name: value})
