"""Measures learned per Story without a question: which figures of different Articles state
one quantity, for `disputes` and the Stories list.

Two figures of two Articles are aligned when each is the other's best match in the other
Article (mutual best match) on the short key parts of their clauses (claims/features.py),
with hard constraints first:

- the same kind of value (counts with counts, one currency's amounts, dates with dates);
- what is counted is the same noun when both name one ("pages" never with "emails"), and a
  date's role in a span is the same when both have one ("from 1966" with "from 1967");
- enough in common besides: the verb, the objects of prepositions, the names and words of
  the clause, each weighed by how rare it is among the Story's figures.

Aligned pairs join into measures; one Article states one quantity once in a scope, so a
measure keeps one figure per Article (its best-aligned one). A measure whose figures
conflict or revise each other is a dispute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..records import Claim, Slot, StoryRef
from .disagreements import build_slot
from .keyparts import key_terms, noun_of, rarity, role_of, weight
from .measures import close, may_be_one, measure_name, same_verb
from .times import another_time

# Two figures state one quantity when their key parts, besides the counted noun, weigh at
# least this much in common. Measured on realdev's first five stories (development half):
# the real disputes there align at 1.1 (Brooke's years: one name and the role) and more;
# the pairs of different quantities that pass the hard constraints score under 1.0 or are
# not each other's best match.
ALIGN_MIN = 1.0
MAX_BLOCK = 64  # figures of one block compared pairwise (64² / 2 similarities at most)


def _parts(claim: Claim, rare: dict[str, float]) -> dict[str, float]:
    """Stemmed words of a figure's key parts but its noun and role, each weighed (the
    noun and the role are hard constraints, not evidence)."""
    out: dict[str, float] = {}
    for part, term in key_terms(claim.keys):
        if part not in ("noun", "role"):
            out[term] = max(out.get(term, 0.0), weight(part, term, rare))
    return out


def _family(claim: Claim) -> str:
    if claim.dimension == "date":
        return f"date:{claim.unit}"
    return claim.dimension


def similarity(a: Claim, b: Claim, rare: dict[str, float]) -> float:
    """How much two figures' clauses say alike (0 when a hard constraint fails)."""
    if _family(a) != _family(b) or a.weak == "possible" or b.weak == "possible":
        return 0.0
    if a.dimension != "date" and (another_time(a, b) or a.background != b.background):
        # Another time: "at the last strike, in 2019, the unions claimed 900,000"; "the
        # deadliest since 1987, when floods killed 40 people" (an earlier event's figure,
        # which had been listed as revising the dam collapse's "at least nine").
        return 0.0
    noun_a, noun_b = noun_of(a), noun_of(b)
    if noun_a != noun_b or (a.dimension == "count" and noun_a is None):
        return 0.0  # a count names what it counts; two different things are two measures
    role_a, role_b = role_of(a), role_of(b)
    if role_a != role_b:
        return 0.0  # a date aligns by its role in a span ("since 2002" / "since 2003")
    if a.dimension == "date" and role_a is None:
        if not (same_verb(a, b) and close(a, b)):
            return 0.0  # "completed in 1874" / "completed in 1876": one verb, years apart
    elif not may_be_one(a, b):
        return 0.0  # far apart, under two verbs or with only the verb in common
    parts_a, parts_b = _parts(a, rare), _parts(b, rare)
    return sum(min(parts_a[t], parts_b[t]) for t in parts_a.keys() & parts_b.keys())


def story_measures(claims: Sequence[Claim]) -> list[list[Claim]]:
    """The measures of one Story that two or more Articles state (see the module doc).
    Copies of one sentence (syndicated reports) are compared once, and only figures that
    may align (one block: the same kind of value and noun, or role) are compared pairwise,
    at most MAX_BLOCK of them, so the work stays bounded however large the Story."""
    copies: dict[tuple, list[Claim]] = {}
    for claim in claims:
        if isinstance(claim.value, int | float) or claim.dimension == "date":
            copies.setdefault((claim.quote, claim.figure, claim.value), []).append(claim)
    firsts = [group[0] for group in copies.values()]
    rare = rarity(firsts)
    pairs: list[tuple[float, Claim, Claim]] = []
    for block in _blocks(firsts, copies):
        pairs += _mutual_best(block, rare)
    return [[c for first in measure for c in copies[(first.quote, first.figure, first.value)]]
            for measure in _join(pairs)]


