"""/ask: the passages that answer a question, and who reports which figure."""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands
from discord.ext import commands

from index.engine import MAX_QUESTION_CHARS, clean_question

from .. import render
from ..app import DiscordantBot
from ..limits import NO_MENTIONS
from ..views import AnswerView


def ask_cooldown(interaction: discord.Interaction) -> app_commands.Cooldown | None:
    """One question per ASK_COOLDOWN_SECONDS per user (none when set to 0)."""
    seconds = interaction.client.settings.ask_cooldown_seconds  # type: ignore[attr-defined]
    return app_commands.Cooldown(1, seconds) if seconds > 0 else None


class Ask(commands.Cog):
    def __init__(self, bot: DiscordantBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="ask",
        description="Ask the news; where sources disagree, see each figure and who reports it",
    )
    @app_commands.describe(question="What to ask, e.g. how many officers died")
    @app_commands.checks.dynamic_cooldown(ask_cooldown, key=lambda i: i.user.id)
    async def ask(self, interaction: discord.Interaction,
                  question: app_commands.Range[str, 1, MAX_QUESTION_CHARS]) -> None:
        """Defer at once, answer in a worker thread, then edit in one embed with buttons."""
        text = clean_question(question)  # a QuestionError here stays private (no defer yet)
        await interaction.response.defer(thinking=True)
        answer = await asyncio.to_thread(self.bot.engine.ask, text)
        if not answer.passages:
            await interaction.edit_original_response(content=render.nothing_found(answer),
                                                     allowed_mentions=NO_MENTIONS)
            return
        view = AnswerView(interaction, answer, render.answer_pages(answer), self.bot.feedback)
        await interaction.edit_original_response(embed=view.embed, view=view,
                                                 allowed_mentions=NO_MENTIONS)


async def setup(bot: DiscordantBot) -> None:
    await bot.add_cog(Ask(bot))
