"""How alike two reports are: their vectors blended with what they name or, for a short
report that names too little to be compared by its names, with the words they share.

`DENSE_WEIGHT * cosine + (1 - DENSE_WEIGHT) * overlap`, the overlap being the Jaccard of the
named entities weighted by inverse document frequency (so that "Reuters" or a country named
everywhere count little). A pair that shares no name, or whose reports lie more than
MAX_GAP_DAYS apart, scores 0 — two wildfires in one week in two countries read alike — unless
the texts are nearly the same (a syndicated copy, DUPLICATE).

A one- to three-sentence report names one thing or none ("Twelve men are trapped. The tunnel
caved in at dawn"), and two short reports of one mine collapse may name two sides of it
("the Karvel mine", "Ostra province"): between such reports the veto dropped every link, and
a dozen reports of one collapse became five stories. So when both reports are short
(SHORT_CHARS) and name at most one thing each, or one of them names nothing at all, the
pair is scored by the event words they share instead (IDF-weighted, over the smaller set of
the content words of their heads), if they lie at most SHORT_GAP_DAYS apart and share at
least MIN_SHARED_WORDS. A report that names two or more things, none of them named by the
other, is still another event ("the Dunmore mine in Pella" beside "the Karvel mine"); two
short reports naming one mine each on the same days are taken for one event — the words
cannot tell two same-day collapses apart.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from .cluster import Member

DENSE_WEIGHT = 0.65
DUPLICATE = 0.9  # cosine of a syndicated copy: linked whatever its entities and date
MAX_GAP_DAYS = 45  # reports of one event seldom lie further apart than this
# Past a week (USTORY's window; shared/notes/story_clustering.md), a pair's score fades
# as a Gaussian of the days beyond it, sigma DECAY_DAYS (Priberam's kernel is sigma 3 days
# against a story's newest report; pairwise, a week's grace keeps a week of updates whole):
# the same people in the news four weeks apart are a new development ("Clinton used a
# personal email account", 3 March; "the Benghazi panel asks her for an interview", 31
# March: two stories in realdev's map, which had been one — BCubed precision 0.90 to 1.00;
# no Story of the public files, our tests/eval corpora or a testers' synthetic set moved).
# At 14 days a pair keeps 0.61 of its score, at 21 days 0.14, at 28 days 0.01.
WINDOW_DAYS = 7
DECAY_DAYS = 7
# Short reports, measured on a dozen one- to three-sentence reports of one mine collapse
# (70-110 characters each) beside the three-story corpus: their pairs share 0.12-0.45 of
# their event words (IDF-weighted), reports of the other stories under 0.08 with them.
SHORT_CHARS = 700  # about three news sentences
SHORT_GAP_DAYS = 3  # short reports are wire flashes of the first days
MIN_SHARED_WORDS = 0.05  # one event word in common, at least


@dataclass(frozen=True)
class Features:
    """What scoring needs of a set of reports, one row each."""

    names: Any  # scipy CSR: report x entity, 1 where it names it
    name_weights: np.ndarray  # IDF of each entity
    words: Any  # scipy CSR: report x content word
    word_weights: np.ndarray
    days: np.ndarray  # ordinal day, NaN when undated
    short: np.ndarray  # bool: short and naming at most one thing
    nameless: np.ndarray  # bool: naming nothing


def features(members: Sequence[Member]) -> Features:
    """The matrices `pair_scores` and `score_block` read."""
    names, name_weights = _presence([set(m.entities) for m in members])
    words, word_weights = _presence([set(m.words.split()) for m in members])
    days = np.array([np.nan if (d := day_number(m.date)) is None else d for m in members],
                    dtype=np.float64)
    named = np.array([_distinct_names(m.entities) for m in members], dtype=np.int64)
    chars = np.array([m.chars for m in members], dtype=np.int64)
    short = (chars > 0) & (chars <= SHORT_CHARS) & (named <= 1)
    return Features(names, name_weights, words, word_weights, days, short, named == 0)


def _presence(sets: list[set[str]]) -> tuple[Any, np.ndarray]:
    """A report x term presence matrix and each term's IDF, log(1 + n / count)."""
    from scipy.sparse import csr_matrix

    index: dict[str, int] = {}
    rows, cols = [], []
    for row, terms in enumerate(sets):
        for term in terms:
            rows.append(row)
            cols.append(index.setdefault(term, len(index)))
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sets), len(index)))
    counts = np.asarray(matrix.sum(axis=0)).ravel()
    weights = np.log1p(len(sets) / np.maximum(counts, 1))
    return matrix, weights


def _distinct_names(names: Sequence[str]) -> int:
    """Names not part of a longer one ("ostra" beside "ostra province" is one place)."""
    return sum(1 for n in names if not any(n != o and n in o for o in names))


def day_number(date: str | None) -> int | None:
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", date or "")
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups())).toordinal()
    except ValueError:
        return None


