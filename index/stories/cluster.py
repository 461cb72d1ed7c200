"""Grouping Articles into Stories: the reports of one event.

What the field does (shared/notes/story_clustering.md): combine dense similarity with
overlap of named entities and time, veto links between reports that name nothing in common
(two wildfires in one week, in two countries, read alike), and never let one article chain
two stories together. Here:

0. Each Article's named entities are completed with the names it writes that the NER found
   in another report (mentions.py): one missed name must not split a Story.
1. Copies are one report: Articles whose vectors (the mean of their Chunk vectors) have a
   cosine of at least COPY to each other are grouped once, and only one of each group is
   clustered — 2,000 syndicated copies of one wire story are one point, not a crowd that
   outweighs everything else (they had become five stories of 400).
2. Candidate links: each Article's nearest neighbours by its vector, scored as scoring.py
   says — dense similarity blended with shared names, or with shared event words for a
   short report that names too little — with the vetoes on reports that share nothing or
   lie far apart.
3. Connected components of those links (scipy), then, inside each component, average-
   linkage agglomerative clustering (scikit-learn) with a distance threshold: a report joins
   a story only when it is close to the story's reports on average, not to one of them.
   A component too large for an exact distance matrix is first cut into Louvain
   communities (networkx) of its links, and the communities are then merged by the same
   average-linkage rule, their averages summed block by block: 3,000 reports of one event
   had stayed ten communities.

Thresholds were measured on the public corpora (the sample + the three-story corpus, 4
stories, 23 reports): same-story pairs score 0.38-0.9; different-story pairs share no entity
(vetoed) or score at most 0.33 (two reports of one outlet's bylines, dense 0.49). They then
grouped our own corpora in tests/eval/ (two wildfires in one week, an earthquake beside an
election, six pairs of reference articles: 14 stories, 44 reports) without a mistake.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .mentions import with_known_names
from .scoring import Features, features, pair_scores, score_block

MERGE_SCORE = 0.36  # average-linkage: a story's reports score at least this on average
LINK_SCORE = 0.30  # a candidate link worth looking at (below MERGE_SCORE on purpose)
# Cosine of two Articles' mean vectors (MiniLM) at or above which they are one text:
# syndicated copies measured 0.94-0.998 (a copy with its last two paragraphs cut: 0.979),
# one outlet's day-1 and day-2 reports 0.88, two outlets' reports of one event 0.78-0.87,
# same-template reports of two places 0.58-0.80.
COPY = 0.95
NEIGHBOURS = 20
MAX_EXACT = 1500  # largest component clustered with a full distance matrix (~18 MB)
BLOCK_ROWS = 512  # rows of scores held at once when merging communities (~12 MB at 3,000)


@dataclass(frozen=True)
class Member:
    """What finding a Story needs of one Article."""

    doc_id: str
    title: str | None
    date: str | None
    vector: Sequence[float]
    entities: tuple[str, ...]
    pinned: str | None = None
    mentions: str = ""  # the capitalised phrases of its head (see mentions.py)
    words: str = ""  # the event words of its head (scoring.event_words)
    chars: int = 0  # the length of its text (0: unknown, never short)


@dataclass(frozen=True)
class Story:
    """The Articles that report one event, with a stable id and a title."""

    id: str
    title: str
    docs: tuple[str, ...]


def find_stories(members: Sequence[Member]) -> list[Story]:
    """Stories of a generation's Articles, largest first; every Article is in exactly one."""
    if not members:
        return []
    named = with_known_names([m.entities for m in members], [m.mentions for m in members])
    members = [replace(m, entities=names) for m, names in zip(members, named, strict=True)]
    vectors = _unit_rows([m.vector for m in members])
    copies, first, second = _neighbours(vectors)
    chosen = [_one_of(group, members) for group in copies]
    chosen_vectors = vectors[[group[0] for group in copies]]
    found = features(chosen)
    links = _links(copies, first, second, found, chosen_vectors)
    groups = []
    for component in _components(len(chosen), links):
        groups.extend(_cluster(component, found, chosen_vectors, links))
    groups = _apply_pins([[i for c in group for i in copies[c]] for group in groups], members)
    stories = [_story(group, members, vectors) for group in groups]
    return sorted(stories, key=lambda s: (-len(s.docs), s.id))


