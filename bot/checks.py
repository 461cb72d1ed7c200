"""Who may run the admin commands (/reindex, /add, /feeds): one check for all of them.

An admin is whoever has the Administrator permission in the channel, is listed in
ADMIN_USER_IDS, or holds the ADMIN_ROLE_ID role. Only discord.py's public API is used:
`Member.get_role` finds the role among the member's roles through the guild's role cache,
which the `guilds` intent keeps (the same lookup as `app_commands.checks.has_role`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import discord
from discord import app_commands

from .errors import NotAllowed

if TYPE_CHECKING:
    from .app import DiscordantBot

T = TypeVar("T")


def is_admin(interaction: discord.Interaction[DiscordantBot]) -> bool:
    """Administrator permission in this channel, ADMIN_USER_IDS, or the ADMIN_ROLE_ID role."""
    settings = interaction.client.settings
    user = interaction.user
    if user.id in settings.admin_user_ids or interaction.permissions.administrator:
        return True
    role = settings.admin_role_id
    return bool(role and isinstance(user, discord.Member) and user.get_role(role) is not None)


def admin_only(refusal: str) -> Callable[[T], T]:
    """A command check that lets only admins (see `is_admin`) run the command; anyone else
    gets `refusal` privately (it names the command's purpose and what would allow it)."""

    async def predicate(interaction: discord.Interaction[DiscordantBot]) -> bool:
        if not is_admin(interaction):
            raise NotAllowed(refusal)
        return True

    return app_commands.check(predicate)
