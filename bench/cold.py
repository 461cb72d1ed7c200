"""Cold starts: a new process to its first answer (CLI) and to ready (the Discord bot).

The CLI's first answer is measured beside its floor, in the same run: a process that
imports chromadb, onnxruntime and tokenizers, loads the exported model, embeds the question
and runs one Chroma query (`FLOOR`), printing the best passage — what no `discordant ask`
can skip. The bot is measured against the loopback fake Discord of the bot's tests
(`tests/bot/fake_discord`), found next to the installed package; without it (a wheel
install) the bot's cold start is reported as not measured, with the reason. Its resident
memory is read at rest, after it has answered 20 questions.
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


FLOOR = """
import json, sys
import chromadb, numpy, onnxruntime, tokenizers
db, collection, folder, n, question = sys.argv[1:]
meta = json.load(open(folder + "/export.json"))
tokenizer = tokenizers.Tokenizer.from_file(folder + "/tokenizer.json")
tokenizer.enable_truncation(max_length=meta["max_length"])
session = onnxruntime.InferenceSession(folder + "/model.onnx",
                                       providers=["CPUExecutionProvider"])
tokens = tokenizer.encode(question)
fields = {"input_ids": "ids", "attention_mask": "attention_mask", "token_type_ids": "type_ids"}
vector = session.run(None, {name: numpy.array([getattr(tokens, fields[name])], dtype="int64")
                            for name in meta["inputs"]})[0][0]
client = chromadb.PersistentClient(db, chromadb.Settings(anonymized_telemetry=False))
found = client.get_collection(collection).query(
    query_embeddings=[(vector / numpy.linalg.norm(vector)).tolist()], n_results=int(n),
    include=["documents", "metadatas", "distances"])
print(found["documents"][0][0][:100], flush=True)
"""
"""The floor of a cold `discordant ask`: imports, the model, one embedding, one query."""


def _first_line_seconds(command: list[str], scratch: Path, what: str) -> float:
    """Seconds from starting `command` to its first line on stdout (it must exit 0)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=scratch, env=child_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    first = process.stdout.readline()  # `ask` prints its answer whole: the first line will do
    seconds = time.perf_counter() - started
    process.communicate(timeout=120)
    if process.returncode != 0 or not first:
        raise RuntimeError(f"{what} failed with exit code {process.returncode}")
    return seconds


def _summary(seconds: list[float]) -> dict[str, Any]:
    return {"runs": len(seconds), "median_s": round(statistics.median(seconds), 2),
            "max_s": round(max(seconds), 2)}


def cli_first_answer(db: Path, question: str, scratch: Path, runs: int,
                     floor: tuple[str, Path, int] | None = None) -> dict[str, Any]:
    """Seconds from starting `discordant ask` to its answer on stdout, over `runs` runs,
    each beside a run of the floor when `floor` (collection, export folder, results) is
    given (alternating which goes first)."""
    scratch.mkdir(parents=True, exist_ok=True)
    asks, floors = [], []
    ask = [*discordant_command(), "ask", "--db", str(db), question]
    for run in range(runs):
        order = ["ask", "floor"] if run % 2 == 0 else ["floor", "ask"]
        for which in order:
            if which == "ask":
                asks.append(_first_line_seconds(ask, scratch, "discordant ask"))
            elif floor:
                collection, folder, n = floor
                floors.append(_first_line_seconds(
                    [sys.executable, "-c", FLOOR, str(db), collection, str(folder), str(n),
                     question], scratch, "the cold-start floor"))
    result = _summary(asks)
    if floors:
        result["floor"] = _summary(floors)
        result["ratio"] = round(result["median_s"] / result["floor"]["median_s"], 2)
    return result


def bot_ready(db: Path, corpus: Path, scratch: Path, runs: int,
              questions: tuple[str, ...] = ()) -> dict[str, Any]:
    """Seconds from starting `discordant run` to READY on the loopback Discord; in the
    first run the bot then answers `questions` and its resident memory is read at rest."""
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
    starts = [asyncio.run(_one_bot_start(FakeDiscord, db, corpus, scratch,
                                         questions if run == 0 else ()))
              for run in range(runs)]
    return {"measured": True, **_summary([seconds for seconds, _ in starts]),
            "at_rest": starts[0][1]}


async def _one_bot_start(fake_class, db: Path, corpus: Path, scratch: Path,
                         questions: tuple[str, ...]) -> tuple[float, dict[str, Any] | None]:
    fake = await fake_class().start()
    env = child_env(**fake.env(), CHROMA_PATH=str(db), CORPUS_DIR=str(corpus),
                    FEEDBACK_DB=str(scratch / "feedback.sqlite3"), ASK_COOLDOWN_SECONDS="0")
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        *discordant_command(), "run", env=env, cwd=scratch, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL, start_new_session=True)
    try:
        await fake.wait_for(lambda: fake.gateway.ready or process.returncode is not None, 120,
                            "the bot to connect")
        if not fake.gateway.ready:
            raise RuntimeError(f"discordant run exited with {process.returncode}")
        seconds = time.perf_counter() - started
        return seconds, (await _at_rest(fake, process.pid, questions) if questions else None)
    finally:
        if process.returncode is None:
            os.killpg(process.pid, signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 60)
        await fake.close()


REST_SECONDS = 5.0
"""How long the bot is left alone after its last answer before its memory is read."""


async def _at_rest(fake, pid: int, questions: tuple[str, ...]) -> dict[str, Any]:
    """The bot's resident memory (VmRSS) and peak (VmHWM) after it has answered
    `questions` one after another and then rested."""
    for question in questions:
        asked = await fake.slash("ask", {"question": question})
        await fake.wait_for(lambda a=asked: a.edits or a.followups or a.rejected(), 120,
                            f"the answer to {question!r}")
    await asyncio.sleep(REST_SECONDS)
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    kb = {line.split(":")[0]: int(line.split()[1]) for line in status
          if line.startswith(("VmRSS:", "VmHWM:"))}
    return {"questions": len(questions), "rss_mb": round(kb["VmRSS"] / 1024, 1),
            "peak_rss_mb": round(kb["VmHWM"] / 1024, 1)}
