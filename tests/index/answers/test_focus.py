"""Focus words: inside one Article, the passage holding the question's words that few of
its sentences use comes first (hand-made passages; the story is invented for these tests)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from index.answers.focus import focused

from .made import passage

pytestmark = pytest.mark.fast

QUESTION = "which radio station was governor brandt on when he hinted at quitting"


LEAD = passage("a", "Governor Brandt faced calls to resign on Tuesday. Governor Brandt said "
               "little. Brandt met aides.", 0.30)
MIDDLE = passage("a", "Brandt's allies rallied. Brandt thanked them. The governor smiled.", 0.26)
ANSWER = passage("a", "Brandt spoke on the radio station KVLT in the morning. Brandt hinted "
                 "at quitting.", 0.22)
OTHER = passage("b", "Brandt has led the state since 2019.", 0.25)


def test_the_passage_with_the_articles_rare_question_words_comes_first_in_it():
    order = focused(QUESTION, [LEAD, OTHER, MIDDLE, ANSWER])
    ours = [p for p in order if p.doc_id == "a"]
    assert ours[0].text == ANSWER.text
    # It takes the Article's best rank; the Articles' ranks against each other hold.
    assert [(p.doc_id, p.rank) for p in order] == [("a", 0.30), ("a", 0.26), ("b", 0.25),
                                                   ("a", 0.22)]
    # A boost is no jump: the Article's passage ranked far below is not lifted over it.
    far = passage("a", ANSWER.text, 0.05)
    assert focused(QUESTION, [LEAD, OTHER, MIDDLE, far])[0].text == LEAD.text


def test_a_question_whose_words_are_in_every_sentence_keeps_the_order():
    order = focused("what did governor brandt say", [LEAD, OTHER, MIDDLE, ANSWER])
    assert [p.text for p in order] == [LEAD.text, MIDDLE.text, OTHER.text, ANSWER.text]


def test_the_passage_whose_meaning_beyond_the_article_fits_the_question_comes_first_in_it():
    lead = passage("a", "Brandt took questions from reporters.", 0.30)
    answer = passage("a", "Brandt's lawyer, Dana Ortiz, spoke for him.", 0.22)
    apart = replace(answer, distinct=0.5)  # see answers.distinct
    assert focused("who is the attorney for brandt", [lead, answer])[0].text == lead.text
    assert focused("who is the attorney for brandt", [lead, apart])[0].text == answer.text


def test_words_do_not_lift_a_passage_too_far_in_meaning_to_be_evidence():
    far = replace(ANSWER, score=0.2)  # cosine under search.MIN_SCORE
    def first_of_a(candidates):
        return next(p.text for p in focused(QUESTION, candidates) if p.doc_id == "a")
    assert first_of_a([LEAD, OTHER, MIDDLE, far]) == LEAD.text
    assert first_of_a([LEAD, OTHER, MIDDLE, ANSWER]) == ANSWER.text
