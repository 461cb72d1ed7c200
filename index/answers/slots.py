"""Which Claims of a Story answer a figure question: the question decides.

A Claim answers when it is a value of the kind asked (a count, an amount of money, an area,
a date ...), about this Story's event rather than an earlier one, counting what the
question counts, for the event it asks about, in the place it names. When the question's
event is one the corpus words otherwise ("seize" / "commandeered"), the event of the
figures in the passages that answer the question stands in for it — only where what is
counted is a thing or a measure: people are counted for every event, so "how many people
will be vaccinated" would otherwise be answered with the death toll of its passages, and
every event has a date ("when was she born" is not answered by the year of her prize).

When in doubt, leave out: two figures one article gives for what looks like one quantity
("35,000 acres of pine forest ... 3,500 acres of olive groves") are two quantities, told
apart by what each counts, and a question that names neither gets the one most outlets
report. A false disagreement costs more than a missed one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from ..claims import lexicon
from ..claims.context import named_place
from ..claims.lexicon import asking, grammar
from ..claims.questions import Query
from ..records import Claim
from .relations import measured, same_value

WORD = re.compile(r"[a-z]+")
SUPPORT_RANKS = 5  # a figure in one of the first passages may name the event asked about

Support = Callable[[Claim], int | None]  # a Claim's best passage rank for the question


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def words_of(text: str) -> set[str]:
    return {_stem(w) for w in WORD.findall(text.lower())} - grammar.GENERIC_WORDS


def dimension_ok(query: Query, claim: Claim) -> bool:
    if query.or_share and claim.dimension == "%":
        return True  # "prices rose 12%" answers how much they rose (Query.or_share)
    if query.dimension == "money":
        return claim.dimension.startswith("money:")
    if query.dimension == "measure":  # "how much water": litres, tonnes, hectares ...
        return claim.dimension not in ("count", "%", "date") and \
            not claim.dimension.startswith("money:") and \
            (claim.dimension != "duration" or query.kind in asking.TIME_ASKED)
    return claim.dimension == query.dimension


def counted_ok(query: Query, claim: Claim) -> bool:
    """Whether a Claim counts what the question counts (see the module docstring)."""
    if claim.dimension == "count":
        if query.kind in lexicon.PERSON_KINDS:
            return lexicon.compatible(query.kind, claim.kind)
        # The head noun is what is counted: "water purification tablets" are tablets, and
        # a count of what the question's own head is qualified by is of another thing: "how
        # many store managers" is not answered by "3,400 stores" (a testers' question on
        # realdev, shown the stores as its figure; no other question of any file moved).
        head = claim.counted.split()[-1] if claim.counted.split() else ""
        counts = words_of(head)
        asked, qualifiers = _asked_things(query.words)
        return query.kind == claim.kind or (bool(asked & counts) and not counts <= qualifiers)
    if claim.dimension == "%":
        return lexicon.compatible(query.kind, claim.kind) or query.kind == "%" or query.or_share
    return True  # measures, money and dates: told apart by `specific` below


@functools.lru_cache(maxsize=1024)
def _asked_things(words: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The words of what a question counts, and those of them that only qualify its head
    ("store" in "store managers"); read once per question, not once per Claim of a Story."""
    head = words_of(" ".join(words[-1:]))
    return frozenset(words_of(" ".join(words))), frozenset(words_of(" ".join(words[:-1])) - head)


def in_time(query: Query, claims: Sequence[Claim]) -> list[Claim]:
    """This Story's own figures; or, for a question naming a year ("in 1998"), the figures
    of that year's event."""
    if query.year is not None:
        return [c for c in claims if str(query.year) in c.quote]
    return [c for c in claims if not c.background]


def by_event(query: Query, claims: Sequence[Claim], support: Support) -> list[Claim]:
    """The Claims of the event asked about, or of the event the best passages' figures share."""
    if query.event:
        named = [c for c in claims if c.event == query.event]
        if named or query.event in lexicon.EVENTS:
            return named  # an event the lexicon knows is never stood in for
        if query.dimension == "count" and query.kind.split("|")[0] in lexicon.PERSON_KINDS:
            return []  # "how many people will be vaccinated": any toll of people would do
        if query.dimension == "date":
            return []  # "when was she born": the year of another event is no answer
    votes: dict[str, float] = {}
    for claim in claims:
        rank = support(claim)
        if rank is not None and rank < SUPPORT_RANKS:
            votes[claim.event] = votes.get(claim.event, 0.0) + 1.0 / (1 + rank)
    if not votes:
        return []
    event = max(sorted(votes), key=votes.__getitem__)
    return [c for c in claims if c.event == event]


