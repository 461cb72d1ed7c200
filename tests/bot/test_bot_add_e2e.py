"""/add and /feeds end to end: a page served locally becomes an answer; refusals say why."""

from __future__ import annotations

import shutil

import pytest
from e2e_helpers import acked, embed_of, settled, text_of

from bot.cogs.add import REFUSED
from index.engine import Engine
from index.settings import Settings
from tests.pages import NewsSite

pytestmark = pytest.mark.slow


@pytest.fixture
def site():
    with NewsSite() as running:
        yield running


@pytest.fixture
def web_engine(indexed, sample_corpus, tmp_path, site) -> Engine:
    """The sample corpus and index copied for this test, with local pages allowed."""
    corpus, chroma = tmp_path / "corpus", tmp_path / "chroma"
    shutil.copytree(sample_corpus, corpus)
    shutil.copytree(indexed.settings.chroma_path, chroma)
    settings = Settings(corpus_dir=corpus, chroma_path=chroma, allow_private_urls=True,
                        feeds=site.url("/feed.xml"), feed_poll_minutes=0,
                        feed_state=tmp_path / "feeds.sqlite3")
    return Engine(settings, embedder=indexed.embedder, extractor=indexed.extractor)


async def private_reply(fake, inter, timeout: float = 120) -> str:
    await acked(fake, inter)
    await fake.wait_for(lambda: inter.edits, timeout, f"the reply to /{inter.name}")
    assert fake.is_ephemeral(inter)
    return inter.edits[-1].get("content") or ""


async def test_an_added_page_is_answered_from_at_the_next_ask(fake, start_bot, web_engine,
                                                              site):
    await start_bot(engine=web_engine)
    added = await fake.slash("add", {"url": site.url("/officers.html")}, user=fake.admin)
    text = await private_reply(fake, added)
    assert text.startswith("✅ Added **Kazakhstan unrest: 26 police officers killed")
    assert "Steppe Herald · 2022-01-07" in text and "⚠️ Disputed" in text and "26" in text
    assert web_engine.article_count() == 6
    asked = await fake.slash("ask", {"question": "how many police officers were killed"})
    await settled(fake, asked, 60)
    shown = text_of(asked.edits[-1])
    assert "Steppe Herald" in shown and "26" in shown
    assert embed_of(asked.edits[-1])["fields"]


async def test_a_non_admin_is_refused_and_nothing_is_fetched(fake, start_bot, web_engine,
                                                             site):
    await start_bot(engine=web_engine)
    inter = await fake.slash("add", {"url": site.url("/officers.html")}, user=fake.member,
                             bypass_default_permissions=True)
    await acked(fake, inter)
    assert inter.callback["data"]["content"] == REFUSED and inter.callback["data"]["flags"] == 64
    assert site.hits("/officers.html") == 0 and web_engine.article_count() == 5


@pytest.mark.parametrize(("url", "reason"), [
    ("file:///etc/passwd", "Only http:// and https:// URLs can be added"),
    ("http://169.254.169.254/latest/meta-data/", "link-local address"),
    ("/huge.html", "more than the 5 MB an article page may be"),
    ("/photo.png", "image/png, not a web page"),
    ("http://[::1", "is not a valid URL"),
    ("http://example.org:99999/news", "is not a valid URL"),
    ("http://[::ffff:169.254.169.254]/", "never fetched"),
    ("http://100.100.100.200/latest/meta-data/", "never fetched"),
])
async def test_urls_that_may_not_be_added_are_refused_with_the_reason(
        fake, start_bot, web_engine, site, url, reason):
    await start_bot(engine=web_engine)
    url = site.url(url) if url.startswith("/") else url
    inter = await fake.slash("add", {"url": url}, user=fake.admin)
    text = await private_reply(fake, inter)
    assert reason in text and "Traceback" not in text
    assert web_engine.article_count() == 5
    assert sorted(p.name for p in web_engine.settings.corpus_dir.iterdir())[-1].endswith(".txt")


async def test_a_feed_with_two_new_entries_adds_two_articles_once_even_polled_twice(
        fake, start_bot, web_engine, site):
    await start_bot(engine=web_engine)
    first = await fake.slash("feeds", {"poll": True}, user=fake.admin)
    assert (await private_reply(fake, first)).startswith("Polled: 2 new article(s) added.")
    second = await fake.slash("feeds", {"poll": True}, user=fake.admin)
    text = await private_reply(fake, second)
    assert text.startswith("Polled: 0 new article(s) added.") and "not modified" in text
    assert web_engine.article_count() == 7
    assert site.hits("/entry-1.html") == 1 and site.hits("/entry-2.html") == 1
    listing = await fake.slash("feeds", user=fake.admin)
    assert site.url("/feed.xml") in await private_reply(fake, listing)
