"""`warm` loads everything a question needs; a question asked meanwhile waits for it."""

from __future__ import annotations

import threading

import pytest

from index.engine import Engine
from index.settings import Settings
from index.store.chroma import Store

pytestmark = pytest.mark.slow


def counting_store(settings: Settings) -> tuple[Store, list[int]]:
    store = Store.open(settings)
    calls: list[int] = []
    read = store.article_claims

    def article_claims(name=None):
        calls.append(1)
        return read(name)

    store.article_claims = article_claims
    return store, calls


def test_questions_asked_while_warming_wait_for_the_claims_built_once(
        sample_db, sample_corpus, real_embedder):
    settings = Settings(chroma_path=sample_db, corpus_dir=sample_corpus)
    store, calls = counting_store(settings)
    engine = Engine(settings, store=store, embedder=real_embedder)
    warming = threading.Thread(target=engine.warm)  # as the bot does, after connecting
    warming.start()
    answers = [engine.ask("how many officers died"), engine.ask("how many were injured")]
    warming.join()
    assert answers[0].disagreements and all(a.passages for a in answers)
    assert len(calls) == 1


def test_warm_leaves_nothing_for_the_first_question_to_load(sample_db, sample_corpus,
                                                          real_embedder):
    settings = Settings(chroma_path=sample_db, corpus_dir=sample_corpus)
    store, calls = counting_store(settings)
    engine = Engine(settings, store=store, embedder=real_embedder)
    engine.warm()
    assert len(calls) == 1 and engine.extractor._nlp is not None
    engine.ask("how many officers died")
    assert len(calls) == 1
