"""Ages: a question asking how old someone is, answered by a sentence stating that
person's age.

News states a person's age beside the name ("Mr. Mattis, 68, will leave", "the
76-year-old Pelosi", "he retired at age 70"), and the figure extraction skips it on
purpose: a person's age is no figure of an event. So "how old is jim mattis" gets the
passages that state the age of someone the question names first (or, when it names the
person by a description, "how old is the new senator", an age stated in a sentence sharing
its words); when none of its Story's best passages does ("how old is drew gattine" asked
of reports that never say), no source reports it, however many other ages and names they
hold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..claims import lexicon
from ..ingest.chunking import split_sentences
from ..records import Passage
from .echo import content_terms
from .unreported import stating_first

AGE_ASKED = re.compile(lexicon.AGE_ASKED, re.IGNORECASE)
AFTER_NAME = re.compile(lexicon.AGE_AFTER_NAME)
BEFORE_NAME = re.compile(lexicon.AGE_BEFORE_NAME)
IN_SENTENCE = re.compile(lexicon.AGE_IN_SENTENCE, re.IGNORECASE)
DESCRIBED = re.compile(lexicon.AGE_OF_DESCRIBED, re.IGNORECASE)


def asks_age(question: str) -> bool:
    """Whether the question asks how old someone is."""
    return bool(AGE_ASKED.search(question))


def age_first(question: str, candidates: Sequence[Passage]) -> list[Passage] | None:
    """The candidates, those stating the age of someone the question names first; None
    when none of the best does (the age is unreported: see unreported.stating_first)."""
    named = content_terms(question)
    if DESCRIBED.search(question):
        return stating_first(candidates, lambda text: _states_age(text, named)
                             or _states_age_beside(text, named))
    return stating_first(candidates, lambda text: _states_age(text, named))


def _states_age_beside(text: str, described: frozenset[str]) -> bool:
    """Whether a text states someone's age in a sentence sharing a word with the
    description the question names the person by ("Cowan, 43, is a former chief of staff
    to Patrick" for "the senator patrick picked")."""
    return any(content_terms(sentence.text) & described
               for sentence in split_sentences(text)
               if AFTER_NAME.search(sentence.text) or BEFORE_NAME.search(sentence.text))


def _states_age(text: str, named: frozenset[str]) -> bool:
    """Whether a text states the age of a person named by one of the question's words."""
    if any(content_terms(m.group(1)) & named for m in AFTER_NAME.finditer(text)):
        return True
    if any(content_terms(m.group(2)) & named for m in BEFORE_NAME.finditer(text)):
        return True
    return any(content_terms(sentence.text) & named - content_terms(m.group(0))
               for sentence in split_sentences(text) for m in IN_SENTENCE.finditer(sentence.text))
