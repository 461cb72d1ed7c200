"""Corpus folders, `discordant run` processes and reply readings for the reliability tests."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from fake_discord import FakeDiscord, FakeInteraction

ROOT = Path(__file__).resolve().parents[2]
DISCORDANT = Path(sys.executable).with_name("discordant")

REPORT = ("Officials in {town} said {n} people were evacuated after the river burst its banks "
          "on day {day}. Rescue teams reported that {m} homes were flooded and {k} roads were "
          "closed across the district, according to the regional emergency service. "
          "Report {i} of the series adds that {j} volunteers helped in the night.\n\n"
          "The mayor of {town} told reporters that {k} schools would stay shut. Engineers "
          "inspected {m} bridges; {n} families moved to shelters, the Red Cross said.\n")


def copy_corpus(sample: Path, target: Path) -> Path:
    shutil.copytree(sample, target)
    return target


def add_reports(corpus: Path, count: int) -> None:
    """`count` new synthetic flood reports (new text each: every passage gets embedded)."""
    for i in range(count):
        body = REPORT.format(town=f"Town{i}", n=40 + i, m=3 + i % 50, k=2 + i % 9, day=i % 28,
                             i=i, j=7 * i + 1)
        (corpus / f"flood_{i:04}.txt").write_text(
            f"---\ntitle: Flood report {i}\nsource: Wire {i % 17}\ndate: 2022-02-{i % 28 + 1:02}"
            f"\n---\n{body}", encoding="utf-8")


def reindex_report(inter: FakeInteraction) -> dict[str, Any] | None:
    """The final /reindex embed, once the private reply has been edited into it."""
    embeds = [e for body in inter.edits for e in body.get("embeds") or []]
    return embeds[-1] if embeds else None


async def reindex_finished(fake: FakeDiscord, inter: FakeInteraction,
                           timeout: float = 180) -> dict[str, Any]:
    return await fake.wait_for(lambda: reindex_report(inter), timeout, "the re-index report")


def articles_indexed(embed: dict[str, Any]) -> int:
    """The article count an answer's footer reports ("… · 5 articles indexed")."""
    found = re.search(r"([\d,]+) articles? indexed", embed["footer"]["text"])
    assert found, embed["footer"]
    return int(found.group(1).replace(",", ""))


def progress_lines(inter: FakeInteraction) -> list[str]:
    return [body.get("content") or "" for body in inter.edits]


def run_env(fake: FakeDiscord, tmp_path: Path, **settings: str) -> dict[str, str]:
    """The environment of a `discordant run` against `fake`: no real Discord settings."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DISCORD_", "ADMIN_", "CHROMA_", "FEEDBACK_"))}
    env.update(fake.env(), PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               FEEDBACK_DB=str(tmp_path / "feedback.sqlite3"), ASK_COOLDOWN_SECONDS="0",
               **settings)
    return env


class BotProcess:
    """`discordant [-v] run` as a real process in its own session (killable as a group),
    its stdout and stderr read line by line as they come."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self._readers = [asyncio.ensure_future(self._read(stream))
                         for stream in (process.stdout, process.stderr)]

    async def _read(self, stream: asyncio.StreamReader | None) -> None:
        assert stream is not None
        async for line in stream:
            self.lines.append(line.decode(errors="replace").rstrip("\n"))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @classmethod
    async def start(cls, fake: FakeDiscord, env: dict[str, str], cwd: Path,
                    *args: str, timeout: float = 300) -> BotProcess:
        identified = len(fake.gateway.identified)
        process = await asyncio.create_subprocess_exec(
            str(DISCORDANT), *args, "run", env=env, cwd=cwd, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, start_new_session=True)
        bot = cls(process)
        await fake.wait_for(lambda: (fake.gateway.ready
                                     and len(fake.gateway.identified) > identified)
                            or process.returncode is not None, timeout,
                            "`discordant run` to connect")
        assert process.returncode is None, bot.text[-3000:]
        return bot

    async def wait_for_line(self, part: str, timeout: float, after: int = 0) -> str:
        """The first output line from line number `after` on that contains `part`."""
        deadline = asyncio.get_running_loop().time() + timeout
        while not (found := [line for line in self.lines[after:] if part in line]):
            assert self.process.returncode is None, self.text[-3000:]
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"no {part!r} in the bot's output: {self.text[-2000:]}")
            await asyncio.sleep(0.01)
        return found[0]

    async def stop(self, signum: int = 15, timeout: float = 60) -> str:
        """Send `signum` (SIGTERM by default) to the process group; returns all output."""
        if self.process.returncode is None:
            os.killpg(self.process.pid, signum)
        await asyncio.wait_for(asyncio.gather(self.process.wait(), *self._readers), timeout)
        return self.text
