"""Our own question files (tests/eval/*.yaml) pass whole, checked by the shared scorer's own
rules: each names what it guards (rising tolls, units, forecasts, increments, stories)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from index.engine import Engine
from index.render.serialize import answer_to_json
from index.settings import Settings
from tests.conftest import ROOT

QUESTION_FILES = sorted((ROOT / "tests" / "eval").glob("*.yaml"))
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize("question_file", QUESTION_FILES, ids=lambda p: p.stem)
def test_every_question_of_our_question_files_passes(question_file: Path, scorer, tmp_path,
                                                     real_embedder):
    failed = []
    for number, question_set in enumerate(yaml.safe_load(question_file.read_text())["sets"]):
        corpus = question_file.parent / question_set["corpus"]
        engine = Engine(Settings(chroma_path=tmp_path / f"db{number}", corpus_dir=corpus),
                        embedder=real_embedder)
        engine.index()
        for question in question_set["questions"]:
            answer = answer_to_json(engine.ask(question["ask"]))
            rows = scorer.check(question["expect"], answer, 5, question_set.get("stories"),
                                question.get("story"))
            failed += [(question["id"], row) for row in rows if not row[1]]
    assert failed == []
