"""Which generation is active: read once while the index is unchanged, read again as soon as
any Store (another process's, or an index run) writes it. Real Chroma on disk."""

from __future__ import annotations

import os

import pytest

from index.settings import Settings
from index.store import chroma
from index.store.chroma import Store
from tests.conftest import write
from tests.index.store.test_folder import REPORT, engine


@pytest.fixture
def db(tmp_path, monkeypatch):
    corpus = write(tmp_path / "corpus", "a.txt", REPORT.format(n=40, town="Ely")).parent
    engine(tmp_path / "db", corpus).index()
    # No wait for the database's last change to age: its stamp alone decides.
    monkeypatch.setattr(chroma, "FRESH_S", 0.0)
    return tmp_path / "db"


def counting_reads(store: Store, monkeypatch) -> list[int]:
    reads: list[int] = []
    pointer = store._pointer

    def read():
        reads.append(1)
        return pointer()
    monkeypatch.setattr(store, "_pointer", read)
    return reads


def test_the_active_generation_is_read_once_while_the_index_is_unchanged(db, monkeypatch):
    store = Store.open(Settings(chroma_path=db))
    reads = counting_reads(store, monkeypatch)
    names = {store.active_name() for _ in range(5)}
    assert len(names) == 1 and None not in names
    assert len(reads) == 1


def test_a_swap_written_by_another_store_is_seen_by_the_next_question(db, monkeypatch):
    reader, writer = Store.open(Settings(chroma_path=db)), Store.open(Settings(chroma_path=db))
    before = reader.active_name()
    writer.write_meta({"active": "demo-g1"})
    assert reader.active_name() == "demo-g1" != before
    writer.write_meta({"active": before})
    assert reader.active_name() == before


def test_a_database_changed_moments_ago_is_read_every_time(db, monkeypatch):
    # A file system with a coarse clock could hide a second write in the same tick.
    monkeypatch.setattr(chroma, "FRESH_S", 3600.0)
    store = Store.open(Settings(chroma_path=db))
    reads = counting_reads(store, monkeypatch)
    for _ in range(3):
        store.active_name()
    assert len(reads) == 3


def test_a_server_index_is_read_every_time(db, monkeypatch):
    store = Store.open(Settings(chroma_path=db))
    monkeypatch.setattr(store, "_server", True)
    reads = counting_reads(store, monkeypatch)
    for _ in range(3):
        store.active_name()
    assert len(reads) == 3


def test_a_fresh_write_ahead_log_counts_as_a_change_moments_ago(db, monkeypatch):
    monkeypatch.setattr(chroma, "FRESH_S", 3600.0)
    (db / "chroma.sqlite3-wal").write_bytes(b"")
    old = (db / "chroma.sqlite3").stat().st_mtime_ns - 7200 * 10**9
    os.utime(db / "chroma.sqlite3", ns=(old, old))
    store = Store.open(Settings(chroma_path=db))
    reads = counting_reads(store, monkeypatch)
    for _ in range(2):
        store.active_name()
    assert len(reads) == 2
