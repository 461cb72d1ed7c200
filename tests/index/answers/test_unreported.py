"""Unreported amounts: a money question put to passages stating no amount of money and no
figure fitting it gets no answer (hand-made Claims; the story is invented for these
tests)."""

from __future__ import annotations

import pytest

from index.answers.unreported import unreported
from index.claims.questions import Query
from index.records import Claim, Passage

pytestmark = pytest.mark.fast

MONEY = Query(event="raise", kind="money", counted="money", dimension="money")
QUESTION = "how much money did the gala committee raise from donors"


def claim(doc, text, value, dimension, keys):
    return Claim(value=value, low=value, high=value, qualifier=None, figure=str(value),
                 counted="", kind="", event="", authority=None, doc_id=doc,
                 source=f"Outlet {doc}", date="2024-03-01", quote=text, dimension=dimension,
                 unit=None, keys=tuple(keys), weak="no event")


def passage(doc, text):
    return Passage(doc_id=doc, docs=(doc,), source=f"Outlet {doc}", sources=(f"Outlet {doc}",),
                   title=None, date=None, position=0, text=text, score=0.5, rank=0.1,
                   chunk=text, found=(text,))


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


def test_other_questions_are_not_judged_by_it():
    count = Query(event="draw", kind="people", counted="guests", dimension="count")
    assert not unreported("how many guests came", count, passages, {}, {})
