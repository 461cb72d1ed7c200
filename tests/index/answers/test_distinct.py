"""Distinct meaning: within an Article, the Chunk whose meaning beyond the Article's topic
matches the question's beyond it scores highest (hand-made unit vectors: one axis the
story, the others what a Chunk adds to it)."""

from __future__ import annotations

import numpy as np
import pytest

from index.answers.distinct import distinct

pytestmark = pytest.mark.fast


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_the_chunk_adding_what_the_question_asks_scores_highest_in_its_article():
    # Axis 0: the story; axis 1: the lawyer; axis 2: the vote.
    lead = unit(1.0, 0.05, 0.05)  # the story itself, nearest the question overall
    lawyer = unit(0.6, 0.5, 0.0)
    vote = unit(0.6, 0.0, 0.5)
    question = unit(0.9, 0.3, 0.0)
    assert float(question @ lead) > float(question @ lawyer)  # plain cosine prefers the lead
    scores = distinct(question, ["a", "a", "a"], np.stack([lead, lawyer, vote]))
    assert scores[1] == max(scores) and scores[1] > 0 > scores[2]


def test_a_chunk_alone_in_its_article_has_nothing_to_be_told_from():
    vectors = np.stack([unit(1.0, 0.2, 0.0), unit(0.5, 0.5, 0.5)])
    assert distinct(unit(1.0, 0.0, 0.0), ["a", "b"], vectors) == [0.0, 0.0]
