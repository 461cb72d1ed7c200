"""Reading the bot's settings from the environment mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import BotSettings
from index.errors import SettingsError

pytestmark = pytest.mark.fast


def test_a_missing_token_names_the_fix():
    with pytest.raises(SettingsError, match=r"DISCORD_TOKEN is not set.*Developer Portal"):
        BotSettings.from_env({"DISCORD_TOKEN": "  "})


def test_everything_optional_has_a_default():
    settings = BotSettings.from_env({"DISCORD_TOKEN": "abc"})
    assert settings.guild_id is None and settings.admin_role_id is None
    assert settings.admin_user_ids == frozenset()
    assert settings.feedback_db == Path(".discordant/feedback.sqlite3")
    assert settings.ask_cooldown_seconds == 10.0
    assert settings.api_base is None and settings.gateway_url is None


def test_ids_cooldown_local_server_and_index_settings_are_read():
    settings = BotSettings.from_env({
        "DISCORD_TOKEN": "abc", "DISCORD_GUILD_ID": "123", "ADMIN_ROLE_ID": "456",
        "ADMIN_USER_IDS": "7, 8,,9", "FEEDBACK_DB": "/tmp/f.sqlite3",
        "ASK_COOLDOWN_SECONDS": "2.5", "DISCORD_API_BASE": "http://127.0.0.1:9/api/v10/",
        "DISCORD_GATEWAY_URL": "ws://127.0.0.1:9/gateway/", "CHROMA_PATH": "/data/chroma",
        "CORPUS_DIR": "/corpus"})
    assert (settings.guild_id, settings.admin_role_id) == (123, 456)
    assert settings.admin_user_ids == {7, 8, 9}
    assert settings.ask_cooldown_seconds == 2.5
    assert settings.api_base == "http://127.0.0.1:9/api/v10"
    assert settings.index.chroma_path == Path("/data/chroma")
    assert settings.index.corpus_dir == Path("/corpus")


@pytest.mark.parametrize(("name", "value", "message"), [
    ("DISCORD_GUILD_ID", "my-guild", "DISCORD_GUILD_ID must be a Discord ID"),
    ("DISCORD_GUILD_ID", "²", "DISCORD_GUILD_ID must be a Discord ID"),
    ("DISCORD_GUILD_ID", "9" * 5000, "DISCORD_GUILD_ID must be a Discord ID"),
    ("ADMIN_ROLE_ID", "١٢٣", "ADMIN_ROLE_ID must be a Discord ID"),
    ("ADMIN_USER_IDS", "1,²", "'²' is not one"),
    ("ADMIN_USER_IDS", "1,bob", "'bob' is not one"),
    ("ASK_COOLDOWN_SECONDS", "soon", "ASK_COOLDOWN_SECONDS must be seconds"),
    ("ASK_COOLDOWN_SECONDS", "-1", "ASK_COOLDOWN_SECONDS must be seconds"),
    ("DISCORD_API_BASE", "127.0.0.1:9", "Set both DISCORD_API_BASE and DISCORD_GATEWAY_URL"),
])
def test_a_malformed_value_is_refused_with_its_name(name, value, message):
    env = {"DISCORD_TOKEN": "abc", name: value}
    if name == "DISCORD_API_BASE":
        env[name] = "http://127.0.0.1:9"
    with pytest.raises(SettingsError, match=message):
        BotSettings.from_env(env)


def test_the_token_never_appears_in_the_settings_repr():
    settings = BotSettings.from_env({"DISCORD_TOKEN": "secret-token-value"})
    assert "secret-token-value" not in repr(settings)
