"""/disputes: every slot in the corpus where sources report different figures."""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands
from discord.ext import commands

from index.engine import Engine

from ..app import DiscordantBot
from ..limits import NO_MENTIONS
from ..render_corpus import disputes_pages, no_disputes
from .sources import send_pages


def corpus_disputes(engine: Engine) -> tuple[list, list, int]:
    """The disputed slots, the wording disputes and the article count, read together in one
    worker thread."""
    return engine.disputes(), engine.wording(), engine.article_count()


class Disputes(commands.Cog):
    def __init__(self, bot: DiscordantBot) -> None:
        self.bot = bot

    @app_commands.command(name="disputes",
                          description="Every figure the sources disagree on, one line each")
    async def disputes(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        slots, wordings, articles = await asyncio.to_thread(corpus_disputes, self.bot.engine)
        if not slots and not wordings:
            await interaction.edit_original_response(content=no_disputes(articles),
                                                     allowed_mentions=NO_MENTIONS)
            return
        await send_pages(interaction, disputes_pages(slots, wordings))


async def setup(bot: DiscordantBot) -> None:
    await bot.add_cog(Disputes(bot))
