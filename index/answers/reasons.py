"""Reasons: a why-question's answer is the sentence that states a reason.

"Why is the plant closing" is answered by "blaming falling demand and competition from
cheaper imports", "why did the panel want a private interview" by "would best protect
Secretary Clinton's privacy": a causal connective or a purpose (the registry's
REASON_WORDS). The article's topical lead repeats the question's words and states none.
As a figure question's passages stating a figure of the asked type rise (typed.TYPE_BOOST),
a why-question's passages whose found sentences state a reason rise by REASON_BOOST.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..claims import lexicon
from ..records import Passage
from .typed import raised

# Measured on every public file and five sets of testers' questions (three of real news on
# realdev's articles, one of BBC reports, one synthetic): of their 12 why-questions, 1.0
# moved the answering passage up for 6 (to first for 4, from ranks 2-4; 3rd to 2nd for
# two) and 0.5 for 5 of those; no other question of any file moved at either.
REASON_BOOST = 1.0
REASON_ASKED = re.compile(lexicon.REASON_ASKED, re.IGNORECASE)
REASON_WORDS = re.compile(lexicon.REASON_WORDS, re.IGNORECASE)


def asks_reason(question: str) -> bool:
    """Whether a question asks why ("why", "what caused", "for what reason")."""
    return bool(REASON_ASKED.search(question))


def reasons_first(candidates: Sequence[Passage]) -> list[Passage]:
    """The candidates, those whose found sentences state a reason ranked REASON_BOOST
    higher (see the module docstring)."""
    return raised(candidates, lambda p: any(REASON_WORDS.search(f) for f in p.found),
                  REASON_BOOST)
