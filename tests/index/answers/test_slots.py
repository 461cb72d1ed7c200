"""Which Claims of a Story answer a figure question (made-up claims, no model)."""

from __future__ import annotations

import dataclasses
import math

import pytest

from index.answers.slots import select
from index.answers.times import rate
from index.claims.questions import Query
from index.records import Claim

pytestmark = pytest.mark.fast


def claim(value, *, kind="people", event="protested", doc="a", source="A", counted="people",
          authority=None, **extra):
    return Claim(value=value, low=value, high=value, qualifier=None, figure=str(value),
                 counted=counted, kind=kind, event=event, authority=authority, doc_id=doc,
                 source=source, date="2025-10-09", quote=f"{value} {counted} {event} in {doc}",
                 **extra)


def no_passages(_claim):
    return None


def values(claims):
    return sorted(c.value for c in claims)


def test_a_figure_of_an_earlier_event_joins_no_slot_unless_the_question_names_its_year():
    claims = [claim(1_400_000), claim(480_000, doc="b", source="B"),
              dataclasses.replace(claim(900_000, doc="c"), background=True,
                                  quote="In 2019 the unions claimed 900,000.")]
    asked = Query("protested", "people", "people")
    assert values(select(asked, claims, no_passages)) == [480_000, 1_400_000]
    then = Query("protested", "people", "people", year=2019)
    assert values(select(then, claims, no_passages)) == [900_000]


def test_places_split_a_quantity_only_where_one_article_gives_both():
    claims = [claim(1_400_000), claim(350_000, place="kessburg"),
              claim(480_000, doc="b", place="national"), claim(92_000, doc="b", place="kessburg"),
              claim(124_000, doc="c", place="capital")]
    national = select(Query("protested", "people", "people"), claims, no_passages)
    assert values(national) == [480_000, 1_400_000]
    local = select(Query("protested", "people", "people", place="kessburg"), claims,
                   no_passages)
    assert values(local) == [92_000, 124_000, 350_000]
    # One city named by one outlet only is no second scope: everything stays together.
    together = [claim(12, event="killed"), claim(13, doc="b", event="killed", place="almaty")]
    assert values(select(Query("killed", "people", "people"), together, no_passages)) == [12, 13]


def test_two_things_one_article_tells_apart_are_two_quantities():
    area = dict(kind="", event="burned", dimension="area")
    claims = [claim(14200, counted="", doc="a", **area),
              claim(35000, counted="pine forest, olive groves and pasture", doc="b", **area),
              claim(3500, counted="olive groves and vineyards", doc="b", **area),
              claim(3800, counted="forest, scrub and farmland", doc="c", **area)]
    land = select(Query("burned", "land", "land", dimension="area", words=("land",)),
                  claims, no_passages)
    assert values(land) == [3800, 14200]
    olives = select(Query("burned", "land", "olive and vineyard land", dimension="area",
                          words=("olive", "vineyard", "land")), claims, no_passages)
    assert values(olives) == [3500]


def test_one_named_voice_does_not_contradict_itself_in_one_report():
    claims = [claim(21, event="missing", authority="coast guard"),
              dataclasses.replace(claim(17, event="missing", authority="coast guard"),
                                  low=0.0, qualifier="up to"),
              claim(31, doc="b", event="missing", authority="the operator")]
    assert values(select(Query("missing", "people", "people"), claims, no_passages)) == [21, 31]


def test_one_sentence_naming_no_voice_does_not_state_one_quantity_twice():
    # "picked up just six seats ... and remain in the minority with 194 seats"
    sentence = "The party picked up just six seats and remains in the minority with 194 seats."
    gained, held = (dataclasses.replace(claim(v, kind="seat", counted="seats", event="pick"),
                                        quote=sentence) for v in (6, 194))
    others = [claim(6, doc=d, kind="seat", counted="seats", event="pick") for d in "bc"]
    seats = Query("pick", "seat", "seats", words=("seat",))
    assert values(select(seats, [gained, held, *others], no_passages)) == [6, 6, 6]
    # in two sentences naming no one, both stay: the rule reads one sentence at a time
    apart = dataclasses.replace(held, quote="Its tally now stands at 194 seats.")
    assert values(select(seats, [gained, apart], no_passages)) == [6, 194]


