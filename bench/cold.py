"""Cold starts: a new process to its first answer (CLI) and to ready (the Discord bot).

The bot is measured against the loopback fake Discord of the bot's tests
(`tests/bot/fake_discord`), found next to the installed package; without it (a wheel
install) the bot's cold start is reported as not measured, with the reason.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
FAKE_DISCORD = ROOT / "tests" / "bot"


def child_env(**extra: str) -> dict[str, str]:
    """This environment without Discord or Chroma settings (no .env is read: cwd is a
    scratch folder), offline."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DISCORD_", "ADMIN_", "CHROMA_", "FEEDBACK_"))}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", **extra)
    return env


def discordant_command() -> list[str]:
    script = Path(sys.executable).with_name("discordant")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def cli_first_answer(db: Path, question: str, scratch: Path, runs: int) -> dict[str, Any]:
    """Seconds from starting `discordant ask` to its answer on stdout, over `runs` runs."""
    scratch.mkdir(parents=True, exist_ok=True)
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen([*discordant_command(), "ask", "--db", str(db), question],
                                   cwd=scratch, env=child_env(), stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True)
        assert process.stdout is not None
        first = process.stdout.readline()  # the question line: the answer is printed whole
        seconds.append(time.perf_counter() - started)
        process.communicate(timeout=120)
        if process.returncode != 0 or not first:
            raise RuntimeError(f"discordant ask failed with exit code {process.returncode}")
    return {"runs": runs, "median_s": round(statistics.median(seconds), 2),
            "max_s": round(max(seconds), 2)}


def bot_ready(db: Path, corpus: Path, scratch: Path, runs: int) -> dict[str, Any]:
    """Seconds from starting `discordant run` to READY on the loopback Discord."""
    if not (FAKE_DISCORD / "fake_discord").is_dir():
        return {"measured": False, "why": f"no loopback Discord at {FAKE_DISCORD}"}
    sys.path.insert(0, str(FAKE_DISCORD))
    try:
        from fake_discord import FakeDiscord
    except ImportError as exc:
        return {"measured": False, "why": f"the loopback Discord does not import ({exc})"}
    finally:
        sys.path.remove(str(FAKE_DISCORD))
    scratch.mkdir(parents=True, exist_ok=True)
    seconds = [asyncio.run(_one_bot_start(FakeDiscord, db, corpus, scratch))
               for _ in range(runs)]
    return {"measured": True, "runs": runs, "median_s": round(statistics.median(seconds), 2),
            "max_s": round(max(seconds), 2)}


async def _one_bot_start(fake_class, db: Path, corpus: Path, scratch: Path) -> float:
    fake = await fake_class().start()
    env = child_env(**fake.env(), CHROMA_PATH=str(db), CORPUS_DIR=str(corpus),
                    FEEDBACK_DB=str(scratch / "feedback.sqlite3"))
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        *discordant_command(), "run", env=env, cwd=scratch, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL, start_new_session=True)
    try:
        await fake.wait_for(lambda: fake.gateway.ready or process.returncode is not None, 120,
                            "the bot to connect")
        if not fake.gateway.ready:
            raise RuntimeError(f"discordant run exited with {process.returncode}")
        return time.perf_counter() - started
    finally:
        if process.returncode is None:
            os.killpg(process.pid, signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 60)
        await fake.close()
