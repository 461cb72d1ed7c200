"""Who may run the admin commands: one check (bot/checks.py) for /reindex, /add and /feeds."""

from __future__ import annotations

from types import SimpleNamespace
from unittest.mock import Mock

import discord
import pytest
from discord import app_commands

from bot.checks import admin_only, is_admin
from bot.errors import NotAllowed

pytestmark = pytest.mark.fast

ROLE, USER = 456, 123


def interaction(*, admin=False, user_ids=(), role_id=None, roles=(), member=True):
    """An interaction of a member holding `roles` (resolved as discord.py's role cache does)."""
    user = Mock(spec=discord.Member if member else discord.User, id=USER)
    user.get_role = lambda role: Mock(id=role) if role in roles else None
    settings = SimpleNamespace(admin_user_ids=frozenset(user_ids), admin_role_id=role_id)
    return SimpleNamespace(user=user, client=SimpleNamespace(settings=settings),
                           permissions=discord.Permissions(administrator=admin))


@pytest.mark.parametrize(("kwargs", "allowed"), [
    ({"admin": True}, True),
    ({"user_ids": (USER,)}, True),
    ({"role_id": ROLE, "roles": (ROLE,)}, True),
    ({"role_id": ROLE, "roles": (789,)}, False),
    ({"role_id": None, "roles": (ROLE,)}, False),
    ({"role_id": ROLE, "roles": (ROLE,), "member": False}, False),  # no roles outside a guild
    ({}, False),
])
def test_admins_are_the_permission_the_listed_users_and_the_role(kwargs, allowed):
    assert is_admin(interaction(**kwargs)) is allowed


async def test_admin_only_refuses_with_the_commands_own_reason():
    @admin_only("Only admins can do this.")
    async def command(inter):  # pragma: no cover - never run, only checked
        return None

    (check,) = command.__discord_app_commands_checks__
    assert await check(interaction(admin=True)) is True
    with pytest.raises(NotAllowed, match="Only admins can do this"):
        await check(interaction())
    assert isinstance(NotAllowed("x"), app_commands.CheckFailure)
