"""Stories and links end to end: the `story` option's autocomplete, /stories, /ask and
/disputes within a story, and outlets linked to their articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import session_embedder
from e2e_helpers import acked, embed_of, settled

from index.engine import Engine
from index.settings import Settings

pytestmark = pytest.mark.slow
FRANCE24 = "https://www.france24.com/en/asia-pacific/20220106-kazakhstan"
AP = "https://apnews.com/article/kazakhstan-(unrest)"


@pytest.fixture(scope="module")
def linked(request, tmp_path_factory, sample_corpus: Path) -> Engine:
    """The sample corpus with an address in two articles' front matter, indexed."""
    corpus = tmp_path_factory.mktemp("linked") / "corpus"
    shutil.copytree(sample_corpus, corpus)
    for name, url in (("004_8e019ddef499e6f8.txt", FRANCE24), ("001_a65856c8e52ad3f5.txt", AP)):
        path = corpus / name
        path.write_text(path.read_text().replace("---\n", f"---\nurl: {url}\n", 1))
    engine = Engine(Settings(corpus_dir=corpus,
                             chroma_path=tmp_path_factory.mktemp("linked-db") / "index"),
                    embedder=session_embedder(request))
    engine.index()
    return engine


async def test_story_autocomplete_suggests_titles_with_the_story_id_as_value(
        fake, bot, indexed):
    (story,) = indexed.stories()
    inter = await fake.autocomplete("ask", {"question": "how many", "story": "kazakh"},
                                    "story")
    await acked(fake, inter)
    assert inter.callback["type"] == 8
    (choice,) = inter.choices
    assert choice["value"] == story.id
    assert choice["name"].startswith(story.title) and "5 articles" in choice["name"]
    assert len(choice["name"]) <= 100
    nothing = await fake.autocomplete("disputes", {"story": "ferry"}, "story")
    await acked(fake, nothing)
    assert nothing.choices == []


async def test_ask_within_a_story_names_the_story_of_each_block(fake, bot, indexed):
    (story,) = indexed.stories()
    inter = await fake.slash("ask", {"question": "how many officers died", "story": story.id})
    await settled(fake, inter)
    summary = embed_of(inter.edits[-1])["description"]
    assert f"*📰 story: {story.title}*" in summary
    assert "**12**" in summary


async def test_a_story_no_index_has_is_refused_privately(fake, bot):
    inter = await fake.slash("ask", {"question": "how many officers died",
                                     "story": "the ferry"})
    await fake.wait_for(lambda: inter.followups, 30, "the refusal")
    assert inter.followups[-1]["flags"] == 64
    assert "No single story matches “the ferry”" in inter.followups[-1]["content"]


async def test_stories_lists_each_story_with_articles_dates_and_disputed_figures(
        fake, bot, indexed):
    inter = await fake.slash("stories")
    await settled(fake, inter)
    embed = embed_of(inter.edits[-1])
    (story,) = indexed.stories()
    assert embed["title"] == "Stories"
    assert f"**{story.title}** — 5 articles · 2022-01-06 · `{story.id}`" in \
        embed["description"]
    assert "⚠️ disputed: " in embed["description"] and "people arrested" in embed["description"]
    assert embed["footer"]["text"].startswith("1 story, 1 with disputed figures")


async def test_disputes_within_a_story(fake, bot, indexed):
    (story,) = indexed.stories()
    inter = await fake.slash("disputes", {"story": story.title})  # a title works too
    await settled(fake, inter)
    embed = embed_of(inter.edits[-1])
    assert embed["title"] == f"Where sources disagree — {story.title}"
    assert len(embed["description"].split("\n")) == len(indexed.disputes(story.id))


async def test_an_article_with_an_address_gets_its_outlet_linked(fake, start_bot, linked):
    await start_bot(engine=linked)
    inter = await fake.slash("ask", {"question": "how many officers died"})
    await settled(fake, inter)
    embed = embed_of(inter.edits[-1])
    france24 = f"[France 24]({FRANCE24})"
    assert france24 in embed["description"]
    assert "[AP report (republished)](https://apnews.com/article/kazakhstan-%28unrest%29)" \
        in embed["description"]
    assert "[CNN (republished)]" not in embed["description"]  # no address: plain
    chart = next(f for f in embed["fields"] if f["name"] == "📈 Chart")
    assert france24 in chart["value"]
    assert any(france24 in f["value"] for f in embed["fields"] if f["name"] != "📈 Chart")
    sources = await fake.slash("sources")
    await settled(fake, sources)
    assert f"**{france24}**" in embed_of(sources.edits[-1])["description"]
