"""Units and dates: read from text, converted to a common unit, compared as intervals.

Property tests: parsing never raises, intervals stay ordered, conversions round-trip.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.claims import lexicon
from index.claims.dates import find_dates
from index.claims.numbers import find_quantities
from index.claims.units import COMMON, _registry, normalize, unit_after

pytestmark = pytest.mark.fast

UNITS = ["hectares", "acres", "km", "miles", "nautical miles", "km/h", "mph", "tonnes", "kg",
         "litres", "barrels", "degrees Celsius", "days", "weeks", "decades", "square km"]


@pytest.mark.parametrize(("text", "category", "common"), [
    ("14,200 hectares", "area", 14200), ("35,000 acres", "area", 14164.0),
    ("six miles", "length", 9.656), ("10 km", "length", 10), ("70 km/h", "speed", 70),
    ("two weeks", "duration", 14), ("5,000 tonnes", "mass", 5000),
    ("100 degrees Fahrenheit", "temperature", 37.78),
])
def test_figures_in_units_convert_to_the_common_unit(text, category, common):
    (q,) = find_quantities(f"It was {text} in all.")
    assert q.unit == category
    assert normalize(q.value, q.measure) == pytest.approx(common, rel=1e-3)


def test_money_keeps_its_currency_as_written():
    found = find_quantities("The loss was €650m, or 120m euros more than the $2.5bn budget.")
    assert [(q.value, q.measure.canonical) for q in found] == [
        (650e6, "EUR"), (120e6, "EUR"), (2.5e9, "USD")]


@pytest.mark.parametrize("code", sorted(lexicon.figures.CURRENCIES))
def test_every_currency_of_the_registry_is_read_in_each_way_it_is_written(code):
    before, after = lexicon.figures.CURRENCIES[code]
    spaced = [symbol + (" " if symbol[-1].isalpha() or symbol[-1] == "." else "")
              for symbol in before]  # a code stands a space apart: "USD 40m"
    written = [f"It paid {symbol}40m." for symbol in spaced] + \
        [f"It paid 40m {word} in aid." for word in after]
    for text in written:
        (found,) = find_quantities(text)
        assert (found.value, found.measure.canonical) == (40e6, code), text


@settings(deadline=None)
@given(st.text(max_size=200))
def test_reading_any_text_never_raises_and_intervals_are_ordered(text):
    for q in find_quantities(text):
        assert q.low <= q.high or math.isnan(q.value)
        if q.measure is not None:
            low, high = normalize(q.low, q.measure), normalize(q.high, q.measure)
            assert low <= high
    for date in find_dates(text, 2025):
        assert date.low <= date.high


@settings(deadline=None)
@given(st.floats(min_value=0.001, max_value=1e9), st.sampled_from(UNITS))
def test_conversion_round_trips(value, unit_text):
    unit = unit_after(f" {unit_text}", 0)
    common = normalize(value, unit)
    registry = _registry()
    back = registry.Quantity(common, COMMON[unit.category]).to(
        registry(unit.canonical).units) / registry(unit.canonical).magnitude \
        if unit.category != "temperature" else registry.Quantity(common, "degC").to(
            unit.canonical)
    assert back.magnitude == pytest.approx(value, rel=1e-9)


@pytest.mark.parametrize(("a", "b"), [
    ("on January 5", "on 5 January 2022"), ("on Jan. 5, 2022", "on January 5")])
def test_one_day_written_two_ways_is_one_day(a, b):
    (first,) = find_dates(f"It opened {a}.", 2022)
    (second,) = find_dates(f"It opened {b}.", 2022)
    assert (first.low, first.high) == (second.low, second.high)


def test_a_year_holds_its_months_and_conflicts_with_another_year():
    (year,) = find_dates("It was established in 1933.")
    (month,) = find_dates("It was established in March 1933.")
    (other,) = find_dates("It was established in 1934.")
    assert year.low <= month.low <= month.high <= year.high
    assert other.low > year.high


def test_a_date_followed_by_a_comma_and_words_is_a_date():
    (date,) = find_dates("He will leave on January 1, weeks earlier than planned.", 2018)
    assert (date.text, date.value) == ("January 1", "2018-01-01")


def test_a_day_without_its_year_is_the_one_nearest_the_report():
    december = dt.date(2018, 12, 23)
    assert find_dates("He leaves on January 1.", 2018, december)[0].value == "2019-01-01"
    assert find_dates("It began on December 2.", 2018, december)[0].value == "2018-12-02"
    assert find_dates("It began on Dec. 30.", 2019, dt.date(2019, 1, 3))[0].value == "2018-12-30"


@pytest.mark.parametrize("text", ["2000 protesters marched", "on February 30, 2022",
                                  "US$2021 million", "a 1,933-strong crowd",
                                  "June 12,500 people", "on May 5, 6 and 7"])
def test_counts_and_impossible_dates_are_not_dates(text):
    assert find_dates(text, 2022) == []
