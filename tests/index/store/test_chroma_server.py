"""The HttpClient path against a real `chroma run` server on a free loopback port."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from index.engine import Engine
from index.errors import IndexBusyError, IndexUnavailableError
from index.settings import Settings
from index.store.lock import OWNER, UNTIL
from tests.conftest import HashEmbedder

CHROMA = Path(sys.executable).with_name("chroma")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chroma exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("chroma server did not answer its heartbeat")


@pytest.fixture
def chroma_server(tmp_path):
    """A real Chroma server on loopback, stopped by its PID at the end."""
    port = free_port()
    log = (tmp_path / "chroma.log").open("w")
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1",
         "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_ready(port, process)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        log.close()


def test_index_and_ask_through_a_chroma_server(chroma_server, sample_corpus, real_embedder,
                                               tmp_path):
    settings = Settings(chroma_host="127.0.0.1", chroma_port=chroma_server,
                        corpus_dir=sample_corpus, chroma_path=tmp_path / "unused")
    engine = Engine(settings, embedder=real_embedder)
    report = engine.index()
    assert report.articles == 5 and report.embedded == report.chunks
    assert engine.index().embedded == 0
    answer = engine.ask("how many officers died")
    assert any("Twelve security officers have been killed" in p.text for p in answer.passages)
    assert not (tmp_path / "unused").exists(), "server mode must not write a local index"


def test_a_server_that_is_not_running_gives_an_error_naming_the_fix(tmp_path):
    settings = Settings(chroma_host="127.0.0.1", chroma_port=free_port())
    with pytest.raises(IndexUnavailableError, match="check that the Chroma server is running"):
        Engine(settings).sources()


DISCORDANT = Path(sys.executable).with_name("discordant")


def server_settings(port: int, corpus: Path) -> Settings:
    return Settings(chroma_host="127.0.0.1", chroma_port=port, corpus_dir=corpus)


def test_a_live_lease_on_the_server_refuses_a_second_run_and_an_expired_one_does_not(
        chroma_server, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Officials said 40 people were evacuated from Ely.\n")
    engine = Engine(server_settings(chroma_server, corpus), embedder=HashEmbedder())
    engine.index()
    assert not {OWNER, UNTIL} & set(engine.store.read_meta()), "a finished run frees its lease"
    # Another run is under way (its lease is live), as another host or process records it.
    engine.store.write_meta({OWNER: "newsroom-2:4242:abcd", UNTIL: time.time() + 60})
    with pytest.raises(IndexBusyError, match=r"127\.0\.0\.1:\d+ \(newsroom-2:4242:abcd"):
        engine.index()
    # That run was killed: its lease expires and the next run goes ahead.
    engine.store.write_meta({UNTIL: time.time() - 1})
    assert engine.index().reused == 1
    meta = engine.store.read_meta()
    assert meta["active"] and not {OWNER, UNTIL} & set(meta)


def test_a_server_that_is_down_is_one_line_naming_host_port_and_the_fix(tmp_path):
    port = free_port()
    env = {**os.environ, "CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(port)}
    out = subprocess.run([str(DISCORDANT), "ask", "how many died", "how many were hurt"],
                         capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert out.returncode == 2 and out.stderr.count("\n") == 1, out.stderr
    assert f"127.0.0.1:{port}" in out.stderr and "chroma run" in out.stderr
    assert "Traceback" not in out.stderr


def test_an_empty_server_index_is_one_line_naming_the_fix(chroma_server, tmp_path):
    env = {**os.environ, "CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(chroma_server)}
    out = subprocess.run([str(DISCORDANT), "ask", "how many died", "how many were hurt"],
                         capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert out.returncode == 2 and out.stderr.count("\n") == 1, out.stderr
    assert f"127.0.0.1:{chroma_server} is empty: run `discordant index`" in out.stderr


def test_records_over_the_server_payload_limit_are_written_in_several_requests(chroma_server,
                                                                             tmp_path):
    from index.store.chroma import Store

    store = Store.open(Settings(chroma_host="127.0.0.1", chroma_port=chroma_server,
                                chroma_path=tmp_path / "unused"), create=True)
    generation = store.new_generation("hash")
    texts = [f"Article {n}. " + "x" * 400_000 for n in range(120)]  # 48 MB: one request fails
    store.add(generation, [f"a{n}" for n in range(120)], texts,
              [{"n": n} for n in range(120)], [[0.1] * 8 for _ in range(120)])
    assert generation.count() == 120


def start_server(path: Path, port: int, log_path: Path) -> subprocess.Popen:
    log = log_path.open("a")
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    log.close()
    wait_ready(port, process)
    return process


def stop_server(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    os.killpg(process.pid, sig)
    process.wait(timeout=30)


def _generation_filling(port: int) -> bool:
    """True once an index run has begun writing Chunks into a new generation."""
    import chromadb

    client = chromadb.HttpClient(host="127.0.0.1", port=port)
    active = (client.get_collection("discordant-meta").metadata or {}).get("active", "")
    return any(c.name.startswith("discordant-g") and c.name != active and
               not c.name.endswith("-articles") and c.count() > 0
               for c in client.list_collections())


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_server_that_stops_mid_index_is_one_line_and_the_next_run_starts_at_once(
        tmp_path, sig):
    corpus, data, port = tmp_path / "corpus", tmp_path / "server-data", free_port()
    (corpus).mkdir()
    (corpus / "first.txt").write_text("Officials said 40 people were evacuated from Ely.\n")
    env = {**os.environ, "CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(port),
           "CORPUS_DIR": str(corpus)}
    server = start_server(data, port, tmp_path / "chroma.log")
    try:
        run = [str(DISCORDANT), "index"]
        assert subprocess.run(run, env=env, cwd=tmp_path, timeout=300).returncode == 0
        for i in range(300):
            (corpus / f"more-{i}.txt").write_text(
                f"Report {i}: officials said {i} people were evacuated from Town{i}. " * 6)
        indexing = subprocess.Popen(run, env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 240
        while not _generation_filling(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        stop_server(server, sig)
        _, stderr = indexing.communicate(timeout=120)
        assert indexing.returncode == 2, stderr
        assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
        assert stderr.startswith("error: ") and f"127.0.0.1:{port}" in stderr, stderr
        server = start_server(data, port, tmp_path / "chroma.log")
        listed = subprocess.run([str(DISCORDANT), "sources", "--json"], env=env, cwd=tmp_path,
                                capture_output=True, text=True, timeout=300)
        assert [json.loads(line)["doc_id"] for line in listed.stdout.splitlines()] == ["first"]
        started = time.monotonic()
        again = subprocess.run(run, env=env, cwd=tmp_path, capture_output=True, text=True,
                               timeout=600)
        assert again.returncode == 0, again.stderr
        assert "Indexed 301 articles" in again.stdout
        assert "Another index run" not in again.stderr
        assert time.monotonic() - started < 120  # no two-minute lease to wait out
    finally:
        if server.poll() is None:
            stop_server(server, signal.SIGTERM)


def test_a_lease_whose_holder_on_this_host_is_gone_is_taken_over_at_once(chroma_server,
                                                                         tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Officials said 40 people were evacuated from Ely.\n")
    engine = Engine(server_settings(chroma_server, corpus), embedder=HashEmbedder())
    engine.index()
    host = socket.gethostname()
    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        for owner in (f"{host}:{os.getpid()}:earlier", f"{host}:{2 ** 22 + 12345}:ended"):
            engine.store.write_meta({OWNER: owner, UNTIL: time.time() + 60})
            started = time.monotonic()
            assert engine.index().reused == 1
            assert time.monotonic() - started < 3  # LOCK_WAIT_SECONDS is never waited out
        engine.store.write_meta({OWNER: f"{host}:{sleeper.pid}:alive", UNTIL: time.time() + 60})
        with pytest.raises(IndexBusyError, match=f"{host}:{sleeper.pid}:alive"):
            engine.index()
    finally:
        sleeper.kill()
        sleeper.wait()
