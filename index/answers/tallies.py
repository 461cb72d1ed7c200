"""Tallies: a question asking how a vote went, answered by a sentence stating its tally.

"What was the vote on the resolution" is answered by "it passed in a 396-9 vote"; the figure
extraction reads "396-9" as no figure (a range of counts at best), so the answer reads the
tally itself: two numbers, in digits or words, joined in a sentence about a vote, or a tally
without numbers ("unanimously"). When none of the Story's best passages states one ("what
was the senate vote count confirming him" asked of reports that never give it), no source
reports it — however much they say about the vote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..claims import lexicon
from ..claims.number_words import WORD_PATTERN
from ..ingest.chunking import split_sentences
from ..records import Passage
from .unreported import stating_first

TALLY_ASKED = re.compile(lexicon.TALLY_ASKED, re.IGNORECASE)
_SIDE = rf"(?<![\d,.])(?:\d{{1,3}}|{WORD_PATTERN})(?![\d,]\d)"
TALLY = re.compile(rf"{_SIDE}(?:{lexicon.TALLY_JOIN}){_SIDE}", re.IGNORECASE)
WITHOUT_NUMBERS = re.compile(lexicon.TALLY_WORDS, re.IGNORECASE)
WORD = re.compile(r"[a-z]+")


def asks_tally(question: str) -> bool:
    """Whether the question asks how a vote went."""
    return bool(TALLY_ASKED.search(question))


def tally_first(candidates: Sequence[Passage]) -> list[Passage] | None:
    """The candidates, those stating a vote's tally first; None when none of the best does
    (the tally is unreported: see unreported.stating_first)."""
    return stating_first(candidates, states_tally)


def states_tally(text: str) -> bool:
    """Whether a text has a sentence stating a vote's tally."""
    for sentence in split_sentences(text):
        said = sentence.text
        if WITHOUT_NUMBERS.search(said) or (
                TALLY.search(said) and lexicon.VOTING & set(WORD.findall(said.lower()))):
            return True
    return False
