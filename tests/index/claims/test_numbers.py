"""Tests for index.numbers: figures, hedges and the things that are not head-counts.

Every sentence here is made up for the test.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from index.claims.number_words import may_hold_figure, parse_number
from index.claims.numbers import Quantity, find_quantities, may_hold

pytestmark = pytest.mark.fast


def only(sentence: str) -> Quantity:
    """The single Quantity found in `sentence` (fails the test if there is not exactly one)."""
    found = find_quantities(sentence)
    assert len(found) == 1, found
    return found[0]


def counts(sentence: str) -> list[str]:
    """The text of every head-count (unit None) found in `sentence`."""
    return [q.text for q in find_quantities(sentence) if q.unit is None]


# --- parse_number -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("1,000", 1000),
        ("2.5", 2.5),
        ("1,250,000", 1_250_000),
        ("twelve", 12),
        ("Twenty-one", 21),
        ("forty two", 42),
        ("a dozen", 12),
        ("two dozen", 24),
        ("one hundred and five", 105),
        ("three hundred thousand", 300_000),
        ("19 million", 19e6),
        ("1.2bn", 1.2e9),
        ("3 thousand", 3000),
        ("half a million", 5e5),
        ("  7  ", 7),
    ],
)
def test_parse_number_reads_digits_words_and_scales(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "a", "dozens", "two three", "twelve people", "1.2.3", "x"])
def test_parse_number_returns_none_for_anything_but_one_number(text: str) -> None:
    assert parse_number(text) is None


# --- plain figures ------------------------------------------------------------------------


def test_exact_figure_has_a_point_interval_and_no_qualifier() -> None:
    q = only("The storm damaged 7 bridges.")
    assert (q.text, q.number_text, q.value, q.low, q.high) == ("7", "7", 7, 7, 7)
    assert q.qualifier is None and q.unit is None


def test_digits_with_thousands_separators_are_one_figure() -> None:
    found = find_quantities("Officials counted 2,000 tents and 7,600 volunteers.")
    assert [(q.text, q.value) for q in found] == [("2,000", 2000), ("7,600", 7600)]


def test_decimal_figure_keeps_its_fraction() -> None:
    assert only("Rainfall left 2.5 metric tonnes of debris.").value == 2.5


def test_number_words_are_read_including_hyphenated_tens() -> None:
    found = find_quantities("The panel heard thirteen witnesses and forty-two experts.")
    assert [(q.text, q.value) for q in found] == [("thirteen", 13), ("forty-two", 42)]


def test_capitalised_number_word_at_sentence_start_is_a_count() -> None:
    assert only("Twelve security guards were questioned.").value == 12
    assert only("Eight police officers were injured.").value == 8


def test_compound_number_words_with_and_after_hundred() -> None:
    q = only("Inspectors closed one hundred and five kiosks.")
    assert (q.text, q.value) == ("one hundred and five", 105)


def test_two_number_words_joined_by_and_stay_two_figures() -> None:
    assert [q.value for q in find_quantities("It hired two and fired three.")] == [2, 3]


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Nearly half the town, 19 million litres, was lost.", "19 million", 19e6),
        ("The fund has 1.5 billion shares.", "1.5 billion", 1.5e9),
        ("The agency reported 3bn downloads.", "3bn", 3e9),
        ("Authorities said three hundred volunteers came.", "three hundred", 300),
    ],
)
def test_scale_words_multiply_the_figure(sentence: str, text: str, value: float) -> None:
    q = find_quantities(sentence)[-1]
    assert (q.number_text, q.value) == (text, value)


def test_article_dozen_gets_qualifier_a_and_exact_interval() -> None:
    q = only("A dozen fishermen were rescued.")
    assert (q.text, q.value, q.low, q.high, q.qualifier) == ("A dozen", 12, 12, 12, "a")


def test_two_dozen_is_twenty_four_exactly() -> None:
    q = only("Rescuers found two dozen survivors.")
    assert (q.value, q.qualifier) == (24, None)


def test_single_letter_a_is_never_a_number() -> None:
    assert find_quantities("A farmer saw a fox near a barn.") == []


@pytest.mark.parametrize(("sentence", "text", "low", "high", "unit"), [
    ("He has been held for more than a year.", "more than a year", 1, math.inf, "year"),
    ("The repairs took nearly a decade.", "nearly a decade", 0.9, 1, "decade"),
    ("Talks lasted about an hour.", "about an hour", 0.9, 1.1, "hour")])
def test_a_hedged_article_before_a_unit_of_time_is_one_of_it(
        sentence: str, text: str, low: float, high: float, unit: str) -> None:
    q = only(sentence)
    assert (q.text, q.number_text, q.value, q.low, q.high, q.unit) == \
        (text, text.split()[-2], 1, low, high, "duration")
    assert q.measure is not None and q.measure.written == unit


@pytest.mark.parametrize("sentence", [
    "The strike began a year ago.",  # no hedge: a time, not a span
    "The plant closed more than a year ago.",  # a point in time
    "She resigned about a week later.",
    "Nearly a third of voters stayed home."])  # no unit of time
def test_an_article_is_no_figure_of_a_time_or_a_thing(sentence: str) -> None:
    assert find_quantities(sentence) == []


# --- hedges -------------------------------------------------------------------------------


@pytest.mark.parametrize("hedge", ["at least", "At least", "no fewer than", "a minimum of"])
def test_at_least_hedge_is_open_ended_interval(hedge: str) -> None:
    q = only(f"Officials said {hedge} 40 miners were trapped.")
    assert (q.qualifier, q.value, q.low, q.high) == ("at least", 40, 40, math.inf)
    assert q.text == f"{hedge} 40"


@pytest.mark.parametrize("hedge", ["more than", "More than", "over", "in excess of", "upwards of"])
def test_more_than_hedge_starts_one_above_a_whole_count(hedge: str) -> None:
    q = only(f"{hedge} 1,000 homes flooded.")
    assert (q.qualifier, q.value, q.low, q.high) == ("more than", 1000, 1001, math.inf)


def test_more_than_a_percentage_does_not_add_one() -> None:
    q = only("Turnout was more than 80% in the north.")
    assert (q.unit, q.low, q.high) == ("%", 80, math.inf)


@pytest.mark.parametrize("hedge", ["nearly", "almost", "close to", "just under"])
def test_nearly_hedge_allows_ten_percent_below(hedge: str) -> None:
    q = only(f"The clinic treated {hedge} 400 patients.")
    assert q.qualifier == "nearly"
    assert (q.low, q.high) == pytest.approx((360, 400))


@pytest.mark.parametrize(
    "hedge", ["about", "around", "approximately", "roughly", "some", "an estimated", "estimated"]
)
def test_about_hedge_allows_ten_percent_either_side(hedge: str) -> None:
    q = only(f"Organisers expected {hedge} 300 runners.")
    assert q.qualifier == "about" and q.value == 300
    assert (q.low, q.high) == pytest.approx((270, 330))


def test_capitalised_some_before_a_figure_is_about() -> None:
    assert only("Some 300 officers were deployed.").text == "Some 300"


@pytest.mark.parametrize("hedge", ["up to", "as many as"])
def test_up_to_hedge_is_bounded_above(hedge: str) -> None:
    q = only(f"The ferry carries {hedge} 50 cars.")
    assert (q.qualifier, q.low, q.high) == ("up to", 0, 50)


@pytest.mark.parametrize("hedge", ["fewer than", "less than", "under"])
def test_fewer_than_hedge_stops_one_below_a_whole_count(hedge: str) -> None:
    q = only(f"The village has {hedge} 20 residents.")
    assert (q.qualifier, q.low, q.high) == ("fewer than", 0, 19)


def test_fewer_than_a_fraction_keeps_the_figure_as_bound() -> None:
    q = only("The test took less than 1.5 litres of fuel.")
    assert (q.qualifier, q.high) == ("fewer than", 1.5)


@pytest.mark.parametrize("hedge", ["at most", "no more than"])
def test_at_most_hedge_is_bounded_above(hedge: str) -> None:
    q = only(f"Each cell holds {hedge} 9 inmates.")
    assert (q.qualifier, q.low, q.high) == ("at most", 0, 9)


@pytest.mark.parametrize("tail", [" or more", "-plus", "+"])
def test_trailing_or_more_and_plus_mean_at_least(tail: str) -> None:
    q = only(f"They questioned 30{tail} witnesses.")
    assert (q.qualifier, q.low, q.high, q.text) == ("at least", 30, math.inf, f"30{tail}")


def test_hedge_applies_to_article_dozen() -> None:
    q = only("More than a dozen trucks arrived.")
    assert (q.qualifier, q.value, q.low) == ("more than", 12, 13)


def test_hedge_wording_is_recognised_before_a_scaled_figure() -> None:
    q = only("Nearly 19 million people voted.")
    assert (q.text, q.number_text, q.value) == ("Nearly 19 million", "19 million", 19e6)


# --- ranges -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Police detained 200-300 protesters.", "200-300"),
        ("Police detained 200 to 300 protesters.", "200 to 300"),
        ("Police detained between 200 and 300 protesters.", "between 200 and 300"),
        ("Police detained from 200 to 300 protesters.", "from 200 to 300"),
        ("Police detained 200\u2013300 protesters.", "200\u2013300"),
    ],
)
def test_ranges_report_low_end_as_value_and_both_bounds(sentence: str, text: str) -> None:
    q = only(sentence)
    assert (q.text, q.qualifier, q.value, q.low, q.high) == (text, "range", 200, 200, 300)


def test_range_shares_a_trailing_scale_word() -> None:
    q = only("The flood displaced 2-3 million people.")
    assert (q.low, q.high) == (2e6, 3e6)


def test_range_of_number_words() -> None:
    q = only("It took between two and three hundred volunteers.")
    assert (q.qualifier, q.low, q.high) == ("range", 200, 300)


def test_descending_pair_is_a_score_not_a_range() -> None:
    assert find_quantities("The hosts won 3-2 at home.") == []


def test_and_without_between_is_not_a_range() -> None:
    assert [q.value for q in find_quantities("They arrested 12 and released 5.")] == [12, 5]


# --- vague quantities ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("Dozens of", 24, 99),
        ("Scores of", 40, 99),
        ("Hundreds of", 200, 999),
        ("Thousands of", 2000, 9999),
        ("Tens of thousands of", 20_000, 99_999),
        ("Hundreds of thousands of", 200_000, 999_999),
        ("Millions of", 2e6, 1e7 - 1),
        ("Several thousand", 2000, 9999),
        ("Several hundred", 200, 999),
    ],
)
def test_vague_quantities_get_conventional_intervals(phrase: str, low: float, high: float) -> None:
    q = only(f"{phrase} residents signed the petition.")
    assert q.number_text == phrase.removesuffix(" of")
    assert (q.qualifier, q.value, q.low, q.high) == ("vague", low, low, high)


def test_scores_without_of_is_not_a_quantity() -> None:
    assert find_quantities("Test scores rose sharply.") == []


def test_a_handful_is_vague() -> None:
    assert only("Only a handful of shops opened.").qualifier == "vague"


# --- not head-counts: skipped -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge was built in 2019.",
        "He has lived there since 1989.",
        "They challenged a 2020 law.",
        "The vote happened on January 5, 2022.",
        "Protests grew during 2021 and 2022.",
        "The panel investigating the deadly 2012 attacks met again.",
    ],
)
def test_years_are_not_reported(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_year_shaped_figure_before_a_plural_noun_is_a_count() -> None:
    assert counts("Some 2000 protesters gathered, then 1900 officers arrived.") == [
        "Some 2000",
        "1900",
    ]


@pytest.mark.parametrize(
    "sentence",
    ["It opened on January 19.", "It opened on Jan. 5.", "It opened on 5 January.",
     "It opened on the 19th."],
)  # fmt: skip
def test_dates_are_not_reported(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_lowercase_may_before_a_figure_is_not_a_month() -> None:
    assert counts("Officials said may 5 people be moved.") == ["5"]


@pytest.mark.parametrize(
    "sentence", ["The curfew starts at 02:00 PM.", "The curfew starts at 10am.",
                 "The curfew starts at 10 p.m.", "The curfew starts at 22:30 GMT."],
)  # fmt: skip
def test_clock_times_are_not_reported(sentence: str) -> None:
    assert find_quantities(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    ["She finished first.", "It is the ninth-largest city.", "He came 2nd.", "A 3rd attempt.",
     "The twenty-first round."],
)  # fmt: skip
def test_ordinals_are_not_reported(sentence: str) -> None:
    assert find_quantities(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    ["The driver, who is 81, was unhurt.", "An 81-year-old driver was unhurt.",
     "A driver aged 81 was unhurt.", "Driver Petrov, 81, was unhurt.",
     "The driver was 81 years old."],
)  # fmt: skip
def test_ages_carry_unit_age(sentence: str) -> None:
    q = only(sentence)
    assert (q.value, q.unit) == (81, "age")


@pytest.mark.parametrize("tail", ["%", " per cent", " percent", " percentage points"])
def test_percentages_carry_unit_percent(tail: str) -> None:
    q = only(f"Support fell to 80{tail} last month.")
    assert (q.value, q.unit) == (80, "%")


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The town lost $5 million.", 5e6),
        ("The town lost 5 million tenge.", 5e6),
        ("The town lost 5 million dollars.", 5e6),
        ("The town lost 5 million euros.", 5e6),
        ("The town lost \u00a33bn.", 3e9),
        ("The town lost \u20ac3bn.", 3e9),
        ("The town lost $2m.", 2e6),
        ("The town lost thousands of dollars.", 2000),
    ],
)
def test_money_carries_unit_currency(sentence: str, value: float) -> None:
    q = only(sentence)
    assert (q.value, q.unit) == (value, "currency")


def test_currency_symbol_is_part_of_the_text() -> None:
    q = only("It pledged more than $5 million.")
    assert (q.text, q.number_text) == ("more than $5 million", "5 million")
    assert q.qualifier == "more than"


def test_bare_m_suffix_without_currency_is_not_a_figure() -> None:
    assert find_quantities("The wall is 2m high.") == []


def test_lengths_carry_unit_length() -> None:
    found = find_quantities("The pipeline runs 7,600 kilometer (4,700 mile) across 30km of steppe.")
    assert [(q.value, q.unit) for q in found] == [
        (7600, "length"),
        (4700, "length"),
        (30, "length"),
    ]


@pytest.mark.parametrize(
    "sentence",
    ["The strike lasted three decades.", "It was a two-week strike.", "It was a 180-day strike.",
     "The strike lasted 18 months.", "The strike lasted hundreds of years."],
)  # fmt: skip
def test_durations_carry_unit_duration(sentence: str) -> None:
    assert only(sentence).unit == "duration"


@pytest.mark.parametrize("sentence", ["It lasted a day.", "It lasted for several hours."])
def test_durations_without_a_number_are_not_reported(sentence: str) -> None:
    assert find_quantities(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    ["Call 555-1234 today.", "Call +7 727 123 4567 today.", "Call (555) 123-4567 today.",
     "Cases of COVID-19 rose.", "The G7 met.", "An F-16 crashed.", "The Kazakhstan-2050 plan.",
     "He is No.1 in the world.", "He is No. 1 in the world.", "It opened on 2020-01-05."],
)  # fmt: skip
def test_phone_numbers_and_codes_are_not_reported(sentence: str) -> None:
    assert find_quantities(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    ["It is one of the most visited parks.", "Neighbours help one another.",
     "No one was hurt.", "One day the river rose.", "She was the only one.",
     "It was a one-time payment.", "About one in five voted."],
)  # fmt: skip
def test_one_as_a_pronoun_or_idiom_is_not_a_count(sentence: str) -> None:
    assert counts(sentence) == []


def test_ratio_after_a_figure_is_not_a_count() -> None:
    assert counts("Roughly one in five adults and 3 in 10 children smoke.") == []
    assert counts("They built 3 in 10 days.") == ["3"]


def test_a_multiplier_is_not_a_count() -> None:
    sentence = "As many as 310,000 customers were hit, about six times the company's figure."
    assert counts(sentence) == ["As many as 310,000"]
    assert counts("Turnout was three times as high; the team failed 4 times.") == []


def test_one_before_a_noun_is_a_count() -> None:
    q = only("One person was killed.")
    assert (q.value, q.qualifier) == (1, None)
    assert counts("Only one officer was hurt.") == ["one"]


# --- odd input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    ["", "   ", "\U0001f525\U0001f525", "1,2,3,,,", "-", "$", "%%%", "a" * 6000,
     "9 " * 3000, "hundred " * 500],
)  # fmt: skip
def test_odd_input_does_not_crash(sentence: str) -> None:
    for q in find_quantities(sentence):
        assert sentence[q.start : q.end] == q.text


def test_huge_digit_string_is_read_as_a_float() -> None:
    assert only("999999999999999999999999").value == pytest.approx(1e24)


def test_digit_string_too_large_for_a_float_is_skipped() -> None:
    assert find_quantities("9" * 400 + " apples") == []


def test_may_hold_figure_is_a_cheap_filter() -> None:
    assert may_hold_figure("Dozens were hurt")
    assert may_hold_figure("It cost 5")
    assert not may_hold_figure("The minister resigned on Tuesday.")
    assert may_hold("He was jailed for more than a year.")
    assert not may_hold("He was jailed a year ago.")


# --- properties ---------------------------------------------------------------------------

_NEWSY = st.lists(
    st.sampled_from(
        ["at least", "more than", "nearly", "about", "some", "up to", "between", "and", "to",
         "dozens", "of", "hundreds", "thousands", "a", "dozen", "one", "twenty-one", "million",
         "1,000", "2.5", "300", "2019", "-", "$", "%", "km", "years", "old", "January", "or",
         "more", "+", ",", ".", "people", "the", "no", "No.", "10am", "3bn", "2m", "\u2013"]
    ),
    max_size=25,
).map(" ".join)  # fmt: skip


def _check_invariants(sentence: str) -> None:
    found = find_quantities(sentence)
    end = 0
    for q in found:
        assert sentence[q.start : q.end] == q.text
        assert q.number_text in q.text
        assert q.low <= q.high
        assert q.start >= end and q.end > q.start
        end = q.end
    if not may_hold(sentence):
        assert found == []


@settings(max_examples=300)
@given(st.text(max_size=300))
@example("1,2,3,,,")
@example("between 5 and")
def test_find_quantities_invariants_hold_on_arbitrary_text(sentence: str) -> None:
    _check_invariants(sentence)


@settings(max_examples=300)
@given(_NEWSY)
def test_find_quantities_invariants_hold_on_newsy_text(sentence: str) -> None:
    _check_invariants(sentence)


@given(st.integers(min_value=0, max_value=10**12))
def test_parse_number_round_trips_formatted_integers(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
