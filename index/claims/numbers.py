"""Find the figures stated in an English news sentence, with the hedge around each.

`find_quantities("More than 1,000 homes and nearly 19 million dollars")` returns one
Quantity per figure. Regular expressions only (the unit after a figure is read by
`units.py`, what makes it no head-count by `number_kinds.py`): it runs on every sentence at
index time.

Interval convention. `value` is the base figure as written; `[low, high]` is the closed
interval the hedge allows, `math.inf` standing for "no upper bound":

    "8"                 value 8    [8, 8]        qualifier None (exact)
    "a dozen"           value 12   [12, 12]      "a" (article-led: treated as exact)
    "at least 8"        value 8    [8, inf]      "at least"   ("8 or more", "8-plus", "8+")
    "more than 8"       value 8    [9, inf]      "more than"
    "nearly 8"          value 8    [7.2, 8]      "nearly"
    "about 8"           value 8    [7.2, 8.8]    "about"
    "up to 8"           value 8    [0, 8]        "up to"
    "fewer than 8"      value 8    [0, 7]        "fewer than"
    "at most 8"         value 8    [0, 8]        "at most"
    "200-300"           value 200  [200, 300]    "range"      (value is the low end)
    "dozens"            value 24   [24, 99]      "vague"      (value is the low end)

"more than"/"fewer than" move the bound by one only for whole head-counts (unit None), so
for them `low` may exceed `value` (or `high` fall below it). Vague words take no hedge.

Figures that are not head-counts are still returned but carry a `unit`: "%", "currency",
"age", or a unit category of `units.py` ("area", "length", "mass", "speed", "volume",
"temperature", "duration"), with the unit as written in `measure`. Years, dates, clock
times, ordinals, phone numbers and numbers inside names or codes (COVID-19, F-16, No.1) are
not returned here: `dates.py` reads dates and years.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from . import number_patterns as around
from .number_kinds import (
    Draft,
    compound_count,
    glued,
    is_pronoun_one,
    not_a_count_end,
    scaled_count,
    unit_of,
)
from .number_words import (
    ARTICLE,
    CORE,
    NEEDS_CURRENCY,
    SOLE,
    may_hold_figure,
    vague_interval,
    value_of,
)
from .units import Unit, currency_before, unit_after


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure found in a sentence; see the module docstring for the interval convention."""

    start: int
    end: int
    text: str
    number_text: str
    value: float
    low: float
    high: float
    qualifier: str | None
    unit: str | None
    measure: Unit | None = None  # the unit as written, for amounts and measures


def find_quantities(sentence: str) -> list[Quantity]:
    """Every figure in `sentence`, left to right and non-overlapping."""
    found: list[Quantity] = []
    if not may_hold(sentence):
        return found
    pos = 0
    while (m := CORE.search(sentence, pos)) is not None:
        quantity, resume = _quantity_at(sentence, m, pos)
        if quantity is not None:
            found.append(quantity)
        pos = max(resume, m.end())  # always moves on, and never reuses text already taken
    return sorted(found + _sole(sentence, found) + _one_of_a_unit(sentence, found),
                  key=lambda q: q.start)


def may_hold(sentence: str) -> bool:
    """Cheap pre-check: False means find_quantities(sentence) is certainly empty."""
    return may_hold_figure(sentence) or around.HEDGED_ONE.search(sentence) is not None


