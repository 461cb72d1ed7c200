"""A block's Chunks as the store takes them, each with a vector of the active generation
when one can be reused.

Chunk ids derive from the Article and the Chunk text, so a re-index of an unchanged corpus
finds every Chunk already embedded and copies its vector instead of embedding it again; a
Chunk whose text is stored under another id (a renamed or syndicated copy) reuses that one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..ingest.chunking import chunk_article
from ..records import Article
from ..store.chroma import Store
from ..store.chunk_records import chunk_metadata
from ..store.embedding import TextEmbedder

if TYPE_CHECKING:
    from ..store.chroma import Collection


@dataclass(frozen=True)
class Previous:
    """What the active generation already holds: reusable vectors, and per Article its
    hash and its record (Claims, entities, Story) for reuse when unchanged."""

    vectors: dict[str, Any]  # chunk id -> float32 row, as the store gives it
    by_text: dict[str, Any]
    article_hashes: dict[str, str]
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)


def _text_hash(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:20]


def read_previous(store: Store, rebuild: bool) -> Previous:
    """Vectors of the active generation's Chunks and its Article records (nothing when
    rebuilding)."""
    vectors: dict[str, Any] = {}
    by_text: dict[str, Any] = {}
    hashes: dict[str, str] = {}
    records: dict[str, dict[str, Any]] = {}
    if not rebuild and store.active_name():
        for cid, _, meta, vector in store.records(include_embeddings=True,
                                                  include_documents=False):
            vectors[cid] = vector
            by_text.setdefault(meta.get("text_hash", ""), vector)
        for doc_id, _, meta, _ in store.article_records():
            records[doc_id] = meta
            hashes[doc_id] = meta.get("article_hash", "")
    return Previous(vectors, by_text, hashes, records)


@dataclass
class Rows:
    """A block's Chunks as the store takes them; `spans[doc_id]` are its rows' range."""

    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    metas: list[dict[str, Any]] = field(default_factory=list)
    vectors: list[Any] = field(default_factory=list)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


def plan_rows(articles: list[Article], previous: Previous, seen: set[str]) -> Rows:
    """The block's Chunks, each with its stored vector when one can be reused."""
    rows = Rows()
    for article in articles:
        start = len(rows.ids)
        for chunk in chunk_article(article):
            if chunk.chunk_id in seen:
                continue
            seen.add(chunk.chunk_id)
            text_hash = _text_hash(chunk.text)
            vector = previous.vectors.get(chunk.chunk_id)
            vector = vector if vector is not None else previous.by_text.get(text_hash)
            rows.ids.append(chunk.chunk_id)
            rows.texts.append(chunk.text)
            rows.metas.append(chunk_metadata(chunk, article.content_hash, text_hash))
            rows.vectors.append(vector if vector is not None and len(vector) else None)
        rows.spans[article.doc_id] = (start, len(rows.ids))
    return rows


def count_to_embed(articles: list[Article], previous: Previous) -> int:
    """How many Chunks no stored vector can be reused for (chunking is cheap: ~25 µs each)."""
    return len({chunk.chunk_id for article in articles for chunk in chunk_article(article)
                if chunk.chunk_id not in previous.vectors
                and _text_hash(chunk.text) not in previous.by_text})


def write_block(store: Store, generation: Collection, embedder: TextEmbedder, rows: Rows,
                step: Callable[[int], None]) -> int:
    """Embed the rows that have no vector, add them all to the generation; returns how
    many needed a fresh vector. A text the block holds several times (syndicated copies:
    2,000 of one wire story) is embedded once."""
    todo = [i for i, v in enumerate(rows.vectors) if v is None]
    texts = list(dict.fromkeys(rows.texts[i] for i in todo))
    fresh = dict(zip(texts, embedder.embed_documents(texts, progress=step), strict=True))
    for i in todo:
        rows.vectors[i] = fresh[rows.texts[i]]
    if rows.ids:
        store.add(generation, rows.ids, rows.texts, rows.metas, rows.vectors)
    return len(todo)

