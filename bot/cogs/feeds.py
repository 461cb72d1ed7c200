"""/feeds (admins): the feeds in FEEDS and their last result; `poll` polls them now.

With FEEDS set and FEED_POLL_MINUTES above 0, the cog also polls every feed that often in
the background (in a worker thread: fetching and indexing block). A poll that finds the
index busy (a /reindex under way) leaves the new articles saved for the next run.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import discord
from discord import app_commands
from discord.ext import commands

from index import DiscordantError, FeedsReport, render_feed_line

from ..app import DiscordantBot
from ..checks import admin_only
from ..errors import defer_ephemeral
from ..limits import NO_MENTIONS, content, safe
from .add import REFUSED

log = logging.getLogger(__name__)


def feeds_text(lines: list[str], added: tuple[str, ...] | None = None) -> str:
    if not lines:
        return "No feeds: list RSS/Atom URLs (or a file of them) in FEEDS."
    head = [] if added is None else [f"Polled: {len(added)} new article(s) added."]
    return content("\n".join([*head, *(f"• {safe(line)}" for line in lines)]))


class Feeds(commands.Cog):
    def __init__(self, bot: DiscordantBot) -> None:
        self.bot = bot
        self.lock = asyncio.Lock()  # one poll at a time: background and /feeds poll
        self.task: asyncio.Task | None = None

    async def cog_load(self) -> None:
        settings = self.bot.engine.settings
        if settings.feeds and settings.feed_poll_minutes > 0:
            self.task = asyncio.create_task(self.poll_forever(settings.feed_poll_minutes * 60))

    async def cog_unload(self) -> None:
        if self.task:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task

    async def poll_once(self) -> FeedsReport:
        async with self.lock:
            return await asyncio.to_thread(self.bot.engine.poll_feeds)

    async def poll_forever(self, seconds: float) -> None:
        while True:
            try:
                report = await self.poll_once()
                log.info("polled %d feeds: %d articles added", len(report.feeds),
                         len(report.added))
            except DiscordantError as exc:
                log.warning("feed poll: %s", exc)
            except Exception:
                log.exception("feed poll failed")
            await asyncio.sleep(seconds)

    @app_commands.command(name="feeds", description="The news feeds and their last result")
    @app_commands.describe(poll="Poll every feed now and add its new entries")
    @app_commands.default_permissions(administrator=True)
    @app_commands.guild_only()
    @admin_only(REFUSED)
    async def feeds(self, interaction: discord.Interaction[DiscordantBot],
                    poll: bool = False) -> None:
        await defer_ephemeral(interaction)
        added = None
        if poll:
            report = await self.poll_once()
            added, statuses = report.added, list(report.feeds)
        else:
            statuses = await asyncio.to_thread(self.bot.engine.feed_statuses)
        text = feeds_text([render_feed_line(f) for f in statuses], added)
        await interaction.edit_original_response(content=text, allowed_mentions=NO_MENTIONS)


async def setup(bot: DiscordantBot) -> None:
    await bot.add_cog(Feeds(bot))
