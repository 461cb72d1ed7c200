"""Passages ordered by what they state (answers/typed.py): the sentence holding a figure of
the asked type, or one fitting the question, before the article's topical lead."""

from __future__ import annotations

import dataclasses

import pytest

from index.answers.typed import FIGURE_BOOST, TYPE_BOOST, figures_first, typed_first
from index.claims.questions import Query

from .made import passage
from .test_measures import DATE, OTHERS, figure, year

pytestmark = pytest.mark.fast

WHEN = "when is the secretary leaving"


def test_a_sentence_stating_a_figure_of_the_asked_type_rises_over_a_topical_lead():
    leaving = year(2019, "a", ["verb:leave", "name:mattis"])
    lead = passage("a", "The secretary quit over policy.", rank=0.10)
    dated = passage("a", leaving.quote, rank=0.08, text=f"He said so. {leaving.quote}")
    order = typed_first(WHEN, DATE, [lead, dated], {"a": [leaving]})
    assert [p.chunk for p in order] == [leaving.quote, lead.chunk]
    assert order[0].rank == pytest.approx(0.08 * (1 + TYPE_BOOST))
    # Only the found sentences count: a date in the window around them is context ...
    context = passage("a", "The secretary quit.", rank=0.08,
                      text=f"{leaving.quote} The secretary quit.")
    assert typed_first(WHEN, DATE, [lead, context], {"a": [leaving]})[0] is lead
    # ... unless it is another Chunk found for the question, shown in this window.
    taken = dataclasses.replace(context, found=(context.chunk, leaving.quote))
    assert typed_first(WHEN, DATE, [lead, taken], {"a": [leaving]})[0].found == taken.found
    # A figure of another type (a count for a "when" question) is no answer's type.
    counted = figure(12, "a", ["noun:aide", "verb:leave"])
    other = passage("a", counted.quote, rank=0.08)
    assert typed_first(WHEN, DATE, [lead, other], {"a": [counted]})[0] is lead


def test_a_count_of_another_thing_the_question_names_is_not_of_the_asked_type():
    # "how many stores did the women work in": the count of women is no count of stores.
    question = "how many stores did the women suing the chain work in"
    query = Query(event="work", kind="store", counted="stores", dimension="count",
                  words=("store",))
    women = figure(1_600_000, "a", ["noun:woman", "verb:block"], weak="")
    women = dataclasses.replace(women, counted="women", kind="civilians")
    lead = passage("a", women.quote, rank=0.10)
    stores = figure(3400, "b", ["noun:store", "verb:work"], weak="")
    stores = dataclasses.replace(stores, counted="stores", kind="store")
    stating = passage("b", stores.quote, rank=0.08)
    order = typed_first(question, query, [lead, stating], {"a": [women], "b": [stores]})
    assert [p.doc_id for p in order] == ["b", "a"]
    # A count of a thing the question does not name may be its answer in other words.
    jobs = dataclasses.replace(women, counted="journalist jobs", kind="job")
    order = typed_first(question, query, [lead, stating], {"a": [jobs], "b": [stores]})
    assert order[0].rank == pytest.approx(0.10 * (1 + TYPE_BOOST))


def test_a_passage_stating_a_figure_that_fits_the_question_rises_by_its_fit():
    # "how many stores did the plaintiffs work in": "3,400 stores" before the topical lead
    query = Query(event=None, kind="store", counted="stores", dimension="count",
                  words=("store",))
    stores = figure(3400, "a", ["noun:store", "verb:work", "w:plaintiff"], weak="")
    lead = passage("b", "The company faces the largest class action in history.", rank=0.10)
    stating = passage("a", stores.quote, rank=0.08)
    order = figures_first("how many stores did the plaintiffs work in", query,
                          [lead, stating], {"a": [stores, *OTHERS]}, {})
    assert [p.doc_id for p in order] == ["a", "b"]
    assert order[0].rank == pytest.approx(0.08 * (1 + FIGURE_BOOST))
    # a figure of the type matching nothing the question asks is no reason to rise
    other = figure(12, "a", ["noun:aide", "verb:leave"], weak="")
    unfit = passage("a", other.quote, rank=0.08)
    order = figures_first("how many stores did the plaintiffs work in", query, [lead, unfit],
                          {"a": [other]}, {})
    assert [p.doc_id for p in order] == ["b", "a"]
