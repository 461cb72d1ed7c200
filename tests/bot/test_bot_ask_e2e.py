"""/ask end to end: the real bot and engine against the loopback Discord."""

from __future__ import annotations

import io
import logging
import re

import pytest
from e2e_helpers import acked, embed_of, labels, settled, text_of
from PIL import Image

from bot.errors import APOLOGY
from bot.views import NOT_YOURS
from index.engine import Engine

pytestmark = pytest.mark.slow
QUESTION = "how many officers died"


async def test_commands_are_synced_to_the_test_guild_only(fake, bot):
    assert [scope for scope, _ in fake.syncs] == [fake.guild_id]
    commands = {command["name"]: command for command in fake.syncs[0][1]}
    assert set(commands) == {"ask", "Check against sources", "sources", "stories", "disputes",
                             "reindex", "add", "feeds"}
    assert commands["Check against sources"]["type"] == 3
    question, story = commands["ask"]["options"]
    assert (question["min_length"], question["max_length"], question["required"]) == (1, 300,
                                                                                       True)
    assert (story["name"], story["autocomplete"], story.get("required", False)) == (
        "story", True, False)
    for admin_only in ("reindex", "add", "feeds"):
        assert str(commands[admin_only]["default_member_permissions"]) == "8"


async def test_global_sync_happens_only_when_asked_for(fake, start_bot):
    await start_bot(sync_global=True, DISCORD_GUILD_ID="")
    assert [scope for scope, _ in fake.syncs] == [None]
    inter = await fake.slash("sources")  # a global command works in the guild too
    await settled(fake, inter)


async def test_ask_defers_then_edits_in_one_embed_with_the_disagreement_first(fake, bot):
    inter = await fake.slash("ask", {"question": QUESTION})
    await settled(fake, inter)
    assert inter.callback == {"type": 5}  # public "thinking…", sent before any search
    edit = inter.edits[-1]
    assert edit["allowed_mentions"] == {"parse": []}
    embed = embed_of(edit)
    summary = embed["description"]
    assert summary.startswith("**⚠️ Sources disagree")
    for figure in ("**12**", "8**", "13**"):
        assert figure in summary
    *passages, chart = embed["fields"]
    assert all(field["value"].startswith("> ") for field in passages)
    assert any("**" in field["value"] for field in passages)
    assert chart["name"] == "📈 Chart" and "at least 8" in chart["value"]
    assert labels(fake, fake.message_of(inter)) == ["◀", "▶", "👍", "👎"]
    assert fake.unexpected == []


async def test_ask_carries_a_chart_of_the_disagreement_that_the_embed_shows(fake, bot):
    inter = await fake.slash("ask", {"question": QUESTION})
    await settled(fake, inter)
    (sent,) = inter.edits[-1]["attachments"]
    assert sent["filename"] == "chart.png" and "at least 8" in sent["description"]
    assert embed_of(inter.edits[-1])["image"] == {"url": "attachment://chart.png"}
    message = fake.message_of(inter)
    (attachment,) = message["attachments"]
    image = Image.open(io.BytesIO(fake.files[attachment["id"]]))
    assert image.format == "PNG" and image.size[0] >= 800 and image.size[1] >= 400
    assert (attachment["width"], attachment["height"]) == image.size
    assert embed_of(message)["image"]["url"] == attachment["url"]
    # Turning the page keeps the chart: the next page's image names the same file.
    turn = await fake.click(message, "▶")
    await acked(fake, turn)
    assert embed_of(fake.message_of(turn))["image"]["url"] == attachment["url"]
    assert fake.message_of(turn)["attachments"] == [attachment]


async def test_a_question_whose_sources_agree_has_no_chart(fake, bot):
    inter = await fake.slash("ask", {"question": "how many protesters were killed"})
    await settled(fake, inter)
    assert fake.message_of(inter)["attachments"] == []
    assert "image" not in embed_of(inter.edits[-1])


async def test_an_agreement_shows_beside_a_person_outlets_describe_differently(fake, bot):
    inter = await fake.slash("ask", {"question": "how many protesters were killed"})
    await settled(fake, inter)
    summary = embed_of(inter.edits[-1])["description"]
    assert summary.startswith("**✅ Sources agree") and "**dozens**" in summary
    assert "disagree" not in summary
    assert "Outlets describe Saltanat Azirbek differently" in summary
    assert fake.unexpected == []


async def test_a_question_no_article_answers_gets_a_plain_none_of_n(fake, bot):
    inter = await fake.slash("ask", {"question": "recipe for banana bread with walnuts"})
    await settled(fake, inter)
    first, _, nearest = inter.edits[-1]["content"].partition("\n\n")
    assert first == "None of the 5 articles reports this."
    assert nearest.startswith("*Nearest passages — they do not answer it:*\n1. ")
    assert not inter.edits[-1].get("embeds")


