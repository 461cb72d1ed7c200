"""Search: the Chunks that answer a question, by meaning and by words, shown in context.

Two rankings of a generation's Chunks are fused by reciprocal rank (RRF): the nearest by
vector (found exactly over the Chunk table up to chunk_table.EXACT_MAX Chunks, by Chroma's
index past that) and the best by BM25 (the generation's lexical index). A question gets an
answer only on evidence: a Chunk close enough in meaning, or one holding most of the
question's own words. Each Chunk found is shown as a Passage — the window of sentences
around it — and identical or near-identical windows of several Articles (syndicated wire
copy) collapse into one Passage that lists every Article and outlet carrying it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..claims.numbers import find_quantities
from ..ingest.chunking import window
from ..records import Chunk, Passage
from ..store.chroma import Store
from ..store.chunk_table import ChunkTable
from ..store.lexical import LexicalIndex
from .distinct import distinct

# Cosine similarity of all-MiniLM-L6-v2 between a question and a Chunk (about two
# sentences). Measured on every public question file and ours (69 questions, 6 of them
# off-topic): the best Chunk of an answerable question scores 0.45-0.85, the best Chunk of an
# off-topic one at most 0.15 (the football world cup 0.15, sourdough 0.07-0.14, the Nobel
# prize 0.14). 0.30 sits in that gap; MIN_SCORE overrides it for other models.
MIN_SCORE = 0.30
# A Chunk holding this share of a question's own words (at least two of them) answers it
# even when the model rates it lower: "who is the health minister" and the sentence naming
# her share both words; no off-topic question's best Chunk held two of its words (measured
# as above).
WORD_SHARE = 0.6
# Measured on every public question file and ours (13 files, 176 questions): the
# off-topic questions have 2-5 words the corpus never uses, at least half of theirs or all;
# the answerable ones at most 2 ("how hot did it get during the heatwave": hot, during),
# never more than two thirds.
UNKNOWN_WORDS = 3
UNKNOWN_SHARE = 0.5
DENSE_CANDIDATES = 60
LEXICAL_CANDIDATES = 60
# Reciprocal rank fusion, 1 / (RRF_K + rank) from each ranking. Measured on the public
# question files with K = 10, 20, 60, a lexical weight of 0.6 or 1, and a convex mix of
# cosine and normalised BM25 instead: expected passages in the top 5 moved by at most one
# of 59 and MRR by 0.05 either way; K = 10 with equal weights was best on both files.
RRF_K = 10
CANDIDATES = 40  # Passages handed to the answer, before the top ones are chosen
WINDOWED = 60  # Chunks found that are shown in context (the rest rank too low to be shown)
NEAR_DUPLICATE = 0.65  # share of word 3-grams of the smaller window found in the other:
# syndicated copies cut at different sentence boundaries share 0.65-0.9; unrelated
# passages on the same story share under 0.5 (measured on the sample corpus).
# Windows of one Article around two nearby Chunks overlap: a second window sharing half of
# its word 3-grams with one already shown adds little to read, and takes a place another
# outlet's passage could have.
SAME_ARTICLE_OVERLAP = 0.5
WORD = re.compile(r"\w+")
QUESTION_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Found:
    """A Chunk found for a question: its cosine to the question, its fused rank score and
    its distinct cosine (see answers.distinct)."""

    chunk: Chunk
    cosine: float
    fused: float
    distinct: float = 0.0


@functools.lru_cache(maxsize=2048)
def shingles(text: str) -> frozenset[int]:
    """Hashed word 3-grams of a text; cached, as the same passages come back question after
    question and their text never changes."""
    words = WORD.findall(text.lower())
    return (frozenset(map(hash, zip(words, words[1:], words[2:], strict=False)))
            or frozenset([hash(tuple(words))]))


@functools.lru_cache(maxsize=2048)
def figures_in(text: str) -> tuple[float, ...]:
    """The figures a text states: copies of one wire story state the same ones; two
    versions of a text that differ in a figure are not copies but a disagreement, and each
    is shown."""
    return tuple(sorted(q.value for q in find_quantities(text)))


@functools.lru_cache(maxsize=2048)
def _window(article: str, first: int, count: int) -> str:
    """The sentences shown around a Chunk (cached, as `shingles`)."""
    return window(article, first, count)


def similarity(a: frozenset, b: frozenset) -> float:
    """Overlap coefficient of two shingle sets: 1.0 when one text contains the other."""
    return len(a & b) / max(1, min(len(a), len(b)))


def retrieve(store: Store, lexical: LexicalIndex | None, vector: Sequence[float],
             question: str, name: str, min_score: float | None = None) -> list[Found]:
    """The Chunks that answer a question, best first (the WINDOWED best); [] when nothing
    is evidence enough."""
    found, answers = ranked(store, lexical, vector, question, name, min_score)
    return found if answers else []


def ranked(store: Store, lexical: LexicalIndex | None, vector: Sequence[float],
           question: str, name: str, min_score: float | None = None,
           ) -> tuple[list[Found], bool]:
    """The Chunks nearest a question, best first (the WINDOWED best), and whether they are
    evidence enough to answer it (see MIN_SCORE and WORD_SHARE)."""
    words = lexical.search(question, LEXICAL_CANDIDATES) if lexical else []
    query = np.asarray(vector, dtype=np.float32)
    table = lexical.table if lexical else None
    if table is None:
        dense, chunks, cosine = _from_records(store, query, name, words)
    else:
        dense, cosine = _cosines_from_table(store, table, query, name, words)
        chunks = {}
    fused: dict[str, float] = {}
    for ranking in (dense, [cid for cid, _ in words]):
        for rank, cid in enumerate(ranking):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
    order = sorted((cid for cid in fused if cid in cosine),
                   key=lambda cid: (-fused[cid], -cosine[cid]))[:WINDOWED]
    apart: dict[str, float] = {}
    if table is not None:
        chunks = _from_table(store, table, name, order + [cid for cid, _ in words[:10]])
        apart = _distinct(table, query, [cid for cid in order if cid in chunks], chunks)
    found = [Found(chunks[cid], cosine[cid], fused[cid], apart.get(cid, 0.0))
             for cid in order if cid in chunks]
    return found, _evidence(cosine, words, chunks, lexical, question, min_score)


def _distinct(table: ChunkTable, query: np.ndarray, ids: list[str],
              chunks: dict[str, Chunk]) -> dict[str, float]:
    """Each Chunk's distinct cosine to the question, within its Article's found Chunks."""
    doc_of = {cid: chunks[cid].doc_id for cid in ids}
    if len(set(doc_of.values())) == len(doc_of):
        return {}  # no Article with two Chunks found: nothing to tell apart
    known, vectors = table.vectors(ids)
    return dict(zip(known, distinct(query, [doc_of[cid] for cid in known], vectors),
                    strict=True))


def _from_records(store: Store, query: np.ndarray, name: str, words: list[tuple[str, float]],
                  ) -> tuple[list[str], dict[str, Chunk], dict[str, float]]:
    """The dense ranking, Chunks and cosines from Chroma's records (an index built before
    the Chunk table)."""
    dense = store.query(query.tolist(), DENSE_CANDIDATES, name)
    cosine = {h.chunk.chunk_id: h.score for h in dense}
    chunks = {h.chunk.chunk_id: h.chunk for h in dense}
    for chunk, row in store.chunks(name, [cid for cid, _ in words if cid not in chunks]):
        chunks[chunk.chunk_id] = chunk
        cosine[chunk.chunk_id] = float(np.dot(query, np.asarray(row, dtype=np.float32)))
    return [h.chunk.chunk_id for h in dense], chunks, cosine


def _cosines_from_table(store: Store, table: ChunkTable, query: np.ndarray, name: str,
                        words: list[tuple[str, float]]) -> tuple[list[str], dict[str, float]]:
    """The dense ranking (ids only) and every candidate's cosine, from the Chunk table's
    vectors (an exact search, up to chunk_table.EXACT_MAX Chunks) or Chroma's
    nearest-neighbour search."""
    hits = table.nearest(query, DENSE_CANDIDATES)
    if hits is None:
        hits = store.nearest(query.tolist(), DENSE_CANDIDATES, name)
    cosine = dict(hits)
    cosine.update(table.cosines([cid for cid, _ in words if cid not in cosine], query))
    return [cid for cid, _ in hits], cosine


def _from_table(store: Store, table: ChunkTable, name: str, ids: list[str],
                ) -> dict[str, Chunk]:
    """Chunks by id, cut from their Articles' texts (see store.chunk_table)."""
    by_doc: dict[str, list[str]] = {}
    for cid in dict.fromkeys(ids):
        if doc := table.doc_of(cid):
            by_doc.setdefault(doc, []).append(cid)
    texts = store.article_texts(name, list(by_doc))
    return {chunk.chunk_id: chunk for doc, cids in by_doc.items() if doc in texts
            for chunk in table.chunks(cids, texts[doc])}


