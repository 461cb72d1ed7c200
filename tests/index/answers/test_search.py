"""Search quality with the real model over the sample corpus."""

from __future__ import annotations

import pytest

from index.answers.search import MIN_SCORE, Found, passages, shingles, similarity
from index.records import Chunk

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


def _hit(doc: str, text: str, score: float, first: int = 0) -> Found:
    return Found(Chunk(chunk_id=f"{doc}{first}", doc_id=doc, source=f"src-{doc}", title=None,
                       date=None, position=first, text=text, first=first), score, score)


def test_syndicated_copies_collapse_into_one_passage_listing_every_outlet():
    wire = "Officials said 40 people were evacuated from the valley after the river burst."
    texts = {"a": wire, "b": wire.replace("burst", "burst its banks"),
             "c": "An unrelated passage about the budget vote in parliament."}
    found = [_hit("a", texts["a"], 0.8), _hit("b", texts["b"], 0.7), _hit("c", texts["c"], 0.6)]
    shown = passages(found, texts)
    assert [p.docs for p in shown] == [("a", "b"), ("c",)]
    assert shown[0].sources == ("src-a", "src-b")
    assert similarity(shingles(wire), shingles(wire)) == 1.0


def test_a_passage_is_the_window_around_its_chunk_and_not_repeated():
    article = " ".join(f"Sentence number {n} says that {n} boats were counted today."
                       for n in range(1, 30))
    found = [_hit("a", "Sentence number 10 says", 0.9, first=9),
             _hit("a", "Sentence number 11 says", 0.8, first=10),
             _hit("a", "Sentence number 25 says", 0.7, first=24)]
    shown = passages(found, {"a": article})
    assert len(shown) == 2  # the second window is mostly the first one again
    assert "10 boats" in shown[0].text and len(shown[0].text) <= 700
    assert "9 boats" in shown[0].text or "11 boats" in shown[0].text
    # The Chunk taken into the better window is one of that passage's found sentences.
    assert shown[0].found == ("Sentence number 10 says", "Sentence number 11 says")
    assert shown[1].found == ("Sentence number 25 says",)


def test_a_chunk_just_outside_a_better_window_of_its_article_is_still_shown():
    article = " ".join(f"Sentence number {n} says that {n} boats were counted today."
                       for n in range(1, 30))
    found = [_hit("a", "Sentence number 10 says", 0.9, first=9),
             _hit("a", "Sentence number 16 says that 16 boats", 0.8, first=15)]
    shown = passages(found, {"a": article})
    assert len(shown) == 2 and "16 boats" not in shown[0].text  # windows overlap by half
    assert "16 boats" in shown[1].text


def test_a_short_factoid_question_whose_words_are_in_an_article_gets_its_passage(
        sample_engine):
    answer = sample_engine.ask("who is the health minister")
    assert answer.passages and "health" in answer.passages[0].text.lower()


def test_no_answer_shows_the_nearest_passages_apart_from_the_answer(sample_engine):
    from index.answers.retrieval import NEAREST
    from index.render.serialize import answer_to_json

    answer = sample_engine.ask("who won the 2022 football world cup")
    assert answer.passages == ()
    assert 0 < len(answer.nearest) <= NEAREST
    assert all(p.story is not None for p in answer.nearest)
    out = answer_to_json(answer)
    assert out["passages"] == [] and len(out["nearest"]) == len(answer.nearest)


def test_an_answer_has_no_nearest_passages_and_marks_its_found_sentences(sample_engine):
    from index.render.serialize import answer_to_json

    answer = sample_engine.ask("how many people have been arrested")
    assert answer.nearest == ()
    out = answer_to_json(answer)
    assert "nearest" not in out
    for passage in out["passages"]:
        assert " ".join(passage["sentence"].split()) in " ".join(passage["text"].split())


def test_a_question_about_a_thing_no_article_names_gets_no_passages(sample_engine):
    # Four of its six words are the corpus's own; "super bowl" is named nowhere.
    answer = sample_engine.ask("how many police officers were killed in the super bowl riots")
    assert answer.passages == () and answer.nearest
    assert sample_engine.ask("how many police officers were killed in the riots").passages