def _blocks(firsts: list[Claim], copies: dict[tuple, list[Claim]]) -> list[list[Claim]]:
    """Figures that may align, grouped by what `similarity` requires them to share; in a
    block over MAX_BLOCK, the most copied first."""
    blocks: dict[tuple, list[Claim]] = {}
    for claim in firsts:
        key = (_family(claim), noun_of(claim), role_of(claim))
        blocks.setdefault(key, []).append(claim)
    out = []
    for block in blocks.values():
        block.sort(key=lambda c: -len(copies[(c.quote, c.figure, c.value)]))
        if len({c.doc_id for c in block}) > 1:
            out.append(block[:MAX_BLOCK])
    return out


def _mutual_best(block: list[Claim], rare: dict[str, float]
                 ) -> list[tuple[float, Claim, Claim]]:
    """Pairs of figures of two Articles each of which is the other's best match there."""
    scores: dict[tuple[int, int], float] = {}
    best: dict[tuple[int, str], float] = {}
    for i, a in enumerate(block):
        for j in range(i + 1, len(block)):
            b = block[j]
            if a.doc_id == b.doc_id:
                continue
            score = similarity(a, b, rare)
            if score >= ALIGN_MIN:
                scores[i, j] = score
                best[i, b.doc_id] = max(best.get((i, b.doc_id), 0.0), score)
                best[j, a.doc_id] = max(best.get((j, a.doc_id), 0.0), score)
    return [(score, block[i], block[j]) for (i, j), score in scores.items()
            if score >= best[i, block[j].doc_id] and score >= best[j, block[i].doc_id]]


def _join(pairs: list[tuple[float, Claim, Claim]]) -> list[list[Claim]]:
    """Measures from aligned pairs, strongest first; a measure takes one figure per Article."""
    measures: list[dict[str, Claim]] = []
    where: dict[int, int] = {}
    for _, a, b in sorted(pairs, key=lambda p: -p[0]):
        found = {where[id(c)] for c in (a, b) if id(c) in where}
        if not found:
            where[id(a)] = where[id(b)] = len(measures)
            measures.append({a.doc_id: a, b.doc_id: b})
            continue
        index = min(found)
        for claim in (a, b):
            if id(claim) not in where and claim.doc_id not in measures[index]:
                measures[index][claim.doc_id] = claim
                where[id(claim)] = index
    return [list(m.values()) for m in measures]


def measure_disputes(claims: Sequence[Claim], story: StoryRef) -> list[Slot]:
    """The measures of one Story on which Articles' figures conflict or revise each other."""
    out = []
    stated = _stated_values(claims)
    for measure in no_single_ones(story_measures(claims)):
        if _each_states_all(measure, stated):
            continue  # "from 63 to 66" in both reports: both give both figures
        first = measure[0]
        kind = first.kind or first.event or "figure"
        same = [replace(c, kind=kind) for c in measure]  # one measure: relate the values
        slot = build_slot(measure_name(first, kind), first.event, same, story)
        if slot is not None and slot.disputed:
            out.append(slot)
    return out


def no_single_ones(measures: list[list[Claim]]) -> list[list[Claim]]:
    """'Seven firefighters have been injured ... one firefighter suffered serious burns': a
    single one an Article singles out beside its larger count of the same noun is a part
    of it (slots.no_single_ones, for the learned measures)."""
    out = []
    for measure in measures:
        kept = [c for c in measure if not _singled_out(c, measure)]
        if len(kept) >= 2:
            out.append(kept)
    return out


def _singled_out(claim: Claim, measure: list[Claim]) -> bool:
    return claim.dimension == "count" and claim.value == 1 and claim.qualifier is None and \
        any(isinstance(c.value, int | float) and c.value > 1 for c in measure)


def _stated_values(claims: Sequence[Claim]) -> dict[str, set]:
    """Article -> every (dimension, value) it states."""
    out: dict[str, set] = {}
    for claim in claims:
        out.setdefault(claim.doc_id, set()).add((claim.dimension, claim.value))
    return out


def _each_states_all(measure: list[Claim], stated: dict[str, set]) -> bool:
    """Whether every Article of a measure states every value the measure holds."""
    values = {(c.dimension, c.value) for c in measure}
    return all(values <= stated.get(c.doc_id, set()) for c in measure)