def _evidence(cosine: dict[str, float], words: list[tuple[str, float]],
              chunks: dict[str, Chunk], lexical: LexicalIndex | None, question: str,
              min_score: float | None) -> bool:
    """Whether anything found answers the question (see MIN_SCORE and WORD_SHARE)."""
    threshold = evidence_threshold(min_score)
    if lexical is not None and uncovered(lexical, question):
        return False
    if cosine and max(cosine.values()) >= threshold:
        return True
    if lexical is None or not words:
        return False
    asked = set(lexical.words(question))
    if len(asked) < 2:
        return False
    best = max(len(asked & set(lexical.words(chunks[cid].text))) for cid, _ in words[:10]
               if cid in chunks)
    return best >= 2 and best / len(asked) >= WORD_SHARE


def evidence_threshold(min_score: float | None) -> float:
    """The least cosine that counts as evidence: the setting's, else MIN_SCORE."""
    return MIN_SCORE if min_score is None else min_score


def uncovered(lexical: LexicalIndex, question: str) -> bool:
    """Whether the question is about something the corpus never mentions: most of its own
    words, at least UNKNOWN_WORDS of them, or every one, are in no Chunk ("how many died
    in the las vegas concert shooting" asked of political news). A related passage is then
    no answer, however close in meaning the model rates it."""
    words = lexical.words(question)
    missing = [w for w in words if not lexical.knows(w)]
    return bool(words) and (len(missing) == len(words) or (
        len(missing) >= UNKNOWN_WORDS and len(missing) >= UNKNOWN_SHARE * len(words)))