def _sole(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """"the only fatality" read as the figure 1, written "only"."""
    out = []
    for m in SOLE.finditer(sentence):
        start, end = m.span("sole")
        if not any(q.start < end and start < q.end for q in found):
            out.append(Quantity(start, end, m["sole"], m["sole"], 1.0, 1.0, 1.0, None, None))
    return out


def _one_of_a_unit(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """"more than a year", "nearly a decade": a hedged article before a unit of time read as
    the figure 1 of that unit (a span), written "a"; not "more than a year ago" (a time)."""
    out = []
    for m in around.HEDGED_ONE.finditer(sentence):
        unit = unit_after(sentence, m.end("one"))
        if unit is None or unit.category != "duration" or \
                around.POINT_IN_TIME.match(sentence, unit.end) or \
                any(q.start < unit.end and m.start() < q.end for q in found):
            continue
        hedge = next(g for g, v in m.groupdict().items() if v and g != "one")
        qualifier = hedge.replace("_", " ")
        low, high = _interval(qualifier, 1.0, False)
        out.append(Quantity(m.start(), unit.end, sentence[m.start() : unit.end], m["one"], 1.0,
                            low, high, qualifier, unit.category, unit))  # fmt: skip
    return out


def _quantity_at(sentence: str, m: re.Match[str], floor: int) -> tuple[Quantity | None, int]:
    """The Quantity whose figure `m` matched (or None), and where scanning resumes.

    Text left of `floor` belongs to an earlier figure, so hedges are looked for after it.
    """
    if m["digits"] and (phone := around.PHONE.match(sentence, m.start())):
        return None, phone.end()
    if m["digits"] and (exponent := around.EXPONENT.match(sentence, m.end("digits"))):
        return None, exponent.end()  # "1e299 billion": notation, not a figure news states
    d = _read(m)
    lo = max(floor, m.start() - 40)
    if d is None or glued(sentence, d.start) or around.ID_BEFORE.search(sentence, lo, d.start):
        return None, m.end()
    if symbol := around.CURRENCY_BEFORE.search(sentence, lo, d.start):
        d.start, d.unit, d.measure = symbol.start(), "currency", currency_before(symbol.group())
    if m["suffix"] and m["suffix"].casefold() in NEEDS_CURRENCY and d.unit != "currency" \
            and not scaled_count(sentence, d.num_end):
        return None, m.end()
    if d.kind != "vague" and not _extend_range(sentence, d, lo):
        _extend_hedges(sentence, d, lo)
    if is_pronoun_one(sentence, d, lo):
        return None, d.end
    if d.unit is None:
        d.unit, d.measure = unit_of(sentence, d, lo)
    if d.unit is None and not compound_count(sentence, d) and \
            (skip_to := not_a_count_end(sentence, d, lo)) is not None:
        return None, skip_to
    if d.low is None or d.high is None:
        d.low, d.high = _interval(d.qualifier, d.value, d.unit is None)
    if d.kind == "digits" and (sign := around.MINUS_BEFORE.search(sentence, lo, d.start)):
        # "-12C", "minus 12 degrees": below zero; the sign is part of the figure
        d.start, d.value, d.low, d.high = sign.start(), -d.value, -d.high, -d.low
    text, number_text = sentence[d.start : d.end], sentence[d.num_start : d.num_end]
    quantity = Quantity(d.start, d.end, text, number_text, d.value, d.low, d.high, d.qualifier,
                        d.unit, d.measure)  # fmt: skip
    return quantity, d.end


def _read(m: re.Match[str]) -> Draft | None:
    """A draft for the figure `m` matched, before any context is looked at."""
    if m["vague"]:
        low, high = vague_interval(m["vague"])
        return Draft(m.start(), m.end(), m.start(), m.end(), low, "vague", low=low, high=high,
                      qualifier="vague")  # fmt: skip
    parsed = value_of(m)
    if parsed is None or not math.isfinite(parsed[0]):
        return None
    kind = "words" if m["words"] else "digits"
    qualifier = "a" if kind == "words" and ARTICLE.match(m["words"]) else None
    return Draft(m.start(), m.end(), m.start(), m.end(), parsed[0], kind, parsed[1],
                  qualifier=qualifier)  # fmt: skip


def _extend_range(sentence: str, d: Draft, lo: int) -> bool:
    """Turn `d` into a range if a second figure follows ("200-300", "between 2 and 3 million")."""
    lead = around.RANGE_LEAD.search(sentence, lo, d.start)
    if lead and lead["lead"].casefold() == "from" and \
            around.CHANGE_BEFORE.search(sentence, max(0, lead.start() - 60), lead.start()):
        return False
    sep = around.RANGE_SEP.match(sentence, d.num_end)
    between = lead is not None and lead["lead"].casefold() == "between"
    if sep is None or (not between and (sep["word"] or "").casefold() == "and"):
        return False
    second = CORE.match(sentence, sep.end())
    parsed = None if second is None or second["vague"] else value_of(second)
    if second is None or parsed is None:
        return False
    low, (high, high_mult) = d.value, parsed
    if d.mult == 1 and high_mult > 1 and low < high / high_mult:
        low *= high_mult  # the scale word is shared: "2-3 million" starts at 2 million
    if not (low < high and math.isfinite(high)):
        return False  # "3-2" is a score, not a range
    d.value, d.low, d.high, d.qualifier = low, low, high, "range"
    d.num_end = d.end = second.end()
    d.start = lead.start() if lead else d.start
    return True


def _extend_hedges(sentence: str, d: Draft, lo: int) -> None:
    """Take in a hedge after ("20 or more") and before ("at least 20"); the one before wins."""
    if after := around.HEDGE_AFTER.match(sentence, d.num_end):
        d.qualifier, d.end = str(after.lastgroup).replace("_", " "), after.end()
    if before := around.HEDGE_BEFORE.search(sentence, lo, d.start):
        d.qualifier, d.start = str(before.lastgroup).replace("_", " "), before.start()


def _interval(qualifier: str | None, n: float, headcount: bool) -> tuple[float, float]:
    """[low, high] allowed by `qualifier` around the written figure `n`."""
    step = 1.0 if headcount and n.is_integer() else 0.0  # "more than 8" people is 9 or more
    match qualifier:
        case "at least":
            return n, math.inf
        case "more than":
            return n + step, math.inf
        case "nearly":
            return 0.9 * n, n
        case "about":
            return 0.9 * n, 1.1 * n
        case "up to" | "at most":
            return 0.0, n
        case "fewer than":
            return 0.0, max(0.0, n - step)
        case _:
            return n, n
