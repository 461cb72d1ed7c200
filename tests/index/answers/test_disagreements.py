"""Slot grouping and relation typing on hand-made claims."""

from __future__ import annotations

import math

from index.answers.disagreements import build_slot, corpus_disputes, relation, slot_for
from index.claims.questions import Query
from index.records import Claim


def claim(value, *, low=None, high=None, qualifier=None, kind="security", event="killed",
          doc="a", source="Outlet A", authority=None, date="2024-01-02", revision=False,
          counted="police officers"):
    return Claim(value=value, low=value if low is None else low,
                 high=value if high is None else high, qualifier=qualifier, figure=str(value),
                 counted=counted, kind=kind, event=event, authority=authority, doc_id=doc,
                 source=source, date=date, quote=f"{value} {counted} were {event}.",
                 revision=revision)


def kinds(*claims_):
    slot = build_slot("officers killed", "killed", claims_)
    return slot.kind, [r.kind for r in slot.relations]


def test_same_base_figure_with_different_hedges_agrees():
    slot = build_slot("population", "population", [
        claim(19e6, kind="people", doc="a"),
        claim(19e6, low=17.1e6, qualifier="nearly", kind="people", doc="b", source="B")])
    assert slot.kind == "agree" and not slot.disputed and len(slot.figures) == 1
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


def test_different_kinds_counted_are_scope():
    slot = build_slot("people injured", "injured", [
        claim(353, event="injured"),
        claim(1000, low=1001, high=math.inf, event="injured", kind="people", doc="b",
              source="B", counted="people")])
    assert slot.kind == "scope"


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
    officers = slot_for(Query("killed", "security", "officers"), claims)
    assert sorted(f.value for f in officers.figures) == [12, 13]
    people = slot_for(Query("killed", "people", "people"), claims)
    assert sorted(f.value for f in people.figures) == [12, 13, 30]


def test_corpus_disputes_need_two_outlets():
    one_outlet = [claim(5, event="missing"), claim(6, event="missing", doc="b")]
    two_outlets = [claim(12), claim(13, doc="b", source="B")]
    assert [s.event for s in corpus_disputes(one_outlet + two_outlets)] == ["killed"]


def test_relation_is_symmetric_for_intervals():
    a, b = (build_slot("x", "killed", [c]).figures[0]
            for c in (claim(8, high=math.inf, qualifier="at least"), claim(12, doc="b")))
    assert relation(a, b) == relation(b, a) == "bound"


def test_an_update_names_the_later_figure_as_the_revision():
    slot = build_slot("people killed", "killed", [
        claim(2000, doc="b", source="B", date="2023-09-10"),
        claim(820, doc="a", source="A", date="2023-09-09")])
    (rel,) = slot.relations
    assert rel.kind == "update"
    assert slot.figures[rel.second].value == 2000 and slot.figures[rel.first].value == 820
