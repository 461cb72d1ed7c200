"""The time a figure is of: a year before its report's (`period`), a day its clause names
(`other_days`), or a period it is stated per (`rate`: "1.8 million machines a year"). Two
figures of two times are two quantities, never a disagreement (`another_time`).
"""

from __future__ import annotations

import functools
import re

from ..claims.lexicon import figures
from ..records import Claim

# The words right after a figure (and what it counts) that make it a rate: the registry's.
_SPAN = "".join(rf"(?<!\b{word}\s)" for word in figures.RATE_NOT_AFTER)  # not "for a week"
RATE = re.compile(rf"[^,;.]{{0,40}}?\b(?:{_SPAN}(?:{'|'.join(figures.RATE_WORDS)})\s+"
                  rf"(?P<per>{'|'.join(figures.RATE_PERIODS)})|"
                  rf"(?P<adverb>{'|'.join(figures.RATE_ADVERBS)}))\b"
                  rf"(?!\s+(?:{'|'.join(figures.RATE_NOT_BEFORE)})\b)", re.I)


def rate(claim: Claim) -> str | None:
    """The period a figure is stated per ("about 1.8 million machines a year" -> "year"),
    or None: a total. Read in its sentence right after the figure."""
    return _rate(claim.quote, claim.figure)


@functools.lru_cache(maxsize=16384)
def _rate(quote: str, figure: str) -> str | None:
    """(cached: a Story's figures are compared pairwise)"""
    at = quote.find(figure)
    match = RATE.match(quote, at + len(figure)) if at >= 0 else None
    if match is None:
        return None
    return match["per"].lower() if match["per"] else figures.RATE_ADVERBS[match["adverb"].lower()]


def period(claim: Claim) -> str | None:
    """The year before its report's own that a figure's clause names ("2,000 were cut in
    2019" in a 2024 report), or None: the figure is then of the report's own time."""
    own = (claim.date or "")[:4]
    years = [k[5:] for k in claim.keys if k.startswith("time:") and k[5:] < own]
    return min(years, default=None)


def another_time(a: Claim, b: Claim) -> bool:
    """Whether two figures are of two times, whatever else they share: another year
    (`period`), another day (`other_days`), or one a rate and the other not (`rate`)."""
    return period(a) != period(b) or other_days(a, b) or rate(a) != rate(b)


def other_days(a: Claim, b: Claim) -> bool:
    """Whether two figures' clauses are anchored to different days ("87 arrested on
    Wednesday" / "112 the previous night"): two periods, whatever else they share."""
    days_a = {k for k in a.keys if k.startswith("day:")}
    days_b = {k for k in b.keys if k.startswith("day:")}
    return bool(days_a and days_b) and not days_a & days_b
