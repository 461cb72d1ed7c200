"""The bot's typed settings, read once from the environment mapping at the entry point.

`BotSettings.from_env` is called by `bot.app.run` with `index.settings.read_environment()`
and the result is passed down to the client, the cogs and the views. The token is kept out
of `repr` so that logging a settings object can never leak it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from index import Settings, SettingsError

DEFAULT_FEEDBACK_DB = ".discordant/feedback.sqlite3"
DEFAULT_ASK_COOLDOWN_SECONDS = 10.0


def _snowflake(env: Mapping[str, str], name: str) -> int | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    # "²".isdigit() is True but int("²") fails; a snowflake has at most 20 digits.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 20):
        raise SettingsError(
            f"{name} must be a Discord ID (digits only), not {raw!r}: copy it with "
            "Developer Mode on (right-click > Copy ID) and fix it in .env"
        )
    return int(raw)


def _snowflakes(env: Mapping[str, str], name: str) -> frozenset[int]:
    parts = [part.strip() for part in (env.get(name) or "").split(",") if part.strip()]
    bad = [p for p in parts if not (p.isascii() and p.isdigit() and len(p) <= 20)]
    if bad:
        raise SettingsError(
            f"{name} must be comma-separated Discord user IDs, but {bad[0]!r} is not one: "
            "fix it in .env"
        )
    return frozenset(int(part) for part in parts)


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise SettingsError(
            f"{name} must be seconds between 0 and 3600, not {raw!r}: fix it in .env"
        )
    return value


def _url(env: Mapping[str, str], name: str, schemes: tuple[str, ...]) -> str | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    if not raw.startswith(schemes):
        raise SettingsError(f"{name} must start with {' or '.join(schemes)}, not {raw!r}")
    return raw


@dataclass(frozen=True)
class BotSettings:
    """Everything the Discord shell needs; `index` is the corpus engine's part."""

    token: str = field(repr=False)
    index: Settings = field(default_factory=Settings)
    guild_id: int | None = None
    admin_role_id: int | None = None
    admin_user_ids: frozenset[int] = frozenset()
    feedback_db: Path = Path(DEFAULT_FEEDBACK_DB)
    ask_cooldown_seconds: float = DEFAULT_ASK_COOLDOWN_SECONDS
    api_base: str | None = None
    gateway_url: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> BotSettings:
        """Build the settings from a mapping such as `read_environment()`.

        Raises SettingsError (a one-line message naming the fix) for a missing token or a
        malformed value.
        """
        token = (env.get("DISCORD_TOKEN") or "").strip()
        if not token:
            raise SettingsError(
                "DISCORD_TOKEN is not set: copy the bot token from the Developer Portal "
                "(Applications > your app > Bot > Reset Token) into .env"
            )
        api_base = _url(env, "DISCORD_API_BASE", ("http://", "https://"))
        gateway_url = _url(env, "DISCORD_GATEWAY_URL", ("ws://", "wss://"))
        if bool(api_base) != bool(gateway_url):
            raise SettingsError(
                "Set both DISCORD_API_BASE and DISCORD_GATEWAY_URL to use a local Discord "
                "server, or neither to use Discord itself"
            )
        return cls(
            token=token,
            index=Settings.from_env(env),
            guild_id=_snowflake(env, "DISCORD_GUILD_ID"),
            admin_role_id=_snowflake(env, "ADMIN_ROLE_ID"),
            admin_user_ids=_snowflakes(env, "ADMIN_USER_IDS"),
            feedback_db=Path(env.get("FEEDBACK_DB") or DEFAULT_FEEDBACK_DB),
            ask_cooldown_seconds=_seconds(env, "ASK_COOLDOWN_SECONDS",
                                          DEFAULT_ASK_COOLDOWN_SECONDS),
            api_base=api_base.rstrip("/") if api_base else None,
            gateway_url=gateway_url,
        )
