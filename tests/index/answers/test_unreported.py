"""Unreported figures: a money or count question put to passages stating no figure of its
type that matches its words, and no figure fitting it, gets no answer (hand-made Claims;
the story is invented for these tests)."""

from __future__ import annotations

import dataclasses

import pytest

from index.answers.unreported import unreported
from index.claims.questions import Query
from index.records import Claim

from .made import passage

pytestmark = pytest.mark.fast

MONEY = Query(event="raise", kind="money", counted="money", dimension="money")
QUESTION = "how much money did the gala committee raise from donors"


def claim(doc, text, value, dimension, keys):
    return Claim(value=value, low=value, high=value, qualifier=None, figure=str(value),
                 counted="", kind="", event="", authority=None, doc_id=doc,
                 source=f"Outlet {doc}", date="2024-03-01", quote=text, dimension=dimension,
                 unit=None, keys=tuple(keys), weak="no event")


GUESTS = "The gala drew 900 guests from across the state."
ACTS = "Two acts performed after the dinner."
passages = [passage("a", GUESTS), passage("b", ACTS)]
unrelated = {"a": [claim("a", GUESTS, 900, "count", ["noun:guest", "verb:draw"])],
             "b": [claim("b", ACTS, 2, "count", ["noun:act", "verb:perform"])]}


def test_a_money_question_whose_passages_state_no_amount_is_unreported():
    assert unreported(QUESTION, MONEY, passages, unrelated, {})


def test_an_amount_of_money_among_the_passages_answers_it():
    raised = "The committee raised $4 million."
    by_doc = {**unrelated, "c": [claim("c", raised, 4e6, "money:USD", ["verb:raise"])]}
    assert not unreported(QUESTION, MONEY, [*passages, passage("c", raised)], by_doc, {})


def test_a_figure_fitting_the_question_in_an_unknown_currency_answers_it():
    raised = "The committee raised 40 million crowns from donors."
    by_doc = {**unrelated, "c": [claim("c", raised, 4e7, "count",
                                       ["noun:crown", "verb:raise", "subj:committee",
                                        "from:donor"])]}
    assert not unreported(QUESTION, MONEY, [*passages, passage("c", raised)], by_doc, {})


def test_a_small_count_fitting_a_money_question_is_no_amount():
    beat = "The committee beat its rivals by 31 votes to 9 after donors raised objections."
    by_doc = {**unrelated, "c": [claim("c", beat, 31, "count",
                                       ["noun:vote", "verb:beat", "subj:committee",
                                        "w:donor", "w:raise"])]}
    assert unreported(QUESTION, MONEY, [*passages, passage("c", beat)], by_doc, {})


def test_a_count_of_what_the_money_question_pays_for_is_no_amount():
    sold = "The committee will sell 40,000 tickets to donors for the gala dinner."
    question = "how much are donors paying the committee for the tickets"
    paying = Query(event="pay", kind="money", counted="money", dimension="money")
    by_doc = {**unrelated, "c": [claim("c", sold, 4e4, "count",
                                       ["noun:ticket", "verb:sell", "subj:committee",
                                        "to:donor"])]}
    assert unreported(question, paying, [*passages, passage("c", sold)], by_doc, {})
    crowns = "Donors are paying the committee 40,000 crowns for the tickets."
    by_doc["c"] = [claim("c", crowns, 4e4, "count",
                         ["noun:crown", "verb:pay", "subj:donor", "for:ticket"])]
    assert not unreported(question, paying, [*passages, passage("c", crowns)], by_doc, {})


COUNT = Query(event="injure", kind="people", counted="people", dimension="count")


def test_a_count_question_whose_counts_match_none_of_its_words_is_unreported():
    assert unreported("how many people were injured at the gala", COUNT, passages[1:],
                      unrelated, {})


def test_a_count_sharing_a_word_with_the_question_answers_it():
    assert not unreported("how many guests did the gala draw", COUNT, passages, unrelated, {})


def test_a_count_sharing_only_a_name_with_the_question_does_not_answer_it():
    named = "Mayor Okafor thanked the 40 volunteers."
    by_doc = {"c": [claim("c", named, 40, "count",
                          ["noun:volunteer", "verb:thank", "name:okafor"])]}
    assert unreported("how many people did okafor's guards injure", COUNT,
                      [passage("c", named)], by_doc, {})


def test_an_amount_question_whose_passages_state_no_amount_is_unreported():
    amount = Query(event="make", kind="", counted="", dimension="measure")
    assert unreported("how much does the gala's chef make an hour", amount, passages,
                      unrelated, {})


def test_a_share_no_passage_states_is_unreported():
    share = Query(event="vote", kind="people", counted="percent", dimension="%")
    assert unreported("what percentage of the donors backed the new venue", share,
                      passages, unrelated, {})


def test_other_questions_are_not_judged_by_it():
    date = Query(event="draw", kind="", counted="", dimension="date")
    assert not unreported("when did the gala take place", date, passages, {}, {})
    # "the turnout" may be a share as well as a head-count: only "how many" asks a count
    turnout = Query(event="turnout", kind="people", counted="", dimension="count")
    assert not unreported("what was the turnout at the gala", turnout, passages, unrelated, {})


def test_a_count_of_the_persons_asked_about_in_other_words_may_answer_it():
    # "How many female employees": the reports count "women"; a count of persons of the
    # kind asked may be the answer in other words, so the question is not unreported.
    asked = Query(event=None, kind="civilians", counted="female employees", words=(
        "female", "employee"), loose=True)
    question = "how many female employees could join the lawsuit"
    women = "The lawsuit covers as many as 1.5 million women."
    made = dataclasses.replace(claim("c", women, 1.5e6, "count", ["noun:woman", "verb:cover"]),
                               kind="civilians")
    by_doc = {**unrelated, "c": [made]}
    assert not unreported(question, asked, [*passages, passage("c", women)], by_doc, {})
    assert unreported(question, asked, passages, unrelated, {})


def test_a_size_asked_as_such_that_no_passage_states_is_unreported():
    held = "The dam held back 18 million cubic metres of water."
    by_doc = {"a": [claim("a", held, 1.8e7, "volume", ["verb:hold", "w:water", "w:dam"])]}
    tall = Query(event="height", kind="people", counted="", dimension="length")
    assert unreported("how tall was the dam wall", tall, [passage("a", held)], by_doc, {})
    rose = "The dam wall rose 95 metres above the valley."
    by_doc["b"] = [claim("b", rose, 95, "length", ["verb:rise", "subj:wall", "w:dam"])]
    assert not unreported("how tall was the dam wall", tall,
                          [passage("a", held), passage("b", rose)], by_doc, {})
    # "How long" asks as often for a time: it is not judged.
    assert not unreported("how long was the dam wall", tall, [passage("a", held)], by_doc, {})
