"""Dates and years stated in a sentence, as intervals of days, so they compare as dates.

"January 5", "5 January 2022" and "Jan. 5, 2022" are one day; "in 1933" is the whole year
1933, which "1934" conflicts with and "March 1933" falls inside. A date without a year takes
the year of the report it is in (`default_year`), as a reader would. Spans are found with
regular expressions; `dateutil` parses them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as dateutil_parser

from .lexicon import figures
from .number_patterns import COUNTED_NOUN

_MONTH = rf"(?:{'|'.join(figures.MONTHS)})\.?"  # the registry's, full or abbreviated
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|2100)"
# Months are case-sensitive on purpose: "may" and "march" are verbs.
_DATE = re.compile(
    rf"(?<![\w.])(?:(?P<dmy>{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?)"
    rf"|(?P<mdy>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)(?!\d|,\s?\d)"
    rf"|(?P<my>{_MONTH}\s+(?:of\s+)?{_YEAR})"
    rf"|(?P<iso>{_YEAR}-[01][0-9]-[0-3][0-9])"
    rf"|(?P<year>(?<![$€£¥#\-–/:])\b{_YEAR}\b(?![,.]?[0-9]|-[0-9]|\s*(?:%|per\s?cent))))"
)
# "2000 protesters", "1200 homes": a 4-digit figure followed by a plural noun is a count
# (number_patterns.COUNTED_NOUN); "in 2007 fires" is a year (the registry's YEAR_LEADS).
_YEAR_LEAD = re.compile(rf"(?:\b(?:{'|'.join(figures.YEAR_LEADS)})\s+|'|-)$", re.I)


@dataclass(frozen=True)
class DateFigure:
    """A date or year as written, with the days it may stand for (proleptic ordinals).

    `value` is the year (an int) for a bare year, else the ISO date or month ("2022-01-05",
    "2022-01"); `granularity` is "year", "month" or "day".
    """

    start: int
    end: int
    text: str
    value: int | str
    low: int
    high: int
    granularity: str


def find_dates(sentence: str, default_year: int | None = None,
               near: dt.date | None = None) -> list[DateFigure]:
    """Every date and year in `sentence`, left to right. A day written without its year
    takes the year that puts it nearest `near` (the report's date) when given: "leaving on
    January 1" in a report of 23 December is the coming January 1; else `default_year`."""
    found = []
    for match in _DATE.finditer(sentence):
        if match["year"] and _is_count(sentence, match):
            continue
        figure = _parse(match, default_year, near)
        if figure is not None:
            found.append(figure)
    return found


def _is_count(sentence: str, match: re.Match[str]) -> bool:
    """'2000 protesters' is a count, '2007 fires' after 'the' and 'in 2019' are years."""
    if _YEAR_LEAD.search(sentence[max(0, match.start() - 12):match.start()]):
        return False
    after = sentence[match.end():]
    return COUNTED_NOUN.match(after) is not None


def _parse(match: re.Match[str], default_year: int | None,
           near: dt.date | None = None) -> DateFigure | None:
    text = match.group()
    kind = match.lastgroup or "year"
    if kind == "year":
        year = int(text)
        return DateFigure(match.start(), match.end(), text, year,
                          dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal(),
                          "year")
    try:
        # Two defaults tell which parts the text gave: a part that follows the default
        # was not written.
        one = dateutil_parser.parse(text, default=dt.datetime(default_year or 2000, 1, 1))
        two = dateutil_parser.parse(text, default=dt.datetime(default_year or 2000, 2, 2))
    except (ValueError, OverflowError):
        return None  # "February 30"
    if one.year != two.year:  # pragma: no cover - both defaults share the year
        return None
    if one.day != two.day:  # month and year only
        first = one.date().replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return DateFigure(match.start(), match.end(), text, first.isoformat()[:7],
                          first.toordinal(), last.toordinal(), "month")
    day = one.date()
    written_year = re.search(_YEAR, text) is not None
    if not written_year and default_year is None:
        return None  # "January 5" in an undated report: no year to place it in
    if not written_year and near is not None:
        day = min((_in_year(day, year) for year in (near.year - 1, near.year, near.year + 1)),
                  key=lambda d: abs(d.toordinal() - near.toordinal()))
    return DateFigure(match.start(), match.end(), text, day.isoformat(), day.toordinal(),
                      day.toordinal(), "day")


def _in_year(day: dt.date, year: int) -> dt.date:
    """`day` in another year (29 February falls back to the 28th)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def report_day(date: str | None) -> dt.date | None:
    """The day of a report's date ("2022-01-06T10:00" -> 2022-01-06), or None."""
    try:
        return dt.date.fromisoformat((date or "")[:10])
    except ValueError:
        return None


def is_month(word: str) -> bool:
    """'March', 'Sept.': a month name (the place test uses it: "in March" names no place)."""
    return re.fullmatch(_MONTH, word) is not None


def article_year(date: str | None) -> int | None:
    """The year of a report's date ("2022-01-06" -> 2022), or None."""
    match = re.match(r"\s*([12][0-9]{3})", date or "")
    return int(match.group(1)) if match else None
