"""Names one report's NER missed, found because another report's NER named them."""

from __future__ import annotations

import numpy as np
import pytest

from index.stories.cluster import Member, find_stories
from index.stories.mentions import head_mentions, with_known_names

pytestmark = pytest.mark.fast

DIRECTION = np.eye(8)[0]


def report(doc: str, entities: tuple[str, ...], head: str, turn: float) -> Member:
    vector = DIRECTION + turn * np.eye(8)[1]  # 0 and 1: two reports of one event, cosine 0.7
    return Member(doc, doc, "2025-07-17", (vector / np.linalg.norm(vector)).astype(np.float32),
                  entities, None, head_mentions(head))


def test_a_name_the_ner_missed_in_one_report_joins_it_to_the_report_that_named_it():
    named = report("times", ("bank of solvara",),
                   "The Bank of Solvara increased borrowing costs on Thursday.", 0.0)
    missed = report("wire", ("elena strand",),
                    "CASSERA - The Bank of Solvara raised its key rate to 4.5%.", 1.0)
    assert [sorted(s.docs) for s in find_stories([named, missed])] == [["times", "wire"]]


def test_without_a_shared_name_the_same_reports_stay_apart():
    named = report("times", ("bank of solvara",), "Borrowing costs rose on Thursday.", 0.0)
    missed = report("wire", ("elena strand",), "The central bank raised its key rate.", 1.0)
    assert len(find_stories([named, missed])) == 2


def test_a_word_capitalised_only_because_it_opens_a_sentence_is_not_a_name():
    mentions = head_mentions("Farmers' union Agrisol said losses were high. Farmers wept.")
    assert with_known_names([("farmers",)], [mentions]) == [("farmers",)]
    assert with_known_names([()], [mentions]) == [()]
    assert "agrisol" in mentions.split("|")


def test_a_dateline_place_and_a_possessive_name_are_read_as_names():
    mentions = head_mentions("Heat toll rises\nCASSERA - Ministers met at Solvara's "
                             "Bank of Solvara.")
    known = ("cassera", "solvara", "bank of solvara")
    found = with_known_names([(), known], [mentions, ""])[0]
    assert sorted(found) == sorted(known)
