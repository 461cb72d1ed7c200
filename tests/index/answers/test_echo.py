"""Echoes: another outlet's restatement of the best passage's answering sentence ranks
near it (hand-made passages; the story and its words are invented for these tests)."""

from __future__ import annotations

import pytest

from index.answers.echo import ECHO, echoed
from index.records import Passage

from .made import passage

pytestmark = pytest.mark.fast

QUESTION = "what did the mayor say about the harbour in her speech"
QUOTE = "The harbour will be dredged before winter so the trawlers can come home."


def filler(doc: str, rank: float, topic: str) -> Passage:
    return passage(doc, f"The council met on Tuesday to discuss {topic} for an hour.", rank)


def test_another_outlets_restatement_of_the_best_answer_rises_near_it():
    best = passage("a", f'The mayor said in her speech: "{QUOTE}"', 0.20)
    others = [filler("b", 0.15, "parking fees"), filler("c", 0.12, "the school budget"),
              filler("d", 0.10, "street lights")]
    echo = passage("e", f'"{QUOTE}" She then left for the airport.', 0.05)
    order = echoed(QUESTION, [best, *others, echo])
    assert [p.doc_id for p in order[:2]] == ["a", "e"]
    assert order[1].rank == pytest.approx(ECHO * 0.20)


def test_a_passage_sharing_only_the_storys_names_keeps_its_rank():
    best = passage("a", f'The mayor said in her speech: "{QUOTE}"', 0.20)
    names = passage("b", "The mayor of Porth Elin opened the harbour festival on Sunday.", 0.05)
    order = echoed(QUESTION, [best, filler("c", 0.10, "the harbour"), names])
    assert order[-1].doc_id == "b" and order[-1].rank == 0.05


def test_an_articles_own_other_passage_is_no_echo():
    best = passage("a", f'The mayor said in her speech: "{QUOTE}"', 0.20)
    again = passage("a", f'"{QUOTE}" she repeated later.', 0.05)
    order = echoed(QUESTION, [best, filler("b", 0.10, "parking"), again])
    assert order[-1] is again


def test_only_the_seeds_answering_sentence_is_echoed_not_its_background():
    background = "The harbour was built in 1890 by the shipping company of Lord Avery."
    best = passage("a", f'The mayor said in her speech: "{QUOTE}" {background}', 0.20)
    repeats_background = passage("b", background, 0.05)
    order = echoed(QUESTION, [best, filler("c", 0.10, "parking"), repeats_background])
    assert order[-1] is repeats_background
