"""One index run at a time per index folder, across processes; a killed holder frees it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from index.engine import Engine
from index.errors import IndexBusyError
from index.settings import Settings
from index.store.lock import lock_path
from tests.conftest import HashEmbedder, write

DISCORDANT = Path(sys.executable).with_name("discordant")
REPORT = "Officials said {n} people were evacuated from {town} after the river burst.\n"
HOLDER = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
time.sleep(600)
"""


@pytest.fixture
def corpus(tmp_path) -> Path:
    for i in range(3):
        write(tmp_path / "corpus", f"r{i}.txt", REPORT.format(n=i, town=f"Town{i}"))
    return tmp_path / "corpus"


def test_a_second_index_process_on_one_db_is_refused_and_the_first_completes(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "db"
    for i in range(300):
        write(corpus, f"more-{i}.txt", REPORT.format(n=i, town=f"Town{i}") * 3
              + f"Report {i} adds that {i + 3} bridges were closed.\n")
    first = subprocess.Popen([str(DISCORDANT), "-v", "index", "--corpus", str(corpus), "--db",
                              str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    for line in first.stderr:  # it holds the index once it reports what it will embed
        if "to embed" in line:
            break
    second = subprocess.run([str(DISCORDANT), "index", "--corpus", str(corpus), "--db",
                             str(db)], capture_output=True, text=True, timeout=300)
    out, _ = first.communicate(timeout=600)
    assert second.returncode == 2 and second.stderr.count("\n") == 1, second.stderr
    assert second.stderr.startswith(f"error: Another index run is writing the index at {db}")
    assert first.returncode == 0 and "Indexed 300 articles" in out
    listing = subprocess.run([str(DISCORDANT), "sources", "--db", str(db)],
                             capture_output=True, text=True, timeout=300)
    assert "300 articles:" in listing.stdout


def test_a_lock_held_by_another_process_refuses_then_frees_when_it_is_killed(tmp_path,
                                                                            corpus):
    db = tmp_path / "db"
    engine = Engine(Settings(chroma_path=db, corpus_dir=corpus), embedder=HashEmbedder())
    engine.index()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock_path(db))],
                              stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(IndexBusyError, match="Another index run is writing"):
            engine.index()
    finally:
        os.killpg(holder.pid, signal.SIGKILL)  # as a crash would: no clean release
        holder.wait(timeout=30)
    assert engine.index().reused == 3  # the operating system dropped the dead run's lock
