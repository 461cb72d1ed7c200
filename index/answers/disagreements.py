"""Slots, Figures and how they relate: the disagreement engine.

A slot is one quantity of one Story ("security officers killed", "area burned"). Claims in
a slot are grouped into Figures by the figure as written ("at least eight" and "Eight" are
one Figure, 8, with every outlet and authority behind it). Figures are compared in the
common unit of their dimension (hectares, km, days; money only within a currency, or where
the article gives the rate), and each pair is typed:

- agree: the same quantity written two ways ("14,200 hectares" / "about 35,000 acres"), or
  rounded by one outlet ("52%" / "51.8%");
- bound: their intervals overlap ("at least 8" and 12 can both be true), or one is vague
  ("dozens"), which cannot contradict a precise figure;
- conflict: they cannot both be true (12 and 13);
- update: a later report, or one that says "rose to", revises the other;
- scope: they count different things (officers vs. people in general; two currencies with
  no rate given; amounts of two periods; two days' new cases).

Sources disagree in a slot when some pair conflicts or updates; its relationship is the
strongest among its pairs (conflict > update > scope > bound > agree). A slot lists at most
MAX_FIGURES Figures (the most reported, the latest for a rising toll) and relates only
those, so what is shown stays bounded however large the corpus.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..claims import lexicon
from ..claims.context import named_place
from ..claims.units import canonical
from ..records import Claim, Figure, Relation, Relationship, Slot, StoryRef
from .precision import rounding, stated

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
STRENGTH = {Relationship.CONFLICT: 4, Relationship.UPDATE: 3, Relationship.SCOPE: 2,
            Relationship.BOUND: 1, Relationship.AGREE: 0}
MAX_FIGURES = 8
SAME_VALUE = 0.05  # two units' figures within 5% of each other state one quantity
PERSON = re.compile(r"(?:[A-Z][\w'’-]+\s+){1,2}[A-Z][\w'’-]+$")


def _same_voice(value: str) -> str:
    """One key per voice: 'police spokesman Saltanat Azirbek' and 'police spokeswoman
    Saltanat Azirbek' are one authority, whatever role each outlet gives the person."""
    named = PERSON.search(value)
    return named.group(0).lower() if named and " " in named.group(0) else value.lower()


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        if value and _same_voice(value) not in seen:
            seen[_same_voice(value)] = value
    return tuple(seen.values())


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values)
    return counts.most_common(1)[0][0] if counts else None


def _hedge(claims: Sequence[Claim]) -> str | None:
    """The hedge most sources use; on a tie the exact figure ("13" over "at least 13")."""
    counts = Counter(c.qualifier for c in claims)
    return max(counts, key=lambda q: (counts[q], q is None))


def figure_of(claims: Sequence[Claim]) -> Figure:
    """One Figure from Claims that share a value and unit."""
    # Quote a claim that names its authority when one does: it shows where the figure is
    # from; a body by name before a generic one ("the civil protection agency" over
    # "officials" when one article gives the figure twice).
    quoted = next((c for c in claims if c.authority and not _generic(c.authority)),
                  next((c for c in claims if c.authority), claims[0]))
    return Figure(
        value=claims[0].value, qualifier=_hedge(claims),
        counted=_most_common(c.counted for c in claims if c.counted) or "",
        docs=_unique(c.doc_id for c in claims), sources=_unique(c.source for c in claims),
        authorities=_unique(c.authority for c in claims), quote=quoted.quote,
        quote_doc=quoted.doc_id, claims=tuple(claims),
    )


def _generic(authority: str) -> bool:
    """'officials', 'local media', 'Kazakhstan's local outlet': no one body is named."""
    words = authority.lower().split()
    return not words or words[-1] in lexicon.GENERIC_AUTHORITIES


def _dedupe(claims: Iterable[Claim]) -> list[Claim]:
    """The same figure in the same sentence of the same Article counts once."""
    seen: dict[tuple, Claim] = {}
    for claim in claims:
        seen.setdefault((claim.doc_id, claim.quote, claim.figure), claim)
    return list(seen.values())


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


def _later(a: Span, b: Span) -> bool:
    """Whether every report of `a` is dated after every report of `b`."""
    return a.first is not None and b.last is not None and a.first > b.last


def _ordered(i: int, j: int, spans: Sequence[Span], relationship: Relationship) -> Relation:
    """A Relation whose `second` is the revision when the relationship is "update"."""
    a, b = spans[i], spans[j]
    revises_first = a.revision and not b.revision
    if relationship == Relationship.UPDATE and (_later(a, b) or revises_first):
        return Relation(j, i, relationship)
    return Relation(i, j, relationship)


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
    if (_later(a, b) or _later(b, a)) and a.dimension != "date":
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
    return _later(higher, lower) and lower.open_ended


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


def _numeric_order(value: float | str) -> tuple[int, float, str]:
    """Ties by value as a number (9 before 10), dates and other text after, as written."""
    if isinstance(value, int | float):
        return (0, float(value), "")
    return (1, 0.0, str(value))


def _most_reported(figures: list[Figure]) -> list[int]:
    """The Figures a slot lists: the most reported ones."""
    order = sorted(range(len(figures)), key=lambda i: (-len(figures[i].sources),
                                                       -len(figures[i].claims),
                                                       _numeric_order(figures[i].value)))
    return order[:MAX_FIGURES]


def _relations(spans: list[Span]) -> tuple[Relation, ...]:
    return tuple(_ordered(i, j, spans, relate(spans[i], spans[j]))
                 for i in range(len(spans)) for j in range(i + 1, len(spans)))


def build_slot(about: str, event: str, claims: Iterable[Claim],
               story: StoryRef | None = None) -> Slot | None:
    """A Slot from the Claims about one thing, or None when there are none. A slot whose
    figures rise over days lists them latest first, as a timeline."""
    groups: dict[tuple, list[Claim]] = {}
    for claim in _dedupe(claims):
        groups.setdefault((claim.value, claim.unit, claim.dimension), []).append(claim)
    if not groups:
        return None
    figures = [figure_of(g) for g in groups.values()]
    figures = [figures[i] for i in _most_reported(figures)]
    spans = [Span.of(f) for f in figures]
    relations = _relations(spans)
    if len(figures) == 1 or all(r.relationship == Relationship.AGREE for r in relations):
        relationship = Relationship.AGREE
    else:
        relationship = max((r.relationship for r in relations), key=STRENGTH.__getitem__)
    if relationship == Relationship.UPDATE:
        order = sorted(range(len(figures)), key=lambda i: (spans[i].last or "", -i),
                       reverse=True)
        figures, spans = [figures[i] for i in order], [spans[i] for i in order]
        relations = _relations(spans)
    return Slot(about=about, event=event, relationship=relationship, figures=tuple(figures),
                relations=relations, story=story, more=len(groups) - len(figures),
                dimension=figures[0].claims[0].dimension)
