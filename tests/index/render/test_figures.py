"""The terminal's sentences about how figures relate."""

from __future__ import annotations

import pytest

from index.answers.disagreements import build_slot
from index.records import Claim
from index.render.figures import relation_sentence

pytestmark = pytest.mark.fast


def reading(value: float, place: str, doc: str) -> Claim:
    return Claim(value=value, low=value, high=value, qualifier=None, figure=f"{value}C",
                 counted="", kind="temperature", event="temperature", authority=None,
                 doc_id=doc, source=doc.title(), date="2025-07-14",
                 quote=f"Temperatures in {place.title()} reached {value}C.",
                 dimension="temperature", unit="C", normalized=value, place=place)


def test_figures_of_two_places_are_said_to_be_for_different_places():
    slot = build_slot("temperature", "temperature", [reading(44.3, "cassera", "ledger"),
                                                      reading(46.1, "marlo", "wire")])
    assert not slot.disputed
    assert relation_sentence(slot) == ("44.3 C and 46.1 C are for different places "
                                       "(Cassera / Marlo)")


def test_sources_agree_only_when_every_figure_shown_is_the_same():
    from index.render.figures import slot_heading

    def count(value, doc, qualifier=None, high=None):
        return Claim(value=value, low=value, high=value if high is None else high,
                     qualifier=qualifier, figure=str(value), counted="officers",
                     kind="security", event="killed", authority=None, doc_id=doc,
                     source=doc.title(), date="2025-07-14", quote=f"{value} died ({doc}).")

    same = build_slot("officers killed", "killed", [count(12, "a"), count(12, "b")])
    bound = build_slot("officers killed", "killed",
                       [count(8, "a", "at least", float("inf")), count(12, "b")])
    alone = build_slot("officers killed", "killed", [count(12, "a")])
    assert slot_heading(same) == "Sources agree"
    assert slot_heading(bound) == "Sources give compatible figures"
    assert slot_heading(alone) == "One source reports"


def test_a_figure_from_thousands_of_copies_lists_a_few_outlets_and_counts_the_rest():
    from index.render.figures import MAX_NAMES, listed

    names = [f"Outlet {n}" for n in range(2000)]
    text = listed(names, ", ")
    assert text.count("Outlet") == MAX_NAMES and text.endswith(f"and {2000 - MAX_NAMES} more")
    assert listed(names[:3], ", ") == "Outlet 0, Outlet 1, Outlet 2"
