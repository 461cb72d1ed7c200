"""Reasons: a why-question's passages stating a reason come first (hand-made Passages;
the story is invented for these tests)."""

from __future__ import annotations

import pytest

from index.answers.reasons import asks_reason, reasons_first

from .made import passage

pytestmark = pytest.mark.fast


@pytest.mark.parametrize(("question", "asked"), [
    ("why is the mill closing?", True),
    ("What caused the bridge to fail", True),
    ("for what reason did she resign", True),
    ("how many jobs will go at the mill", False),
    ("who said the mill would close", False),
])
def test_a_question_asks_for_a_reason_in_so_many_words(question, asked):
    assert asks_reason(question) is asked


def test_the_passage_stating_a_reason_outranks_the_topical_lead():
    lead = passage("a", "The Dorvik mill will close in May, the company said on Monday.",
                   rank=0.3)
    reason = passage("b", "The company closed the mill blaming falling demand for paper.",
                     rank=0.2)
    aside = passage("c", "The mill opened in 1921 and employs 400 people.", rank=0.25)
    ranked = reasons_first([lead, aside, reason])
    assert [p.doc_id for p in ranked] == ["b", "a", "c"]
    # The boost doubles a rank: a passage far below the lead stays below it.
    distant = passage("d", "Workers said the closure was due to bad management.", rank=0.1)
    assert [p.doc_id for p in reasons_first([lead, distant])] == ["a", "d"]