def by_place(query: Query, claims: Sequence[Claim]) -> list[Claim]:
    """Figures of one place. Place tells quantities apart only where one article gives the
    same quantity for two named scopes ("92,000 in Kessburg and 480,000 across the
    country"); a figure with no place given is then the whole (national) one, and "the
    capital" the one named local place. A question that names a place is not answered by a
    figure an article states for another place it names ("in Cassera" for "in Marlo")."""
    claims = [c for c in claims if _may_be_in(query.place, c.place)]
    if not places_split(claims):
        return list(claims)
    named = {c.place for c in claims if named_place(c.place)}
    def group(claim: Claim) -> str:
        if claim.place in (None, "national"):
            return "national"
        if claim.place in ("capital", "city") and len(named) == 1:
            return next(iter(named))
        return claim.place

    wanted = query.place if query.place in {group(c) for c in claims} else "national"
    return [c for c in claims if group(c) == wanted]


def _may_be_in(asked: str | None, place: str | None) -> bool:
    if not named_place(asked) or not named_place(place):
        return True
    return asked in place or place in asked


def places_split(claims: Sequence[Claim]) -> bool:
    """Whether some article gives the quantity for two scopes: two named places, or a named
    place beside a larger figure it gives no place ("forced about 12,000 from their homes ...
    In the town of Brack alone, 3,500 residents were evacuated": the part beside the whole).
    A place's figure above the article's own unplaced one is no part of it ("13 died in
    Almaty" beside "eight were killed": two reports), and only counts and amounts add up over
    places: a temperature with no place is not the whole of one given for a place."""
    per_doc: dict[str, dict[str | None, set]] = {}
    for claim in claims:
        per_doc.setdefault(claim.doc_id, {}).setdefault(claim.place, set()).add(claim.value)
    return any(_two_scopes(places, claims[0].dimension) for places in per_doc.values())


def _two_scopes(places: dict[str | None, set], dimension: str) -> bool:
    named = {p: vs for p, vs in places.items() if p is not None}
    if len(named) > 1 and len({v for vs in named.values() for v in vs}) > 1:
        return True
    unplaced = places.get(None, set())
    additive = dimension == "count" or dimension.startswith("money")
    parts = {v for p, vs in named.items() if p != "national" for v in vs}
    return additive and bool(unplaced and parts) and max(parts) < max(unplaced)


def specific(query: Query, claims: Sequence[Claim]) -> list[Claim]:
    """Tell quantities apart by what they count (see the module docstring); persons are
    told apart by kind instead (a scope relation)."""
    if not claims or (claims[0].dimension == "count" and query.kind in lexicon.PERSON_KINDS):
        return list(claims)
    asked = words_of(" ".join(query.words))
    by_doc = _by_doc(claims)
    if asked:
        overlap = {id(c): len(asked & words_of(c.counted)) for c in claims}
        best = max(overlap.values())
        if best > 0:  # "It has a length of 980 km": an unnamed size is its article's topic's
            return [c for c in claims if overlap[id(c)] == best or (
                not words_of(c.counted) and c.event in lexicon.SIZES.values()
                and not any(words_of(o.counted) for o in by_doc[c.doc_id]))]
    return [c for c in claims if not _told_apart(c, by_doc[c.doc_id])]


def _by_doc(claims: Sequence[Claim]) -> dict[str, list[Claim]]:
    """Claims grouped by Article: the checks below compare a figure with its own Article's
    only (at 100k passages a slot holds thousands of Claims)."""
    out: dict[str, list[Claim]] = {}
    for claim in claims:
        out.setdefault(claim.doc_id, []).append(claim)
    return out


def _told_apart(claim: Claim, same_article: Sequence[Claim]) -> bool:
    """A figure whose own article gives another value for a differently described thing."""
    mine = words_of(claim.counted)
    return bool(mine) and any(
        other.value != claim.value and words_of(other.counted)
        and words_of(other.counted) != mine for other in same_article)


