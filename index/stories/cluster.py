"""Grouping Articles into Stories: the reports of one event.

What the field does (shared/notes/story_clustering.md): combine dense similarity with
overlap of named entities and time, veto links between reports that name nothing in common
(two wildfires in one week, in two countries, read alike), and never let one article chain
two stories together. Here:

0. Each Article's named entities are completed with the names it writes that the NER found
   in another report (mentions.py): one missed name must not split a Story.
1. Candidate links: each Article's nearest neighbours by its vector (the mean of its Chunk
   vectors), scored `DENSE_WEIGHT * cosine + (1 - DENSE_WEIGHT) * entity overlap` (Jaccard of
   the named entities, each weighted by its inverse document frequency, so that "Reuters"
   or a country named everywhere count little). A pair that shares no entity, or whose
   reports are more than MAX_GAP_DAYS apart, is not linked unless the texts are nearly the
   same (a syndicated copy).
2. Connected components of those links (scipy), then, inside each component, average-
   linkage agglomerative clustering (scikit-learn) with a distance threshold: a report joins
   a story only when it is close to the story's reports on average, not to one of them.
   A component too large for an exact distance matrix is split by Louvain communities
   (networkx) of its links instead.

Thresholds were measured on the public corpora (the sample + the three-story corpus, 4
stories, 23 reports): same-story pairs score 0.38-0.9; different-story pairs share no entity
(vetoed) or score at most 0.33 (two reports of one outlet's bylines, dense 0.49). They then
grouped our own corpora in tests/eval/ (two wildfires in one week, an earthquake beside an
election, six pairs of reference articles: 14 stories, 44 reports) without a mistake.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .mentions import with_known_names

DENSE_WEIGHT = 0.65
MERGE_SCORE = 0.36  # average-linkage: a story's reports score at least this on average
LINK_SCORE = 0.30  # a candidate link worth looking at (below MERGE_SCORE on purpose)
DUPLICATE = 0.9  # cosine of a syndicated copy: linked whatever its entities and date
MAX_GAP_DAYS = 45  # reports of one event seldom lie further apart than this
NEIGHBOURS = 20
MAX_EXACT = 1500  # largest component clustered with a full distance matrix (~18 MB)


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
    links = _links(members, vectors)
    groups = []
    for component in _components(len(members), links):
        groups.extend(_cluster(component, members, vectors, links))
    groups = _apply_pins(groups, members)
    stories = [_story(group, members, vectors) for group in groups]
    return sorted(stories, key=lambda s: (-len(s.docs), s.id))


def _unit_rows(rows) -> np.ndarray:
    matrix = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _idf(members: Sequence[Member]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for member in members:
        for name in set(member.entities):
            counts[name] = counts.get(name, 0) + 1
    n = len(members)
    return {name: math.log(1 + n / c) for name, c in counts.items()}


def _entity_overlap(a: Member, b: Member, idf: dict[str, float]) -> float:
    first, second = set(a.entities), set(b.entities)
    union = sum(idf[x] for x in first | second)
    return sum(idf[x] for x in first & second) / union if union else 0.0


def _days(date: str | None) -> int | None:
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", date or "")
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups())).toordinal()
    except ValueError:
        return None


def _score(a: Member, b: Member, cosine: float, idf: dict[str, float]) -> float:
    """The blended similarity of two reports; 0 where a veto applies (see module doc)."""
    if cosine >= DUPLICATE:
        return float(cosine)
    overlap = _entity_overlap(a, b, idf)
    first, second = _days(a.date), _days(b.date)
    far_apart = first is not None and second is not None and abs(first - second) > MAX_GAP_DAYS
    if overlap == 0 or far_apart:
        return 0.0
    return DENSE_WEIGHT * cosine + (1 - DENSE_WEIGHT) * overlap


def _score_matrix(members: Sequence[Member], vectors: np.ndarray) -> np.ndarray:
    """`_score` for every pair at once (the same rules, as matrices)."""
    from scipy.sparse import csr_matrix

    idf = _idf(members)
    names = {name: k for k, name in enumerate(idf)}
    rows = [r for r, m in enumerate(members) for _ in set(m.entities)]
    cols = [names[x] for m in members for x in set(m.entities)]
    weights = np.array([idf[x] for x in names], dtype=np.float64)
    present = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(members), len(names)))
    inter = (present.multiply(weights) @ present.T).toarray()
    totals = present @ weights
    union = totals[:, None] + totals[None, :] - inter
    overlap = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    cosine = (vectors @ vectors.T).astype(np.float64)
    days = np.array([_days(m.date) if _days(m.date) is not None else np.nan for m in members])
    gap = np.abs(days[:, None] - days[None, :])
    far = np.nan_to_num(gap, nan=0.0) > MAX_GAP_DAYS
    score = DENSE_WEIGHT * cosine + (1 - DENSE_WEIGHT) * overlap
    score[(overlap == 0) | far] = 0.0
    return np.where(cosine >= DUPLICATE, cosine, score)


def _links(members: Sequence[Member], vectors: np.ndarray) -> dict[tuple[int, int], float]:
    """Scored candidate links between each report and its nearest neighbours."""
    idf = _idf(members)
    links: dict[tuple[int, int], float] = {}
    k = min(NEIGHBOURS, len(members) - 1)
    for start in range(0, len(members), 1024):  # blocks keep the matrix small
        sims = vectors[start:start + 1024] @ vectors.T
        for row, i in enumerate(range(start, min(start + 1024, len(members)))):
            nearest = np.argpartition(-sims[row], k)[:k + 1] if k > 0 else []
            for j in (int(x) for x in nearest if int(x) != i):
                key = (min(i, j), max(i, j))
                if key not in links:
                    score = _score(members[i], members[j], float(sims[row, j]), idf)
                    if score >= LINK_SCORE:
                        links[key] = score
    return links


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


def _cluster(component: list[int], members: Sequence[Member], vectors: np.ndarray,
             links: dict[tuple[int, int], float]) -> list[list[int]]:
    """Average-linkage clusters of one component (Louvain communities when too large)."""
    if len(component) == 1:
        return [component]
    if len(component) > MAX_EXACT:
        return _communities(component, links)
    from sklearn.cluster import AgglomerativeClustering

    chosen = [members[i] for i in component]
    score = _score_matrix(chosen, vectors[component])
    distance = 1.0 - score
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


def _apply_pins(groups: list[list[int]], members: Sequence[Member]) -> list[list[int]]:
    """A `story:` in front matter wins: pinned Articles share their pin's Story, and the
    unpinned Articles clustered with them follow the pin most of the group carries."""
    pinned: dict[str, list[int]] = {}
    free: list[list[int]] = []
    for group in groups:
        pins = [members[i].pinned for i in group if members[i].pinned]
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
