"""The `story` option of /ask and /disputes: autocomplete over story titles, and the value
a member sends turned back into a Story.

Discord shows at most 25 choices, each name at most 100 characters, and a string value of
at most 100 characters; the value is the Story's id. Autocomplete only suggests: a member
can still send any text, so `resolve_story` also takes a title, or a unique part of one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import discord
from discord import app_commands

from index import DiscordantError, QuestionError, StorySummary, printable

from .limits import clip, one_line

log = logging.getLogger(__name__)

MAX_CHOICES = 25
CHOICE_CHARS = 100


def choice_name(story: StorySummary) -> str:
    """'Calidria wildfire … · 6 articles, 11-13 Aug': what a member picks from."""
    days = " to ".join(dict.fromkeys(d for d in (story.first, story.last) if d))
    tail = f" · {len(story.docs)} article{'s' if len(story.docs) != 1 else ''}"
    tail += f", {days}" if days else ""
    # The title comes from a page or a feed: no control or bidi character reaches Discord.
    return clip(one_line(printable(story.title)), CHOICE_CHARS - len(tail)) + tail


def story_choices(stories: Sequence[StorySummary], typed: str) -> list[app_commands.Choice]:
    """The Stories whose title or id holds what was typed, those starting with it first."""
    typed = one_line(typed).casefold()
    fitting = [s for s in stories if len(s.id) <= CHOICE_CHARS
               and (typed in s.title.casefold() or typed in s.id.casefold())]
    fitting.sort(key=lambda s: (not s.title.casefold().startswith(typed), -len(s.docs),
                                s.title))
    return [app_commands.Choice(name=choice_name(s), value=s.id)
            for s in fitting[:MAX_CHOICES]]


def resolve_story(stories: Sequence[StorySummary], value: str) -> StorySummary:
    """The Story a `story` value means: its id, its title, or a unique part of a title."""
    wanted = one_line(value).casefold()
    for match in (lambda s: s.id.casefold() == wanted, lambda s: s.title.casefold() == wanted,
                  lambda s: wanted in s.title.casefold()):
        found = [s for s in stories if match(s)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            break
    raise QuestionError(f"No single story matches “{clip(one_line(value), 80)}”: pick one "
                        "from the list as you type, or see /stories.")


async def autocomplete_story(interaction: discord.Interaction,
                             typed: str) -> list[app_commands.Choice[str]]:
    """The `story` option's suggestions (the Stories are read in a worker thread, once per
    index generation); none when the index cannot be read."""
    engine = interaction.client.engine  # type: ignore[attr-defined]
    try:
        stories = await asyncio.to_thread(engine.stories)
    except DiscordantError as exc:
        log.warning("no story suggestions: %s", exc)
        return []
    return story_choices(stories, typed)
