"""/disputes: every slot in the corpus (or one Story) where sources report different figures."""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands
from discord.ext import commands

from index import Engine, Slot, StorySummary, Wording

from ..app import DiscordantBot
from ..limits import NO_MENTIONS
from ..render_corpus import disputes_pages, no_disputes
from ..story_options import autocomplete_story, resolve_story
from .sources import send_pages


def corpus_disputes(engine: Engine, story: str | None = None,
                    ) -> tuple[list[Slot], list[Wording], int, StorySummary | None]:
    """The disputed slots (of one Story when asked), the wording disputes (corpus-wide
    only) and the article count, read together in one worker thread."""
    chosen = resolve_story(engine.stories(), story) if story else None
    slots = engine.disputes(chosen.id if chosen else None)
    return slots, [] if chosen else engine.wording(), engine.article_count(), chosen


class Disputes(commands.Cog):
    def __init__(self, bot: DiscordantBot) -> None:
        self.bot = bot

    @app_commands.command(name="disputes",
                          description="Every figure the sources disagree on, one line each")
    @app_commands.describe(story="Only this story's disputes (start typing its title)")
    @app_commands.autocomplete(story=autocomplete_story)
    async def disputes(self, interaction: discord.Interaction,
                       story: app_commands.Range[str, 1, 100] | None = None) -> None:
        await interaction.response.defer(thinking=True)
        slots, wordings, articles, chosen = await asyncio.to_thread(
            corpus_disputes, self.bot.engine, story)
        if not slots and not wordings:
            await interaction.edit_original_response(content=no_disputes(articles),
                                                     allowed_mentions=NO_MENTIONS)
            return
        await send_pages(interaction, disputes_pages(slots, wordings, chosen))


async def setup(bot: DiscordantBot) -> None:
    await bot.add_cog(Disputes(bot))
