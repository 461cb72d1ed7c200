"""Buttons under a reply: ◀ ▶ to page (the asker only), 👍/👎 to rate an answer (anyone).

Pages are rendered up front, so turning a page is one `edit_message` well inside the 3 s
deadline. Views stop listening after PAGE_TIMEOUT, shortly before the original
interaction's 15-minute token expires, and then remove their buttons from the message.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

import discord

from index import Answer, Chart

from .errors import report_error
from .feedback import FeedbackStore, Vote
from .limits import NO_MENTIONS
from .render import PASSAGES_PER_PAGE
from .render_check import public_copy
from .uploads import chart_file

log = logging.getLogger(__name__)

PAGE_TIMEOUT = 14 * 60.0
NOT_YOURS = ("Only the person who ran this command can turn its pages: run it yourself to "
             "browse your own copy.")
THANKS = {1: "Thanks: recorded 👍 for this answer.", -1: "Thanks: recorded 👎 for this answer."}


class ReplyView(discord.ui.View):
    """Buttons under a reply to `origin`: removed when they expire; an error in one is
    reported to whoever pressed it."""

    origin: discord.Interaction

    async def on_timeout(self) -> None:
        try:
            await self.origin.edit_original_response(view=None, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            log.debug("could not remove the buttons of an expired reply: %s", exc)

    async def on_error(self, interaction: discord.Interaction, error: Exception,
                       item: discord.ui.Item[Any], /) -> None:
        await report_error(interaction, error)


class PagerView(ReplyView):
    """◀ ▶ through pre-rendered embeds; only the invoking user may turn the pages."""

    def __init__(self, origin: discord.Interaction, pages: Sequence[discord.Embed], *,
                 timeout: float | None = None) -> None:
        super().__init__(timeout=PAGE_TIMEOUT if timeout is None else timeout)
        self.origin = origin
        self.owner_id = origin.user.id
        self.pages = list(pages)
        self.page = 0
        if len(self.pages) < 2:
            self.remove_item(self.previous_page)
            self.remove_item(self.next_page)
        self._sync_buttons()

    @property
    def embed(self) -> discord.Embed:
        return self.pages[self.page]

    def _sync_buttons(self) -> None:
        self.previous_page.disabled = self.page <= 0
        self.next_page.disabled = self.page >= len(self.pages) - 1

    @discord.ui.button(label="◀", style=discord.ButtonStyle.secondary)
    async def previous_page(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self.turn(interaction, -1)

    @discord.ui.button(label="▶", style=discord.ButtonStyle.secondary)
    async def next_page(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self.turn(interaction, 1)

    async def turn(self, interaction: discord.Interaction, step: int) -> None:
        """Show the page `step` away, or tell a bystander (privately) that it isn't theirs."""
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message(NOT_YOURS, ephemeral=True,
                                                    allowed_mentions=NO_MENTIONS)
            return
        self.page = min(max(self.page + step, 0), len(self.pages) - 1)
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.embed, view=self,
                                                allowed_mentions=NO_MENTIONS)



class AnswerView(PagerView):
    """An answer's pages plus 👍/👎, stored per (message, voter) in the feedback file."""

    def __init__(self, origin: discord.Interaction, answer: Answer,
                 pages: Sequence[discord.Embed], feedback: FeedbackStore, *,
                 timeout: float | None = None) -> None:
        super().__init__(origin, pages, timeout=timeout)
        self.answer = answer
        self.feedback = feedback

    @discord.ui.button(emoji="👍", style=discord.ButtonStyle.secondary)
    async def helpful(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self.vote(interaction, 1)

    @discord.ui.button(emoji="👎", style=discord.ButtonStyle.secondary)
    async def unhelpful(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self.vote(interaction, -1)

    def shown_docs(self) -> tuple[str, ...]:
        first = self.page * PASSAGES_PER_PAGE
        passages = self.answer.passages[first : first + PASSAGES_PER_PAGE]
        return tuple(doc for passage in passages for doc in passage.docs)

    async def vote(self, interaction: discord.Interaction, value: int) -> None:
        """Store the vote (off the event loop), then thank the voter privately."""
        message_id = interaction.message.id if interaction.message else 0
        vote = Vote(message_id=message_id, user_id=interaction.user.id, vote=value,
                    question=self.answer.question, asker_id=self.owner_id,
                    guild_id=interaction.guild_id, channel_id=interaction.channel_id,
                    page=self.page, docs=self.shown_docs())
        await asyncio.to_thread(self.feedback.record, vote)
        await interaction.response.send_message(THANKS[value], ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)


class PostView(ReplyView):
    """"Post to channel" under a private reply: posts the same embed (and chart) publicly,
    once, with mentions off, then removes the button from the private reply."""

    def __init__(self, origin: discord.Interaction, embed: discord.Embed,
                 chart: Chart | None = None, *, timeout: float | None = None) -> None:
        super().__init__(timeout=PAGE_TIMEOUT if timeout is None else timeout)
        self.origin = origin
        self.embed = embed
        self.chart = chart

    @discord.ui.button(label="Post to channel", emoji="📣", style=discord.ButtonStyle.primary)
    async def post(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        embed = public_copy(self.embed, interaction.user.display_name)
        files = [chart_file(self.chart)] if self.chart else []
        self.stop()
        await interaction.response.send_message(embed=embed, files=files,
                                                allowed_mentions=NO_MENTIONS)
        try:
            await self.origin.edit_original_response(view=None, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            log.debug("could not remove the Post button: %s", exc)

