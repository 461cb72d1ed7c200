"""/ask: the passages that answer a question, who reports which figure, and a chart where
the figures differ."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import discord
from discord import app_commands
from discord.ext import commands

from index import MAX_QUESTION_CHARS, Answer, Chart, Engine, clean_question

from .. import render
from ..app import DiscordantBot
from ..limits import NO_MENTIONS
from ..story_options import autocomplete_story, resolve_story
from ..uploads import chart_file
from ..views import AnswerView


def ask_cooldown(interaction: discord.Interaction) -> app_commands.Cooldown | None:
    """One question per ASK_COOLDOWN_SECONDS per user (none when set to 0)."""
    seconds = interaction.client.settings.ask_cooldown_seconds  # type: ignore[attr-defined]
    return app_commands.Cooldown(1, seconds) if seconds > 0 else None


@dataclass(frozen=True)
class Reply:
    """An Answer with what its embed needs besides: the Articles' addresses, the chart."""

    answer: Answer
    links: render.Links
    chart: Chart | None = None


def answer_reply(engine: Engine, question: str, story: str | None = None) -> Reply:
    """Answer, and draw the chart of the first disagreement (or update): blocking work, for
    a worker thread. `story` is what the member sent for the option (an id or a title)."""
    story_id = resolve_story(engine.stories(), story).id if story else None
    answer = engine.ask(question, story=story_id)
    chart = engine.chart(answer.disagreements[0]) if answer.disagreements else None
    return Reply(answer, render.Links.of(engine.sources()), chart)


class Ask(commands.Cog):
    def __init__(self, bot: DiscordantBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="ask",
        description="Ask the news; where sources disagree, see each figure and who reports it",
    )
    @app_commands.describe(question="What to ask, e.g. how many officers died",
                           story="Answer from one story only (start typing its title)")
    @app_commands.autocomplete(story=autocomplete_story)
    @app_commands.checks.dynamic_cooldown(ask_cooldown, key=lambda i: i.user.id)
    async def ask(self, interaction: discord.Interaction,
                  question: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
                  story: app_commands.Range[str, 1, 100] | None = None) -> None:
        """Defer at once, answer in a worker thread, then edit in one embed with buttons."""
        text = clean_question(question)  # a QuestionError here stays private (no defer yet)
        await interaction.response.defer(thinking=True)
        reply = await asyncio.to_thread(answer_reply, self.bot.engine, text, story)
        answer = reply.answer
        if not answer.passages:
            await interaction.edit_original_response(content=render.nothing_found(answer),
                                                     allowed_mentions=NO_MENTIONS)
            return
        pages = render.answer_pages(answer, reply.links, reply.chart)
        view = AnswerView(interaction, answer, pages, self.bot.feedback)
        files = [chart_file(reply.chart)] if reply.chart else []
        await interaction.edit_original_response(embed=view.embed, view=view, attachments=files,
                                                 allowed_mentions=NO_MENTIONS)


async def setup(bot: DiscordantBot) -> None:
    await bot.add_cog(Ask(bot))
