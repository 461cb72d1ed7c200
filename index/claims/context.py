"""Where a figure stands in its story: its place, and whether it is about another event.

- Place: "92,000 in Kessburg and 480,000 across the country" scope two figures of one
  quantity to a city and to the nation; the place is what keeps them apart.
- Background: "the 2007 fires killed 11 people", "last year's strike drew 900,000" are
  figures of an earlier event that the report mentions; they join no slot of its story.
- Earlier values: "from 63 to 66", "up from 87": the sentence itself says the first figure
  was replaced, so it is not a current report.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypeGuard

from .attribution import span_text
from .dates import DateFigure, find_dates, is_month
from .lexicon import figures, grammar

if TYPE_CHECKING:
    from spacy.tokens import Token

PAST = re.compile("|".join(figures.PAST_ANCHORS), re.I)
# "up 8% from a year earlier", "than the same period last year": a baseline the figure is
# compared with, not the time the sentence's figures belong to.
BASELINE = re.compile(rf"\b(?:{'|'.join(figures.BASELINE_WORDS)})\s+"
                      r"(?:(?:the\s+)?same\s+\w+\s+(?:of\s+)?)?$", re.I)
EARLIER_BEFORE = re.compile(rf"\b(?:{'|'.join(figures.EARLIER_VALUE_WORDS)})\s+(?:the\s+)?$",
                            re.I)
CHANGE_FROM = re.compile(r"\bfrom\s+$", re.I)
# "rose to 40 from 32": the figure after "from" is the one replaced.
REVISED_FROM = re.compile(r"\bto\s+(?:about\s+|around\s+|some\s+)?[$€£]?\d[\d,.]*"
                          r"(?:\s*[a-z%]+)?\s+from\s+$", re.I)
CHANGE_TO = re.compile(r"^\s+to\s+(?:[$€£]\s?)?[0-9a-z]", re.I)


def named_place(place: str | None) -> TypeGuard[str]:
    """Whether a Claim's place names one ("marlo"), not the whole or an unnamed capital."""
    return bool(place) and place != "national" and place not in grammar.GENERIC_PLACES


def place_of(token: Token, noun: Token | None) -> str | None:
    """The place a figure is scoped to: a named place ("kessburg"), "national", a generic
    "capital", or None when the sentence gives none."""
    heads = [noun] if noun is not None and noun.i != token.i else []
    heads.append(token)
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is not None:
        heads.append(verb)
        # "the march in the capital drew 124,000 people": the subject's place scopes it
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                    and (noun is None or c.i != noun.i)]
        heads.extend(subjects)
        if verb.dep_ == "relcl" and any(c.lower_ in grammar.RELATIVE for c in subjects):
            # "plants in Marsport and Tessel, which together employ 3,100": the relative
            # pronoun stands for what its clause describes — a place named after "in", or
            # a noun whose own place is given
            described = verb.head
            if described.pos_ == "PROPN" and described.dep_ == "pobj" and \
                    described.head.lower_ in grammar.PLACE_PREPS and not is_month(described.text):
                return _name(described)
            heads.append(described)
    for head in heads:
        for child in head.children:
            place = _place(child)
            if place:
                return place
    return None


def _place(child: Token) -> str | None:
    if child.lower_ in grammar.NATIONAL and child.dep_ in ("advmod", "amod", "npadvmod"):
        return "national"
    if child.dep_ != "prep" or child.lower_ not in grammar.PLACE_PREPS:
        return None
    for obj in (c for c in child.children if c.dep_ == "pobj"):
        if obj.lower_ in grammar.NATION_NOUNS or child.lower_ in grammar.WHOLE_PREPS:
            return "national"  # "across the country", "throughout Varnia": the whole
        named = [c for c in obj.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        # "in the southern city of Marlo", "in the province of Mangystau": the name
        named += [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                  and obj.lower_ in grammar.GENERIC_PLACES | grammar.PLACE_KINDS
                  for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
        if named:
            return _name(named[0])
        if obj.pos_ == "PROPN" and not is_month(obj.text):
            return _name(obj)  # a named place, not "in March 2019"
        if obj.lower_ in grammar.GENERIC_PLACES:
            return obj.lower_
    return None


def _name(token: Token) -> str:
    parts = [t for t in token.subtree if t.dep_ in ("compound", "amod") and t.head.i == token.i
             and t.pos_ == "PROPN"]
    return span_text([*parts, token]).lower()


def is_background(sentence: str, year: int | None, own: tuple[int, int] | None = None) -> bool:
    """Whether a sentence places its figures in a year before the report's own ("in March
    2019", "since the summer of 2007, when ...", "last year"). `own` is the
    figure's own span when the figure is itself a date."""
    if any(not BASELINE.search(sentence[:m.start()]) for m in PAST.finditer(sentence)):
        return True
    if year is None:
        return False  # an undated report: no year to tell another one from
    for date in find_dates(sentence, year):
        if own and date.start < own[1] and own[0] < date.end:
            continue
        if _year_of(date) < year:
            return True  # a later year is the story's own plan ("will shut in March 2026")
    return False


def _year_of(date: DateFigure) -> int:
    return date.value if isinstance(date.value, int) else int(str(date.value)[:4])


def is_earlier_value(sentence: str, start: int, end: int) -> bool:
    """'from 63 to 66', 'up from 87', 'rose to 40 from 32': the figure at [start, end) was
    replaced by another."""
    before = sentence[max(0, start - 25):start]
    if EARLIER_BEFORE.search(before) or REVISED_FROM.search(sentence[max(0, start - 45):start]):
        return True
    return bool(CHANGE_FROM.search(before) and CHANGE_TO.match(sentence[end:end + 12]))
