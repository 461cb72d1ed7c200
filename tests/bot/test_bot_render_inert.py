"""Outlet names and titles that try to forge what Discord shows (ESC sequences, a
right-to-left override, embedded newlines) reach no embed or reply: every one is inert."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest
from bot_factories import officers_answer, officers_slot, report

from bot import render, render_corpus
from bot.cogs.add import added_text
from bot.cogs.feeds import feeds_text
from index.adding import Added
from index.ingest.feeds import FeedStatus
from index.ingest.html import Page
from index.records import Answer, Skipped, SourceSummary, StorySummary
from index.render.text import render_feed_line
from tests.index.ingest.hostile import forged, poison

pytestmark = pytest.mark.fast


def all_text(embed: discord.Embed) -> str:
    parts = [embed.title or "", embed.description or "", embed.footer.text or ""]
    parts += [f"{f.name}\n{f.value}" for f in embed.fields]
    return "\n".join(parts)


def hostile_replies() -> dict[str, str]:
    answer = poison(officers_answer())
    source = poison(SourceSummary("a", "Steppe Herald", "Toll rises", "2022-01-07", 3,
                                  url="https://steppe.example/a"))
    story = poison(StorySummary("s-1", "Unrest in Almaty", ("a",), ("AFP",), "2022-01-06",
                                None, ("officers killed",)))
    added = poison(Added("toll", Path("corpus/toll.md"), Page("text", "Toll rises", "Steppe",
                   "2022-01-07", None, None), False, 3, (officers_slot(),), report()))
    feed = poison(FeedStatus("https://valley.example/feed.xml", None, "failed", 0, "timeout"))
    nothing = poison(Answer(question="q", passages=(), notice="Nothing here", article_count=2))
    embeds = {
        "ask": render.answer_pages(answer),
        "sources": render_corpus.sources_pages([source]),
        "stories": render_corpus.stories_pages([story]),
        "disputes": render_corpus.disputes_pages(list(answer.disagreements), story=story),
        "reindex": [render_corpus.index_report(poison(report(
            skipped=(Skipped("bad.txt", "not UTF-8"),), warnings=("odd file",))))],
    }
    replies = {name: "\n".join(all_text(e) for e in pages) for name, pages in embeds.items()}
    replies["add"] = added_text(added)
    replies["feeds"] = feeds_text([render_feed_line(feed)])
    replies["nothing found"] = render.nothing_found(nothing)
    return replies


def test_no_forged_name_reaches_an_embed_or_a_reply():
    for name, shown in hostile_replies().items():
        assert "FORGED" in shown, f"{name}: the text itself is kept"
        assert forged(shown) == [], name
