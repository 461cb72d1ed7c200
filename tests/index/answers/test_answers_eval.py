"""Answers to the eval questions: what the scorer checks, plus citation precision."""

from __future__ import annotations

import pytest
import yaml

from index.render.serialize import answer_to_json
from tests.conftest import EVAL_QUESTIONS


def eval_questions():
    spec = yaml.safe_load(EVAL_QUESTIONS.read_text())
    return [q for s in spec["sets"] for q in s["questions"]]


@pytest.fixture(scope="module")
def answers(sample_engine):
    return {q["id"]: sample_engine.ask(q["ask"]) for q in eval_questions()}


@pytest.fixture(scope="module")
def article_texts(sample_engine):
    """Each Article's whole text, whitespace folded: passages are windows of it."""
    name = sample_engine.store.active_name()
    docs = [s.doc_id for s in sample_engine.sources()]
    return {d: fold(t) for d, t in sample_engine.store.article_texts(name, docs).items()}


def fold(text: str) -> str:
    return " ".join(text.split()).lower()


@pytest.mark.parametrize("question", eval_questions(), ids=lambda q: q["id"])
def test_eval_question_is_answered_as_expected(answers, question):
    answer, expect = answers[question["id"]], question["expect"]
    shown = answer.passages[:5]
    for want in expect.get("passages", []):
        assert any(want["doc"] in p.docs and fold(want["phrase"]) in fold(p.text)
                   for p in shown), want
    if "disagreement" in expect:
        gold = {float(k): set(v) for k, v in expect["disagreement"].items()}
        (slot,) = answer.disagreements
        found = {f.value: set(f.docs) for f in slot.figures}
        assert all(found.get(v, set()) & docs for v, docs in gold.items()), found
    if expect.get("no_disagreement"):
        assert answer.disagreements == ()
    if expect.get("no_answer"):
        assert answer.passages == ()


def test_every_figure_and_quote_shown_is_verbatim_in_the_passage_it_cites(answers,
                                                                          article_texts):
    checked = 0
    for answer in answers.values():
        for slot in (*answer.disagreements, *answer.agreements):
            for figure in slot.figures:
                assert fold(figure.quote) in article_texts[figure.quote_doc]
                for claim in figure.claims:
                    assert claim.figure in claim.quote
                    assert fold(claim.quote) in article_texts[claim.doc_id]
                    checked += 1
        for passage in answer.passages:
            assert fold(passage.text) in article_texts[passage.docs[0]]
            for claim in passage.claims:
                assert claim.quote in passage.text and claim.figure in passage.text
    assert checked >= 20


def test_officers_killed_shows_each_figure_with_outlets_authorities_and_relations(answers):
    slot = answers["officers-killed"].disagreements[0]
    by_value = {f.value: f for f in slot.figures}
    assert by_value[8].qualifier == "at least"
    assert "interior ministry" in by_value[8].authorities
    assert {"France 24", "CNN (republished)"} <= set(by_value[13].sources)
    relations = {frozenset((slot.figures[r.first].value, slot.figures[r.second].value)):
                 r.relationship for r in slot.relations}
    assert relations[frozenset((12, 13))] == "conflict"
    assert relations[frozenset((8, 12))] == relations[frozenset((8, 13))] == "bound"
    assert slot.relationship == "conflict"


def test_when_every_source_says_dozens_the_answer_says_they_agree(answers):
    answer = answers["protesters-killed"]
    assert answer.disagreements == () and len(answer.agreements) == 1
    (figure,) = answer.agreements[0].figures
    assert figure.qualifier == "vague" and len(figure.sources) >= 3


def test_json_answer_lists_disputes_in_the_contract_shape(answers):
    out = answer_to_json(answers["arrests"])
    (dispute,) = out["disagreements"]
    # "more than 200" and 2,000 the same day: an open-ended hedge stands for at most twice
    # its figure, so they conflict (see disagreements.OPEN_ENDED).
    assert dispute["kind"] == "conflict"
    assert {c["value"] for c in dispute["claims"]} == {200, 2000}
    assert dispute["story"]["id"] and dispute["story"]["title"]
    assert all(set(c) >= {"value", "qualifier", "counted", "docs", "sources", "authority",
                          "quote", "unit", "normalized"} for c in dispute["claims"])
