"""/reindex: rebuild the index from CORPUS_DIR while /ask keeps answering (admins only).

The engine builds the new generation beside the active one and swaps it in when complete;
this cog only shows progress (edits of a private reply, at most one per
PROGRESS_INTERVAL) and, at the end, the diff from the IndexReport.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time

import discord
from discord import app_commands
from discord.ext import commands

from index import IndexBusyError, IndexReport

from ..app import DiscordantBot
from ..checks import admin_only
from ..errors import defer_ephemeral
from ..limits import NO_MENTIONS
from ..render_corpus import index_progress, index_report

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 1.5
BUSY = "A re-index is already running; wait for it to finish."
REFUSED = ("Only server administrators (or the role/users named in ADMIN_ROLE_ID / "
           "ADMIN_USER_IDS) can re-index the corpus.")


class Tracker:
    """The latest progress(stage, done, total) from the worker thread, read by the loop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: tuple[str, int, int] | None = None

    def update(self, stage: str, done: int, total: int) -> None:
        with self._lock:
            self._latest = (stage, done, total)

    def latest(self) -> tuple[str, int, int] | None:
        with self._lock:
            return self._latest


class Reindex(commands.Cog):
    def __init__(self, bot: DiscordantBot) -> None:
        self.bot = bot
        self.running = False

    @app_commands.command(name="reindex",
                          description="Re-index the corpus folder; answers keep coming meanwhile")
    @app_commands.describe(rebuild="Re-embed every article, not only new or changed ones",
                           allow_empty="Let a corpus folder with no articles empty the index")
    @app_commands.default_permissions(administrator=True)
    @app_commands.guild_only()
    @admin_only(REFUSED)
    async def reindex(self, interaction: discord.Interaction[DiscordantBot],
                      rebuild: bool = False, allow_empty: bool = False) -> None:
        if self.running or self.bot.engine.indexing:
            raise IndexBusyError(BUSY)
        self.running = True  # set before the first await: a second /reindex sees it
        try:
            await defer_ephemeral(interaction)
            report = await self.index_with_progress(interaction, rebuild, allow_empty)
        finally:
            self.running = False
        await self.show(interaction, embed=index_report(report), content=None)

    async def index_with_progress(self, interaction: discord.Interaction,
                                  rebuild: bool, allow_empty: bool = False) -> IndexReport:
        """Run the engine's index in a thread, editing the private reply as stages go by."""
        tracker, started = Tracker(), time.monotonic()
        job = asyncio.ensure_future(asyncio.to_thread(self.bot.engine.index, None,
                                                      tracker.update, rebuild, allow_empty))
        live = await self.show(interaction, content="⏳ Re-indexing… starting")
        shown = None
        while not job.done():
            await asyncio.wait({job}, timeout=PROGRESS_INTERVAL)
            latest = tracker.latest()
            if live and latest and latest != shown and not job.done():
                shown = latest
                live = await self.show(interaction, content=index_progress(
                    *latest, elapsed=time.monotonic() - started))
        report = job.result()
        log.info("re-index by user %s: %d articles (+%d ~%d -%d) in %.1f s",
                 interaction.user.id, report.articles, len(report.added),
                 len(report.changed), len(report.removed), report.seconds)
        return report

    async def show(self, interaction: discord.Interaction, **message: object) -> bool:
        """Edit the private reply; False (and the index runs on) once that has failed."""
        try:
            await interaction.edit_original_response(allowed_mentions=NO_MENTIONS,
                                                     **message)  # type: ignore[arg-type]
        except discord.HTTPException as exc:
            log.warning("could not update the /reindex reply (the interaction may have "
                        "expired): %s", exc)
            return False
        return True


async def setup(bot: DiscordantBot) -> None:
    await bot.add_cog(Reindex(bot))