def test_a_group_no_figure_names_falls_back_to_people():
    claims = [claim(33, event="missing"), claim(212, kind="civilians", counted="passengers",
                                                event="aboard")]
    asked = Query("missing", "civilians", "passengers")
    assert values(select(asked, claims, no_passages)) == [33]


def test_a_group_within_the_people_gets_no_figure_of_everyone():
    claims = [claim(38, event="injured", doc="a"), claim(52, event="injured", doc="b")]
    for kind, counted in (("responders", "firefighters"), ("security", "police officers"),
                          ("protesters", "protesters")):
        assert select(Query("injured", kind, counted), claims, no_passages) == []


def test_the_same_count_of_people_joins_a_group_s_count_in_plainer_words():
    claims = [claim(6500, kind="civilians", counted="residents", event="evacuated"),
              claim(6500, event="evacuated", doc="b", source="B"),
              claim(7000, event="evacuated", doc="c", source="C")]
    asked = Query("evacuated", "civilians", "residents")
    assert [c.doc_id for c in select(asked, claims, no_passages)] == ["a", "b"]


def test_an_event_the_lexicon_knows_is_never_stood_in_for():
    claims = [claim(5, event="rescued")]
    assert select(Query("killed", "people", "people"), claims, lambda c: 0) == []


def test_an_unknown_verb_takes_the_event_of_the_best_passages_figures():
    claims = [claim(5, kind="plane", counted="planes", event="commandeer"),
              claim(300, kind="plane", counted="planes", event="ground", doc="b")]
    asked = Query("seize", "plane", "planes", words=("plane",))
    ranks = {("a", claims[0].quote): 0, ("b", claims[1].quote): 4}
    chosen = select(asked, claims, lambda c: ranks.get((c.doc_id, c.quote)))
    assert values(chosen) == [5]


def test_people_asked_with_an_unknown_verb_get_no_stand_in_event():
    claims = [claim(12, event="killed"), claim(15, event="killed", doc="b", source="B")]
    asked = Query("vaccinate", "people", "people")
    assert select(asked, claims, lambda c: 0) == []


def test_what_is_counted_is_the_head_noun_and_how_much_takes_any_unit():
    tablets = claim(50_000, kind="tablet", counted="water purification tablets",
                    event="deliver")
    water = claim(200_000, kind="water", counted="clean water", event="deliver",
                  dimension="volume", doc="b", source="B")
    asked = Query("deliver", "water", "clean water", dimension="measure",
                  words=("clean", "water"))
    assert select(asked, [tablets, water], no_passages) == [water]


def test_how_much_takes_a_span_of_time_only_when_it_asks_for_time():
    # "how much did the studio make in the quarter" / "profit ... for the three months"
    months = claim(3, kind="", counted="", event="make", dimension="duration", unit="months")
    money = Query("make", "people", "", dimension="measure")
    assert select(money, [months], no_passages) == []
    time = Query("make", "time", "time", dimension="measure", words=("time",))
    assert select(time, [months], no_passages) == [months]


def test_a_count_of_what_the_asked_thing_is_qualified_by_is_another_thing():
    # "how many store managers": "3,400 stores" counts the stores, not their managers.
    stores = claim(3_400, kind="store", counted="stores", event="work")
    managers = claim(544, kind="manager", counted="store managers", event="include",
                     doc="b", source="B")
    asked = Query(None, "manager", "store managers", words=("store", "manager"))
    assert select(asked, [stores, managers], lambda c: 0) == [managers]
    assert select(asked, [stores], lambda c: 0) == []
    # The asked thing itself, under the lexicon's kind, is still its count.
    homes = claim(30, kind="homes", counted="houses", event="damage")
    farms = Query("damage", "homes", "houses farm buildings", words=("house", "farm", "building"))
    assert select(farms, [homes], no_passages) == [homes]


