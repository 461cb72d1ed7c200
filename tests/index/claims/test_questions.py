"""Which slot a question asks about."""

from __future__ import annotations

import pytest

from index.claims.extract import ClaimExtractor
from index.claims.questions import Query, parse_question


@pytest.fixture(scope="module")
def nlp():
    return ClaimExtractor().nlp()


@pytest.mark.parametrize(("question", "expected"), [
    ("how many officers died", Query("killed", "security", "officers")),
    ("How many people were injured?", Query("injured", "people", "people")),
    ("how many protesters were killed", Query("killed", "protesters", "protesters")),
    ("what is the death toll", Query("killed", "people", "")),
    ("what is the population of Chile", Query("population", "people", "")),
    ("how many people are in intensive care", Query("intensive care", "people", "people")),
    ("how many homes were destroyed", Query("destroy", "homes", "homes")),
])
def test_figure_questions_name_event_and_kind(nlp, question, expected):
    assert parse_question(question, nlp) == expected


@pytest.mark.parametrize("question", ["what started the protests", "who is the president",
                                      "how long will the state of emergency last"])
def test_questions_that_ask_for_no_figure_have_no_slot(nlp, question):
    assert parse_question(question, nlp) is None


@pytest.mark.parametrize(("question", "kind", "event"), [
    ("how much damage did the storm cause", "money", "damage"),
    ("what was the turnout", "%", "turnout"),
    ("how many people marched", "people", "protested"),
])
def test_amount_and_share_questions_ask_for_their_unit(nlp, question, kind, event):
    query = parse_question(question, nlp)
    assert (query.kind, query.event) == (kind, event)
