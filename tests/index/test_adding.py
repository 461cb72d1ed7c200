"""Adding from the web: a page by URL, feed entries once each, a mixed corpus folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from index.engine import Engine
from index.ingest.fetch import FetchError
from index.settings import Settings
from tests.conftest import HashEmbedder, write
from tests.pages import ENTRIES, FURNITURE, OFFICERS, NewsSite

DISCORDANT = Path(sys.executable).with_name("discordant")
REPORT = "Officials said 13 police officers were killed in Almaty, state TV reported.\n"


@pytest.fixture(scope="module")
def site():
    with NewsSite() as running:
        yield running


def engine_for(tmp_path: Path, embedder=None, **settings) -> Engine:
    corpus = tmp_path / "corpus"
    write(corpus, "tv.txt", "---\ntitle: Toll rises\nsource: State TV\ndate: 2022-01-07\n---\n"
          + REPORT)
    return Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=corpus,
                           feed_state=tmp_path / "feeds.sqlite3", **settings),
                  embedder=embedder or HashEmbedder())


def passages(engine: Engine) -> list[str]:
    return [text for _, text, _, _ in engine.store.records()]


def test_an_added_page_is_saved_indexed_and_its_disputed_figure_reported(tmp_path, site,
                                                                         real_embedder):
    # The real model: the two reports must be found to be one Story to be compared.
    engine = engine_for(tmp_path, real_embedder, allow_private_urls=True)
    engine.index()
    added = engine.add_url(site.url("/officers.html"))
    assert added.page.source == "Steppe Herald" and added.passages >= 1
    assert added.path.parent == engine.settings.corpus_dir and added.path.suffix == ".md"
    assert added.report.embedded == added.passages and added.report.reused >= 1
    (slot,) = [s for s in added.disputes if {f.value for f in s.figures} >= {13, 26}]
    assert slot.relationship == "conflict"
    assert not [p for p in passages(engine) for phrase in FURNITURE if phrase in p]
    again = engine.add_url(site.url("/officers.html"))
    assert again.replaced and again.report.embedded == 0 and len(engine.sources()) == 2


def test_a_refused_url_saves_and_indexes_nothing(tmp_path, site):
    engine = engine_for(tmp_path)
    for url, reason in ((site.url("/officers.html"), "loopback address"),
                        ("file:///etc/passwd", "Only http"),
                        ("http://169.254.169.254/", "link-local address")):
        with pytest.raises(FetchError, match=reason):
            engine.add_url(url)
    assert [p.name for p in engine.settings.corpus_dir.iterdir()] == ["tv.txt"]
    assert not (tmp_path / "db").exists()


@pytest.mark.parametrize("feed", ["/feed.xml", "/plain-feed.xml"])
def test_a_feed_adds_each_new_entry_once_however_often_it_is_polled(tmp_path, site, feed):
    engine = engine_for(tmp_path, allow_private_urls=True,
                        feeds=f"{site.url(feed)} {site.url('/broken-feed.xml')}")
    first = engine.poll_feeds()
    assert len(first.added) == 2 and first.report.embedded >= 2
    titles = sorted(s.title for s in engine.sources())
    assert titles == ["Flood update 1: river crest passes the old bridge",
                      "Flood update 2: river crest passes the old bridge", "Toll rises"]
    entry_hits = site.hits("/entry-1.html")
    second = engine.poll_feeds()
    assert second.added == () and second.report is None
    assert site.hits("/entry-1.html") == entry_hits, "a seen entry is not fetched again"
    statuses = {s.url: s for s in second.feeds}
    assert statuses[site.url("/broken-feed.xml")].status == "failed"
    assert "answered 500" in statuses[site.url("/broken-feed.xml")].error
    ok = statuses[site.url(feed)]
    assert ok.status == ("not modified" if feed == "/feed.xml" else "ok")
    if feed == "/feed.xml":  # the second poll asked conditionally
        sent = [h for p, h in site.requests if p == feed][-1]
        assert sent.get("If-None-Match") == NewsSite.ETAG


def test_a_folder_mixing_text_pages_and_exports_indexes_every_article(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "tv.txt", "---\ntitle: Toll rises\nsource: State TV\ndate: 2022-01-07\n"
          "---\n" + REPORT)
    write(corpus, "pages/officers.html", OFFICERS)
    write(corpus, "pages/flood.htm", ENTRIES[0])
    write(corpus, "wire.jsonl", json.dumps({
        "id": 7, "title": "Blast: 158 dead", "text": "At least 158 people died in the blast, "
        "the health ministry said.", "source": "Wire", "date": "2020-08-05"}) + "\n")
    write(corpus, "colon.md", "---\ntitle: Blast: 158 dead, 5,000 hurt\nsource: Port News\n"
          "date: 2020-08-05\n---\nAt least 158 people died in the blast, officials said.\n")
    engine = Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=corpus),
                    embedder=HashEmbedder())
    report = engine.index()
    assert report.articles == 5 and not report.skipped
    listed = {s.doc_id: (s.source, s.title, s.date) for s in engine.sources()}
    assert listed["officers"][:1] == ("Steppe Herald",) and listed["wire-7"] == (
        "Wire", "Blast: 158 dead", "2020-08-05")
    assert listed["colon"] == ("Port News", "Blast: 158 dead, 5,000 hurt", "2020-08-05")
    assert all(source and title and date for source, title, date in listed.values())
    assert not [p for p in passages(engine) for phrase in FURNITURE if phrase in p]


def test_add_and_feeds_from_the_terminal(tmp_path, site):
    corpus, db = tmp_path / "corpus", tmp_path / "db"
    write(corpus, "tv.txt", REPORT)
    env = {**os.environ, "ALLOW_PRIVATE_URLS": "1", "FEEDS": site.url("/plain-feed.xml"),
           "FEED_STATE": str(tmp_path / "feeds.sqlite3")}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(DISCORDANT), *args, "--db", str(db), "--corpus",
                               str(corpus)], capture_output=True, text=True, timeout=300,
                              env=env)

    added = run("add", site.url("/officers.html"))
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Added kazakhstan-unrest-26-police-officers-killed-ministry")
    assert "Steppe Herald · 2022-01-07" in added.stdout
    refused = run("add", "http://169.254.169.254/latest/meta-data/")
    assert refused.returncode == 2 and "link-local address" in refused.stderr
    for expected in ("2 added", "ok"):
        polled = run("feeds", "--once")
        assert polled.returncode == 0 and expected in polled.stdout, polled.stderr
    assert len(list(corpus.iterdir())) == 4
