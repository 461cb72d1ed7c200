"""`warm` loads the model and opens the index at once, the parser and claims beside them."""

from __future__ import annotations

import pytest

from index.engine import Engine
from index.settings import Settings
from index.store.chroma import Store

pytestmark = pytest.mark.slow


def counting_store(settings: Settings) -> tuple[Store, list[int]]:
    store = Store.open(settings)
    calls: list[int] = []
    read = store.all_claims

    def all_claims(name=None):
        calls.append(1)
        return read(name)

    store.all_claims = all_claims
    return store, calls


def test_a_question_asked_while_warming_waits_for_the_claims_built_once(
        sample_db, sample_corpus, real_embedder):
    settings = Settings(chroma_path=sample_db, corpus_dir=sample_corpus)
    store, calls = counting_store(settings)
    engine = Engine(settings, store=store, embedder=real_embedder)
    engine.warm()  # returns with the parser and the claims still loading
    answer = engine.ask("how many officers died")
    assert answer.disagreements and answer.passages
    engine.ask("how many people were injured")
    assert len(calls) == 1


def test_warm_with_wait_has_everything_loaded(sample_db, sample_corpus, real_embedder):
    settings = Settings(chroma_path=sample_db, corpus_dir=sample_corpus)
    store, calls = counting_store(settings)
    engine = Engine(settings, store=store, embedder=real_embedder)
    engine.warm(wait=True)
    assert len(calls) == 1
    engine.ask("how many officers died")
    assert len(calls) == 1
