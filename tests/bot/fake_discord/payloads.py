"""Discord API objects as the real API sends them (users, guild, members, messages).

Only the fields discord.py reads, with the types Discord uses (snowflakes as strings,
permissions as decimal strings), so the bot parses them exactly as it would in production.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1420070400000
ADMINISTRATOR = 1 << 3
EVERYDAY_PERMISSIONS = (
    (1 << 10)  # VIEW_CHANNEL
    | (1 << 11)  # SEND_MESSAGES
    | (1 << 14)  # EMBED_LINKS
    | (1 << 16)  # READ_MESSAGE_HISTORY
    | (1 << 31)  # USE_APPLICATION_COMMANDS
)
ALL_PERMISSIONS = (1 << 51) - 1

_counter = itertools.count(1)


def snowflake() -> str:
    """A fresh, time-ordered Discord ID."""
    millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return str((millis << 22) | (next(_counter) % (1 << 22)))


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class FakeUser:
    """A person (or the bot) in the fake guild, with their channel permissions."""

    id: str
    name: str
    permissions: int = EVERYDAY_PERMISSIONS
    roles: tuple[str, ...] = ()
    bot: bool = False

    def user(self) -> dict[str, Any]:
        return {"id": self.id, "username": self.name, "global_name": self.name.title(),
                "discriminator": "0", "avatar": None, "bot": self.bot,
                "public_flags": 0, "flags": 0}

    def member(self) -> dict[str, Any]:
        return {"user": self.user(), "roles": list(self.roles), "nick": None,
                "avatar": None, "joined_at": "2022-01-01T00:00:00+00:00",
                "premium_since": None, "deaf": False, "mute": False, "flags": 0,
                "pending": False, "communication_disabled_until": None,
                "permissions": str(self.permissions)}


def role(role_id: str, name: str, permissions: int, position: int) -> dict[str, Any]:
    return {"id": role_id, "name": name, "color": 0, "colors": {"primary_color": 0},
            "hoist": False, "icon": None, "unicode_emoji": None, "position": position,
            "permissions": str(permissions), "managed": False, "mentionable": False,
            "flags": 0}


def text_channel(channel_id: str, guild_id: str, name: str) -> dict[str, Any]:
    return {"id": channel_id, "type": 0, "guild_id": guild_id, "name": name, "position": 0,
            "permission_overwrites": [], "nsfw": False, "parent_id": None, "topic": None,
            "last_message_id": None, "rate_limit_per_user": 0, "flags": 0}


def guild(guild_id: str, owner_id: str, channel: dict[str, Any],
          roles: list[dict[str, Any]]) -> dict[str, Any]:
    channel = {k: v for k, v in channel.items() if k != "guild_id"}
    return {"id": guild_id, "name": "Fake Newsroom", "icon": None, "splash": None,
            "discovery_splash": None, "owner_id": owner_id, "afk_channel_id": None,
            "afk_timeout": 300, "verification_level": 0, "default_message_notifications": 1,
            "explicit_content_filter": 0, "roles": roles, "emojis": [], "stickers": [],
            "features": [], "mfa_level": 0, "application_id": None,
            "system_channel_id": None, "system_channel_flags": 0, "rules_channel_id": None,
            "vanity_url_code": None, "description": None, "banner": None,
            "premium_tier": 0, "preferred_locale": "en-US", "nsfw_level": 0,
            "premium_progress_bar_enabled": False, "joined_at": now_iso(), "large": False,
            "unavailable": False, "member_count": 3, "voice_states": [], "members": [],
            "channels": [channel], "threads": [], "presences": [],
            "stage_instances": [], "guild_scheduled_events": [], "soundboard_sounds": []}


def message(message_id: str, channel_id: str, guild_id: str | None, author: dict[str, Any],
            body: dict[str, Any], *, application_id: str, message_type: int,
            flags: int) -> dict[str, Any]:
    """A message as the API returns it after a create or an edit."""
    return {"id": message_id, "channel_id": channel_id, "guild_id": guild_id,
            "type": message_type, "author": author, "content": body.get("content") or "",
            "embeds": body.get("embeds") or [], "components": body.get("components") or [],
            "attachments": [], "mentions": [], "mention_roles": [],
            "mention_everyone": False, "pinned": False, "tts": False,
            "timestamp": now_iso(), "edited_timestamp": None, "flags": flags,
            "webhook_id": application_id, "application_id": application_id}


def channel_message(message_id: str, channel_id: str, guild_id: str, author: FakeUser,
                    content: str, embeds: list[dict[str, Any]],
                    mentions: list[FakeUser]) -> dict[str, Any]:
    """A message a member (or another bot) posted in a channel, as Discord resolves it."""
    return {"id": message_id, "channel_id": channel_id, "guild_id": guild_id, "type": 0,
            "author": author.user(), "member": {k: v for k, v in author.member().items()
                                                if k != "user"},
            "content": content, "embeds": embeds, "components": [], "attachments": [],
            "mentions": [m.user() for m in mentions], "mention_roles": [],
            "mention_everyone": "@everyone" in content, "pinned": False, "tts": False,
            "timestamp": now_iso(), "edited_timestamp": None, "flags": 0}
