"""How a figure and its Slot are put into words: a figure as the sources write it, the
outlets and authorities behind it, how a Slot's figures relate, its heading and timeline.

Separate from text.py, which lays out the terminal's answers and listings: the chart
(chart.py) and the bot word figures with these same helpers and lay out no terminal text.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..claims.context import named_place
from ..records import Figure, Relation, Slot

MAX_NAMES = 8  # outlets or authorities printed for one figure; the rest are counted
RELATION_WORDS = {
    "conflict": "conflict", "bound": "a bound compatible with the others",
    "update": "a later revision", "scope": "counts something different", "agree": "agree",
}


def format_number(value: float) -> str:
    """'12', '1,000', '19 million', '2.5 billion': as a newsroom writes it."""
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if value >= scale and round(value / scale, 2) == value / scale:
            return f"{value / scale:g} {word}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def figure_label(figure: Figure) -> str:
    """'at least 8', '12', 'dozens', '$2.1 billion', '61%', 'about 35,000 acres',
    'January 5' — as the sources put it."""
    first = figure.claims[0] if figure.claims else None
    kind = first.kind if first else ""
    dimension = first.dimension if first else "count"
    if kind == "money" or dimension.startswith("money:") or dimension == "date":
        same = [c for c in figure.claims if c.qualifier == figure.qualifier]
        written = (same or list(figure.claims))[0]
        unit = written.unit if dimension.startswith("money:") else None
        return _with_unit(written.figure, unit)
    if kind.startswith("%") or dimension == "%":
        return _counted_label(figure) + "%"
    if dimension == "magnitude" and first is not None:
        return f"magnitude {first.figure}"  # "magnitude 7.0": its digits as written
    if dimension != "count" and first is not None:
        return _with_unit(_counted_label(figure), first.unit)
    return _counted_label(figure)


def _with_unit(text: str, unit: str | None) -> str:
    """'120m' + 'euros' -> '120m euros'; '€120 million' stays as it is."""
    if not unit or unit.lower() in text.lower():
        return text
    return f"{text} {unit}"


def _counted_label(figure: Figure) -> str:
    value = figure.value  # a date figure's is text, written as the sources put it
    number = value if isinstance(value, str) else format_number(value)
    if figure.qualifier == "vague":
        return figure.claims[0].figure if figure.claims else number
    if figure.qualifier and figure.qualifier not in ("a", "range"):
        return f"{figure.qualifier} {number}"
    return figure.claims[0].figure if figure.qualifier == "range" and figure.claims else number


def independence(figure: Figure) -> str:
    """'3 outlets, 1 authority': how many independent voices stand behind a figure."""
    outlets, authorities = len(figure.sources), len(figure.authorities)
    text = f"{outlets} outlet{'s' if outlets != 1 else ''}"
    if authorities:
        text += f", {authorities} authorit{'ies' if authorities != 1 else 'y'}"
    return text


def listed(names: Sequence[str], separator: str, most: int = MAX_NAMES) -> str:
    """At most `most` names, then how many more: 2,000 syndicated copies of one figure
    are counted, not printed one by one (the count before them says how many there are)."""
    shown = separator.join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def relation_sentence(slot: Slot) -> str:
    """How the figures relate, e.g. '12 and 13 conflict; at least 8 is a lower bound...'."""
    labels = [figure_label(f) for f in slot.figures]
    parts = []
    for rel in slot.relations:
        a, b = labels[rel.first], labels[rel.second]
        if rel.relationship == "bound":
            parts.append(f"{a} and {b} are compatible (a bound, not a contradiction)")
        elif rel.relationship == "scope" and (places := _two_places(slot, rel)):
            parts.append(f"{a} and {b} are for different places ({places})")
        elif rel.relationship == "scope":
            parts.append(f"{a} and {b} count different things")
        elif rel.relationship == "update":
            parts.append(f"{b} revises {a}")
        elif rel.relationship == "conflict":
            parts.append(f"{a} and {b} conflict")
    return "; ".join(parts)


def _two_places(slot: Slot, rel: Relation) -> str | None:
    """'cassera, marlo' when the two Figures are stated for named places and share none."""
    named = [{c.place for c in slot.figures[i].claims if named_place(c.place)}
             for i in (rel.first, rel.second)]
    if not (named[0] and named[1]) or named[0] & named[1]:
        return None
    return " / ".join(", ".join(sorted(p.title() for p in n)) for n in named)


def slot_heading(slot: Slot) -> str:
    """'Sources disagree', 'Sources agree' (every figure shown the same), 'Sources give
    compatible figures' (a bound beside a figure: "at least 8" and 12), 'Sources count
    different things' (scope), or 'One source reports' (agreement needs two)."""
    if slot.disputed:
        return "Sources disagree"
    outlets = {s for f in slot.figures for s in f.sources}
    if len(outlets) < 2:
        return "One source reports"
    if slot.relationship == "scope":
        return "Sources count different things"
    return "Sources agree" if slot.relationship == "agree" else "Sources give compatible figures"


def timeline(slot: Slot) -> str | None:
    """'latest 154 — OSNA, Fri 15 Aug; earlier: 137 Thu 14 Aug, ...' for figures that were
    revised over days: every Figure by the date of its latest report, latest first."""
    if not any(r.relationship == "update" for r in slot.relations):
        return None
    dated = sorted(((f, _day(f)) for f in slot.figures if _day(f)),
                   key=lambda fd: max(c.date[:10] for c in fd[0].claims if c.date),
                   reverse=True)
    if len(dated) < 2:
        return None
    (latest, day), *earlier = dated
    text = f"latest {figure_label(latest)} — {listed(latest.sources, ', ')}, {day}"
    return text + "; earlier: " + ", ".join(f"{figure_label(f)} {d}" for f, d in earlier)


def _day(figure: Figure) -> str | None:
    import datetime as dt

    dates = sorted({c.date[:10] for c in figure.claims if c.date}, reverse=True)
    try:
        return dt.date.fromisoformat(dates[0]).strftime("%a %d %b") if dates else None
    except ValueError:
        return dates[0]
