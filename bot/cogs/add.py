"""/add url: fetch one article page into the corpus and the index (admins only).

The engine does the work (fetch with its limits, extraction, saving, a re-index that only
embeds the new article) in a worker thread; the admin gets a private reply with what was
added and every figure the new article now disputes. A refused URL (not http(s), a private
address, too large, not a page) comes back privately with the reason.
"""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands
from discord.ext import commands

from index import Added, format_number, inert

from ..app import DiscordantBot
from ..checks import admin_only
from ..errors import defer_ephemeral
from ..limits import NO_MENTIONS, clip, content, one_line, safe

log = logging.getLogger(__name__)


REFUSED = ("Only server administrators (or the role/users named in ADMIN_ROLE_ID / "
           "ADMIN_USER_IDS) can add articles or manage feeds.")


def figure_words(figure) -> str:
    qualifier = f"{figure.qualifier} " if figure.qualifier not in (None, "a", "range",
                                                                   "vague") else ""
    return f"{qualifier}{format_number(figure.value)} ({', '.join(figure.sources)[:120]})"


def added_text(added: Added) -> str:
    """The private reply: the article, the index run, and what it disputes (made `inert`:
    no control character from the page reaches Discord)."""
    added = inert(added)
    page = added.page
    verb = "Updated" if added.replaced else "Added"
    lines = [f"✅ {verb} **{safe(clip(one_line(page.title or added.doc_id), 200))}** — "
             f"{safe(one_line(page.source or '?'))} · {safe(page.date or 'no date')} · "
             f"{added.passages} passages (`{added.path.name}`)",
             f"Index: {added.report.articles} articles, {added.report.embedded} passages "
             f"embedded, {added.report.reused} reused."]
    for slot in added.disputes[:8]:
        figures = " vs ".join(figure_words(f) for f in slot.figures[:4])
        lines.append(f"⚠️ Disputed — **{safe(clip(one_line(slot.about), 80))}**: "
                     f"{safe(figures)} (*{slot.relationship}*)")
    if not added.disputes:
        lines.append("It disputes no figure of the other articles.")
    return content("\n".join(lines))


class Add(commands.Cog):
    def __init__(self, bot: DiscordantBot) -> None:
        self.bot = bot

    @app_commands.command(name="add", description="Add a news article by its web address")
    @app_commands.describe(url="The article's http(s) address")
    @app_commands.default_permissions(administrator=True)
    @app_commands.guild_only()
    @admin_only(REFUSED)
    async def add(self, interaction: discord.Interaction[DiscordantBot],
                  url: app_commands.Range[str, 1, 2000]) -> None:
        await defer_ephemeral(interaction)
        added = await asyncio.to_thread(self.bot.engine.add_url, url)
        log.info("user %s added %s as %s", interaction.user.id, added.page.url or url,
                 added.doc_id)
        await interaction.edit_original_response(content=added_text(added),
                                                 allowed_mentions=NO_MENTIONS)


async def setup(bot: DiscordantBot) -> None:
    await bot.add_cog(Add(bot))
