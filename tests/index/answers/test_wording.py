"""Disagreements that are not numbers: one person, roles of opposite gender."""

from __future__ import annotations

import pytest

from index.answers.wording import mentions, wording_disputes

A = "The rally was peaceful, police spokesman Dana Reyes said on Monday."
B = "“We made no arrests,” police spokeswoman Dana Reyes told reporters."
C = "Dana Reyes, a senior police spokeswoman, declined to comment."


@pytest.mark.fast
def test_opposite_roles_from_two_articles_are_a_wording_dispute():
    found = mentions(A, "a", "Outlet A") + mentions(B, "b", "Outlet B") + mentions(C, "c", "C")
    (dispute,) = wording_disputes(found)
    assert dispute.name == "Dana Reyes"
    assert dispute.roles == ("spokesman", "spokeswoman")
    assert dispute.sources == (("Outlet A",), ("Outlet B", "C"))
    assert dispute.quotes[0] == A


@pytest.mark.fast
def test_the_same_role_everywhere_or_one_article_alone_is_no_dispute():
    assert wording_disputes(mentions(A, "a", "A") + mentions(A, "b", "B")) == []
    assert wording_disputes(mentions(A + " " + B, "a", "A")) == []


@pytest.mark.fast
def test_words_that_only_end_in_man_are_not_roles():
    text = "German officials met Truman Capote and a human rights envoy, Ms Lee Park."
    assert [(m.name, m.role) for m in mentions(text, "a", "A")] == [("Lee Park", "ms")]


def test_the_sample_corpus_spokesman_and_spokeswoman_are_found(sample_engine):
    (dispute,) = sample_engine.wording()
    assert dispute.name == "Saltanat Azirbek"
    assert set(dispute.roles) == {"spokesman", "spokeswoman"}
    answer = sample_engine.ask("how many protesters were killed")
    assert [w.name for w in answer.wording] == ["Saltanat Azirbek"]
    assert answer.disagreements == (), "a wording dispute is not a disputed figure"
