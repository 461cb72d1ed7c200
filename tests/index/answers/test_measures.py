"""Measures learned from every figure of a Story: matched to a question on the key parts of
their clauses, aligned across Articles without one, compared at stated precision
(hand-made Claims; the words are invented for these tests)."""

from __future__ import annotations

import dataclasses

import pytest

from index.answers.alignment import measure_disputes, story_measures
from index.answers.disagreements import build_slot
from index.answers.measures import answering, asked, measure_slot
from index.claims.questions import Query
from index.records import Claim, StoryRef

from .made import passage

pytestmark = pytest.mark.fast

STORY = StoryRef("s-1", "A council vote")


def figure(value, doc, keys, *, qualifier=None, figure_text=None, dimension="count",
           low=None, high=None, weak="no event", unit=None):
    return Claim(value=value, low=value if low is None else low,
                 high=value if high is None else high, qualifier=qualifier,
                 figure=figure_text or str(value), counted="", kind="", event="",
                 authority=None, doc_id=doc, source=f"Outlet {doc}", date="2024-03-01",
                 quote=f"{doc}: {value} {' '.join(keys)}", dimension=dimension, unit=unit,
                 keys=tuple(keys), weak=weak)


def year(value, doc, keys):
    import datetime as dt

    low, high = dt.date(value, 1, 1).toordinal(), dt.date(value, 12, 31).toordinal()
    return figure(value, doc, keys, dimension="date", low=low, high=high, unit="year")


# A Story's other figures: words that are rare among its figures weigh most.
OTHERS = [figure(3, "c", ["noun:hour", "verb:last", "w:meeting"]),
          figure(120, "c", ["noun:resident", "verb:attend", "w:meeting"]),
          figure(2, "a", ["noun:week", "verb:take", "w:effect"])]
COUNT = Query(event=None, kind="ordinance", counted="ordinances", dimension="count",
              words=("ordinance",), loose=True)
DATE = Query(event="chair", kind="people", counted="", dimension="date")


def test_two_outlets_counts_of_what_the_question_names_disagree():
    claims = [
        figure(23, "a", ["noun:ordinance", "verb:approve", "w:council", "w:parking"]),
        figure(24, "b", ["noun:ordinance", "verb:pass", "w:council", "w:parking"]),
        figure(9, "b", ["noun:member", "verb:vote", "w:council"]),
        *OTHERS,
    ]
    slot = measure_slot("how many parking ordinances did the council approve", COUNT,
                        claims, [], STORY)
    assert slot is not None and slot.disputed
    assert sorted(f.value for f in slot.figures) == [23, 24]


def test_a_figure_matching_only_a_side_word_is_no_answer():
    claims = [figure(23, "a", ["noun:ordinance", "verb:approve", "w:council"]),
              figure(9, "b", ["noun:member", "verb:vote", "w:council"])]
    assert measure_slot("how many ordinances did the council approve", COUNT, claims, [],
                        STORY) is None


def test_figures_matching_the_question_only_on_its_names_are_no_answer():
    # Two outlets' counts of something else, in sentences naming the council's two chairs.
    claims = [figure(23, "a", ["noun:seat", "verb:hold", "name:okafor", "name:reyes"]),
              figure(24, "b", ["noun:seat", "verb:keep", "name:okafor", "name:reyes"]),
              *OTHERS]
    shown = [passage(c.doc_id, c.quote) for c in claims[:2]]  # the two best passages
    assert measure_slot("how many ordinances did okafor and reyes draft", COUNT, claims,
                        shown, STORY) is None


def test_a_count_of_another_thing_the_question_names_is_left_out():
    query = Query(event=None, kind="page", counted="pages", dimension="count",
                  words=("page",), loose=True)
    claims = [figure(900, "a", ["noun:page", "verb:scan", "of:letter", "name:odell"]),
              figure(880, "b", ["noun:page", "verb:scan", "of:letter", "name:odell"]),
              figure(60, "c", ["noun:letter", "verb:scan", "name:odell"])]
    slot = measure_slot("how many pages of odell's letters were scanned", query, claims, [],
                        STORY)
    assert {d for f in slot.figures for d in f.docs} == {"a", "b"}


