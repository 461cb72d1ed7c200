""""Check against sources" end to end: the real bot and engine against the loopback Discord,
used on messages of people and of bots, with embeds, markdown and mentions."""

from __future__ import annotations

import io

import pytest
from e2e_helpers import acked, embed_of, labels, settled, text_of
from fake_discord import FakeUser
from PIL import Image

from bot.cogs.check import MENU, NO_TEXT

pytestmark = pytest.mark.slow
CLAIM = "Thirteen officers died and 2,000 were arrested"


async def check(fake, message, user=None):
    inter = await fake.context_menu(MENU, message, user or fake.member)
    await settled(fake, inter)
    return inter


async def test_the_menu_checks_each_figure_privately_with_the_sources_figures(fake, bot):
    message = fake.post(fake.other_member, CLAIM)
    inter = await check(fake, message)
    assert inter.callback == {"type": 5, "data": {"flags": 64}}  # private "thinking…"
    assert fake.is_ephemeral(inter)
    embed = embed_of(inter.edits[-1])
    assert CLAIM in embed["description"] and "Carol" in embed["description"]
    officers, arrests = embed["fields"][:2]
    assert officers["name"].startswith("✅ 13 ") and "killed" in officers["name"]
    for figure in ("**at least 8**", "**12**", "**13**"):
        assert figure in officers["value"]
    for outlet in ("France 24", "AP report (republished)", "24 News HD (AFP)"):
        assert outlet in officers["value"]
    assert "· *contradicts it*" in officers["value"]  # 12 against 13
    assert arrests["name"].startswith("✅ 2,000 people arrested")
    assert "**more than 200**" in arrests["value"] and "**2,000**" in arrests["value"]
    assert "AP report (republished)" in arrests["value"]
    assert labels(fake, fake.message_of(inter)) == ["Post to channel"]
    (attachment,) = fake.message_of(inter)["attachments"]  # the disputed toll, drawn
    assert Image.open(io.BytesIO(fake.files[attachment["id"]])).size[0] >= 800
    assert fake.unexpected == []


async def test_small_talk_gets_no_source_reports_it(fake, bot):
    inter = await check(fake, fake.post(fake.other_member, "nice weather today"))
    embed = embed_of(inter.edits[-1])
    assert "No source reports this" in embed["description"]
    assert "none of the 5 articles" in embed["description"]
    assert fake.is_ephemeral(inter)


async def test_post_to_channel_shares_the_same_embed_publicly_once(fake, bot):
    inter = await check(fake, fake.post(fake.other_member, CLAIM))
    private = embed_of(fake.message_of(inter))
    click = await fake.click(fake.message_of(inter), "Post to channel")
    await acked(fake, click)
    assert click.callback["type"] == 4
    posted = click.callback["data"]
    assert not (posted.get("flags") or 0) & 64 and not fake.is_ephemeral(click)
    assert posted["allowed_mentions"] == {"parse": []}
    public = embed_of(fake.message_of(click))
    assert public["fields"][:2] == private["fields"][:2]
    assert "shared by Bob" in public["footer"]["text"]
    assert public["image"]["url"] == fake.message_of(click)["attachments"][0]["url"]
    await fake.wait_for(lambda: not fake.buttons(fake.message_of(inter)), 10,
                        "the Post button to go")


async def test_a_bots_message_is_read_from_its_embed(fake, bot):
    feed = fake.post(FakeUser("42", "newsfeed", bot=True), "", embeds=[
        {"title": "Kazakhstan", "description": "Breaking: **13** officers died in Almaty",
         "fields": [{"name": "Arrests", "value": "2,000 people were arrested"}]}])
    inter = await check(fake, feed)
    fields = embed_of(inter.edits[-1])["fields"]
    assert fields[0]["name"].startswith("✅ 13 ")
    assert any(f["name"].startswith("✅ 2,000 ") for f in fields)


async def test_markdown_and_mentions_are_read_as_text_and_never_ping(fake, bot):
    message = fake.post(fake.other_member,
                        f"@everyone <@{fake.member.id}> says ***13*** officers __died__ "
                        "<:flag:123456789012345678> <t:1641456000:R>", mentions=[fake.member])
    inter = await check(fake, message)
    embed = embed_of(inter.edits[-1])
    assert embed["fields"][0]["name"].startswith("✅ 13 ")
    assert fake.pings == []
    for body in inter.bodies():
        assert "@everyone" not in text_of(body) and "<@" not in text_of(body)


async def test_a_message_without_text_is_refused_privately(fake, bot):
    inter = await fake.context_menu(MENU, fake.post(fake.other_member, ""))
    await acked(fake, inter)
    assert inter.callback["type"] == 4 and inter.callback["data"]["flags"] == 64
    assert inter.callback["data"]["content"] == NO_TEXT