def _overlap(matrix: csr_matrix, weights: np.ndarray, rows: np.ndarray, cols: np.ndarray,
             pairwise: bool, smaller: bool = False) -> np.ndarray:
    """Weighted overlap of rows with cols, each pair (`pairwise`) or every combination: the
    shared weight over the union's (Jaccard), or over the smaller set's (`smaller`: what a
    short report shares with a longer one, whatever the longer one adds)."""
    weighted = matrix[rows].multiply(weights).tocsr()
    totals = np.asarray(matrix @ weights).ravel()
    first, second = (totals[rows], totals[cols]) if pairwise else \
        (totals[rows][:, None], totals[cols][None, :])
    if pairwise:
        inter = np.asarray(weighted.multiply(matrix[cols]).sum(axis=1)).ravel()
    else:
        inter = (weighted @ matrix[cols].T).toarray()
    whole = np.minimum(first, second) if smaller else first + second - inter
    return np.divide(inter, whole, out=np.zeros_like(inter, dtype=np.float64), where=whole > 0)


def _blend(cosine: np.ndarray, overlap: np.ndarray, shared: np.ndarray, gap: np.ndarray,
           vague: np.ndarray) -> np.ndarray:
    """The score of pairs from their parts; `vague`: the pair names too little to be vetoed
    for naming nothing in common (see the module docstring)."""
    gap = np.nan_to_num(gap, nan=0.0)
    by_words = (overlap == 0) & vague & (gap <= SHORT_GAP_DAYS) & (shared >= MIN_SHARED_WORDS)
    score = DENSE_WEIGHT * cosine + (1 - DENSE_WEIGHT) * np.where(by_words, shared, overlap)
    score[((overlap == 0) & ~by_words) | (gap > MAX_GAP_DAYS)] = 0.0
    late = np.maximum(gap - WINDOW_DAYS, 0.0)
    score = score * np.exp(-(late ** 2) / (2 * DECAY_DAYS ** 2))
    return np.where(cosine >= DUPLICATE, cosine, score)


def pair_scores(f: Features, vectors: np.ndarray, first: np.ndarray,
                second: np.ndarray) -> np.ndarray:
    """The score of each pair (first[k], second[k])."""
    if not len(first):
        return np.zeros(0)
    cosine = np.einsum("ij,ij->i", vectors[first], vectors[second]).astype(np.float64)
    return _blend(cosine, _overlap(f.names, f.name_weights, first, second, True),
                  _overlap(f.words, f.word_weights, first, second, True, smaller=True),
                  np.abs(f.days[first] - f.days[second]),
                  (f.short[first] & f.short[second]) | f.nameless[first] | f.nameless[second])


def score_block(f: Features, vectors: np.ndarray, rows: np.ndarray,
                cols: np.ndarray) -> np.ndarray:
    """The score of every (row, col) combination, as a len(rows) x len(cols) matrix."""
    cosine = (vectors[rows] @ vectors[cols].T).astype(np.float64)
    return _blend(cosine, _overlap(f.names, f.name_weights, rows, cols, False),
                  _overlap(f.words, f.word_weights, rows, cols, False, smaller=True),
                  np.abs(f.days[rows][:, None] - f.days[cols][None, :]),
                  (f.short[rows][:, None] & f.short[cols][None, :]) |
                  f.nameless[rows][:, None] | f.nameless[cols][None, :])


# Words that say nothing of the event: function words, reporting verbs, days, numbers.
STOP_WORDS = frozenset((
    "the", "and", "for", "with", "from", "that", "this", "have", "has", "had", "was", "were",
    "are", "been", "being", "said", "says", "say", "told", "will", "would", "could", "after",
    "before", "about", "over", "into", "than", "then", "their", "there", "they", "them", "its",
    "his", "her", "our", "out", "who", "what", "when", "where", "which", "while", "also",
    "more", "most", "some", "many", "much", "other", "such", "only", "just", "very", "can",
    "may", "not", "but", "all", "any", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty",
    "hundred", "thousand", "million", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "today", "yesterday", "week", "day", "news", "report", "reports",
    "reported", "according", "officials", "official", "people", "least", "still", "now",
))
WORD = re.compile(r"[a-z][a-z'-]{2,}")


def event_words(head: str) -> str:
    """The content words of a report's head, crudely stemmed ("trapped", "traps" -> "trap")
    and joined by spaces: what short reports are compared by."""
    out = dict.fromkeys(_stem(w) for w in WORD.findall(head.lower()) if w not in STOP_WORDS)
    return " ".join(w for w in out if len(w) > 2)


def _stem(word: str) -> str:
    word = word.strip("'-").removesuffix("'s")
    for suffix in ("ing", "ed", "es", "e", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[:-len(suffix)]
            break
    return word[:-1] if len(word) > 4 and word[-1] == word[-2] else word

