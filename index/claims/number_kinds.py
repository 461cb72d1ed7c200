"""What a figure `numbers.py` reads is, from the words around it: a unit that makes it other
than a head-count (an age, a share, an amount, a measure, a magnitude), or no count at all (a
code such as COVID-19, the pronoun "one", an ordinal, a time, a date, a year, a ratio). Also
the Draft a Quantity is assembled in, which these readers look at. Separate from `numbers.py`,
which finds each figure and reads how much it says (its number, hedge and range): these
readers say what of. The patterns are `number_patterns.py`'s, the units `units.py`'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import number_patterns as around
from .units import Unit, unit_after


@dataclass(slots=True)
class Draft:
    """A Quantity being assembled: mutable on purpose, it never leaves the number reader
    (`numbers.py` fills it in; the readers here only look at it)."""

    start: int
    end: int
    num_start: int
    num_end: int
    value: float
    kind: str  # "digits" | "words" | "vague"
    mult: float = 1.0  # the trailing scale ("million" in "3 million"), for "2-3 million"
    low: float | None = None  # set only by ranges and vague words
    high: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    measure: Unit | None = None


def glued(sentence: str, start: int) -> bool:
    """True for figures hyphenated onto a word or code: COVID-19, F-16, Kazakhstan-2050."""
    return start >= 2 and sentence[start - 1] in "-\u2013" and sentence[start - 2].isalnum()


def unit_of(sentence: str, d: Draft, lo: int) -> tuple[str | None, Unit | None]:
    """The unit that makes `d` something other than a head-count, if any: (category, unit)."""
    for pos in (d.num_end, d.end):  # "30-plus years": the unit may follow the hedge
        if around.AGE_AFTER.match(sentence, pos):
            return "age", None
        if around.PERCENT_AFTER.match(sentence, pos):
            return "%", None
        if measure := unit_after(sentence, pos):
            return measure.category, measure
    if around.AGE_BEFORE.search(sentence, lo, d.start):
        return "age", None
    if before := around.MAGNITUDE_BEFORE.search(sentence, lo, d.start):
        return "magnitude", Unit("magnitude", before["word"], "magnitude", d.end)
    named = around.NAME_COMMA.search(sentence, lo, d.start) and sentence.startswith(",", d.end)
    return ("age" if named and d.kind == "digits" and d.value <= 120 else None), None


def scaled_count(sentence: str, end: int) -> bool:
    """'1.4m people', '250k signatures': a scale suffix on a head-count of people or things."""
    return around.COUNTED_NOUN.match(sentence, end) is not None or \
        ((unit := unit_after(sentence, end)) is not None and unit.category == "currency")


def is_pronoun_one(sentence: str, d: Draft, lo: int) -> bool:
    """True for "one" that is not a count: "one of the", "no one", "one another", "one day"."""
    if d.qualifier is not None or sentence[d.num_start : d.num_end].casefold() != "one":
        return False
    return bool(around.ONE_BEFORE.search(sentence, lo, d.start)
                or around.ONE_AFTER.match(sentence, d.end))


def not_a_count_end(sentence: str, d: Draft, lo: int) -> int | None:
    """Where an ordinal, time, date, year or ratio at `d` ends; None if `d` is a count.

    Scanning resumes there, so the "five" of "one in five" is not read on its own.
    """
    if d.kind == "vague":
        return None
    after = around.NOT_A_COUNT_AFTER.match(sentence, d.end) or \
        around.MONTH_AFTER.match(sentence, d.num_end)
    if after:
        return after.end()
    if around.MONTH_BEFORE.search(sentence, lo, d.start) or (
        d.kind == "digits" and _looks_like_year(sentence, d, lo)
    ):
        return d.end
    return None


def _looks_like_year(sentence: str, d: Draft, lo: int) -> bool:
    """A bare 4-digit figure in 1800..2100 is a year unless a plural noun follows it.

    "in 2019", "a 2020 law", "January 5, 2022", "the 2012 attacks" are years; "2000
    protesters" is a count.
    """
    if not (around.YEARISH.fullmatch(sentence, d.num_start, d.num_end) and 1800 <= d.value <= 2100):
        return False
    if around.YEAR_LEAD.search(sentence, lo, d.start) or \
            around.YEAR_AFTER_THE.search(sentence, lo, d.start):
        return True
    return d.qualifier in (None, "range") and not around.COUNTED_NOUN.match(sentence, d.end)


def compound_count(sentence: str, d: Draft) -> bool:
    """'the 35-word oath', 'a 30-page ruling', 'a 12-member panel': digits hyphenated onto
    the noun they count, which then modifies another noun — a count of that noun (not
    "3D", "24-7" or a word number such as "one-third")."""
    return d.kind == "digits" and d.qualifier is None and \
        around.COMPOUND_AFTER.match(sentence, d.end) is not None
