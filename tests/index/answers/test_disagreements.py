"""Slot grouping and relation typing on hand-made claims."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from index.answers.corpus import Corpus
from index.answers.disagreements import build_slot, figure_of
from index.answers.relations import relation
from index.answers.slots import select
from index.claims.questions import Query
from index.records import Claim

pytestmark = pytest.mark.fast


def claim(value, *, low=None, high=None, qualifier=None, kind="security", event="killed",
          doc="a", source="Outlet A", authority=None, date="2024-01-02", revision=False,
          counted="police officers", figure=None, **extra):
    return Claim(value=value, low=value if low is None else low,
                 high=value if high is None else high, qualifier=qualifier,
                 figure=str(value) if figure is None else figure,
                 counted=counted, kind=kind, event=event, authority=authority, doc_id=doc,
                 source=source, date=date, quote=f"{value} {counted} were {event}.",
                 revision=revision, **extra)


def no_passages(_claim):
    return None


def kinds(*claims_):
    slot = build_slot("officers killed", "killed", claims_)
    return slot.relationship, [r.relationship for r in slot.relations]


def test_same_base_figure_with_different_hedges_agrees():
    slot = build_slot("population", "population", [
        claim(19e6, kind="people", doc="a"),
        claim(19e6, low=17.1e6, qualifier="nearly", kind="people", doc="b", source="B")])
    assert slot.relationship == "agree" and not slot.disputed and len(slot.figures) == 1
    assert slot.figures[0].docs == ("a", "b")


def test_incompatible_figures_conflict():
    assert kinds(claim(12), claim(13, doc="b", source="B")) == ("conflict", ["conflict"])


def test_a_lower_bound_below_a_figure_is_a_bound():
    assert kinds(claim(8, high=math.inf, qualifier="at least"),
                 claim(12, doc="b", source="B")) == ("bound", ["bound"])


def test_a_lower_bound_above_a_figure_conflicts():
    assert kinds(claim(13, high=math.inf, qualifier="at least"),
                 claim(12, doc="b", source="B"))[0] == "conflict"


def test_a_later_report_or_rose_to_is_an_update():
    assert kinds(claim(12), claim(20, doc="b", source="B", date="2024-01-05"))[0] == "update"
    assert kinds(claim(12), claim(20, doc="b", source="B", revision=True))[0] == "update"


def test_a_toll_that_rose_past_an_earlier_floor_is_an_update_not_a_bound():
    floor = claim(61, high=math.inf, qualifier="at least", figure="at least 61")
    later = claim(64, doc="b", source="B", date="2024-01-03")
    assert kinds(floor, later)[0] == "update"
    assert kinds(floor, claim(64, doc="b", source="B", revision=True))[0] == "update"
    same_day = claim(64, doc="b", source="B")
    assert kinds(floor, same_day)[0] == "bound"  # "at least 61" beside 64 the same day


def test_a_figure_rounded_by_one_outlet_agrees_and_a_small_toll_never_rounds():
    rounded = claim(1_400_000, figure="1.4 million", kind="people")
    exact = claim(1_412_000, figure="1,412,000", kind="people", doc="b", source="B")
    share = claim(52, figure="52", kind="%", dimension="%")
    precise = claim(51.8, figure="51.8", kind="%", dimension="%", doc="b", source="B")
    assert kinds(rounded, exact)[0] == kinds(share, precise)[0] == "agree"
    assert kinds(claim(40), claim(43, doc="b", source="B"))[0] == "conflict"
    assert kinds(claim(20_000, kind="people"),
                 claim(24_000, kind="people", doc="b", source="B"))[0] == "conflict"


def test_new_cases_of_two_days_are_two_increments_not_a_revision():
    monday = claim(23, kind="people|new", counted="new cases", event="infected")
    tuesday = claim(31, kind="people|new", counted="new cases", event="infected", doc="b",
                    source="B", date="2024-01-03")
    assert kinds(monday, tuesday) == ("scope", ["scope"])


def test_amounts_of_two_periods_are_scope():
    quarter = claim(4.2e9, kind="money|quarter", counted="money", event="revenue",
                    dimension="money:USD")
    year = claim(16.5e9, kind="money|year", counted="money", event="revenue", doc="b",
                 source="B", dimension="money:USD")
    assert kinds(quarter, year) == ("scope", ["scope"])


def test_different_kinds_counted_are_scope_and_no_disagreement():
    slot = build_slot("people injured", "injured", [
        claim(353, event="injured"),
        claim(1000, low=1001, high=math.inf, event="injured", kind="people", doc="b",
              source="B", counted="people")])
    assert slot.relationship == "scope" and not slot.disputed


def test_the_strongest_relation_types_the_slot():
    kind, relations = kinds(claim(8, high=math.inf, qualifier="at least"),
                            claim(12, doc="b", source="B"), claim(13, doc="c", source="C"))
    assert kind == "conflict" and sorted(relations) == ["bound", "bound", "conflict"]


def test_figures_gather_outlets_and_authorities():
    slot = build_slot("officers killed", "killed", [
        claim(12, doc="a", source="A", authority="city officials"),
        claim(12, doc="b", source="B", authority="City officials"),
        claim(13, doc="c", source="C", authority="state TV")])
    twelve = next(f for f in slot.figures if f.value == 12)
    assert twelve.sources == ("A", "B") and twelve.authorities == ("city officials",)


def test_a_question_takes_only_claims_of_its_slot():
    claims = [claim(12), claim(30, kind="protesters", counted="protesters", doc="b"),
              claim(100, event="injured", doc="c"), claim(13, doc="d", source="D")]
    officers = select(Query("killed", "security", "officers"), claims, no_passages)
    assert sorted(c.value for c in officers) == [12, 13]
    people = select(Query("killed", "people", "people"), claims, no_passages)
    assert sorted(c.value for c in people) == [12, 13, 30]


def test_corpus_disputes_need_two_outlets_and_stay_in_their_story():
    one_outlet = [claim(5, event="missing"), claim(6, event="missing", doc="b")]
    two_outlets = [claim(12), claim(13, doc="b", source="B")]
    other_story = [claim(40, doc="x", source="X")]
    metas = [{"doc_id": d, "story": "s1" if d != "x" else "s2", "story_title": d}
             for d in ("a", "b", "x")]
    by_doc = {}
    for c in one_outlet + two_outlets + other_story:
        by_doc.setdefault(c.doc_id, []).append(c)
    corpus = Corpus.from_records([(m, by_doc[m["doc_id"]]) for m in metas], [], None)
    (dispute,) = corpus.disputes()
    assert dispute.event == "killed" and dispute.story.id == "s1"
    assert sorted(f.value for f in dispute.figures) == [12, 13]


def test_a_rate_and_a_total_are_no_corpus_dispute():
    # "12 officers are killed a year" is a rate; "40 officers were killed" since, a total.
    rate = replace(claim(12), quote="Some 12 police officers are killed a year.")
    total = claim(40, doc="b", source="B")
    metas = [{"doc_id": d, "story": "s1", "story_title": "toll"} for d in ("a", "b")]
    corpus = Corpus.from_records([(metas[0], [rate]), (metas[1], [total])], [], None)
    assert corpus.disputes() == []
    another_rate = replace(claim(15, doc="b", source="B"),
                           quote="Some 15 police officers are killed a year.")
    corpus = Corpus.from_records([(metas[0], [rate]), (metas[1], [another_rate])], [], None)
    (dispute,) = corpus.disputes()
    assert sorted(f.value for f in dispute.figures) == [12, 15]


def test_two_outlets_figures_of_two_days_are_no_corpus_dispute():
    # "fell 6.2 percent on Monday" / "fell a further 3.1 percent on Tuesday"
    monday = claim(12, keys=("verb:kill", "day:monday"))
    tuesday = claim(15, doc="b", source="B", keys=("verb:kill", "day:tuesday"))
    metas = [{"doc_id": d, "story": "s1", "story_title": "toll"} for d in ("a", "b")]
    corpus = Corpus.from_records([(metas[0], [monday]), (metas[1], [tuesday])], [], None)
    assert corpus.disputes() == []
    undated = replace(tuesday, keys=("verb:kill",))
    corpus = Corpus.from_records([(metas[0], [monday]), (metas[1], [undated])], [], None)
    assert len(corpus.disputes()) == 1

def test_relation_is_symmetric_for_intervals():
    a, b = (build_slot("x", "killed", [c]).figures[0]
            for c in (claim(8, high=math.inf, qualifier="at least"), claim(12, doc="b")))
    assert relation(a, b) == relation(b, a) == "bound"


def test_an_update_names_the_later_figure_as_the_revision():
    slot = build_slot("people killed", "killed", [
        claim(2000, doc="b", source="B", date="2023-09-10"),
        claim(820, doc="a", source="A", date="2023-09-09")])
    (rel,) = slot.relations
    assert rel.relationship == "update"
    assert slot.figures[rel.second].value == 2000 and slot.figures[rel.first].value == 820


def test_one_quantity_in_two_units_agrees():
    hectares = claim(14200, kind="", event="burned", counted="", dimension="area",
                     unit="hectares", normalized=14200, norm_low=14200, norm_high=14200)
    acres = claim(35000, low=31500, high=38500, qualifier="about", kind="", event="burned",
                  counted="", doc="b", source="B", dimension="area", unit="acres",
                  normalized=14164, norm_low=12748, norm_high=15580)
    slot = build_slot("area burned", "burned", [hectares, acres])
    assert slot.relationship == "agree" and not slot.disputed


def test_one_measure_in_two_units_agrees_whatever_its_clause_says_it_measures():
    # "an area of 42 square kilometres had been flooded" / "floodwater covered about 16
    # square miles of the valley": two outlets' words, one area.
    km2 = claim(42, kind="area", event="area", counted="area", dimension="area",
                unit="square kilometres", normalized=4200, norm_low=4200, norm_high=4200)
    miles = claim(16, low=14.4, high=17.6, qualifier="about", kind="valley", event="cover",
                  counted="valley", doc="b", source="B", dimension="area",
                  unit="square miles", normalized=4144, norm_low=3730, norm_high=4558)
    slot = build_slot("area flooded", "flood", [km2, miles])
    assert slot.relationship == "agree"
    # The same pair left out of the event rules' slot for its other words joins it.
    asked = Query("flood", "area", "area", dimension="area", words=("area",))
    assert sorted(c.value for c in select(asked, [km2, miles], lambda c: 0)) == [16, 42]


def test_compatible_figures_are_an_agreement_even_when_reported_later():
    slot = build_slot("firefighters deployed", "deployed", [
        claim(430, low=387, high=473, qualifier="about", date="2024-01-02"),
        claim(400, low=401, high=math.inf, qualifier="more than", doc="b", source="B",
              date="2024-01-03")])
    assert slot.relationship == "bound" and not slot.disputed


def test_a_vague_figure_never_contradicts_a_precise_one():
    assert kinds(claim(24, low=24, high=99, qualifier="vague"),
                 claim(200, doc="b", source="B"))[0] == "bound"


def test_an_open_ended_hedge_stands_for_at_most_twice_its_figure():
    assert kinds(claim(200, low=201, high=math.inf, qualifier="more than"),
                 claim(2000, doc="b", source="B"))[0] == "conflict"


def test_two_currencies_compare_only_at_the_rate_an_article_gives():
    euros = claim(2.5e6, kind="money", event="aid", counted="money", dimension="money:EUR",
                  unit="€", equivalents=(("money:USD", 2.43e6, 2.97e6),))
    dollars = claim(2.7e6, kind="money", event="aid", counted="money", doc="b", source="B",
                    dimension="money:USD", unit="$")
    pounds = claim(3e6, kind="money", event="aid", counted="money", doc="c", source="C",
                   dimension="money:GBP", unit="£")
    a, b, c = (build_slot("aid", "aid", [x]).figures[0] for x in (euros, dollars, pounds))
    assert relation(a, b) == "agree"
    assert relation(a, c) == relation(b, c) == "scope"


def test_dates_compare_as_days():
    day = claim("2022-01-05", low=738160, high=738160, kind="bridge", event="open",
                counted="bridge", dimension="date", unit="day")
    year = claim(2022, low=737791, high=738155 + 365, kind="bridge", event="open",
                 counted="bridge", doc="b", source="B", dimension="date", unit="year")
    other = claim(1933, low=705533, high=705897, kind="bridge", event="open",
                  counted="bridge", doc="c", source="C", dimension="date", unit="year")
    assert kinds(day, year)[0] == "bound"
    assert kinds(year, other)[0] == "conflict"


def test_a_slot_lists_a_bounded_number_of_figures_and_says_how_many_more():
    claims = [claim(n, doc=f"d{n}", source=f"S{n}") for n in range(1, 41)]
    slot = build_slot("officers killed", "killed", claims)
    assert len(slot.figures) <= 8 and slot.more == 40 - len(slot.figures)
    assert len(slot.relations) == len(slot.figures) * (len(slot.figures) - 1) // 2


def test_a_rising_toll_is_listed_latest_first():
    slot = build_slot("people killed", "killed", [
        claim(113, date="2024-08-12", doc="a"), claim(154, date="2024-08-15", doc="d"),
        claim(135, date="2024-08-13", doc="b"), claim(137, date="2024-08-14", doc="c")])
    assert slot.relationship == "update"
    assert [f.value for f in slot.figures] == [154, 137, 135, 113]


def test_a_figure_given_twice_by_one_article_quotes_the_sentence_naming_a_body():
    lede = replace(claim(4100, authority="officials"),
                   quote="officials said 4,100 people had fled")
    later = replace(claim(4100, authority="civil protection agency"),
                    quote="the civil protection agency said 4,100 had fled")
    assert figure_of([lede, later]).quote == later.quote
    assert figure_of([replace(lede, authority=None), later]).quote == later.quote
    ministry = replace(claim(8, authority="interior ministry"), quote="the ministry said 8")
    outlet = replace(claim(8, authority="Kazakhstan's local outlet"), quote="an outlet said 8")
    assert figure_of([ministry, outlet]).quote == ministry.quote


def test_figures_for_two_named_places_are_two_quantities_not_a_disagreement():
    cassera = claim(44.3, kind="temperature", event="temperature", place="cassera",
                    dimension="temperature", unit="C", normalized=44.3)
    marlo = claim(46.1, kind="temperature", event="temperature", place="marlo", doc="b",
                  source="B", dimension="temperature", unit="C", normalized=46.1)
    province = claim(44.0, kind="temperature", event="temperature", place="marlo province",
                     doc="c", source="C", dimension="temperature", unit="C", normalized=44.0)
    assert not build_slot("temperature", "temperature", [cassera, marlo]).disputed
    assert build_slot("temperature", "temperature", [marlo, province]).disputed



def test_a_named_place_s_figure_and_the_whole_s_are_a_part_and_its_whole():
    plants = claim(3100, kind="people", event="employ", counted="people", place="marsport")
    worldwide = claim(18000, kind="people", event="employ", counted="people", doc="b",
                      source="B", place="national")
    unplaced = claim(16000, kind="people", event="employ", counted="people", doc="c",
                     source="C")
    assert not build_slot("people employ", "employ", [plants, worldwide]).disputed
    assert build_slot("people employ", "employ", [worldwide, unplaced]).disputed


def test_a_place_s_figure_above_the_whole_s_is_a_disagreement():
    almaty = claim(13, place="almaty")
    nationwide = claim(8, doc="b", source="B", place="national")
    assert build_slot("officers killed", "killed", [almaty, nationwide]).disputed


def test_figures_reported_as_often_are_listed_by_value_as_numbers():
    slot = build_slot("officers killed", "killed", [
        claim(100, doc="a"), claim(9, doc="b", source="B"), claim(20, doc="c", source="C")])
    assert [f.value for f in slot.figures] == [9, 20, 100]