def test_a_population_answers_no_question_about_what_happened_to_people():
    # "a town of 38,000 people": how many live there, not how many lost their jobs, however
    # many of the question's words its clause shares.
    query = Query(event="lose", kind="people", counted="people", dimension="count",
                  words=("people",))
    question = "how many people lose their jobs with the closure of the tarrow plant"
    town = dataclasses.replace(
        figure(38000, "a", ["noun:people", "w:closure", "w:tarrow", "w:plant"]),
        event="population")
    lost = figure(2750, "a", ["noun:people", "verb:lose"])
    best = answering(asked(question, query), query, [town, lost, *OTHERS], {})
    assert [c.value for _, c in best] == [2750]


def test_a_date_question_takes_the_end_of_the_span_it_asks_for():
    claims = [year(1984, "a", ["verb:chair", "role:start", "name:varga", "w:board"]),
              year(1991, "a", ["verb:chair", "role:end", "name:varga", "w:board"]),
              year(1985, "b", ["verb:lead", "role:start", "name:varga", "w:board"]),
              year(1992, "b", ["verb:lead", "role:end", "name:varga", "w:board"])]
    slot = measure_slot("when did varga leave the board", DATE, claims, [], STORY)
    assert sorted(f.value for f in slot.figures) == [1991, 1992] and slot.disputed


def test_stated_precision_makes_about_16_and_15_disagree_but_not_about_2000_and_2000():
    def kind_of(a, b):
        return build_slot("x", "x", [a, b]).relationship

    some_16 = figure(16, "a", [], qualifier="about", figure_text="some 16", low=14.4,
                     high=17.6)
    assert kind_of(some_16, figure(15, "b", [])) == "conflict"
    roughly = figure(2000, "a", [], qualifier="about", figure_text="roughly 2,000",
                     low=1800, high=2200)
    assert kind_of(roughly, figure(2000, "b", [], figure_text="2,000")) == "agree"


def test_two_ceilings_of_one_quantity_that_differ_disagree():
    first = figure(1.5e6, "a", [], qualifier="up to", figure_text="as many as 1.5 million",
                   low=0, high=1.5e6)
    second = figure(1.6e6, "b", [], qualifier="up to", figure_text="up to 1.6 million",
                    low=0, high=1.6e6)
    assert build_slot("x", "x", [first, second]).relationship == "conflict"


def test_alignment_pairs_each_figure_with_its_best_match_in_the_other_article():
    claims = [
        figure(23, "a", ["noun:ordinance", "verb:approve", "w:parking", "name:hallam"]),
        figure(4, "a", ["noun:ordinance", "verb:reject", "w:noise"]),
        figure(24, "b", ["noun:ordinance", "verb:approve", "w:parking", "name:hallam"]),
        figure(4, "b", ["noun:ordinance", "verb:reject", "w:noise"]),
    ]
    measures = {tuple(sorted(c.value for c in m)) for m in story_measures(claims)}
    assert measures == {(23, 24), (4, 4)}
    (dispute,) = measure_disputes(claims, STORY)
    assert sorted(f.value for f in dispute.figures) == [23, 24]


def test_far_apart_figures_under_two_verbs_are_two_quantities():
    claims = [figure(60, "a", ["noun:seat", "verb:lose", "w:decade", "name:party"]),
              figure(240, "b", ["noun:seat", "verb:hold", "w:decade", "name:party"])]
    assert measure_disputes(claims, STORY) == []


def test_dates_align_only_by_their_role_in_a_span():
    claims = [year(2002, "a", ["verb:lead", "role:start", "name:varga"]),
              year(2003, "b", ["verb:lead", "role:start", "name:varga"]),
              year(1955, "a", ["verb:give", "name:varga"]),
              year(2009, "b", ["verb:give", "name:varga"])]
    (dispute,) = measure_disputes(claims, STORY)
    assert sorted(f.value for f in dispute.figures) == [2002, 2003]


def test_figures_anchored_to_two_days_are_two_periods():
    claims = [figure(87, "a", ["noun:people", "verb:arrest", "day:wednesday", "w:police"]),
              figure(112, "b", ["noun:people", "verb:arrest", "day:tuesday", "w:police"]),
              *OTHERS]
    query = Query(event="arrested", kind="people", counted="people", dimension="count",
                  words=("people",))
    slot = measure_slot("how many people were arrested by police", query, claims, [], STORY)
    assert slot is None or not slot.disputed
    assert measure_disputes(claims, STORY) == []


