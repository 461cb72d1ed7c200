"""Slots and their Figures: the disagreement engine.

A slot is one quantity of one Story ("security officers killed", "area burned"). Claims in
a slot are grouped into Figures by the figure as written ("at least eight" and "Eight" are
one Figure, 8, with every outlet and authority behind it). Every pair of Figures is typed
agree, bound, conflict, update or scope, in the common unit of their dimension
(relations.py).

Sources disagree in a slot when some pair conflicts or updates; its relationship is the
strongest among its pairs (conflict > update > scope > bound > agree). A slot lists at most
MAX_FIGURES Figures (the most reported, the latest for a rising toll) and relates only
those, so what is shown stays bounded however large the corpus.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..claims import lexicon
from ..records import Claim, Figure, Relation, Relationship, Slot, StoryRef
from .relations import Span, later, relate

STRENGTH = {Relationship.CONFLICT: 4, Relationship.UPDATE: 3, Relationship.SCOPE: 2,
            Relationship.BOUND: 1, Relationship.AGREE: 0}
MAX_FIGURES = 8
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


def _ordered(i: int, j: int, spans: Sequence[Span], relationship: Relationship) -> Relation:
    """A Relation whose `second` is the revision when the relationship is "update"."""
    a, b = spans[i], spans[j]
    revises_first = a.revision and not b.revision
    if relationship == Relationship.UPDATE and (later(a, b) or revises_first):
        return Relation(j, i, relationship)
    return Relation(i, j, relationship)


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
