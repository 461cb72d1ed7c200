"""Search quality with the real model over the sample corpus."""

from __future__ import annotations

import pytest

from index.answers.search import MIN_SCORE, collapse, shingles, similarity
from index.records import Chunk
from index.store.chroma import Hit

ANSWERS = [
    ("what started the protests", "004_8e019ddef499e6f8", "rising price of liquefied petroleum"),
    ("which countries are members of the CSTO", "003_dd23dc46cabf569e",
     "Russia, Belarus, Armenia, Kazakhstan, Kyrgyzstan and Tajikistan"),
    ("what happened to the statue of Nazarbayev", "004_8e019ddef499e6f8",
     "statue of the ex-president being torn down"),
    ("how many people have been arrested", "001_a65856c8e52ad3f5",
     "2,000 people have been arrested"),
]
OFF_TOPIC = ["who won the 2022 football world cup", "best pizza recipe with mozzarella",
             "how do I install python on windows", "what is the weather in Paris tomorrow"]


@pytest.mark.parametrize(("question", "doc", "phrase"), ANSWERS)
def test_the_passage_that_answers_is_in_the_top_five(sample_engine, question, doc, phrase):
    answer = sample_engine.ask(question)
    assert any(doc in p.docs and phrase in " ".join(p.text.split()) for p in answer.passages)


@pytest.mark.parametrize("question", OFF_TOPIC)
def test_an_off_topic_question_gets_no_passages_and_says_so(sample_engine, question):
    answer = sample_engine.ask(question)
    assert answer.passages == ()
    assert answer.notice == "None of the 5 articles reports this."


def test_scores_of_answering_passages_clear_the_threshold_with_margin(sample_engine):
    best = [sample_engine.ask(q).passages[0].score for q, _, _ in ANSWERS]
    assert min(best) > MIN_SCORE + 0.1


def _hit(doc: str, text: str, score: float) -> Hit:
    return Hit(Chunk(chunk_id=doc, doc_id=doc, source=f"src-{doc}", title=None, date=None,
                     position=0, text=text), score)


def test_syndicated_copies_collapse_into_one_passage_listing_every_outlet():
    wire = "Officials said 40 people were evacuated from the valley after the river burst."
    hits = [_hit("a", wire, 0.8), _hit("b", wire.replace("burst", "burst its banks"), 0.7),
            _hit("c", "An unrelated passage about the budget vote in parliament.", 0.6)]
    passages = collapse(hits, top_k=5)
    assert [p.docs for p in passages] == [("a", "b"), ("c",)]
    assert passages[0].sources == ("src-a", "src-b")
    assert similarity(shingles(wire), shingles(wire)) == 1.0
