"""The patterns `numbers.py` and `number_kinds.py` read around each figure, compiled from
the registry: hedges ("at least 8"), ranges ("200-300", "between 5 and 10"), currencies
written before an amount, and what makes a number no count of anything (an age, a year, a
date, an ordinal, an identifier, a ratio, the pronoun "one"). The words are the registry's
(lexicon/figures.py, lexicon/grammar.py); only the shapes of the patterns are here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .lexicon import figures, grammar
from .units import CURRENCY_SYMBOLS


def _hedges(table: dict[str, tuple[str, ...]]) -> str:
    """One named group per qualifier of the registry's hedge table ("at least" -> at_least):
    the group that matched names the hedge."""
    return "|".join(f"(?P<{qualifier.replace(' ', '_')}>{'|'.join(phrases)})"
                    for qualifier, phrases in table.items())


def _any(patterns: Iterable[str]) -> str:
    """One alternation of a registry table's words or patterns."""
    return "|".join(patterns)


HEDGE_BEFORE = re.compile(rf"(?<![\w.])(?:{_hedges(figures.HEDGES_BEFORE)})\s+$", re.I)
HEDGE_AFTER = re.compile(_hedges(figures.HEDGES_AFTER), re.I)
RANGE_LEAD = re.compile(r"(?<!\w)(?P<lead>between|from)\s+$", re.I)
CHANGE_BEFORE = re.compile(rf"\b(?:{_any(figures.CHANGE_STEMS)})\w*\b[^.;!?]{{0,40}}$", re.I)
_SIGNS = "".join(sorted({s for s in CURRENCY_SYMBOLS if len(s) == 1}))  # "$", "€" ...
RANGE_SEP = re.compile(rf"(?:\s*[-\u2013\u2014]\s*|\s+(?P<word>to|and)\s+)[{re.escape(_SIGNS)}]?",
                       re.I)
# A symbol or code written before an amount; a code or "Rs." may stand a space apart.
CURRENCY_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(
        re.escape(s) + (r"\s?" if s[-1].isalpha() or s.endswith(".") else "")
        for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True)) + r")$"
)
MAGNITUDE_BEFORE = re.compile(rf"\b(?P<word>{_any(figures.MAGNITUDE_BEFORE)})(?:\s+of)?[\s-]+$")
AGE_AFTER = re.compile(figures.AGE_AFTER, re.I)
PERCENT_AFTER = re.compile(_any(figures.PERCENT_AFTER), re.I)
AGE_BEFORE = re.compile(rf"(?<!\w)(?:{_any(figures.AGE_BEFORE)})\s+$", re.I)
NAME_COMMA = re.compile(r"(?<!\w)[A-Z][a-z]+,\s+$")  # "Ivanov, 81, said" -> an age
ID_BEFORE = re.compile(rf"(?<!\w)(?:{_any(figures.ID_WORDS)})\.?\s*$", re.I)
PHONE = re.compile(  # "+7 727 123 4567", "2020-01-05", "555-1234" (but "500-1000" is a range)
    r"\(?[0-9]{1,4}\)?(?:[ .-]\(?[0-9]{2,4}\)?){2,}(?![0-9])|[0-9]{3}-[0-9]{4}(?![0-9])(?<!00)"
)
_SMALL = _any(w for w, n in figures.NUMBER_WORDS.items() if 2 <= n <= 10)
NOT_A_COUNT_AFTER = re.compile(
    rf"(?:{_any(figures.ORDINAL_SUFFIXES)})\b"  # ordinals and decades: 2nd, 19th, 1990s
    rf"|{_any(figures.CLOCK_AFTER)}"  # clock times: 10am, 10 p.m.
    r"|[-\u2013][0-9]"  # scores and codes: 3-2, 24-7
    rf"|\s+(?:{_any(figures.MULTIPLIER_WORDS)})\b"  # multipliers: "six times the figure"
    rf"|\s+in\s+(?:[0-9]{{1,3}}(?![0-9,])|{_SMALL})\b"
    rf"(?!\s+(?:{_any(figures.RATIO_SPANS)}))"  # ratios: "one in five", not "3 in 10 days"
    r"|-?[^\W\d_]",  # words glued on: 3D, one-third, three-judge, twenty-first
    re.I,
)
_MONTHS = rf"(?:{_any(figures.MONTHS)})"
# Case-sensitive on purpose: "may" and "march" are verbs.
MONTH_BEFORE = re.compile(rf"(?<!\w){_MONTHS}\.?\s+$")
MONTH_AFTER = re.compile(rf"\s+(?:of\s+)?{_MONTHS}\b")
YEARISH = re.compile(r"[0-9]{4}(?:\s*(?:[-\u2013]|to|and)\s*[0-9]{4})?", re.I)
YEAR_LEAD = re.compile(rf"(?:(?<!\w)(?:{_any(figures.NUMBER_YEAR_LEADS)})\s+|[0-9],\s*)$", re.I)
# "the deadly 2012 attacks", "the 2016 elections": after "the" and at most two lowercase
# words, a bare year-like figure names the events' year; news writes a count of thousands
# with a comma ("the 2,000 protesters").
YEAR_AFTER_THE = re.compile(r"(?<!\w)[Tt]he\s+(?:[a-z]+\s+){0,2}$")
# A plural noun (or one of the registry's COUNT_NOUNS) after a figure: what it counts,
# unless a verb or pronoun follows (NOT_COUNT_WORDS).
COUNTED_NOUN = re.compile(
    rf"\s+(?:[a-z]+-)?(?!(?:{_any(figures.NOT_COUNT_WORDS)})\b)"
    rf"(?:[a-z]+s|{_any(figures.COUNT_NOUNS)})\b"
)
# Scientific notation and any scale word after it: "1e299 billion", "2.5E+6".
EXPONENT = re.compile(r"[eE][+-]?[0-9]+(?:\s+[a-z]+illion\b)?", re.I)
# "35-word oath", "30-page ruling": a hyphenated noun, then the noun it modifies (not an age:
# "a 6-month-old", the registry's periods).
COMPOUND_AFTER = re.compile(rf"-(?!(?:{_any(figures.RATE_PERIODS)})s?-old\b)[a-z]{{3,}}\s+[a-z]")
# A minus sign or word right before the digits: "-12C", "minus 5 degrees", "(-3.5%)".
MINUS_BEFORE = re.compile(r"(?:(?<![\w.,%-])[-\u2212]|(?<!\w)minus\s+)$", re.I)
ONE_BEFORE = re.compile(rf"(?<!\w)(?:{_any(grammar.ONE_PRONOUN_BEFORE)})\s+$", re.I)
ONE_AFTER = re.compile(rf"\s*(?:[^\w\s]|$)|\s+(?:{_any(grammar.ONE_PRONOUN_AFTER)})\b", re.I)
# "more than a year", "nearly a decade": a hedge and an article stand for one of the unit of
# time that follows (numbers.py reads the unit); "a year ago" or "a week later" (the
# registry's RATE_NOT_BEFORE after it) names a time, not a span.
HEDGED_ONE = re.compile(rf"(?<![\w.])(?:{_hedges(figures.HEDGES_BEFORE)})\s+(?P<one>an?)(?=\s)",
                        re.I)
POINT_IN_TIME = re.compile(rf"\s+(?:{_any(figures.RATE_NOT_BEFORE)})\b", re.I)