def test_a_date_question_gets_no_stand_in_event():
    claims = [claim(1968, event="award", dimension="date", counted="")]
    assert select(Query("bear", "people", "", dimension="date"), claims, lambda c: 0) == []


def test_amounts_are_chosen_by_dimension_whatever_the_currency():
    money = dict(kind="money", counted="money", event="damage")
    claims = [claim(1.1e9, dimension="money:EUR", **money),
              claim(650e6, doc="b", dimension="money:EUR", **money),
              claim(40, kind="%", counted="percent", event="damage", dimension="%")]
    chosen = select(Query("damage", "money", "money", dimension="money"), claims, no_passages)
    assert values(chosen) == [650e6, 1.1e9]
    assert not math.isnan(chosen[0].value)



def test_a_change_asked_as_an_amount_is_answered_by_a_share():
    # "how much did the shares rise": "jumped 27%" and "closing 26.8% higher" answer it.
    rise = dict(kind="%", counted="percent", event="rise", dimension="%")
    claims = [claim(27, **rise), claim(26.8, doc="b", source="B", **rise)]
    asked = Query("rise", "people", "", dimension="measure")
    assert select(asked, claims, no_passages) == []
    changed = Query("rise", "people", "", dimension="measure", or_share=True)
    assert values(select(changed, claims, no_passages)) == [26.8, 27]

def test_a_town_s_count_beside_the_article_s_own_total_is_its_part():
    # "forced about 12,000 from their homes ... In the town of Brack alone, 3,500 residents
    # were evacuated": the article gives the whole and a named part of it.
    claims = [claim(12_000, event="displaced"), claim(3_500, event="displaced", place="brack"),
              claim(12_000, doc="b", source="B", event="displaced")]
    whole = select(Query("displaced", "people", "people"), claims, no_passages)
    assert values(whole) == [12_000, 12_000]
    part = select(Query("displaced", "people", "people", place="brack"), claims, no_passages)
    assert values(part) == [3_500]


def test_a_temperature_with_no_place_is_not_the_whole_of_a_place_s():
    readings = [claim(46.1, kind="temperature", event="temperature", place="marlo",
                      dimension="temperature"),
                claim(40.0, kind="temperature", event="temperature", dimension="temperature")]
    asked = Query("temperature", "temperature", "", dimension="temperature")
    assert values(select(asked, readings, no_passages)) == [40.0, 46.1]


def test_a_place_s_figure_above_the_article_s_own_total_is_no_part_of_it():
    # "13 died in Almaty" beside "eight were killed" in one report: two reports it relays,
    # not a part and its whole; both stay in the quantity.
    claims = [claim(13, event="killed", place="almaty"), claim(8, event="killed"),
              claim(12, doc="b", source="B", event="killed")]
    assert values(select(Query("killed", "people", "people"), claims, no_passages)) == [
        8, 12, 13]


@pytest.mark.parametrize(("sentence", "figure", "per"), [
    ("The new plant makes about 1.8 million machines a year.", "about 1.8 million", "year"),
    ("The line carries 30,000 passengers per day.", "30,000", "day"),
    ("The move would save around €90 million annually.", "€90 million", "year"),
    ("The old plant has made more than 40 million machines.", "more than 40 million", None),
    ("Sales rose 8% from a year earlier.", "8%", None),
    ("Temperatures stayed above 40 degrees for more than a week.", "40 degrees", None)])
def test_a_figure_stated_per_period_is_a_rate(sentence, figure, per):
    stated = dataclasses.replace(claim(1), quote=sentence, figure=figure)
    assert rate(stated) == per
