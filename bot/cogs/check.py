""""Check against sources": a message's Apps menu command. The figures the message states,
each with what the sources say about it; privately, with a button to post it."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

import discord
from discord import app_commands
from discord.ext import commands

from index import Chart, CheckResult, Engine, QuestionError

from .. import render
from ..app import DiscordantBot
from ..errors import defer_ephemeral
from ..limits import NO_MENTIONS
from ..render_check import check_embed
from ..uploads import chart_file
from ..views import PostView
from .ask import ask_cooldown

MENU = "Check against sources"
# Discord markup that is no text to read: custom emoji, timestamps, slash-command mentions.
MARKUP = re.compile(r"<a?:(\w+):\d+>|<t:-?\d+(?::[tTdDfFR])?>|</[\w -]+:\d+>")
NO_TEXT = ("This message has no text to check (only images, stickers or files): check a "
           "message that states a figure, e.g. “13 officers died”.")


def message_text(message: discord.Message) -> str:
    """What a message says, as a reader sees it: its content (mentions as names) and the
    text of its embeds (a bot's or a link preview's), without markdown or markup."""
    parts = [message.clean_content]
    for embed in message.embeds:
        parts += [embed.title or "", embed.description or ""]
        parts += [f"{f.name}: {f.value}" for f in embed.fields]
    text = "\n".join(p for p in parts if p)
    text = MARKUP.sub(lambda m: m.group(1) or "", text)
    return discord.utils.remove_markdown(text).strip()


@dataclass(frozen=True)
class Checked:
    result: CheckResult
    links: render.Links
    chart: Chart | None


def check_reply(engine: Engine, text: str) -> Checked:
    """Check the message and draw the chart of the first quantity the sources dispute, the
    message's figure marked on it: blocking work, for a worker thread."""
    result = engine.check(text)
    disputed = next((f for f in result.figures if f.slot and f.slot.disputed), None)
    chart = None
    if disputed is not None and disputed.slot is not None:
        claim = disputed.claim
        value = claim.normalized if claim.normalized is not None else claim.value
        chart = engine.chart(disputed.slot, value if isinstance(value, int | float) else None)
    return Checked(result, render.Links.of(engine.sources()), chart)


class Check(commands.Cog):
    def __init__(self, bot: DiscordantBot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name=MENU, callback=self.check)
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    @app_commands.checks.dynamic_cooldown(ask_cooldown, key=lambda i: i.user.id)
    async def check(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """Defer privately, check in a worker thread, then edit in the embed and the button."""
        text = message_text(message)
        if not any(ch.isalnum() for ch in text):
            raise QuestionError(NO_TEXT)  # private, before any work
        await defer_ephemeral(interaction)
        checked = await asyncio.to_thread(check_reply, self.bot.engine, text)
        embed = check_embed(checked.result, checked.links, checked.chart,
                            author=message.author.display_name, jump_url=message.jump_url)
        view = PostView(interaction, embed, checked.chart)
        files = [chart_file(checked.chart)] if checked.chart else []
        await interaction.edit_original_response(embed=embed, view=view, attachments=files,
                                                 allowed_mentions=NO_MENTIONS)


async def setup(bot: DiscordantBot) -> None:
    await bot.add_cog(Check(bot))
