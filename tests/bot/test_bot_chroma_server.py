"""Server mode: the Chroma server goes down and comes back while the bot stays connected."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from e2e_helpers import embed_of, settled

from index.engine import Engine
from index.settings import Settings

pytestmark = pytest.mark.slow
CHROMA = Path(sys.executable).with_name("chroma")
QUESTION = "how many officers died"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChromaServer:
    """A real `chroma run` on a loopback port, stopped and started again by its PID."""

    def __init__(self, data: Path, log: Path) -> None:
        self.data, self.log, self.port = data, log, free_port()
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [str(CHROMA), "run", "--path", str(self.data), "--host", "127.0.0.1",
                 "--port", str(self.port)], stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chroma exited with {self.process.returncode}: "
                                   f"{self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{self.port}/api/v2/heartbeat", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise TimeoutError("the chroma server did not answer its heartbeat")

    def kill(self) -> None:
        """Stop it the hard way (SIGKILL), as a crash or an OOM kill would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)


@pytest.fixture
def chroma_server(tmp_path):
    if not CHROMA.exists():
        pytest.skip("the chroma console script is not installed")
    server = ChromaServer(tmp_path / "server-data", tmp_path / "chroma.log")
    server.start()
    try:
        yield server
    finally:
        server.kill()


async def test_ask_says_the_server_is_down_then_answers_again_when_it_is_back(
        unhandled, fake, start_bot, indexed, sample_corpus, chroma_server, tmp_path, capsys):
    settings = Settings(chroma_host="127.0.0.1", chroma_port=chroma_server.port,
                        corpus_dir=sample_corpus, chroma_path=tmp_path / "unused")
    engine = Engine(settings, embedder=indexed.embedder)
    # An empty server: the bot indexes CORPUS_DIR into it before connecting.
    await start_bot(engine=engine, CHROMA_HOST="127.0.0.1",
                    CHROMA_PORT=str(chroma_server.port))
    first = await fake.slash("ask", {"question": QUESTION})
    await settled(fake, first, 60)
    answer = embed_of(first.edits[-1])
    connection = fake.gateway.ws

    await asyncio.to_thread(chroma_server.kill)
    down = []
    for command, options in (("ask", {"question": QUESTION}), ("sources", {}),
                             ("ask", {"question": "how many people were injured"})):
        inter = await fake.slash(command, options)
        await fake.wait_for(lambda i=inter: i.followups or i.rejected(), 60, "the error")
        assert not inter.rejected(), inter.rejected()
        down.append(inter)
    for inter in down:
        (told,) = inter.followups
        assert told["flags"] == 64, told  # privately, to the asker only
        assert inter.accepted("delete"), "the public 'thinking…' message is removed"
        assert f"127.0.0.1:{chroma_server.port}" in told["content"]
        assert "check that the Chroma server is running" in told["content"]
        assert "Traceback" not in told["content"]

    await asyncio.to_thread(chroma_server.start)  # same port, same data
    back = await fake.slash("ask", {"question": QUESTION})
    await settled(fake, back, 60)
    assert embed_of(back.edits[-1])["fields"] == answer["fields"], "the same index, all of it"
    sources = await fake.slash("sources")
    await settled(fake, sources, 60)
    assert embed_of(sources.edits[-1])["footer"]["text"].startswith("5 articles, ")

    assert fake.gateway.ws is connection and len(fake.gateway.connections) == 1, (
        "the gateway connection stayed up throughout")
    assert not fake.gateway.resumed and len(fake.gateway.identified) == 1
    assert not tmp_path.joinpath("unused").exists()
    assert unhandled() == []
    with capsys.disabled():
        print(f"\nChroma server killed: {len(down)}/{len(down)} commands told privately "
              f"({down[0].followups[0]['content'][:160]}…); restarted: answered again, same "
              "index, one gateway connection throughout")
