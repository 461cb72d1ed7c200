"""The bot's one error policy, used by the command tree and by every view.

- A DiscordantError (its message is written for the user and names the fix), a failed
  check (not an admin, on cooldown) -> that text, ephemeral, to the person who clicked.
- Anything else -> logged with its traceback, and a short apology, ephemeral.

When the interaction was already answered with a public "thinking…" message, that
message is deleted first so the error goes only to the asker instead of to the channel.
"""

from __future__ import annotations

import logging
import math

import aiohttp
import discord
from discord import app_commands

from index import DiscordantError

from .limits import NO_MENTIONS, content, defuse

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on my side. It has been logged; please try again later."
EPHEMERAL_DEFER = "discordant_ephemeral_defer"
# Discord's codes for an interaction that can no longer be answered: Unknown interaction
# (the 3 s deadline passed), Unknown Webhook, Invalid Webhook Token (the 15 minutes passed).
EXPIRED_CODES = frozenset({10062, 10015, 50027})


class NotAllowed(app_commands.CheckFailure):
    """A check refused the command; the message says why and what would allow it."""


def user_message(error: Exception) -> str | None:
    """The text to show for an error the user can act on, or None for a bug."""
    original = getattr(error, "original", None) or error
    if isinstance(original, DiscordantError):
        return str(original)
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"You're asking quickly: try again in {math.ceil(error.retry_after)} s."
    if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
        return ("This command changed since your Discord app loaded it: reload Discord "
                "(Ctrl+R) and try again.")
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command only works in a server channel."
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or "You can't use this command here."
    return None


async def defer_ephemeral(interaction: discord.Interaction) -> None:
    """Defer privately, and remember it so an error can edit the private message."""
    interaction.extras[EPHEMERAL_DEFER] = True
    await interaction.response.defer(ephemeral=True, thinking=True)


async def tell(interaction: discord.Interaction, text: str) -> None:
    """Send `text` to the invoking user only, however far the interaction has got."""
    text = content(defuse(text))
    if not interaction.response.is_done():
        await interaction.response.send_message(text, ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)
        return
    if interaction.extras.get(EPHEMERAL_DEFER):
        await interaction.edit_original_response(content=text, embed=None, view=None,
                                                 allowed_mentions=NO_MENTIONS)
        return
    if interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
        # The public "thinking…" message would turn the follow-up public: remove it first.
        await interaction.delete_original_response()
    await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)


def expired(error: Exception) -> bool:
    """True when Discord refused a reply because the interaction is gone (too late)."""
    original = getattr(error, "original", None) or error
    return isinstance(original, discord.HTTPException) and original.code in EXPIRED_CODES


def unanswerable(interaction: discord.Interaction, error: Exception) -> str | None:
    """Why nobody can be told about `error` any more, or None when they can."""
    if interaction.client.is_closed():
        return "the bot is stopping"  # its HTTP session is closed: no request goes out
    if expired(error):
        return f"the interaction expired ({getattr(error, 'original', None) or error})"
    return None


async def report_error(interaction: discord.Interaction, error: Exception) -> None:
    """Apply the policy: the user's own text for errors they can fix, else log + apologise."""
    name = interaction.command.qualified_name if interaction.command else "component"
    reason = unanswerable(interaction, error)
    if reason:
        log.warning("%s for user %s could not be answered: %s", name, interaction.user.id,
                    reason)
        return
    text = user_message(error)
    if text is None:
        log.error("%s failed for user %s", name, interaction.user.id,
                  exc_info=(type(error), error, error.__traceback__))
        text = APOLOGY
    try:
        await tell(interaction, text)
    except (discord.HTTPException, aiohttp.ClientError, RuntimeError) as exc:
        if isinstance(exc, RuntimeError) and not interaction.client.is_closed():
            raise  # a bug, not a closed session: let it show
        log.warning("could not tell user %s about an error: %s", interaction.user.id, exc)


class DiscordantTree(app_commands.CommandTree):
    """The command tree, with `report_error` as its only error handler."""

    async def on_error(self, interaction: discord.Interaction,
                       error: app_commands.AppCommandError) -> None:
        await report_error(interaction, error)
