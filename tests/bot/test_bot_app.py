"""The composition root's own duties: settings errors, token redaction, packaging."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from discord import app_commands

from bot.app import RedactToken, run
from bot.errors import user_message

ROOT = Path(__file__).resolve().parents[2]


def test_run_without_a_token_prints_one_line_and_returns_1(capsys):
    assert run({}) == 1
    err = capsys.readouterr().err
    assert err.startswith("discordant: DISCORD_TOKEN is not set") and err.count("\n") == 1


def test_run_with_a_bad_setting_names_it(capsys):
    assert run({"DISCORD_TOKEN": "t", "DISCORD_GUILD_ID": "general"}) == 1
    assert "DISCORD_GUILD_ID must be a Discord ID" in capsys.readouterr().err


@pytest.fixture
def root_handlers_restored() -> Iterator[None]:
    """run() adds its token filter to the root handlers; take it off pytest's again."""
    handlers = logging.getLogger().handlers
    before = {handler: list(handler.filters) for handler in handlers}
    yield
    for handler, filters in before.items():
        handler.filters[:] = filters


def test_an_unreachable_discord_is_one_line_and_exit_code_1(capsys, tmp_path,
                                                             restore_discord_urls,
                                                             root_handlers_restored):
    env = {"DISCORD_TOKEN": "unreachable.token.value", "DISCORD_API_BASE": "http://127.0.0.1:9/api/v10",
           "DISCORD_GATEWAY_URL": "ws://127.0.0.1:9/gateway/",
           "FEEDBACK_DB": str(tmp_path / "f.sqlite3")}
    assert run(env) == 1
    assert capsys.readouterr().err.startswith(
        "discordant: cannot reach http://127.0.0.1:9/api/v10 (ClientConnectorError")


def test_the_token_is_redacted_from_any_log_line():
    record = logging.LogRecord("discord.http", logging.INFO, __file__, 1,
                               "sent %s to %s", ("Bot s3cr3t.t0k3n", "url"), None)
    assert RedactToken("s3cr3t.t0k3n").filter(record)
    assert record.getMessage() == "sent Bot [token] to url"


def test_errors_users_can_act_on_get_their_own_text():
    assert user_message(app_commands.CheckFailure("Only admins.")) == "Only admins."
    assert user_message(RuntimeError("bug")) is None


def test_the_cogs_subpackage_is_packaged_with_the_bot():
    """A wheel (the Docker image installs one) must carry bot.cogs, or no command loads."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    packages = setuptools.get("packages")
    assert not isinstance(packages, list) or "bot.cogs" in packages, (
        "add \"bot.cogs\" to [tool.setuptools] packages in pyproject.toml")
