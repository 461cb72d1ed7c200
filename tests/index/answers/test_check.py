"""Checking a message against the sources, with the real engine over the sample corpus."""

from __future__ import annotations

import pytest

from index.answers.check import (
    AGREE,
    BOUND,
    DISAGREE,
    UNREPORTED,
    clean_message,
    verdict_of,
)
from index.errors import QuestionError

pytestmark = pytest.mark.slow


def figures_of(checked) -> dict[float, tuple[str, ...]]:
    return {f.value: f.sources for f in checked.slot.figures}


def test_a_message_with_two_figures_gets_the_sources_figures_for_each(sample_engine):
    result = sample_engine.check("Thirteen officers died and 2,000 were arrested")
    officers, arrests = result.figures
    assert (officers.claim.value, arrests.claim.value) == (13, 2000)
    assert set(figures_of(officers)) == {8, 12, 13}
    assert "France 24" in figures_of(officers)[13]
    assert "AP report (republished)" in figures_of(officers)[12]
    assert set(figures_of(arrests)) == {200, 2000}
    assert figures_of(arrests)[2000] == ("AP report (republished)",)
    assert officers.verdict == arrests.verdict == AGREE
    assert [f.value for f in officers.matching("agree")] == [13]
    assert [f.value for f in officers.matching("conflict")] == [12]
    assert [f.value for f in arrests.matching("conflict")] == [200]
    assert officers.slot.story is not None and result.reported
    assert (officers.about, arrests.about) == ("officers killed", "people arrested")


def test_a_figure_no_outlet_gives_is_a_disagreement_with_the_ones_it_contradicts(
        sample_engine):
    (checked,) = sample_engine.check("300 people were arrested").figures
    assert checked.verdict == DISAGREE
    assert [f.value for f in checked.matching("conflict")] == [2000]
    assert [f.value for f in checked.matching("bound")] == [200]  # "more than 200"


def test_a_hedged_figure_the_outlets_exceed_is_a_bound(sample_engine):
    (checked,) = sample_engine.check("at least seven officers were killed").figures
    assert checked.verdict == BOUND
    assert set(figures_of(checked)) == {8, 12, 13}


def test_a_message_without_figures_is_asked_and_nothing_reports_small_talk(sample_engine):
    result = sample_engine.check("nice weather today")
    assert result.figures == () and not result.reported
    assert result.answer is not None and result.answer.passages == ()
    assert result.answer.notice == "None of the 5 articles reports this."


def test_a_message_without_figures_about_the_story_gets_its_passages(sample_engine):
    result = sample_engine.check("Why are people protesting in Kazakhstan?")
    assert result.figures == () and result.reported
    assert result.answer.passages


def test_a_long_message_is_read_whole_and_its_question_cut_to_the_limit(sample_engine):
    text = "Reports keep coming in. " * 100 + "Thirteen officers died."
    (checked,) = sample_engine.check(text).figures
    assert checked.claim.value == 13 and checked.verdict == AGREE
    result = sample_engine.check("words without figures " * 40)
    assert result.answer is not None and len(result.answer.question) <= 300


def test_a_message_without_words_is_refused_with_a_reason():
    with pytest.raises(QuestionError, match="no words"):
        clean_message("🎉 \u200b !!")


@pytest.mark.parametrize(("relations", "verdict"), [
    (("bound", "conflict", "agree"), AGREE), (("bound", "conflict"), DISAGREE),
    (("update",), DISAGREE), (("bound", "scope"), BOUND), ((), UNREPORTED)])
def test_the_verdict_is_the_strongest_relation(relations, verdict):
    assert verdict_of(relations) == verdict