async def test_everyone_in_a_question_never_pings_or_renders(fake, bot):
    inter = await fake.slash("ask", {"question": "@everyone " + QUESTION})
    await settled(fake, inter)
    assert fake.pings == []
    for body in inter.bodies():
        assert body.get("allowed_mentions") == {"parse": []}
        assert "@everyone" not in text_of(body)


async def test_a_question_without_words_is_refused_privately_before_any_search(fake, bot):
    inter = await fake.slash("ask", {"question": "?!?"})
    await acked(fake, inter)
    assert inter.callback["type"] == 4
    assert inter.callback["data"]["flags"] == 64
    assert "no words" in inter.callback["data"]["content"]


async def test_page_buttons_turn_pages_for_the_asker_only(fake, bot):
    inter = await fake.slash("ask", {"question": QUESTION}, user=fake.member)
    await settled(fake, inter)
    message = fake.message_of(inter)
    turn = await fake.click(message, "▶", user=fake.member)
    await acked(fake, turn)
    assert turn.callback["type"] == 7
    page = embed_of(turn.callback["data"])
    assert "page 2/2" in page["footer"]["text"]
    assert fake.button(fake.message_of(turn), "▶")["disabled"] is True

    other = await fake.click(fake.message_of(turn), "◀", user=fake.other_member)
    await acked(fake, other)
    assert other.callback["type"] == 4
    assert (other.callback["data"]["content"], other.callback["data"]["flags"]) == (NOT_YOURS, 64)
    assert "page 2/2" in embed_of(fake.message_of(turn))["footer"]["text"]


async def test_feedback_buttons_store_one_vote_per_person(fake, bot):
    inter = await fake.slash("ask", {"question": QUESTION}, user=fake.member)
    await settled(fake, inter)
    message = fake.message_of(inter)
    for user, emoji in ((fake.other_member, "👍"), (fake.member, "👍"), (fake.member, "👎")):
        click = await fake.click(message, emoji, user=user)
        await acked(fake, click)
        assert click.callback["type"] == 4 and click.callback["data"]["flags"] == 64
    assert bot.feedback.tally(int(message["id"])) == (1, 1)
    vote = bot.feedback.votes()[0]
    assert (vote.question, vote.asker_id, vote.page) == (QUESTION, int(fake.member.id), 0)
    assert vote.docs


async def test_a_second_ask_within_the_cooldown_is_refused_with_the_wait(fake, start_bot):
    await start_bot(ASK_COOLDOWN_SECONDS="60")
    first = await fake.slash("ask", {"question": QUESTION}, user=fake.member)
    await settled(fake, first)
    second = await fake.slash("ask", {"question": QUESTION}, user=fake.member)
    await acked(fake, second)
    assert second.callback["data"]["flags"] == 64
    assert re.fullmatch(r"You're asking quickly: try again in (59|60) s\.",
                        second.callback["data"]["content"])
    someone_else = await fake.slash("ask", {"question": QUESTION}, user=fake.other_member)
    await acked(fake, someone_else)
    assert someone_else.callback == {"type": 5}


class BrokenEngine(Engine):
    """The real engine, except that answering fails the way a bug would."""

    def ask(self, question: str, top_k: int | None = None, story: str | None = None):
        raise RuntimeError("the search exploded")


async def test_an_unexpected_error_is_logged_and_apologised_for_privately(
        fake, start_bot, indexed, caplog):
    engine = BrokenEngine(indexed.settings, store=indexed.store, embedder=indexed.embedder)
    await start_bot(engine=engine)
    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        inter = await fake.slash("ask", {"question": QUESTION})
        await fake.wait_for(lambda: inter.followups, 30, "the apology")
    assert inter.accepted("delete"), "the public 'thinking…' message should be removed"
    assert inter.followups[-1]["content"] == APOLOGY
    assert inter.followups[-1]["flags"] == 64
    assert fake.messages[inter.followup_ids[-1]]["flags"] == 64
    (record,) = [r for r in caplog.records if r.name == "bot.errors"]
    assert "ask failed" in record.getMessage() and "the search exploded" in str(record.exc_info)


async def test_buttons_are_removed_when_the_view_expires(fake, bot, monkeypatch):
    monkeypatch.setattr("bot.views.PAGE_TIMEOUT", 0.5)
    inter = await fake.slash("ask", {"question": QUESTION})
    await settled(fake, inter)
    assert fake.buttons(fake.message_of(inter))
    await fake.wait_for(lambda: not fake.buttons(fake.message_of(inter)), 10, "the buttons to go")
    assert inter.edits[-1]["components"] == []
    assert embed_of(fake.message_of(inter))["fields"], "the answer itself stays"
