"""How two Figures of one slot relate: agree, bound, conflict, update or scope.

Figures are compared in the common unit of their dimension (hectares, km, days; money only
within a currency, or where the article gives the rate), and each pair is typed:

- agree: the same quantity written two ways ("14,200 hectares" / "about 35,000 acres"), or
  rounded by one outlet ("52%" / "51.8%");
- bound: their intervals overlap ("at least 8" and 12 can both be true), or one is vague
  ("dozens"), which cannot contradict a precise figure;
- conflict: they cannot both be true (12 and 13);
- update: a later report, or one that says "rose to", revises the other;
- scope: they count different things (officers vs. people in general; two currencies with
  no rate given; amounts of two periods; two days' new cases).

Separate from disagreements.py, which groups a slot's Claims into Figures and builds the
Slot from every pair's relation: here is what relating needs of a Figure (`Span`) and the
rules that type a pair, which the message check (check.py) applies to a message's figure too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..claims import lexicon
from ..claims.context import named_place
from ..claims.units import canonical
from ..records import Figure, Relationship
from .precision import rounding, stated

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SAME_VALUE = 0.05  # two units' figures within 5% of each other state one quantity


@dataclass(frozen=True)
class Span:
    """What relating a Figure to another needs, gathered once per Figure: a slot of n
    Figures has n²/2 pairs, and at 100k passages a Figure holds thousands of Claims."""

    kinds: frozenset[str]
    revision: bool
    first: str | None  # earliest and latest ISO date (other formats cannot be ordered)
    last: str | None
    low: float
    high: float
    dimension: str
    vague: bool
    value: float | None
    unit: str | None = None
    equivalents: tuple[tuple[str, float, float], ...] = ()
    docs: frozenset[str] = frozenset()
    rounding: float = 0.0  # half the unit of the figure's last written digit, if rounded
    places: frozenset[str] = frozenset()  # the places its claims name (not "national")
    whole: bool = False  # every claim says it is the whole ("nationwide", "worldwide")
    open_ended: bool = False  # every claim is a floor: "at least 29", "more than 200"

    @classmethod
    def of(cls, figure: Figure) -> Span:
        claims = figure.claims
        dates = {c.date[:10] for c in claims if c.date and ISO_DATE.match(c.date)}
        first = claims[0]
        return cls(kinds=frozenset(c.kind for c in claims),
                   revision=any(c.revision for c in claims),
                   first=min(dates, default=None), last=max(dates, default=None),
                   low=min(stated(c)[0] for c in claims),
                   high=max(stated(c)[1] for c in claims),
                   dimension=first.dimension, vague=all(c.qualifier == "vague" for c in claims),
                   value=first.normalized if first.normalized is not None else
                   (first.value if isinstance(first.value, int | float) else None),
                   unit=canonical((first.unit or "").lower() or None),
                   docs=frozenset(c.doc_id for c in claims),
                   equivalents=tuple(e for c in claims for e in c.equivalents),
                   rounding=rounding(first),
                   places=frozenset(c.place for c in claims if named_place(c.place)),
                   whole=all(c.place == "national" for c in claims),
                   open_ended=all(c.qualifier in ("at least", "more than") for c in claims))


def later(a: Span, b: Span) -> bool:
    """Whether every report of `a` is dated after every report of `b`."""
    return a.first is not None and b.last is not None and a.first > b.last


def _comparable(a: Span, b: Span) -> tuple[float, float, float, float] | None:
    """Both intervals in one unit: the same dimension, or a rate the article gave."""
    if a.dimension == b.dimension:
        return a.low, a.high, b.low, b.high
    for dimension, low, high in a.equivalents:
        if dimension == b.dimension:
            return low, high, b.low, b.high
    for dimension, low, high in b.equivalents:
        if dimension == a.dimension:
            return a.low, a.high, low, high
    return None


# People in general and the public they are drawn from ("a crowd of 20,000" / "50,000
# supporters"; "5,000 people" / "5,000 residents evacuated") are one population; security
# forces and rescuers are counted apart from it ("353 officers" / "1,000 people": scope).
ONE_POPULATION = {"people", "civilians", "protesters"}


def _same_kind(a: Span, b: Span) -> bool:
    if a.kinds & b.kinds:
        return True
    if "" in a.kinds | b.kinds and a.dimension not in ("count", "%", "date") and \
            not a.dimension.startswith("money"):
        return True  # a measure whose sentence names no thing ("gusts reaching 93 mph")
    together = a.kinds | b.kinds
    return "people" in together and together <= ONE_POPULATION and len(together) == 2


def _other_places(a: Span, b: Span) -> bool:
    """Figures stated for two places the reports name ("44.3C in Cassera", "46.1C in
    Marlo") are two quantities, whichever reports give them; one place inside another's
    name ("Marlo", "Marlo province") is the same. So are a figure for a named place and one
    said to be the whole ("3,100 in Marsport", "18,000 worldwide"): a part and its whole —
    unless the part is the larger, which no part can be."""
    for whole, part in ((a, b), (b, a)):
        if whole.whole and part.places and not whole.places:
            return part.low <= whole.high
    return bool(a.places and b.places) and not any(
        x in y or y in x for x in a.places for y in b.places)


def _increment(span: Span) -> bool:
    return any(k.rpartition("|")[2] in lexicon.INCREMENTS for k in span.kinds)


def relate(a: Span, b: Span) -> Relationship:
    """How two Figures of one slot relate (see the module docstring)."""
    if _converted(a, b):
        return Relationship.AGREE  # "42 square kilometres" / "about 16 square miles"
    if not _same_kind(a, b) or _other_places(a, b):
        return Relationship.SCOPE
    bounds = _comparable(a, b)
    if bounds is None:
        return Relationship.SCOPE
    a_low, a_high, b_low, b_high = bounds
    if a.dimension == b.dimension and a.value is not None and b.value is not None and \
            not (a.vague or b.vague) and abs(a.value - b.value) <= max(a.rounding, b.rounding):
        return Relationship.AGREE  # "52%" and "51.8%": one figure, rounded by one outlet
    overlap = max(a_low, b_low) <= min(a_high, b_high)
    if a.dimension != b.dimension:  # two currencies, at the rate the article gave
        return Relationship.AGREE if overlap else Relationship.CONFLICT
    if a.unit != b.unit and same_value(a.value, b.value):
        # One amount with its unit written two ways ("€2.5m" / "2.5 million euros"); a
        # measure in two units ("14,200 hectares" / "35,000 acres") was read as converted
        # above. Within 5% is the same figure, rounded.
        return Relationship.AGREE
    if not (a.vague or b.vague) and _rose(a, b):
        return Relationship.UPDATE  # "the toll rose to 38" beside "at least 29": revised
    if overlap or a.vague or b.vague:
        return Relationship.BOUND
    if (later(a, b) or later(b, a)) and a.dimension != "date":
        # A date is not a toll that rises from one day's report to the next: two dates for
        # one event conflict unless one says it revises the other ("moved up to").
        # "23 new cases" on Monday and "31 new cases" on Tuesday: two days' increments, not
        # one figure revised.
        return Relationship.SCOPE if _increment(a) or _increment(b) else Relationship.UPDATE
    # "rose to": a revision where the dates cannot say which report is later — but a figure
    # that "rose to 5" cannot have revised another outlet's 6 the same day, and one article
    # giving both figures presents them side by side, not one as the other's revision.
    if not a.docs & b.docs and ((a.revision and a.low > b.high)
                                or (b.revision and b.low > a.high)):
        return Relationship.UPDATE
    return Relationship.CONFLICT


def _converted(a: Span, b: Span) -> bool:
    """One measure written in two units (an area, a length ...): within SAME_VALUE once
    converted, whatever each clause says it measures — two different quantities that close
    in two unit systems would be a coincidence."""
    return a.dimension == b.dimension and measured(a.dimension) and a.unit != b.unit and \
        same_value(a.value, b.value)


def _rose(a: Span, b: Span) -> bool:
    """A figure that says it revises another ("rose to 38", "now stands at") beside another
    Article's lower one, or a later report's exact figure above an earlier "at least":
    the toll rose, which is a revision even though the bound fits it."""
    if a.dimension != "count" or a.docs & b.docs or a.value is None or b.value is None \
            or a.value == b.value:
        return False  # a toll rises; a temperature or a loss read another day is another
    higher, lower = (a, b) if a.value > b.value else (b, a)
    if higher.revision and not lower.revision:
        return True
    return later(higher, lower) and lower.open_ended


def same_value(a: float | None, b: float | None) -> bool:
    """Two figures within SAME_VALUE of each other (in one unit): one value, rounded."""
    return a is not None and b is not None and abs(a - b) <= SAME_VALUE * max(abs(a), abs(b))


def measured(dimension: str) -> bool:
    """A dimension with a unit of measure (an area, a length, a volume ...): not a count,
    a share, a date or an amount of money."""
    return dimension not in ("count", "%", "date") and not dimension.startswith("money")


def relation(a: Figure, b: Figure) -> Relationship:
    """How two Figures of one slot relate (see the module docstring)."""
    return relate(Span.of(a), Span.of(b))

