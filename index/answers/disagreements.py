"""Slots, Figures and how they relate: the disagreement engine.

A slot is an event plus who is counted ("security officers killed"). Claims in a slot are
grouped by base figure into Figures ("at least eight" and "Eight" are one Figure, 8, with
every outlet and authority behind it). Each pair of Figures is typed:

- bound: their intervals overlap ("at least 8" and 12 can both be true);
- conflict: they cannot both be true (12 and 13);
- update: a later report, or one that says "rose to", revises the other;
- scope: they count different kinds of people (officers vs. people in general).

A slot whose Figures all share one base figure is an agreement; otherwise its kind is the
strongest relation among its pairs (conflict > update > scope > bound).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..claims import lexicon
from ..claims.questions import Query
from ..records import Claim, Figure, Relation, Slot

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
STRENGTH = {"conflict": 4, "update": 3, "scope": 2, "bound": 1}


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
    """One Figure from Claims that share a base value."""
    # Quote a claim that names its authority when one does: it shows where the figure is from.
    quoted = next((c for c in claims if c.authority), claims[0])
    return Figure(
        value=claims[0].value, qualifier=_hedge(claims),
        counted=_most_common(c.counted for c in claims if c.counted) or "",
        docs=_unique(c.doc_id for c in claims), sources=_unique(c.source for c in claims),
        authorities=_unique(c.authority for c in claims), quote=quoted.quote,
        quote_doc=quoted.doc_id, claims=tuple(claims),
    )


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

    @classmethod
    def of(cls, figure: Figure) -> Span:
        dates = {c.date[:10] for c in figure.claims if c.date and ISO_DATE.match(c.date)}
        return cls(kinds=frozenset(c.kind for c in figure.claims),
                   revision=any(c.revision for c in figure.claims),
                   first=min(dates, default=None), last=max(dates, default=None),
                   low=min(c.low for c in figure.claims),
                   high=max(c.high for c in figure.claims))


def _later(a: Span, b: Span) -> bool:
    """Whether every report of `a` is dated after every report of `b`."""
    return a.first is not None and b.last is not None and a.first > b.last


def _ordered(i: int, j: int, spans: Sequence[Span], kind: str) -> Relation:
    """A Relation whose `second` is the revision when the kind is "update"."""
    a, b = spans[i], spans[j]
    revises_first = a.revision and not b.revision
    if kind == "update" and (_later(a, b) or revises_first):
        return Relation(j, i, kind)
    return Relation(i, j, kind)


def relate(a: Span, b: Span) -> str:
    """How two Figures of one slot relate (see the module docstring)."""
    if not a.kinds & b.kinds:
        return "scope"
    if a.revision or b.revision:
        return "update"
    if _later(a, b) or _later(b, a):
        return "update"
    return "bound" if max(a.low, b.low) <= min(a.high, b.high) else "conflict"


def relation(a: Figure, b: Figure) -> str:
    """How two Figures of one slot relate (see the module docstring)."""
    return relate(Span.of(a), Span.of(b))


def build_slot(about: str, event: str, claims: Iterable[Claim]) -> Slot | None:
    """A Slot from the Claims about one thing, or None when there are none."""
    groups: dict[float, list[Claim]] = {}
    for claim in _dedupe(claims):
        groups.setdefault(claim.value, []).append(claim)
    if not groups:
        return None
    figures = sorted((figure_of(g) for g in groups.values()),
                     key=lambda f: (-len(f.sources), -len(f.claims), f.value))
    spans = [Span.of(f) for f in figures]
    relations = tuple(_ordered(i, j, spans, relate(spans[i], spans[j]))
                      for i in range(len(figures)) for j in range(i + 1, len(figures)))
    kind = max((r.kind for r in relations), key=STRENGTH.__getitem__, default="agree")
    return Slot(about=about, event=event, kind=kind, figures=tuple(figures),
                relations=relations)


def answers_query(claim: Claim, query: Query) -> bool:
    return claim.event == query.event and lexicon.compatible(query.kind, claim.kind)


def slot_for(query: Query, claims: Iterable[Claim]) -> Slot | None:
    """The Slot a figure question asks about, from every Claim in the corpus."""
    return build_slot(query.about, query.event, (c for c in claims if answers_query(c, query)))


class ClaimIndex:
    """Every Claim of one index generation, looked up by Article and by event.

    Built once per generation so that a question touches only the Claims of its event and
    of its passages' Articles, not the whole corpus. A generation never changes, so the
    Slot of a question is built once and kept (the last SLOTS_KEPT of them): at 100k
    passages one slot gathers tens of thousands of Claims.
    """

    SLOTS_KEPT = 256

    def __init__(self, claims: Iterable[Claim]) -> None:
        self.claims = tuple(claims)
        self._slots: dict[Query, Slot | None] = {}
        self._lock = threading.Lock()
        self.by_doc: dict[str, list[Claim]] = {}
        self.by_event: dict[str, list[Claim]] = {}
        for claim in self.claims:
            self.by_doc.setdefault(claim.doc_id, []).append(claim)
            self.by_event.setdefault(claim.event, []).append(claim)

    def slot_for(self, query: Query) -> Slot | None:
        with self._lock:  # the bot asks from several threads at once
            if query in self._slots:
                return self._slots[query]
        slot = slot_for(query, self.by_event.get(query.event, ()))
        with self._lock:
            if len(self._slots) >= self.SLOTS_KEPT:
                self._slots.pop(next(iter(self._slots)))
            self._slots[query] = slot
        return slot


def corpus_disputes(claims: Iterable[Claim]) -> list[Slot]:
    """Every slot (event + kind counted) where at least two outlets report different figures."""
    by_slot: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        by_slot.setdefault((claim.event, claim.kind), []).append(claim)
    disputes = []
    for (event, kind), members in sorted(by_slot.items()):
        counted = _most_common(c.counted for c in members if c.counted) or kind
        about = "population" if event == "population" else f"{counted} {event}"
        slot = build_slot(about, event, members)
        if slot and slot.disputed and len({c.source for c in members}) >= 2:
            disputes.append(slot)
    return sorted(disputes, key=lambda s: -len({d for f in s.figures for d in f.docs}))
