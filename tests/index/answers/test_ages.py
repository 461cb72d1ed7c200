"""Ages: "how old is X" is answered by the passages stating X's age, and by none when no
passage does (hand-made passages; the people are invented for these tests)."""

from __future__ import annotations

import pytest

from index.answers.ages import age_first, asks_age

from .made import passage

pytestmark = pytest.mark.fast


LEAD = passage("a", "Defense Secretary Dana Varga resigned on Thursday.")
AGED = passage("a", "Ms. Varga, 64, will leave at the end of February.")
OTHER = passage("b", "Her deputy, Tom Reyes, 51, takes over for now.")


def test_the_passage_stating_the_named_persons_age_comes_first():
    assert age_first("how old is dana varga", [LEAD, OTHER, AGED]) == [AGED, LEAD, OTHER]


def test_an_age_written_before_the_name_or_in_the_sentence_counts():
    before = passage("c", "The 64-year-old Varga had served two years.")
    at_age = passage("d", "At age 64, Ms. Varga is the oldest member of the cabinet.")
    assert age_first("how old is varga", [LEAD, before])[0] == before
    assert age_first("how old is varga", [LEAD, at_age])[0] == at_age


def test_a_person_named_by_a_description_is_aged_in_a_sentence_sharing_its_words():
    beside = passage("c", "Reyes, 51, was chief of staff to Ms. Varga for six years.")
    question = "how old is the deputy chief of staff varga picked"
    assert age_first(question, [LEAD, beside])[0] == beside
    assert age_first("how old is the new harbour master", [LEAD, beside]) is None


def test_nobody_elses_age_answers_it():
    assert age_first("how old is dana varga", [LEAD, OTHER]) is None


def test_only_a_persons_age_is_asked():
    assert asks_age("how old is dana varga") and asks_age("what is varga's age")
    assert not asks_age("what would the new pension age be")
