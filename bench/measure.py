"""What `discordant bench` measures with: timed asks beside their floor, memory, disk.

The floor of a question is what no implementation can skip: embedding the question with
the model and one Chroma nearest-neighbour query (the same size and fields `ask` fetches).
Each timed `ask` runs right beside its floor on the same question, in alternating order,
so that load from other processes on the machine falls on both alike.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.answers.search import DENSE_CANDIDATES
from index.claims.extract import ClaimExtractor
from index.engine import Engine
from index.records import Article, Claim
from index.store.embedding import Embedder

QUESTIONS = (
    "how many officers died",
    "how many people were injured",
    "how many protesters were killed",
    "how many people have been arrested",
    "how many people were wounded in Almaty",
    "what is the population of Kazakhstan",
    "what started the protests",
    "which countries are members of the CSTO",
    "who did Tokayev blame for the unrest",
    "why did fuel prices rise",
    "what happened at the Almaty mayor's office",
    "who won the 2022 football world cup",
)
"""Figure questions and passage-only ones, and one the corpus cannot answer."""


@dataclass(frozen=True)
class Stats:
    """Milliseconds of repeated runs."""

    median: float
    p95: float
    runs: int

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Stats:
        ms = sorted(s * 1000 for s in seconds)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        return cls(round(statistics.median(ms), 2), round(p95, 2), len(ms))


class TimedEmbedder(Embedder):
    """The real Embedder, keeping the seconds spent embedding passages."""

    seconds = 0.0

    def embed_documents(self, texts, progress=None):
        started = time.perf_counter()
        try:
            return super().embed_documents(texts, progress)
        finally:
            self.seconds += time.perf_counter() - started


class TimedExtractor(ClaimExtractor):
    """The real ClaimExtractor, keeping the seconds spent extracting claims."""

    seconds = 0.0

    def extract_many(self, articles: Sequence[Article]) -> list[list[Claim]]:
        started = time.perf_counter()
        try:
            return super().extract_many(articles)
        finally:
            self.seconds += time.perf_counter() - started


def floor_once(engine: Engine, collection, question: str, n: int) -> tuple[float, float]:
    """(seconds embedding the question, seconds of the Chroma query) — no engine code: the
    bare encoder of the configured backend (onnxruntime or sentence-transformers)."""
    encoder = engine.embedder.encoder()
    started = time.perf_counter()
    vector = encoder.encode([question])[0]
    embedded = time.perf_counter()
    collection.query(query_embeddings=[vector.tolist()], n_results=n,
                     include=["documents", "metadatas", "distances"])
    return embedded - started, time.perf_counter() - embedded


def ask_once(engine: Engine, question: str) -> float:
    """Seconds of one `ask` that embeds its question (the query cache is emptied first)."""
    clear = getattr(engine.embedder.embed_query, "cache_clear", None)
    if clear:
        clear()
    started = time.perf_counter()
    engine.ask(question)
    return time.perf_counter() - started


def measure_asks(engine: Engine, questions: Sequence[str], rounds: int) -> dict[str, Any]:
    """Warm `ask` timings beside the floor, over `rounds` passes of the questions."""
    engine.warm()
    name = engine.store.active_name() or ""
    collection = engine.store.active(name)
    n = min(DENSE_CANDIDATES, engine.store.count(name) if name else 0)
    asks, embeds, queries, floors = [], [], [], []
    for round_no in range(rounds):
        for i, question in enumerate(questions):
            ask_first = (round_no + i) % 2 == 0
            if ask_first:
                asks.append(ask_once(engine, question))
            embed, query = floor_once(engine, collection, question, n)
            if not ask_first:
                asks.append(ask_once(engine, question))
            embeds.append(embed)
            queries.append(query)
            floors.append(embed + query)
    ask, floor = Stats.of(asks), Stats.of(floors)
    return {"questions": len(questions), "rounds": rounds, "ask_ms": ask.__dict__,
            "floor_ms": floor.__dict__, "floor_embed_ms": Stats.of(embeds).__dict__,
            "floor_query_ms": Stats.of(queries).__dict__,
            "ratio_median": round(ask.median / floor.median, 3),
            "ratio_p95": round(ask.p95 / floor.p95, 3)}


def raw_encode_seconds(engine: Engine, texts: Sequence[str], batch_size: int) -> float:
    """Seconds for the bare encoder alone to embed the texts, shortest first, in batches of
    `batch_size` (as sentence-transformers' own `encode` orders them)."""
    encoder = engine.embedder.encoder()
    ordered = sorted(texts, key=len)
    started = time.perf_counter()
    for start in range(0, len(ordered), batch_size):
        encoder.encode(ordered[start:start + batch_size])
    return time.perf_counter() - started


# -- memory and disk --------------------------------------------------------------------------
def peak_rss_mb(pid: int | str = "self") -> float | None:
    """The peak resident set (VmHWM) of a running process, in MB; None when unreadable."""
    return _status_mb(pid, "VmHWM:")


def resident_mb(pid: int | str = "self") -> float | None:
    """The resident set (VmRSS) of a process now, in MB; None when unreadable."""
    return _status_mb(pid, "VmRSS:")


def _status_mb(pid: int | str, field: str) -> float | None:
    """One kB field of /proc/PID/status, in MB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith(field):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def dir_size_mb(path: Path) -> float:
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return round(total / 1024 / 1024, 1)


# -- a Chroma server ---------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChromaServer:
    """`chroma run` on a free loopback port, stopped by its process id."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> ChromaServer:
        chroma = Path(sys.executable).with_name("chroma")
        self.path.mkdir(parents=True, exist_ok=True)
        log = (self.path.parent / f"{self.path.name}.log").open("w")
        self.process = subprocess.Popen(
            [str(chroma), "run", "--path", str(self.path), "--host", "127.0.0.1",
             "--port", str(self.port)], stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)
        log.close()
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        url = f"http://127.0.0.1:{self.port}/api/v2/heartbeat"
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError("the chroma server exited while starting")
            try:
                with urllib.request.urlopen(url, timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError("the chroma server did not answer its heartbeat")

    def peak_rss_mb(self) -> float | None:
        return peak_rss_mb(self.process.pid) if self.process else None

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            self.process.wait(timeout=30)
