"""Unreported figures: a question asking how much money or how many, put to a Story that
states no such figure.

"How much money did the inaugural committee raise" asked of reports that never say: the
retrieval finds the Story's passages on the committee and the donors, and each of them
would be shown as an answer. A question asking for an amount or a count is answered by a
sentence stating one about something it asks; when none of the Story's best passages
states a figure of that type whose clause shares more than a side word with the question
(the Story's names aside), nor a count in the thousands or more whose clause fits the
question well (an amount in a currency the registry does not know, "1.2 billion crowns"),
no source reports it.

Only money, counts, shares, other amounts ("how much does she make an hour": money or
any unit) and sizes asked as such ("how tall"): dates, durations and "how long" are written
in ways the extraction misses ("a decade ago", "set to keep messages for 60 days"), and a
rule on their absence denied answered questions (tried again on a fourth set of testers'
questions: it denied three answered date questions of realdev and its testers' sets, and
caught none unanswered).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..claims import lexicon
from ..claims.questions import Query
from ..claims.value_kind import LENGTH
from ..records import Claim, Passage
from .keyparts import noun_of
from .measures import MIN_FIT, SIDE_WORD, asked, fits, type_fits

# The passages read: those that say which Story a question is about (story_choice).
READ = 10
# "measure" and "%" added with the questions testers wrote on realdev ("how much does she
# make an hour", "what percentage of jewish voters backed him", unanswered, had passages
# shown as answers; no answered question of any file moved).
READ_FOR = ("money", "count", "measure", "%")
COUNT_ASKED = re.compile(lexicon.COUNT_ASKED, re.IGNORECASE)  # a count, in so many words
# An amount of money in a currency the registry does not know is read as a count; a count
# under this is a handful of votes, seats or attacks, not an amount ("how much did ryan
# raise" met "defeated him 134 to 63", fit 4.7; "how much has the committee spent", a count
# of attacks, 3.5: questions written by testers on realdev's articles).
AMOUNT_AT_LEAST = 1000


def unreported(question: str, query: Query | None, candidates: Sequence[Passage],
               by_doc: dict[str, list[Claim]], rare: dict[str, float]) -> bool:
    """Whether a money, count, share or amount question's best passages state no figure of
    its type that matches more of it than one side word (names aside), and no figure fitting
    it at least MIN_FIT (for a money question, no count that may be an amount: see
    AMOUNT_AT_LEAST). A count is judged only when asked as one ("how many").

    Measured on the 66 money and count questions of realdev, the public synthetic files and
    three sets of real questions written by testers who had not seen the code. Each of the
    60 answered ones (the rule is read only when no figure answered) had a figure of its
    type matching a word of it among its ten best passages (the least: fit 1.5, "how many
    terms as house dem leader") or one fitting MIN_FIT ("how many years has lepage been in
    office": 5.3). Of the six no article answers, three had neither ("how much money did
    the inaugural committee raise": best 2.8; "how many died of heroin overdoses in maine":
    2.7, its one count matching nothing), three had one ("how much would it cost to fix
    the bridge": the $60 billion for roads and bridges, 1.3)."""
    if query is None or not (query.dimension in READ_FOR or _size_asked(question, query)) or (
            query.dimension == "count" and not COUNT_ASKED.search(question)):
        return False  # "what was the turnout": a share answers it as well as a count
    figures = [c for p in candidates[:READ] for d in p.docs[:1] for c in by_doc.get(d, ())
               if c.quote in p.text]
    question_ = asked(question, query)
    # More than one side word (measures.SIDE_WORD): "how many jobless construction workers
    # came to hear obama" met "in coming years" (1.0; "obama", a name, does not count). On
    # the 17 money and count questions no figure answered (realdev, the public files, three
    # sets of questions testers wrote) the answered ones matched 1.8 or more, but one (0.9)
    # whose answering figure was not among its passages.
    scored = [(c, *fits(c, question_, rare)) for c in figures]
    if any(type_fits(query, c) and unnamed > SIDE_WORD for c, _, unnamed in scored):
        return False
    # A count of persons of the kind asked may answer in other words ("1.5 million women"
    # for "how many female employees": a testers' question on realdev had been told no
    # source reports it); no unanswerable question of any file was answered for it.
    if query.dimension == "count" and query.kind in lexicon.PERSON_KINDS and any(
            c.dimension == "count" and lexicon.compatible(query.kind, c.kind) for c in figures):
        return False
    return all(score < MIN_FIT for c, score, _ in scored
               if query.dimension != "money" or _amount_like(c, question_.terms))


def _size_asked(question: str, query: Query) -> bool:
    """A length asked in words that ask nothing else ("how tall was the dam wall", "the
    depth of the lake"); not "how long", which asks as often for a time ("how long were
    the attackers inside" parses as a length and was denied). "How tall was the dam wall",
    unanswered in a tester's synthetic set, had its volume shown; the answered sizes of
    every file ("how tall is the Porta Tower", "how high did the river rise") state one."""
    return query.dimension == "length" and LENGTH.search(question) is not None


def _amount_like(claim: Claim, terms: frozenset[str]) -> bool:
    """Whether a figure may be an amount in a currency the registry does not know: a count
    of thousands or more (see AMOUNT_AT_LEAST), of no thing the question names. "How much is
    Peugeot paying Mitsubishi for the vehicles" is not answered by "30,000 sports utility
    vehicles" (a BBC report): a count of what is paid for is no price."""
    return claim.dimension == "count" and isinstance(claim.value, float | int) and \
        claim.value >= AMOUNT_AT_LEAST and noun_of(claim) not in terms


def stating_first(candidates: Sequence[Passage], states: Callable[[str], bool],
                  ) -> list[Passage] | None:
    """The candidates, those of the READ best whose text `states` what the question asks
    first, handed the best ranks (the passages shown are chosen by rank); None when none
    of them does: no source reports it (ages, tallies)."""
    stating = [p for p in candidates[:READ] if states(p.text)]
    if not stating:
        return None
    chosen = {id(p) for p in stating}
    ordered = stating + [p for p in candidates if id(p) not in chosen]
    ranks = sorted((p.rank for p in candidates), reverse=True)
    return [replace(p, rank=rank) for p, rank in zip(ordered, ranks, strict=True)]
