"""Tallies: "what was the vote" is answered by the passages stating a vote's tally, and by
none when no passage does (hand-made passages; the votes are invented for these tests)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from index.answers.compose import compose_answer
from index.answers.corpus import Corpus
from index.answers.tallies import asks_tally, states_tally, tally_first
from index.claims.questions import Query
from index.records import StoryRef

from .made import passage

pytestmark = pytest.mark.fast


DEBATE = passage("a", "The council debated the harbour plan for six hours.")
TALLY = passage("b", "The plan passed in a 31-9 vote late on Tuesday.")


def test_the_passage_stating_the_tally_comes_first():
    assert tally_first([DEBATE, TALLY]) == [TALLY, DEBATE]


@pytest.mark.parametrize("sentence", [
    "She won by a 134-to-63 vote.", "The board voted six votes to three.",
    "Ms. Okafor won, 134 to 63, and thanked her colleagues.",
    "The Senate confirmed him unanimously.", "It was approved by voice vote."])
def test_tallies_in_digits_words_or_none_count(sentence):
    assert states_tally(sentence)


@pytest.mark.parametrize("sentence", [
    "The case, Harlow v. Dunn, No. 10-277, asks whether the women may sue together.",
    "Estimates run from 500,000 to 1.5 million workers.",
    "The council held 31 meetings on the plan."])
def test_numbers_joined_outside_a_vote_are_no_tally(sentence):
    assert not states_tally(sentence)


def test_a_vote_no_passage_tallies_is_unreported():
    assert tally_first([DEBATE]) is None


def test_only_how_a_vote_went_is_asked():
    assert asks_tally("what was the vote on the harbour plan")
    assert asks_tally("what was the council vote count") and asks_tally("how did the board vote")
    assert not asks_tally("how many votes did okafor get")


def test_a_tally_asked_in_the_words_of_a_count_is_answered_by_the_tally():
    # "the final tally" reads as a count question too; the passages state no count, and
    # the tally answers it, first, though its passage ranked below the debate's.
    story = StoryRef(id="plan", title="The harbour plan")
    corpus = Corpus(claims=(), sources=[], lexical=None, story_of={"a": story, "b": story})
    count = Query(event=None, kind="people", counted="", dimension="count", loose=True)
    ranked = [replace(DEBATE, rank=0.9), replace(TALLY, rank=0.2)]  # the debate ranks first
    answer = compose_answer("what was the final tally when the council passed the plan",
                            count, ranked, corpus, article_count=2, top_k=5)
    assert answer.passages and answer.passages[0].text == TALLY.text