def no_single_ones(claims: Sequence[Claim]) -> list[Claim]:
    """'Seven firefighters have been injured ... one firefighter suffered serious burns':
    a single person an article singles out beside its larger count for the same thing is a
    part of that count, not another report of it."""
    larger = {(c.doc_id, c.kind) for c in claims if c.dimension == "count"
              and isinstance(c.value, float | int) and c.value > 1}
    return [c for c in claims if not (c.dimension == "count" and c.value == 1
                                      and c.qualifier is None and (c.doc_id, c.kind) in larger)]


def one_voice(claims: Sequence[Claim]) -> list[Claim]:
    """One voice does not contradict itself in one report: where an Article gives two
    figures that cannot both be true from the same named authority, or in one sentence that
    names none, they count different things ("21 remain missing ... as many as 17 not on
    the list might also be"; "picked up just six seats ... and remain in the minority with
    194 seats", which had been shown as a conflict), and the first one stated is the figure
    for the quantity asked about."""
    kept: list[Claim] = []
    voices: dict[tuple[str, str, str], list[Claim]] = {}
    for claim in claims:
        voice = claim.authority.lower() if claim.authority else f"\0{claim.quote}"
        same = voices.setdefault((claim.doc_id, claim.kind, voice), [])
        if any(k.value != claim.value and not _fits(k, claim) for k in same):
            continue
        same.append(claim)
        kept.append(claim)
    return kept


def _fits(a: Claim, b: Claim) -> bool:
    (a_low, a_high), (b_low, b_high) = a.span, b.span
    return max(a_low, b_low) <= min(a_high, b_high) or a.revision or b.revision


def select(query: Query, claims: Sequence[Claim], support: Support) -> list[Claim]:
    """The Claims of a Story that answer a figure question."""
    pool = [c for c in in_time(query, claims) if dimension_ok(query, c)]
    asked = by_event(query, [c for c in pool if counted_ok(query, c)], support)
    asked += same_size(asked, pool) + same_count(query, asked, pool)
    if not asked and query.kind == "civilians":
        # No figure for the passengers, residents or villagers asked about: the Story's
        # figure for people is the nearest answer, as they are most of the people it
        # touched. Not for a group within them (firefighters, police, protesters): the
        # toll of everyone is not theirs ("were any firefighters hurt" is not answered by
        # the 52 people injured).
        asked = by_event(query, [c for c in pool if c.kind == "people"], support)
    return no_single_ones(one_voice(specific(query, by_place(query, asked))))


def same_size(chosen: Sequence[Claim], pool: Sequence[Claim]) -> list[Claim]:
    """A measure's figure in other words: one of the same unit dimension (an area, a
    length, a volume ...) within SAME_VALUE of a chosen one, once both are in one unit, is
    that figure, however its clause is worded ("an area of 42 square kilometres had been
    flooded" / "floodwater covered about 16 square miles": a tester's synthetic set, where
    the second had been left out). Not counts, money, shares or dates: two of those this
    close are as often two quantities (3,100 jobs / 3,000 homes)."""
    sizes = {(c.dimension, c.normalized) for c in chosen if c.normalized
             and measured(c.dimension)}
    if not sizes:
        return []  # most questions: counts, money, dates; the pool is not read
    taken = {id(c) for c in chosen}  # by identity: Claims compare field by field
    return [c for c in pool if id(c) not in taken and c.normalized and any(
        c.dimension == dimension and same_value(c.normalized, size) for dimension, size in sizes)]


def same_count(query: Query, chosen: Sequence[Claim], pool: Sequence[Claim]) -> list[Claim]:
    """A count of people for the event of a chosen count of a kind of them, with the very
    same value, is that count in plainer words ("some 6,500 residents have been moved out"
    / "about 6,500 people had been evacuated": a tester's synthetic set, where the second
    outlet had been left out of the answer). Only the same value: the toll of everyone is
    not a group's (see `select`)."""
    if query.kind == "people" or query.kind not in lexicon.PERSON_KINDS:
        return []
    counts = {(c.event, c.value) for c in chosen if c.dimension == "count"}
    taken = {id(c) for c in chosen}
    return [c for c in pool if id(c) not in taken and c.dimension == "count"
            and c.kind == "people" and (c.event, c.value) in counts]
