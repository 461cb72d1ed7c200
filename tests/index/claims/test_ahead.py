"""Questions parsed ahead in a worker process: the same Queries, spaCy never loaded here."""

from __future__ import annotations

import logging
import sys

import pytest

from index.claims import extract
from index.claims.ahead import ParsedAhead
from index.claims.extract import ClaimExtractor
from index.claims.questions import parse_question
from index.engine import Engine
from index.render.serialize import answer_to_json
from index.settings import Settings

FIGURE_QUESTIONS = ["how many officers died", "how much land has the fire burned",
                    "did anybody die in the fire", "what did the repairs cost"]


@pytest.fixture(scope="module")
def nlp():
    return ClaimExtractor().nlp()


def test_questions_parsed_ahead_are_those_parsed_here(nlp):
    ahead = ParsedAhead([*FIGURE_QUESTIONS, "what started the protests"])
    for question in FIGURE_QUESTIONS:
        assert ahead.get(question) == (True, parse_question(question, nlp))
    # asks for no figure: never sent to the worker, nothing to wait for
    assert ahead.get("what started the protests") == (False, None)
    assert ahead.get("a question never given") == (False, None)


def test_no_worker_starts_when_no_question_asks_for_a_figure():
    ahead = ParsedAhead(["who is the president", "what started the protests"])
    assert ahead.questions == () and ahead.get("who is the president") == (False, None)


@pytest.mark.skipif(sys.platform != "linux",
                    reason="only a forked worker (Linux) sees the patched model name")
def test_a_failing_worker_leaves_the_questions_to_be_parsed_here(monkeypatch, caplog):
    monkeypatch.setattr(extract, "SPACY_MODEL", "no_such_spacy_model")
    with caplog.at_level(logging.WARNING, logger="index.claims.ahead"):
        ahead = ParsedAhead(["how many officers died"])
        assert ahead.get("how many officers died") == (False, None)
    assert "parsing them here" in caplog.text and "no_such_spacy_model" in caplog.text


@pytest.mark.slow
def test_an_answer_parsed_ahead_is_the_same_and_loads_no_parser_here(
        sample_db, sample_corpus, sample_engine, real_embedder):
    engine = Engine(Settings(chroma_path=sample_db, corpus_dir=sample_corpus),
                    embedder=real_embedder)
    engine.parse_ahead(["how many officers died", "   ", "what started the protests"])
    for question in ("how many officers died", "what started the protests"):
        assert (answer_to_json(engine.ask(question))
                == answer_to_json(sample_engine.ask(question)))
    assert not engine.extractor.loaded
