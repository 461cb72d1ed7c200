"""Reading a Claim's key parts (claims/features.py: "noun:page", "verb:receive",
"role:start" ...) as stemmed words with weights: what matching a question to a figure
(measures.py) and aligning figures across Articles (alignment.py) both read.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence

from ..claims import lexicon
from ..claims.stemming import stem
from ..records import Claim

WORD = re.compile(r"[a-z]+")
# Key parts by how much they say about what a figure measures: what is counted, what the
# clause is about and the verb first, the objects of its prepositions next, then names and
# the clause's other words.
WEIGHTS = {"noun": 3.0, "subj": 2.5, "verb": 2.0, "mod": 1.0, "name": 1.5, "w": 1.0,
           "role": 0.0}
PREPOSITION = 2.0  # "of:email", "for:ad": any other part is the object of a preposition
COMMON = 0.4  # the weight left to a word every figure of the Story has (see `rarity`)
STOP = lexicon.FUNCTION_WORDS


@functools.lru_cache(maxsize=65536)
def key_terms(keys: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(part, stemmed word) for every word of a figure's key parts (cached by the keys:
    syndicated copies and repeated questions read the same ones)."""
    return tuple((part, stem(word)) for key in keys for part, _, lemma in [key.partition(":")]
                 for word in WORD.findall(lemma))


def weight(part: str, term: str, rare: dict[str, float] | None) -> float:
    """A matched word's weight: its part's, less the more common it is in the Story."""
    return WEIGHTS.get(part, PREPOSITION) * (COMMON + (1 - COMMON) * (rare or {}).get(term, 1.0))


def rarity(claims: Sequence[Claim]) -> dict[str, float]:
    """How rare each word is among a Story's figures, 0 (in all) to 1 (in one): the names
    of a story's actors are in most of its figures' clauses and tell none apart."""
    counts: dict[str, int] = {}
    for claim in claims:
        for term in {term for _, term in key_terms(claim.keys)}:
            counts[term] = counts.get(term, 0) + 1
    total = max(len(claims), 2)
    return {t: math.log(total / n) / math.log(total) for t, n in counts.items()}


def part_of(claim: Claim, part: str) -> str | None:
    """The first key part of a kind, as written ("role" -> "start")."""
    prefix = f"{part}:"
    return next((k[len(prefix):] for k in claim.keys if k.startswith(prefix)), None)


def role_of(claim: Claim) -> str | None:
    return part_of(claim, "role")


def noun_of(claim: Claim) -> str | None:
    """What the figure counts, stemmed."""
    noun = part_of(claim, "noun")
    return None if noun is None else stem(noun)


def verb_of(claim: Claim) -> str | None:
    """The figure's verb, stemmed, unless it is one that says nothing of what happened
    (be, have, say)."""
    verb = part_of(claim, "verb")
    stemmed = None if verb is None else stem(verb)
    return None if stemmed is None or stemmed in STOP else stemmed


def shares_beyond_verb(a: Claim, b: Claim) -> bool:
    """Whether two figures' clauses share a word besides their verb (what is counted and a
    date's role aside, which are compared on their own, and the names of the Story's
    actors, which are around most of its figures): one verb covers many things, and two
    figures far apart under it with nothing else in common are two quantities ("pay back
    a $900m loan" / "pay off $27.5bn in unpaid taxes", a BBC report's two)."""
    def terms(claim: Claim) -> set[str]:
        return {t for part, t in key_terms(claim.keys) if part not in ("noun", "role", "name")}
    return bool((terms(a) & terms(b)) - {verb_of(a)})
