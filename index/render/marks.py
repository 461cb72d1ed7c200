"""What a chart of a Slot shows, before any drawing: one mark per Figure with a number (its
value in the Slot's common unit, the interval its hedge allows, its first report's day), and
the same in words (the image's alt text and caption). Kept apart from `chart.py`, which
draws them with matplotlib, so the words need no drawing library.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

from ..claims.units import common_unit
from ..records import Figure, Slot
from .figures import figure_label
from .links import escape, link, outlet_links

HEADINGS = {"conflict": "sources disagree", "update": "the figure changed between reports",
            "scope": "sources count different things", "bound": "a hedged figure and a count",
            "agree": "sources agree"}
MAX_DESCRIPTION = 1000  # Discord's attachment description (alt text) holds 1,024


@dataclass(frozen=True)
class Mark:
    """One Figure as drawn: its value, the interval its hedge allows, its first report."""

    figure: Figure
    label: str
    value: float
    low: float
    high: float
    day: dt.date | None


def marks(slot: Slot) -> list[Mark]:
    """The Figures of a Slot that have a number to draw (dates and words have none)."""
    out = []
    for figure in slot.figures:
        same = [c for c in figure.claims if c.qualifier == figure.qualifier] or list(
            figure.claims)
        if not same or isinstance(same[0].value, str):
            continue
        claim = same[0]
        value = claim.normalized if claim.normalized is not None else float(claim.value)
        low, high = claim.span
        out.append(Mark(figure, figure_label(figure), value, low, high, _first_day(figure)))
    return out


def _first_day(figure: Figure) -> dt.date | None:
    days = []
    for claim in figure.claims:
        try:
            days.append(dt.date.fromisoformat((claim.date or "")[:10]))
        except ValueError:
            continue
    return min(days, default=None)


def drawable(slot: Slot) -> bool:
    """A chart is drawn where figures differ: two numbers at least."""
    return len(marks(slot)) >= 2


def timeline_marks(slot: Slot) -> list[Mark] | None:
    """The dated marks of an update Slot, oldest first, or None when they span one day."""
    if slot.relationship != "update":
        return None
    dated = sorted((m for m in marks(slot) if m.day), key=lambda m: (m.day, m.value))
    return dated if len({m.day for m in dated}) >= 2 else None


def unit_of(slot: Slot) -> str:
    """The axis's unit: the dimension's common unit, a currency, a share, or what is counted."""
    dimension = slot.dimension
    if dimension.startswith("money:"):
        return dimension.split(":", 1)[1]
    if dimension == "%":
        return "%"
    return common_unit(dimension) or (slot.figures[0].counted if slot.figures else "") or ""


def describe(slot: Slot, urls: Mapping[str, str] | None = None) -> str:
    """What the chart shows, in words; with `urls` (doc id -> address), as markdown with
    each outlet that has an address linked."""
    shown = timeline_marks(slot) or marks(slot)
    write = (lambda text: escape(text)) if urls is not None else (lambda text: text)
    parts = []
    for mark in shown:
        outlets = ", ".join(link(write(name), url) if urls is not None else name
                            for name, url in outlet_links(mark.figure, urls or {}))
        when = f" on {mark.day:%d %b %Y}" if timeline_marks(slot) and mark.day else ""
        parts.append(f"{write(mark.label)}{when} ({outlets or 'unattributed'})")
    how = ("by report date" if timeline_marks(slot) else
           f"in {unit_of(slot)}" if unit_of(slot) else "side by side")
    heading = HEADINGS.get(slot.relationship, slot.relationship)
    text = (f"Chart of {write(slot.about)}, {heading}: figures "
            f"{how}: {'; '.join(parts)}.")
    if any(math.isinf(m.high) for m in shown):
        text += " Open-ended figures (at least, more than) are drawn as arrows."
    return text if urls is not None or len(text) <= MAX_DESCRIPTION else (
        textwrap.shorten(text, MAX_DESCRIPTION, placeholder=" …"))
