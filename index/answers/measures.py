"""Measures: which figure of each Article answers a question, matched on short key parts.

The event rules (slots.py) answer the figure questions whose wording they know. Real news
words one quantity differently in every outlet ("laid out", "unveiled", "signed"; "15
bills" / "some 16 House-passed measures"), so every figure is also kept with the short key
parts of its clause (claims/features.py) and a question is matched against those:

- the answer type comes from the question (a count, money, a date ...), and a date's role
  in a span ("since when", "when did he leave") must fit the figure's;
- each figure is scored by the question's words found among its key parts, the counted
  noun and the verb weighing most, and by the rank of the passage stating it;
- each Article gives at most one figure (one report does not state one quantity twice with
  two values: its other figures are other measures), and only figures scoring close to the
  best one are taken as the same measure.

The figures taken form a Slot like any other (disagreements.py builds it, relations.py
relates its figures).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..claims import lexicon
from ..claims.questions import Query
from ..claims.units import unit_after
from ..records import Claim, Passage, Slot, StoryRef
from .disagreements import build_slot
from .keyparts import (
    STOP,
    key_terms,
    noun_of,
    part_of,
    rarity,
    role_of,
    shares_beyond_verb,
    stem,
    verb_of,
    weight,
)
from .slots import dimension_ok
from .times import another_time

# A figure must match at least this much of the question to answer it: a counted noun, or
# a verb and one more word. Measured on realdev's first five stories (development half):
# 2.0 let in figures matching one side word ("two remedies" for a "how many women" question).
MIN_FIT = 3.0
MIN_KEYS = 2.0  # of which the key parts alone give at least this (the rest: passage rank)
# and more than one side word (a modifier, a word of the clause) beside the names: the
# Story's actors are named around most of its figures ("how much is Peugeot paying
# Mitsubishi" met Mitsubishi's 540bn yen bailout on the two names alone).
SIDE_WORD = 1.0
# Another Article's figure is the same measure when it fits at least this share of the best
# figure's fit (realdev, development half: the 16/15 bills fit 6.0 and 4.5; figures of
# other measures in those stories fit under half of their story's best).
SAME_MEASURE = 0.5
SUPPORT = 2.0  # a figure stated in the question's best passage gains this, less by rank
SUPPORT_RANKS = 10
ROLE = 2.0  # a date in the role asked for ("since 2002" for "since when"): as a verb would
# Outlets' differing figures for one quantity are slips and rounding, not orders of
# magnitude: on realdev's development half the real ones differ by 7-10% (1.5/1.6 million,
# 15/16, 50,000/55,000) and by a year; figures of two quantities under two verbs by 2.3x
# and more (three/eight years, 60/240 seats, 64 named/150 carried) or by decades. Dates a
# slip apart differ by a year (1966/1967, 2002/2003, 2018/2019); five years apart under two
# verbs they were two events ("headed the command until 2013" / "leaving on January 1").
CLOSE = 2.0
CLOSE_YEARS = 2
BACKGROUND = 1.0  # "the 2007 fires killed 11": an earlier event's figure, ranked lower
COPIES = 8  # Articles read per candidate passage: syndicated copies state the same figures
POPULATION = "population"  # the event of "a town of 38,000": how many live there, no event


@dataclass(frozen=True)
class Asked:
    """What a question looks for among a figure's key parts: its words (stemmed) and the
    role of a date in a span it asks about ("start", "end" or None)."""

    terms: frozenset[str]
    role: str | None
    head: str | None = None  # the counted noun the question names ("pages"), stemmed


def asked(question: str, query: Query | None = None) -> Asked:
    """The question's content words (with the lemmas its parse gave: "women" is "woman")
    and the role of the date it asks for."""
    words = re.findall(r"[a-z]+", question.lower())
    role = next((lexicon.TIME_ROLES[w] for w in words if w in lexicon.TIME_ROLES
                 and w not in ("to", "from", "through")), None)
    lemmas = [*query.words, query.event or ""] if query is not None else []
    terms = {stem(w) for w in [*words, *lemmas] if w and w not in STOP and
             not (query is not None and query.dimension == "duration" and _time_unit(w))}
    head = stem(query.words[-1]) if query is not None and query.words else None
    return Asked(frozenset(terms), role, head)


def _time_unit(word: str) -> bool:
    """A unit of time ("years", "days"): in a duration question it says how the answer is
    counted, not what it is of ("how many years in prison" is not answered by "heading
    companies for 15 years", which had matched it on "years" alone: a BBC report)."""
    unit = unit_after(f" {word}", 0)
    return unit is not None and unit.category == "duration"


def fit(claim: Claim, question: Asked, rare: dict[str, float] | None = None) -> float:
    """How much of the question a figure's key parts match (see WEIGHTS), each word
    weighed by how rare it is among the Story's figures (see `rarity`)."""
    return fits(claim, question, rare)[0]


def fits(claim: Claim, question: Asked, rare: dict[str, float] | None = None,
         ) -> tuple[float, float]:
    """A figure's fit (see `fit`), and its fit without the proper names of its clause (the
    Story's actors, named around most of its figures, say nothing of what a figure
    measures): both from one pass over its key parts."""
    best: dict[str, float] = {}
    named: dict[str, float] = {}
    for part, term in key_terms(claim.keys):
        if term in question.terms:
            into = named if part == "name" else best
            into[term] = max(into.get(term, 0.0), weight(part, term, rare))
    role = role_of(claim)
    plain = sum(best.values()) + (ROLE if role and role == question.role else 0.0)
    # A word matched as a name and as another part counts once, at its heavier weight.
    return plain + sum(max(0.0, w - best.get(t, 0.0)) for t, w in named.items()), plain


def _other_thing(claim: Claim, question: Asked) -> bool:
    """A count of another thing the question names: "how many pages of her emails" is not
    answered by a count of emails. (A noun the question does not use may still be its
    thing in other words: "15 bills" / "some 16 measures".)"""
    noun = noun_of(claim)
    return question.head is not None and noun is not None and noun != question.head and \
        noun in question.terms and claim.dimension == "count"


def answering(question: Asked, query: Query, claims: Sequence[Claim],
              ranks: dict[tuple[str, str], int], rare: dict[str, float] | None = None,
              ) -> list[tuple[float, Claim]]:
    """(score, Claim) of each Article's best figure for the question, best first."""
    best: dict[str, tuple[float, Claim]] = {}
    rare = rarity(claims) if rare is None else rare
    for claim in claims:
        if not type_fits(query, claim) or _other_thing(claim, question) or \
                (query.year is not None and str(query.year) not in claim.quote):
            continue  # "in the 1996 crash": only figures of that year's event
        if claim.event == POPULATION and query.event != POPULATION:
            continue  # "a town of 38,000 people" counts no one the story touched
        role = role_of(claim)
        if question.role and role and role != question.role:
            continue
        if claim.dimension == "date" and not (role and role == question.role) and \
                verb_of(claim) not in question.terms:
            continue  # "when did she win": a date of her birth names her, not the win
        score, unnamed = fits(claim, question, rare)
        if score < MIN_KEYS or unnamed <= SIDE_WORD:
            continue
        if claim.background and claim.dimension != "date":
            score -= BACKGROUND  # a figure of an earlier event: ranked after the story's own
        rank = ranks.get((claim.doc_id, claim.quote))
        score += SUPPORT * (1 - rank / SUPPORT_RANKS) if rank is not None and \
            rank < SUPPORT_RANKS else 0.0
        if score < MIN_FIT:
            continue
        if claim.doc_id not in best or score > best[claim.doc_id][0]:
            best[claim.doc_id] = (score, claim)
    return sorted(best.values(), key=lambda sc: -sc[0])


def type_fits(query: Query, claim: Claim) -> bool:
    """The answer type: "how much X" is an amount of money as readily as a measure."""
    if query.dimension == "measure" and claim.dimension.startswith("money:"):
        return True
    return dimension_ok(query, claim)


def candidate_figures(candidates: Sequence[Passage], story: str,
                      by_doc: dict[str, list[Claim]]) -> list[Claim]:
    """The figures of a Story's Articles among the candidate passages (at most COPIES of
    the Articles carrying one passage: syndicated copies state the same figures). An
    Article with no passage among a question's best does not answer it, and the work stays
    bounded however large the Story."""
    docs = dict.fromkeys(d for p in candidates if p.story is not None and p.story.id == story
                         for d in p.docs[:COPIES])
    return [c for d in docs for c in by_doc.get(d, ())]


def sentence_ranks(candidates: Sequence[Passage], claims: Sequence[Claim],
                   ) -> dict[tuple[str, str], int]:
    """(doc, sentence) -> the rank of the best candidate passage holding the sentence."""
    ranks: dict[tuple[str, str], int] = {}
    for claim in claims:
        key = (claim.doc_id, claim.quote)
        if key not in ranks:
            rank = next((i for i, p in enumerate(candidates[:SUPPORT_RANKS])
                         if claim.doc_id in p.docs and claim.quote in p.text), None)
            if rank is not None:
                ranks[key] = rank
    return ranks


def measure_slot(question: str, query: Query | None, claims: Sequence[Claim],
                 candidates: Sequence[Passage], story: StoryRef | None,
                 rare: dict[str, float] | None = None) -> Slot | None:
    """The Slot of the measure a figure question asks about, learned from every figure of
    one Story, or None when fewer than two Articles state it."""
    if query is None:
        return None
    question_ = asked(question, query)
    scored = answering(question_, query, claims, sentence_ranks(candidates, claims), rare)
    if len(scored) < 2:
        return None
    top = scored[0][0]
    chosen = same_measure([c for score, c in scored if score >= SAME_MEASURE * top],
                          question_)
    if len({c.doc_id for c in chosen}) < 2:
        return None
    kind = chosen[0].kind or chosen[0].event or "figure"
    same = [replace(c, kind=kind) for c in chosen]  # one measure: relate values, not words
    return build_slot(measure_name(chosen[0], kind), chosen[0].event, same, story)


def same_measure(chosen: list[Claim], question: Asked) -> list[Claim]:
    """The figures of the best one's measure. Events the rules know are never mixed ("seven
    firefighters hurt" is no figure of the 430 battling the fire), and where two or more
    Articles count the very thing the question names, a count of something else is not
    taken for another word for it ("60,000 emails" / "55,000 pages")."""
    first = chosen[0]
    if first.event in lexicon.EVENTS:
        chosen = [c for c in chosen if c.event == first.event or c.event not in lexicon.EVENTS]
    if first.dimension != "date":  # "2,000 were cut in 2019": another period's figure
        chosen = [c for c in chosen if not another_time(c, first)]
    # Only figures that may be the best one's quantity ("how much was paid for the unit" had
    # set a $900m loan to pay back against $27.5bn of taxes paid off, as a conflict: a BBC
    # report).
    chosen = [c for c in chosen if c is first or may_be_one(c, first)]
    named = [c for c in chosen if noun_of(c) is not None and noun_of(c) == question.head]
    if len({c.doc_id for c in named}) >= 2:
        chosen = [c for c in chosen if noun_of(c) in (None, question.head)]
    return chosen


def may_be_one(a: Claim, b: Claim) -> bool:
    """Whether two figures may state one quantity: near enough to be one misreported
    (`close`), or under the same verb with more than the verb in common
    (keyparts.shares_beyond_verb). What a question's measure and the corpus-wide alignment
    both require of two figures."""
    return close(a, b) or (same_verb(a, b) and shares_beyond_verb(a, b))


def same_verb(a: Claim, b: Claim) -> bool:
    return verb_of(a) is not None and verb_of(a) == verb_of(b)


def close(a: Claim, b: Claim) -> bool:
    """Figures near enough to be one quantity misreported, where their verbs differ ("as
    many as 1.5 million women" involved / "up to 1.6 million" covered): counts and amounts
    within a factor of CLOSE, dates within CLOSE_YEARS. Figures further apart under two
    different verbs are other quantities (seats lost over the years / seats held)."""
    if a.dimension == "date":
        return abs(a.low - b.low) <= CLOSE_YEARS * 366
    low, high = sorted(abs(_number(c)) for c in (a, b))
    return low > 0 and high <= CLOSE * low


def _number(claim: Claim) -> float:
    value = claim.normalized if claim.normalized is not None else claim.value
    return float(value) if isinstance(value, int | float) else 0.0


def measure_name(claim: Claim, kind: str) -> str:
    """What a learned measure is, in its first figure's words: what it counts and its verb
    ("pages receive"), or for a date whom it is about and its verb ("when Varga lead")."""
    verb = part_of(claim, "verb") or claim.event
    if claim.dimension == "date":
        names = [k[5:].title() for k in claim.keys if k.startswith("name:")][:2]
        words = [k[2:] for k in claim.keys if k.startswith("w:") and k[2:] != verb][:1]
        role = role_of(claim)
        return f"when {' '.join(names or words or ['it'])} {verb}" + \
            (f" ({role})" if role else "")
    thing = claim.counted.strip("-–— ") or kind
    return f"{thing} {verb}".strip()