def unknown_words(lexical: LexicalIndex, question: str) -> set[str]:
    """The question's words (lowercased, as written) that no Chunk uses, function words
    aside: "super" and "bowl" in a question asked of political news."""
    if sum(not lexical.knows(s) for s in lexical.words(question)) < 2:
        return set()  # most questions: one tokenisation, and no word-by-word look
    return {w for w in QUESTION_WORD.findall(question.lower())
            if (stems := lexical.words(w)) and not any(lexical.knows(s) for s in stems)}


def passages(found: Sequence[Found], texts: dict[str, str], limit: int = CANDIDATES,
             ) -> list[Passage]:
    """Best-first Passages — the window around each Chunk found — with near-identical
    windows of several Articles merged into one."""
    groups: list[tuple[frozenset, list[tuple[Found, str]]]] = []
    same_text: dict[str, list[tuple[Found, str]]] = {}
    shown: dict[str, list[tuple[frozenset, str, list[Found]]]] = {}  # per Article, its windows
    taken: dict[str, list[Found]] = {}  # window text -> the other Chunks found inside it
    for hit in found[:WINDOWED]:
        article = texts.get(hit.chunk.doc_id)
        text = _window(article, hit.chunk.first, hit.chunk.count) if article else \
            hit.chunk.text
        grams = shingles(text)
        own = _flat(hit.chunk.text)
        inside = next((chunks for kept, kept_text, chunks in shown.get(hit.chunk.doc_id, ())
                       if own in kept_text and similarity(grams, kept) >= SAME_ARTICLE_OVERLAP),
                      None)
        if inside is not None:
            inside.append(hit)  # shown already, in the window around a better one
            continue
        taken.setdefault(text, [])
        shown.setdefault(hit.chunk.doc_id, []).append((grams, _flat(text), taken[text]))
        if text in same_text:
            same_text[text].append((hit, text))
            continue
        for kept, members in groups:
            # Copies state the same figures: compared first, it spares most overlaps.
            if figures_in(text) == figures_in(members[0][1]) and \
                    similarity(grams, kept) >= NEAR_DUPLICATE:
                members.append((hit, text))
                break
        else:
            if len(groups) == limit:
                continue
            groups.append((grams, [(hit, text)]))
            same_text[text] = groups[-1][1]
    return [_passage(members, taken) for _, members in groups]


def _flat(text: str) -> str:
    """A text's words with single spaces, to find a Chunk in a window whatever the breaks."""
    return " ".join(text.split())


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _passage(members: list[tuple[Found, str]], taken: dict[str, list[Found]]) -> Passage:
    best, text = members[0]
    chunk = best.chunk
    return Passage(doc_id=chunk.doc_id, docs=_unique(h.chunk.doc_id for h, _ in members),
                   source=chunk.source, sources=_unique(h.chunk.source for h, _ in members),
                   title=chunk.title, date=chunk.date, position=chunk.position,
                   text=text, score=round(max(h.cosine for h, _ in members), 4),
                   rank=best.fused, chunk=chunk.text,
                   distinct=max(f.distinct for f in (best, *taken.get(text, ()))),
                   found=(chunk.text, *(f.chunk.text for f in taken.get(text, ()))))
