"""/stories: every Story of the index (its articles, dates, outlets, disputed figures), paged."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from ..app import DiscordantBot
from ..render_corpus import stories_pages
from .sources import send_listing


class Stories(commands.Cog):
    def __init__(self, bot: DiscordantBot) -> None:
        self.bot = bot

    @app_commands.command(name="stories",
                          description="List the stories: articles, dates, disputed figures")
    async def stories(self, interaction: discord.Interaction) -> None:
        await send_listing(interaction, self.bot.engine.stories, stories_pages)


async def setup(bot: DiscordantBot) -> None:
    await bot.add_cog(Stories(bot))
