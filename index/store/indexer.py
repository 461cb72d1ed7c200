"""Building an index generation from a corpus folder.

Chunk ids derive from the Article and the Chunk text, so a re-index of an unchanged corpus
finds every Chunk of the active generation already embedded and copies it (vector and
claims) instead of embedding it again; only new or changed text reaches the model. The
new generation becomes active only once it is complete.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..claims.extract import ClaimExtractor
from ..ingest.articles import load_corpus
from ..ingest.chunking import chunk_article
from ..records import Article, Chunk, Claim, IndexReport, Skipped
from .chroma import Store
from .chunk_records import chunk_metadata
from .embedding import Embedder
from .guards import refuse_to_empty

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
BLOCK = 2048  # Chunks claimed, embedded and written at a time


@dataclass(frozen=True)
class Previous:
    """What the active generation already holds: reusable vectors and the Articles' hashes."""

    vectors: dict[str, tuple[Any, dict[str, Any]]]  # float32 rows, as the store gives them
    by_text: dict[str, Any]
    article_hashes: dict[str, str]


def _text_hash(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:20]


def read_previous(store: Store, rebuild: bool) -> Previous:
    """Vectors and metadata of the active generation (nothing when rebuilding)."""
    vectors: dict[str, tuple[Any, dict[str, Any]]] = {}
    by_text: dict[str, Any] = {}
    hashes: dict[str, str] = {}
    if not rebuild and store.active_name():
        for cid, _, meta, vector in store.records(include_embeddings=True):
            vectors[cid] = (vector, meta)
            by_text.setdefault(meta.get("text_hash", ""), vector)
            hashes[meta["doc_id"]] = meta.get("article_hash", "")
    return Previous(vectors, by_text, hashes)


def attach_claims(chunks: list[Chunk], claims: list[Claim]) -> list[Chunk]:
    """Give each Claim to the first Chunk that holds its sentence (overlaps repeat it)."""
    by_chunk: dict[int, list[Claim]] = {}
    for claim in claims:
        for i, chunk in enumerate(chunks):
            if claim.quote in chunk.text:
                by_chunk.setdefault(i, []).append(claim)
                break
    return [replace(c, claims=tuple(by_chunk.get(i, ()))) for i, c in enumerate(chunks)]


def load(corpus_dir: Path, progress: Progress | None):
    """Articles, skipped files and warnings of a corpus folder."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    warnings: list[str] = []
    for item in load_corpus(corpus_dir):
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, Skipped):
            skipped.append(item)
        else:
            warnings.append(item)
        if progress and not isinstance(item, str):
            progress("load", len(articles) + len(skipped), 0)
    return articles, skipped, warnings


def plan_rows(articles: list[Article], previous: Previous, extractor: ClaimExtractor):
    """(ids, texts, metadatas, vectors-or-None) for the new generation.

    An unchanged Article's Chunks keep their stored metadata (claims included), so neither
    the model nor the claim extractor runs for it.
    """
    ids, texts, metas, vectors = [], [], [], []
    seen: set[str] = set()
    for article in articles:
        chunks = chunk_article(article)
        unchanged = previous.article_hashes.get(article.doc_id) == article.content_hash
        if not (unchanged and all(c.chunk_id in previous.vectors for c in chunks)):
            chunks = attach_claims(chunks, extractor.extract(article))
            unchanged = False
        for chunk in chunks:
            if chunk.chunk_id in seen:
                continue
            seen.add(chunk.chunk_id)
            old = previous.vectors.get(chunk.chunk_id)
            text_hash = _text_hash(chunk.text)
            meta = old[1] if unchanged and old else chunk_metadata(chunk, article.content_hash,
                                                                   text_hash)
            vector = old[0] if old else previous.by_text.get(text_hash)
            ids.append(chunk.chunk_id)
            texts.append(chunk.text)
            metas.append(meta)
            vectors.append(vector if vector is not None and len(vector) else None)
    return ids, texts, metas, vectors


def _diff(articles: list[Article], previous: Previous):
    now = {a.doc_id: a.content_hash for a in articles}
    before = previous.article_hashes
    added = tuple(sorted(d for d in now if d not in before))
    changed = tuple(sorted(d for d in now if d in before and before[d] != now[d]))
    removed = tuple(sorted(d for d in before if d not in now))
    return added, changed, removed


def count_to_embed(articles: list[Article], previous: Previous) -> int:
    """How many Chunks no stored vector can be reused for (chunking is cheap: ~25 µs each)."""
    return len({chunk.chunk_id for article in articles for chunk in chunk_article(article)
                if chunk.chunk_id not in previous.vectors
                and _text_hash(chunk.text) not in previous.by_text})


def blocks(articles: list[Article], size: int) -> Iterator[list[Article]]:
    """Runs of whole Articles holding about `size` Chunks (never an Article split)."""
    block: list[Article] = []
    chunks = 0
    for article in articles:
        block.append(article)
        chunks += max(1, len(article.text) // 600)  # ~ its Chunks, without chunking twice
        if chunks >= size:
            yield block
            block, chunks = [], 0
    if block:
        yield block


def write_block(store: Store, generation, embedder: Embedder, rows,
                step: Callable[[int], None]) -> int:
    """Embed the rows that have no vector, add them all to the generation; returns how
    many were embedded."""
    ids, texts, metas, vectors = rows
    todo = [i for i, v in enumerate(vectors) if v is None]
    fresh = embedder.embed_documents([texts[i] for i in todo], progress=step)
    for i, vector in zip(todo, fresh, strict=True):
        vectors[i] = vector
    store.add(generation, ids, texts, metas, vectors)
    return len(todo)


def build_generation(store: Store, embedder: Embedder, extractor: ClaimExtractor,
                     corpus_dir: Path, progress: Progress | None = None,
                     rebuild: bool = False, allow_empty: bool = False) -> IndexReport:
    """Index a corpus folder into a new generation and make it the active one.

    Articles go through claims, embedding and the store BLOCK Chunks at a time, so memory
    stays flat however large the corpus (at 100k passages, holding every text, metadata
    and vector until the end took ~400 MB more). The generation is invisible to readers
    until `activate`, so a run that dies midway still leaves the last complete index.
    A corpus that yields no Article never empties a non-empty index unless `allow_empty`.
    """
    started = time.perf_counter()
    articles, skipped, warnings = load(corpus_dir, progress)
    refuse_to_empty(store, corpus_dir, articles, skipped, allow_empty)
    if not rebuild:
        store.check_model(embedder.name)
    previous = read_previous(store, rebuild)
    total = count_to_embed(articles, previous)
    log.info("indexing %d articles, %d chunks to embed", len(articles), total)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress("embed", done, total)

    active = store.active_name()
    store.drop_stale(keep=[active] if active else [])
    generation = store.new_generation(embedder.name)
    chunks = embedded = 0
    for block in blocks(articles, BLOCK):
        rows = plan_rows(block, previous, extractor)
        embedded += write_block(store, generation, embedder, rows, step)
        chunks += len(rows[0])
    if progress:
        progress("store", chunks, chunks)
    store.activate(generation)
    # The generation just replaced stays one run longer for questions already under way.
    store.drop_stale(keep=[generation.name] + ([active] if active else []))
    added, changed, removed = _diff(articles, previous)
    return IndexReport(articles=len(articles), chunks=chunks, embedded=embedded,
                       reused=chunks - embedded, added=added, changed=changed,
                       removed=removed, skipped=tuple(skipped),
                       seconds=time.perf_counter() - started, warnings=tuple(warnings))
