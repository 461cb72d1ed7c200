"""`discordant run` and `python -m bot` as real processes, against the loopback Discord."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from e2e_helpers import acked, embed_of, settled

from bot.cogs.reindex import REFUSED

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
DISCORDANT = Path(sys.executable).with_name("discordant")


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The process environment without any real Discord settings, plus `extra`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DISCORD_", "ADMIN_", "CHROMA_", "FEEDBACK_"))}
    env.update(PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               FEEDBACK_DB=str(tmp_path / "feedback.sqlite3"), **extra)
    return env


@pytest.fixture
def discordant() -> Path:
    if not DISCORDANT.exists():
        pytest.skip("the discordant console script is not installed (pip install -e .)")
    return DISCORDANT


@pytest.mark.parametrize("command", [["discordant", "run"], [sys.executable, "-m", "bot"]])
def test_a_missing_token_is_one_line_on_stderr_and_exit_code_1(tmp_path, discordant, command):
    command = [str(discordant), "run"] if command[0] == "discordant" else command
    done = subprocess.run(command, env=clean_env(tmp_path), cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().startswith("discordant: DISCORD_TOKEN is not set")
    assert len(done.stderr.strip().splitlines()) == 1


async def test_a_rejected_token_exits_1_with_one_error_line_and_no_traceback(
        fake, tmp_path, discordant):
    env = clean_env(tmp_path, **{**fake.env(), "DISCORD_TOKEN": "rejected.token.value"})
    process = await asyncio.create_subprocess_exec(
        str(discordant), "run", env=env, cwd=tmp_path, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), 120)
    output = (out + err).decode()
    assert process.returncode == 1
    assert err.decode().strip().splitlines()[-1].startswith("discordant: Discord rejected "
                                                            "DISCORD_TOKEN")
    assert "Traceback" not in output and "rejected.token.value" not in output
    assert ("GET", "/api/v10/users/@me", 401) in fake.requests


async def test_discordant_run_answers_ask_and_refuses_reindex_to_a_non_admin(
        fake, tmp_path, discordant, sample_corpus, capsys):
    env = clean_env(tmp_path, **fake.env(), CHROMA_PATH=str(tmp_path / "chroma"),
                    CORPUS_DIR=str(sample_corpus), ASK_COOLDOWN_SECONDS="0")
    process = await asyncio.create_subprocess_exec(
        str(discordant), "run", env=env, cwd=tmp_path, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    output = asyncio.ensure_future(process.communicate())
    try:
        # An empty CHROMA_PATH: the bot first indexes CORPUS_DIR, then connects.
        await fake.wait_for(lambda: fake.gateway.ready or output.done(), 300, "the bot")
        assert not output.done(), output.result()
        assert [scope for scope, _ in fake.syncs] == [fake.guild_id]

        ask = await fake.slash("ask", {"question": "how many officers died"})
        await settled(fake, ask, 60)
        assert ask.callback == {"type": 5}
        assert "Sources disagree" in embed_of(ask.edits[-1])["description"]

        reindex = await fake.slash("reindex", user=fake.member, bypass_default_permissions=True)
        await acked(fake, reindex)
        assert reindex.callback["data"]["content"] == REFUSED
        assert reindex.callback["data"]["flags"] == 64
        with capsys.disabled():
            print(f"\ndiscordant run: /ask ack {ask.ack_seconds * 1000:.1f} ms, "
                  f"/reindex refusal {reindex.ack_seconds * 1000:.1f} ms")
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(output, 60)
    text = (out + err).decode()
    assert process.returncode == 0, text[-3000:]
    assert fake.token not in text and "Traceback" not in text
    (tmp_path / "run_log.json").write_text(json.dumps(text.splitlines()[-20:]))
