"""Passages ordered by what they state: those holding what a question asks for first.

The article's topical lead repeats a question's words; the sentence that answers it states
a figure of the asked type (a date for "when", money for "how much did it cost"), or one
whose clause fits the question (measures.fit), or a reason (reasons.py). Each raises the
passages holding it by a boost, so the answering sentence outranks the lead while the
passage's own relevance still orders those alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..claims.questions import Query
from ..records import Claim, Passage
from .measures import MIN_KEYS, Asked, asked, fit, type_fits
from .slots import counted_ok, words_of

# With no figure to show, a passage stating a fitting figure ranks up to 1.5 times higher,
# in proportion to its fit up to FIGURE_FIT (a counted noun and a verb, both rare). Measured
# on realdev and the public files: 1.0 pushed other outlets' passages out of the top 5.
FIGURE_BOOST = 0.5
# A figure question's passages whose found sentences state a figure of the asked type (a
# date for "when", money for "how much did it cost") rank this much higher, slot or not: the
# sentence that answers "when is he leaving" holds a date, the article's topical lead often
# none. Measured on realdev's first five stories and our files: 0.6 brought one answering
# sentence into the top 5 and moved no other file; 0.3 moved nothing. Measured again with
# the figure rules of December 2026 on every public file and four sets of testers' real
# questions: 1.0 brought realdev's "which lasted from 2009 to 2013" into the top 5 ("what
# years was she secretary": another passage of that report had outranked it) and moved no
# other passage (0.8 as 0.6; 1.5 lowered the BBC set's MRR by 0.02).
TYPE_BOOST = 1.0
FIGURE_FIT = 6.0


def typed_first(question: str, query: Query, candidates: Sequence[Passage],
                by_doc: dict[str, list[Claim]]) -> list[Passage]:
    """Candidate passages reordered so that those whose found sentences (the Chunks found
    inside the window, not the rest of it) state a figure of the asked type rise by
    TYPE_BOOST; every figure counts, whether or not the event rules gave it a slot, but for
    a count that of another thing the question names (see `counts_another`)."""
    terms = asked(question, query)

    def typed(passage: Passage) -> bool:
        return any(any(c.quote in found for found in passage.found)
                   and type_fits(query, c) and not counts_another(query, c, terms)
                   for c in by_doc.get(passage.doc_id, ()))
    return raised(candidates, typed, TYPE_BOOST)


def counts_another(query: Query, claim: Claim, question: Asked) -> bool:
    """Whether a count counts something else the question names: "how many stores did the
    women suing the company work in" is not answered by "1.6 million women", though it is
    a count. A count of something the question does not name may still be its answer in
    other words ("90 journalist jobs" for "how many reporters"), and keeps its rise.
    Measured on every public file and five sets of testers' and synthetic questions: one
    answering sentence first that had been second (realdev), nothing else moved."""
    if query.dimension != "count" or claim.dimension != "count" or counted_ok(query, claim):
        return False
    counted = claim.counted.split()
    return bool(words_of(counted[-1] if counted else "") & (question.terms - {question.head}))


def raised(candidates: Sequence[Passage], holds: Callable[[Passage], bool],
           boost: float) -> list[Passage]:
    """The candidates, best first, those that hold what the question asks for (`holds`: a
    figure of its type, a reason) ranked `boost` higher."""
    return sorted((replace(p, rank=p.rank * (1 + boost)) if holds(p) else p
                   for p in candidates), key=lambda p: -p.rank)


def figures_first(question: str, query: Query, candidates: Sequence[Passage],
                  by_doc: dict[str, list[Claim]], rare: dict[str, float]) -> list[Passage]:
    """Candidate passages reordered so that those stating a figure of the asked type whose
    clause matches the question rise: for "how many stores did they work in", the sentence
    with "3,400 stores" before the article's topical lead. A passage's rank grows by up to
    FIGURE_BOOST times, with the best fit among its figures (capped at FIGURE_FIT); words
    weighed by `rare`, the Story's rarity."""
    question_ = asked(question, query)
    boosted = []
    for passage in candidates:
        best = max((fit(c, question_, rare) for d in passage.docs[:1]
                    for c in by_doc.get(d, ()) if type_fits(query, c) and c.quote in passage.text),
                   default=0.0)
        share = min(best, FIGURE_FIT) / FIGURE_FIT if best >= MIN_KEYS else 0.0
        boosted.append(replace(passage, rank=passage.rank * (1 + FIGURE_BOOST * share)))
    return sorted(boosted, key=lambda p: -p.rank)
