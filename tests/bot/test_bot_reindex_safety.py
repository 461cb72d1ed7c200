"""/reindex never empties the index by accident and waits its turn behind other processes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

import pytest
from e2e_helpers import acked

from index.engine import Engine
from index.settings import Settings
from index.store.lock import lock_path

pytestmark = pytest.mark.slow

HOLDER = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
time.sleep(600)
"""


async def private_text(fake, inter, needle: str) -> str:
    def found():
        texts = [e.get("content") or "" for e in inter.edits]
        return next((t for t in texts if needle in t), None)
    return await fake.wait_for(found, 60, f"a reply containing {needle!r}")


@pytest.fixture
def own_engine(indexed, sample_corpus, tmp_path) -> Engine:
    """The sample corpus indexed into a folder of this test's own, reusing the vectors."""
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_corpus, corpus)
    chroma = tmp_path / "chroma"
    shutil.copytree(indexed.settings.chroma_path, chroma)
    return Engine(Settings(corpus_dir=corpus, chroma_path=chroma), embedder=indexed.embedder,
                  extractor=indexed.extractor)


async def test_an_empty_corpus_is_refused_unless_allow_empty(fake, start_bot, own_engine):
    await start_bot(engine=own_engine)
    for path in own_engine.settings.corpus_dir.iterdir():
        path.unlink()  # the volume came up empty
    inter = await fake.slash("reindex", user=fake.admin)
    await acked(fake, inter)
    text = await private_text(fake, inter, "would empty the index")
    assert str(own_engine.settings.corpus_dir) in text and "is empty" in text
    assert "allow_empty:True" in text and fake.is_ephemeral(inter)
    assert own_engine.article_count() == 5
    emptied = await fake.slash("reindex", {"allow_empty": True}, user=fake.admin)
    await acked(fake, emptied)
    await fake.wait_for(lambda: any(e.get("embeds") for e in emptied.edits), 60, "the report")
    assert own_engine.article_count() == 0


async def test_a_reindex_while_another_process_indexes_is_refused_privately(
        fake, start_bot, own_engine):
    await start_bot(engine=own_engine)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path(own_engine.settings.chroma_path))],
        stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        inter = await fake.slash("reindex", user=fake.admin)
        await acked(fake, inter)
        text = await private_text(fake, inter, "Another index run is writing the index")
        assert "wait for it to finish" in text and fake.is_ephemeral(inter)
    finally:
        os.killpg(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
    again = await fake.slash("reindex", user=fake.admin)
    await acked(fake, again)
    await fake.wait_for(lambda: any(e.get("embeds") for e in again.edits), 120, "the report")