def _unit_rows(rows: Sequence[Sequence[float]]) -> np.ndarray:
    matrix = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _neighbours(vectors: np.ndarray) -> tuple[list[list[int]], np.ndarray, np.ndarray]:
    """Groups of copies (see COPY; each group's first index stands for it), and each
    report's NEIGHBOURS nearest as two index arrays, in one pass over the similarities."""
    n = len(vectors)
    k = min(NEIGHBOURS, n - 1)
    earliest = np.arange(n)
    firsts, seconds = [], []
    for start in range(0, n, 1024):  # blocks keep the matrix small
        rows = np.arange(start, min(start + 1024, n))
        sims = vectors[rows] @ vectors.T
        close = sims >= COPY
        earliest[rows] = np.where(close.any(axis=1), close.argmax(axis=1), rows)
        if k > 0:
            sims[np.arange(len(rows)), rows] = -np.inf
            nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
            firsts.append(np.repeat(rows, k))
            seconds.append(nearest.ravel())
    links = {(int(i), int(j)): 1.0 for i, j in enumerate(earliest) if i != j}
    copies = sorted((sorted(c) for c in _components(n, links)), key=lambda c: c[0])
    empty = np.zeros(0, dtype=np.int64)
    return (copies, np.concatenate(firsts) if firsts else empty,
            np.concatenate(seconds) if seconds else empty)


def _one_of(group: list[int], members: Sequence[Member]) -> Member:
    """The report a group of copies is clustered as: the first, with every name and event
    word of the group and its earliest date."""
    first = members[group[0]]
    if len(group) == 1:
        return first
    names = dict.fromkeys(n for i in group for n in members[i].entities)
    words = dict.fromkeys(w for i in group for w in members[i].words.split())
    dates = sorted(d for i in group if (d := members[i].date))
    return replace(first, entities=tuple(names), words=" ".join(words),
                   date=dates[0] if dates else None)


def _links(copies: list[list[int]], first: np.ndarray, second: np.ndarray, found: Features,
           vectors: np.ndarray) -> dict[tuple[int, int], float]:
    """Scored candidate links between the reports that stand for groups of copies."""
    group_of = np.empty(sum(len(c) for c in copies), dtype=np.int64)
    for number, group in enumerate(copies):
        group_of[group] = number
    a, b = group_of[first], group_of[second]
    keep = a != b
    low, high = np.minimum(a, b)[keep], np.maximum(a, b)[keep]
    pairs = np.unique(low * len(copies) + high)
    low, high = pairs // len(copies), pairs % len(copies)
    scores = pair_scores(found, vectors, low, high)
    return {(int(i), int(j)): float(s) for i, j, s in zip(low, high, scores, strict=True)
            if s >= LINK_SCORE}


def _components(n: int, links: dict[tuple[int, int], float]) -> list[list[int]]:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    rows = [i for i, _ in links]
    cols = [j for _, j in links]
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    out: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        out.setdefault(int(label), []).append(index)
    return list(out.values())


def _cluster(component: list[int], found: Features, vectors: np.ndarray,
             links: dict[tuple[int, int], float]) -> list[list[int]]:
    """Average-linkage clusters of one component (merged Louvain communities when large)."""
    if len(component) == 1:
        return [component]
    if len(component) > MAX_EXACT:
        return _merge(_communities(component, links), component, found, vectors)
    from sklearn.cluster import AgglomerativeClustering

    rows = np.asarray(component)
    distance = 1.0 - score_block(found, vectors, rows, rows)
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=1.0 - MERGE_SCORE).fit_predict(distance)
    groups: dict[int, list[int]] = {}
    for position, label in enumerate(labels):
        groups.setdefault(int(label), []).append(component[position])
    return list(groups.values())


