"""Search: the Passages nearest a question, above a calibrated relevance threshold.

Identical and near-identical Chunks from several Articles (syndicated wire copy) collapse
into one Passage that lists every Article and outlet carrying it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..records import Passage
from ..store.chroma import Hit, Store

# Cosine similarity of all-MiniLM-L6-v2 between a question and a ~700-character passage.
# Measured on the sample corpus and on off-topic questions (tests/index/answers/test_search.py):
# passages that answer a question score 0.35-0.75; the best passage for an off-topic
# question ("who won the 2022 football world cup") scores below 0.25. 0.30 keeps every
# answering passage and drops the off-topic ones; MIN_SCORE overrides it for other models.
MIN_SCORE = 0.30
CANDIDATES = 40  # nearest Chunks fetched before collapsing duplicates
NEAR_DUPLICATE = 0.65  # share of word 3-grams of the smaller Chunk found in the other:
# syndicated copies cut at different sentence boundaries share 0.65-0.9; unrelated
# passages on the same story share under 0.5 (measured on the sample corpus).
WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=1024)  # ~15 MB: a few questions' worth of candidates
def shingles(text: str) -> frozenset[tuple[str, ...]]:
    """Word 3-grams of a Chunk's text; cached, as the same Chunks come back for question
    after question and their text never changes."""
    words = WORD.findall(text.lower())
    # Hashes of the 3-grams: ints intersect faster than tuples (a tuple rehashes on every
    # lookup), and two different 3-grams sharing a 64-bit hash is not a practical concern.
    return (frozenset(map(hash, zip(words, words[1:], words[2:], strict=False)))
            or frozenset([hash(tuple(words))]))


def similarity(a: frozenset, b: frozenset) -> float:
    """Overlap coefficient of two shingle sets: 1.0 when one text contains the other."""
    return len(a & b) / max(1, min(len(a), len(b)))


def collapse(hits: Sequence[Hit], top_k: int) -> list[Passage]:
    """Best-first Passages, merging Chunks that carry the same or nearly the same text."""
    groups: list[tuple[frozenset, list[Hit]]] = []
    # A text identical to a group's first one joins that group: no earlier group can take
    # it, as none took that first one (the same answer as comparing, without comparing).
    same_text: dict[str, list[Hit]] = {}
    for hit in hits:
        if hit.chunk.text in same_text:
            same_text[hit.chunk.text].append(hit)
            continue
        grams = shingles(hit.chunk.text)
        for kept_grams, members in groups:
            if similarity(grams, kept_grams) >= NEAR_DUPLICATE:
                members.append(hit)
                break
        else:
            if len(groups) == top_k:
                continue
            groups.append((grams, [hit]))
            same_text[hit.chunk.text] = groups[-1][1]
    return [_passage(members) for _, members in groups]


def _unique(values) -> tuple:
    return tuple(dict.fromkeys(v for v in values if v))


def _passage(members: list[Hit]) -> Passage:
    best = members[0]
    chunk = best.chunk
    return Passage(doc_id=chunk.doc_id, docs=_unique(h.chunk.doc_id for h in members),
                   source=chunk.source, sources=_unique(h.chunk.source for h in members),
                   title=chunk.title, date=chunk.date, position=chunk.position,
                   text=chunk.text, score=round(best.score, 4), claims=chunk.claims)


def search_passages(store: Store, vector: Sequence[float], limit: int = CANDIDATES,
                    min_score: float | None = None, name: str | None = None) -> list[Passage]:
    """Up to `limit` relevant Passages of generation `name` (default: the active one),
    best first; [] when none passes the threshold.

    The Passages carry no claims: `answers.compose_answer` gives each the claims of every
    Article carrying it, from the generation's ClaimIndex.
    """
    threshold = MIN_SCORE if min_score is None else min_score
    hits = [h for h in store.query(vector, limit * 2, name, with_claims=False)
            if h.score >= threshold]
    return collapse(hits, limit)
