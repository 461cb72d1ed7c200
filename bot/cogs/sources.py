"""/sources: the indexed articles (outlet, title, date, passages), paged."""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands
from discord.ext import commands

from ..app import DiscordantBot
from ..limits import NO_MENTIONS
from ..render_corpus import no_sources, sources_pages
from ..views import PagerView


async def send_pages(interaction: discord.Interaction, pages: list[discord.Embed]) -> None:
    """Edit the deferred reply into the first page, with ◀ ▶ when there is more than one."""
    view = PagerView(interaction, pages)
    await interaction.edit_original_response(embed=view.embed,
                                             view=view if len(pages) > 1 else None,
                                             allowed_mentions=NO_MENTIONS)


async def send_listing(interaction: discord.Interaction, load, pages) -> None:
    """Defer, read a listing of the index in a worker thread (`load`) and send its `pages`,
    or say that nothing is indexed yet."""
    await interaction.response.defer(thinking=True)
    items = await asyncio.to_thread(load)
    if not items:
        await interaction.edit_original_response(content=no_sources(),
                                                 allowed_mentions=NO_MENTIONS)
        return
    await send_pages(interaction, pages(items))


class Sources(commands.Cog):
    def __init__(self, bot: DiscordantBot) -> None:
        self.bot = bot

    @app_commands.command(name="sources",
                          description="List the indexed articles: outlet, title, date, passages")
    async def sources(self, interaction: discord.Interaction) -> None:
        await send_listing(interaction, self.bot.engine.sources, sources_pages)


async def setup(bot: DiscordantBot) -> None:
    await bot.add_cog(Sources(bot))