def test_a_figure_of_an_earlier_year_is_not_this_one_s_rival():
    claims = [figure(1200, "a", ["noun:job", "verb:cut", "name:velmo"]),
              figure(2000, "b", ["noun:job", "verb:cut", "name:velmo", "time:2019"]),
              *OTHERS]
    query = Query(event="cut", kind="job", counted="jobs", dimension="count", words=("job",))
    slot = measure_slot("how many jobs is velmo cutting", query, claims, [], STORY)
    assert slot is None or not slot.disputed


def test_a_figure_of_an_earlier_event_disputes_none_of_the_story_s_own():
    # "... the deadliest since 1987, when floods in the next valley killed 40 people"
    now = figure(9, "a", ["noun:people", "verb:kill", "w:flood"], weak="")
    then = dataclasses.replace(figure(40, "b", ["noun:people", "verb:kill", "w:flood"], weak=""),
                               background=True)
    assert measure_disputes([now, then, *OTHERS], STORY) == []
    again = dataclasses.replace(then, doc_id="c", source="Outlet c", value=41, low=41, high=41)
    (dispute,) = measure_disputes([now, then, again, *OTHERS], STORY)
    assert sorted(f.value for f in dispute.figures) == [40, 41]

def test_a_duration_question_s_unit_of_time_matches_no_figure_on_its_own():
    question = "how many years in prison was the banker sentenced to"
    query = Query(event="sentence", kind="year", counted="years", dimension="duration",
                  words=("year",))
    heading = figure(15, "a", ["noun:year", "verb:head", "for:year", "w:company"],
                     dimension="duration", unit="years", weak="")
    assert "year" not in asked(question, query).terms
    assert answering(asked(question, query), query, [heading, *OTHERS], {}) == []
    sentenced = figure(9, "b", ["noun:year", "verb:sentence", "in:prison"],
                       dimension="duration", unit="years", weak="")
    best = answering(asked(question, query), query, [heading, sentenced, *OTHERS], {})
    assert [c.value for _, c in best] == [9]


def test_a_rate_aligns_with_no_total():
    # "makes about 1.8 million machines a year" / "has made more than 40 million machines"
    keys = ["noun:machine", "verb:make", "w:plant"]
    rate = dataclasses.replace(figure(1_800_000, "a", keys, weak=""),
                               quote="The plant makes 1800000 machines a year.")
    total = figure(40_000_000, "b", keys, weak="")
    assert measure_disputes([rate, total, *OTHERS], STORY) == []


def test_far_apart_amounts_sharing_only_their_verb_are_two_quantities():
    # "asked the buyer to pay back a $400m loan" / "sold to pay off $12bn in back taxes"
    loan = figure(400e6, "a", ["verb:pay", "w:pay", "w:loan", "name:orvik"],
                  dimension="money:USD", weak="")
    taxes = figure(12e9, "b", ["verb:pay", "in:tax", "w:pay", "w:tax", "name:telva"],
                   dimension="money:USD", weak="")
    assert measure_disputes([loan, taxes, *OTHERS], STORY) == []
    # the same verb and one more word in common: one quantity, revised however far
    revised = dataclasses.replace(taxes, keys=(*taxes.keys, "w:loan"))
    (dispute,) = measure_disputes([loan, revised, *OTHERS], STORY)
    assert sorted(f.value for f in dispute.figures) == [400e6, 12e9]


def test_a_question_s_measure_takes_no_far_figure_sharing_only_its_verb():
    # "how much was paid for the orvik unit": the $12bn of taxes the unit was sold to pay
    # off and the $400m loan its buyer is asked to pay back are two quantities, not a
    # conflict, though both are paid
    money = Query(event="pay", kind="money", counted="money", dimension="money")
    loan = figure(400e6, "a", ["verb:pay", "w:pay", "w:loan", "w:unit", "name:orvik"],
                  dimension="money:USD", weak="")
    taxes = figure(12e9, "b", ["verb:pay", "in:tax", "w:pay", "w:tax", "name:orvik"],
                   dimension="money:USD", weak="")
    question = "how much was paid for the orvik unit"
    shown = [passage(c.doc_id, c.quote) for c in (taxes, loan)]  # the two best passages
    assert measure_slot(question, money, [loan, taxes, *OTHERS], shown, STORY) is None
    revised = dataclasses.replace(taxes, keys=(*taxes.keys, "w:unit"))
    slot = measure_slot(question, money, [loan, revised, *OTHERS], shown, STORY)
    assert slot is not None and sorted(f.value for f in slot.figures) == [400e6, 12e9]
