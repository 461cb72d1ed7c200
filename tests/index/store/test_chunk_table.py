"""The Chunk table: a question reads its Chunks from the Articles and the table, not from
Chroma's records — and gets the same Chunks, cosines and answers."""

from __future__ import annotations

import shutil

import numpy as np

from index.answers.search import retrieve
from index.engine import Engine
from index.settings import Settings
from index.store import chunk_table
from index.store.chunk_records import chunk_from_record
from index.store.chunk_table import ROWS_FILE, ChunkTable
from index.store.lexical import LexicalIndex


def test_every_chunk_cut_from_its_article_is_the_chunk_chroma_stores(sample_engine):
    name = sample_engine.store.active_name()
    table = sample_engine.corpus(name).lexical.table
    assert table is not None
    stored = {cid: (chunk_from_record(text, meta, cid), vector)
              for cid, text, meta, vector in sample_engine.store.records(
                  name, include_embeddings=True)}
    texts = sample_engine.store.article_texts(name, [c.doc_id for c, _ in stored.values()])
    query = np.asarray(sample_engine.embedder.embed_query("how many officers died"))
    cosines = table.cosines(list(stored), query)
    for cid, (chunk, vector) in stored.items():
        assert table.chunk(cid, texts[chunk.doc_id]) == chunk
        assert abs(cosines[cid] - float(np.dot(query, vector))) < 1e-3
    by_doc: dict[str, list[str]] = {}
    for cid, (chunk, _) in stored.items():
        by_doc.setdefault(chunk.doc_id, []).append(cid)
    for doc, cids in by_doc.items():  # cut together, in any order: the same Chunks
        assert table.chunks(cids[::-1], texts[doc]) == [stored[c][0] for c in cids[::-1]]


def test_an_index_without_a_chunk_table_answers_the_same_from_chroma(sample_engine, tmp_path):
    name = sample_engine.store.active_name()
    lexical = sample_engine.corpus(name).lexical
    folder = tmp_path / "lexical"
    shutil.copytree(sample_engine.store.lexical_dir(name), folder)
    (folder / ROWS_FILE).unlink()  # as an index built before the table was
    old = LexicalIndex.load(folder)
    assert old is not None and old.table is None
    for question in ("how many officers died", "what started the protests"):
        vector = sample_engine.embedder.embed_query(question)
        with_table = retrieve(sample_engine.store, lexical, vector, question, name)
        without = retrieve(sample_engine.store, old, vector, question, name)
        assert [f.chunk for f in with_table] == [f.chunk for f in without]
        assert np.allclose([f.cosine for f in with_table], [f.cosine for f in without],
                           atol=1e-3)


def test_a_lexical_index_rebuilt_from_a_server_has_its_chunk_table(tmp_path, sample_corpus,
                                                                   real_embedder):
    engine = Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=sample_corpus),
                    embedder=real_embedder)
    engine.index()
    name = engine.store.active_name()
    shutil.rmtree(engine.store.lexical_dir(name))  # built on another machine
    fresh = Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=sample_corpus),
                   embedder=real_embedder)
    answer = fresh.ask("how many officers died")
    assert fresh.corpus().lexical.table is not None
    assert answer.passages == engine.ask("how many officers died").passages


def test_a_small_table_finds_a_questions_nearest_chunks_exactly(sample_engine, monkeypatch):
    # Chroma's embedded index gave other neighbours from one process to the next; up to
    # EXACT_MAX Chunks the table's own exact search gives the same ones every time.
    name = sample_engine.store.active_name()
    table = sample_engine.corpus(name).lexical.table
    stored = {cid: np.asarray(vector, dtype=np.float32) for cid, _, _, vector in
              sample_engine.store.records(name, include_embeddings=True)}
    query = np.asarray(sample_engine.embedder.embed_query("how many officers died"))
    exact = sorted(stored, key=lambda cid: -float(stored[cid] @ query))[:10]
    found = table.nearest(query, 10)
    for (cid, cosine), best in zip(found, exact, strict=True):  # float16 rows: within 1e-3
        assert abs(cosine - float(stored[best] @ query)) < 1e-3
        assert abs(cosine - float(stored[cid] @ query)) < 1e-3
    assert [c for _, c in found] == sorted((c for _, c in found), reverse=True)
    assert table.nearest(query, 10) == found
    monkeypatch.setattr(chunk_table, "EXACT_MAX", len(stored) - 1)
    assert table.nearest(query, 10) is None  # a larger one: Chroma's index


def test_ties_among_the_nearest_keep_the_tables_order():
    vectors = np.array([[1, 0], [0, 1], [1, 0], [0.6, 0.8]], dtype=np.float16)
    table = ChunkTable(["a", "b", "c", "d"], np.zeros((4, 4), dtype=np.int32),
                       [["doc", "Outlet", "", ""]], vectors)
    assert [cid for cid, _ in table.nearest(np.array([1.0, 0.0]), 3)] == ["a", "c", "d"]
