"""/stories: every Story of the index (its articles, dates, outlets, disputed figures), paged."""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands
from discord.ext import commands

from ..app import DiscordantBot
from ..limits import NO_MENTIONS
from ..render_corpus import no_sources, stories_pages
from .sources import send_pages


class Stories(commands.Cog):
    def __init__(self, bot: DiscordantBot) -> None:
        self.bot = bot

    @app_commands.command(name="stories",
                          description="List the stories: articles, dates, disputed figures")
    async def stories(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        stories = await asyncio.to_thread(self.bot.engine.stories)
        if not stories:
            await interaction.edit_original_response(content=no_sources(),
                                                     allowed_mentions=NO_MENTIONS)
            return
        await send_pages(interaction, stories_pages(stories))


async def setup(bot: DiscordantBot) -> None:
    await bot.add_cog(Stories(bot))