def _communities(component: list[int], links: dict[tuple[int, int], float]) -> list[list[int]]:
    import networkx as nx

    inside = set(component)
    graph = nx.Graph()
    graph.add_nodes_from(component)
    graph.add_weighted_edges_from((i, j, s) for (i, j), s in links.items()
                                  if i in inside and j in inside and s >= MERGE_SCORE)
    return [sorted(c) for c in nx.community.louvain_communities(graph, weight="weight", seed=7)]


def _merge(groups: list[list[int]], component: list[int], found: Features,
           vectors: np.ndarray) -> list[list[int]]:
    """Average-linkage merging of a large component's communities: two merge while the mean
    score over all their pairs is at least MERGE_SCORE (the rule `_cluster` applies to single
    reports), the sums of scores between communities read BLOCK_ROWS rows at a time."""
    from scipy.sparse import csr_matrix

    rows = np.asarray(component)
    position = {index: p for p, index in enumerate(component)}
    labels = np.empty(len(rows), dtype=np.int64)
    for number, group in enumerate(groups):
        labels[[position[i] for i in group]] = number
    member_of = csr_matrix((np.ones(len(rows)), (np.arange(len(rows)), labels)),
                           shape=(len(rows), len(groups)))
    sums = np.zeros((len(groups), len(groups)))
    for start in range(0, len(rows), BLOCK_ROWS):
        block = score_block(found, vectors, rows[start:start + BLOCK_ROWS], rows)
        sums += member_of[start:start + BLOCK_ROWS].T @ np.asarray(block @ member_of)
    return _average_linkage([list(g) for g in groups], sums,
                            np.array([len(g) for g in groups], dtype=np.float64))


def _average_linkage(groups: list[list[int]], sums: np.ndarray,
                     sizes: np.ndarray) -> list[list[int]]:
    """Merge the two groups of highest mean pair score until none reaches MERGE_SCORE."""
    while True:
        mean = sums / np.maximum(np.outer(sizes, sizes), 1)
        np.fill_diagonal(mean, -np.inf)
        mean[sizes == 0, :] = -np.inf
        mean[:, sizes == 0] = -np.inf
        a, b = np.unravel_index(int(np.argmax(mean)), mean.shape)
        if mean[a, b] < MERGE_SCORE:
            return [g for g, size in zip(groups, sizes, strict=True) if size]
        sums[a, :] += sums[b, :]
        sums[:, a] += sums[:, b]
        sizes[a], sizes[b] = sizes[a] + sizes[b], 0
        groups[a], groups[b] = groups[a] + groups[b], []


def _apply_pins(groups: list[list[int]], members: Sequence[Member]) -> list[list[int]]:
    """A `story:` in front matter wins: pinned Articles share their pin's Story, and the
    unpinned Articles clustered with them follow the pin most of the group carries."""
    pinned: dict[str, list[int]] = {}
    free: list[list[int]] = []
    for group in groups:
        pins = [pin for i in group if (pin := members[i].pinned)]
        if not pins:
            free.append(group)
            continue
        majority = max(sorted(set(pins)), key=pins.count)
        for i in group:
            pinned.setdefault(members[i].pinned or majority, []).append(i)
    return free + list(pinned.values())


def _story(group: list[int], members: Sequence[Member], vectors: np.ndarray) -> Story:
    """A Story with a stable id (its pin, or its earliest report's) and the title of the
    report closest to the story's centre."""
    ordered = sorted(group, key=lambda i: (members[i].date or "9999", members[i].doc_id))
    pin = next((members[i].pinned for i in group if members[i].pinned), None)
    founder = members[ordered[0]].doc_id
    story_id = _slug(pin) if pin else "s-" + hashlib.sha1(founder.encode()).hexdigest()[:10]
    centre = vectors[group].mean(axis=0)
    central = max(group, key=lambda i: (float(vectors[i] @ centre), -i))
    title = members[central].title or pin or founder
    return Story(id=story_id, title=title, docs=tuple(members[i].doc_id for i in ordered))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "story"
