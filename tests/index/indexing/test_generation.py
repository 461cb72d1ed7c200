"""Index bookkeeping over a real Chroma folder: reuse, removal, swaps, refusals."""

from __future__ import annotations

import dataclasses

import pytest

from index.engine import Engine
from index.errors import IndexBusyError, IndexMismatchError
from index.settings import Settings
from index.store.chroma import Store
from tests.conftest import HashEmbedder, write

STORY = ("Officials said {n} homes were destroyed by the fire on Tuesday.\n\n"
         "Firefighters worked through the night, the regional fire service said.\n")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    for name, n in (("alpha", 30), ("beta", 45), ("gamma", 12)):
        write(folder, f"{name}.txt", STORY.format(n=n))
    return folder


def make_engine(tmp_path, corpus, embedder=None):
    settings = Settings(chroma_path=tmp_path / "db", corpus_dir=corpus)
    return Engine(settings, embedder=embedder or HashEmbedder())


def test_reindexing_an_unchanged_corpus_embeds_nothing(tmp_path, corpus):
    embedder = HashEmbedder()
    engine = make_engine(tmp_path, corpus, embedder)
    first = engine.index()
    embedded_first = len(embedder.embedded)
    second = engine.index()
    assert first.embedded == first.chunks == embedded_first > 0
    assert second.embedded == 0 and second.reused == first.chunks
    assert len(embedder.embedded) == embedded_first
    assert second.added == second.changed == second.removed == ()


def test_changed_and_removed_articles_are_reindexed_and_their_old_chunks_removed(tmp_path,
                                                                                  corpus):
    embedder = HashEmbedder()
    engine = make_engine(tmp_path, corpus, embedder)
    engine.index()
    write(corpus, "beta.txt", STORY.format(n=46))
    (corpus / "gamma.txt").unlink()
    write(corpus, "delta.txt", "A new report says 3 bridges collapsed.\n")
    embedder.embedded.clear()
    report = engine.index()
    assert (report.added, report.changed, report.removed) == (("delta",), ("beta",),
                                                              ("gamma",))
    texts = [t for _, t, _, _ in engine.store.records()]
    assert not any("12 homes" in t for t in texts) and not any("45 homes" in t for t in texts)
    assert any("46 homes" in t for t in texts)
    # Only new text reached the model: the unchanged fire-service sentence was reused.
    assert all("46 homes" in t or "bridges" in t for t in embedder.embedded)
    assert {s.doc_id for s in engine.sources()} == {"alpha", "beta", "delta"}


def test_the_same_text_under_two_names_is_embedded_once(tmp_path, corpus):
    write(corpus, "alpha-copy.txt", STORY.format(n=30))
    embedder = HashEmbedder()
    engine = make_engine(tmp_path, corpus, embedder)
    engine.index()
    engine.index()
    write(corpus, "alpha-second-copy.txt", STORY.format(n=30))
    embedder.embedded.clear()
    report = engine.index()
    assert report.embedded == 0 and report.articles == 5


def test_a_new_generation_replaces_the_old_and_leaves_one_spare(tmp_path, corpus):
    engine = make_engine(tmp_path, corpus)
    engine.index()
    first = engine.store.active_name()
    engine.index()
    second = engine.store.active_name()
    engine.index()
    assert first != second != engine.store.active_name()
    names = {c.name for c in engine.store._client.list_collections()}
    assert first not in names and second in names


def test_an_unfinished_generation_is_never_read(tmp_path, corpus):
    engine = make_engine(tmp_path, corpus)
    engine.index()
    active = engine.store.active_name()
    stray = engine.store.new_generation("test-hash-embedder")  # as if a run died here
    reopened = Store.open(engine.settings)
    assert reopened.active_name() == active != stray.name
    assert len(reopened.sources()) == 3


def test_an_index_built_by_another_model_is_refused_with_the_fix(tmp_path, corpus):
    make_engine(tmp_path, corpus).index()
    other = HashEmbedder()
    other.name = "another-model"
    engine = make_engine(tmp_path, corpus, other)
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        engine.ask("how many homes were destroyed")
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        engine.index()
    assert engine.index(rebuild=True).embedded > 0
    engine.ask("how many homes were destroyed")


def test_a_second_index_run_while_one_runs_is_refused(tmp_path, corpus):
    engine = make_engine(tmp_path, corpus)
    assert engine._index_lock.acquire()
    try:
        with pytest.raises(IndexBusyError):
            engine.index()
    finally:
        engine._index_lock.release()


def test_claims_are_stored_with_their_chunks(tmp_path, corpus):
    engine = make_engine(tmp_path, corpus)
    engine.index()
    values = sorted(c.value for c in engine.corpus_claims() if c.event == "destroyed")
    assert values == [12, 30, 45]
    settings = dataclasses.replace(engine.settings)
    assert Engine(settings, embedder=HashEmbedder()).corpus_claims()


def test_syndicated_copies_are_embedded_once_and_are_one_story(tmp_path):
    corpus = tmp_path / "corpus"
    wire = ("Officials in Kessburg said 40 people were evacuated after the Ost burst its "
            "banks on Monday. Rescue crews worked through the night. ") * 3
    for i in range(300):
        write(corpus, f"copy{i:03d}.txt", f"Outlet {i} reprint\n\n{wire}\n")
    embedder = HashEmbedder()
    engine = Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=corpus), embedder=embedder)
    report = engine.index()
    assert report.articles == 300 and report.embedded == report.chunks
    # each copy's first Chunk holds its own heading; the rest is one wire text, embedded once
    assert len(embedder.embedded) == len(set(embedder.embedded)) == 301
    (story,) = engine.stories()
    assert len(story.docs) == 300
