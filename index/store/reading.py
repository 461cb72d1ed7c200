"""Reading an index generation: the Chunks nearest a question, Chunks and Articles by id,
every record of a generation, the Articles' Claims and listing — the reading half of
`Store` (`chroma.py` keeps the client, the generations and the writing).

Only `chroma.py` imports chromadb; this module works on the collections it hands over.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from ..records import Chunk, Claim, SourceSummary
from .chunk_records import chunk_from_record, claim_from_dict, summary_from_metadata

ARTICLES = "-articles"  # suffix of a generation's Article collection
PAGE = 5000
TEXTS_KEPT = 256  # Article texts kept per process for the passages shown (~1 MB)


@dataclass(frozen=True)
class Hit:
    """One search result: the Chunk and its cosine similarity to the question."""

    chunk: Chunk
    score: float


class Reading:
    """The reading half of `Store`: it uses the Store's collections (`_collection`), its
    error mapping (`_errors`), its active generation and its per-generation caches.

    The annotations and stubs below name what `Store` provides, for the type checker; they
    hold nothing here."""

    _counts: dict[str, int]
    _texts: dict[tuple[str, str], str]
    _summaries: tuple[str, list[SourceSummary]] | None
    _lock: threading.Lock

    def active_name(self) -> str | None:
        """The active generation's name (`Store` reads it from its pointer)."""
        raise NotImplementedError

    def _collection(self, name: str) -> Any:
        """A generation's Chroma collection (`Store` opens and caches it)."""
        # Any, not chromadb's Collection: its results type every field Optional (each is
        # there when `include` asks for it), and this module imports nothing of chromadb.
        raise NotImplementedError

    def _errors(self) -> AbstractContextManager[None]:
        """A context turning Chroma's exceptions into the engine's errors (`Store`'s)."""
        raise NotImplementedError

    def count(self, name: str) -> int:
        """Chunks in a generation; counted once, as a generation never changes once active."""
        if name not in self._counts:
            collection = self._collection(name)
            with self._errors():
                self._counts[name] = collection.count()
        return self._counts[name]

    def query(self, vector: Sequence[float], n: int, name: str | None = None) -> list[Hit]:
        """The n nearest Chunks of a generation (default: the active one), best first."""
        name = name or self.active_name()
        count = self.count(name) if name else 0
        if not name or count == 0:
            return []
        collection = self._collection(name)
        with self._errors():
            found = collection.query(query_embeddings=[list(vector)], n_results=min(n, count),
                                     include=["documents", "metadatas", "distances"])
        rows = zip(found["ids"][0], found["documents"][0], found["metadatas"][0],
                   found["distances"][0], strict=True)
        # Cosine space: distance = 1 - cosine similarity.
        return [Hit(chunk_from_record(doc, meta, cid), 1.0 - dist)
                for cid, doc, meta, dist in rows]

    def nearest(self, vector: Sequence[float], n: int, name: str) -> list[tuple[str, float]]:
        """The ids of the n nearest Chunks of a generation and their cosines, best first:
        without their records, five times cheaper than `query` (see store.chunk_table)."""
        count = self.count(name)
        if count == 0:
            return []
        with self._errors():
            found = self._collection(name).query(query_embeddings=[list(vector)],
                                                 n_results=min(n, count), include=["distances"])
        return [(cid, 1.0 - dist) for cid, dist in zip(found["ids"][0], found["distances"][0],
                                                        strict=True)]

    def chunks(self, name: str, ids: Sequence[str]) -> list[tuple[Chunk, Any]]:
        """Some Chunks of a generation by id, each with its vector (float32 row)."""
        if not ids:
            return []
        collection = self._collection(name)
        with self._errors():
            found = collection.get(ids=list(ids), include=["documents", "metadatas",
                                                          "embeddings"])
        return [(chunk_from_record(doc, meta, cid), vector) for cid, doc, meta, vector in zip(
            found["ids"], found["documents"], found["metadatas"], found["embeddings"],
            strict=True)]

    def records(self, name: str | None = None, include_embeddings: bool = False,
                include_documents: bool = True,
                ) -> Iterator[tuple[str, str, dict[str, Any], Any]]:
        """Every (id, text, metadata, embedding) of a generation (default: active), paged.

        The embedding is a float32 row as Chroma returns it (a list of Python floats would
        take 8x the memory at 100k Chunks); the text is "" when documents are not asked for.
        """
        name = name or self.active_name()
        if not name:
            return
        collection = self._collection(name)
        include = (["metadatas"] + (["documents"] if include_documents else [])
                   + (["embeddings"] if include_embeddings else []))
        offset = 0
        while True:
            with self._errors():
                page = collection.get(include=include, limit=PAGE, offset=offset)
            embeddings = page.get("embeddings") if include_embeddings else None
            documents = page.get("documents") if include_documents else None
            for i, cid in enumerate(page["ids"]):
                vector = None if embeddings is None else embeddings[i]
                yield cid, documents[i] if documents else "", page["metadatas"][i], vector
            if len(page["ids"]) < PAGE:
                return
            offset += PAGE

    def article_claims(self, name: str | None = None) -> list[tuple[dict[str, Any], list[Claim]]]:
        """Every Article record of a generation (default: the active one) with its Claims.

        The same pass lists the generation's Articles for `sources`, so opening a large
        index reads the Article records once, not twice.
        """
        name = name or self.active_name() or ""
        out: list[tuple[dict[str, Any], list[Claim]]] = []
        shared: dict[str, str] = {}
        for _, _, meta, _ in self.article_records(name or None):
            out.append((meta, [claim_from_dict(c, shared)
                               for c in json.loads(meta.get("claims") or "[]")]))
        if name:
            self._summaries = (name, sorted((summary_from_metadata(m) for m, _ in out),
                                            key=lambda s: s.doc_id))
        return out

    def sources(self, name: str | None = None) -> list[SourceSummary]:
        """One line per indexed Article, cached per generation (`name`: the generation the
        caller already read; default: ask for the active one)."""
        name = name or self.active_name() or ""
        cached = self._summaries
        if cached is not None and cached[0] == name:
            return cached[1]
        summaries = sorted((summary_from_metadata(meta)
                            for _, _, meta, _ in self.article_records(name or None)),
                           key=lambda s: s.doc_id)
        self._summaries = (name, summaries)
        return summaries

    def article_records(self, name: str | None = None, include_documents: bool = False,
                        include_embeddings: bool = False,
                        ) -> Iterator[tuple[str, str, dict[str, Any], Any]]:
        """Every (doc id, text, metadata, vector) of a generation's Articles, paged."""
        name = name or self.active_name()
        if not name:
            return iter(())
        return self.records(f"{name}{ARTICLES}", include_embeddings, include_documents)

    def article_texts(self, name: str, doc_ids: Sequence[str]) -> dict[str, str]:
        """The full text of some Articles of a generation (for the passages shown)."""
        wanted = [d for d in dict.fromkeys(doc_ids) if (name, d) not in self._texts]
        if wanted:
            collection = self._collection(f"{name}{ARTICLES}")
            with self._errors():
                found = collection.get(ids=wanted, include=["documents"])
            with self._lock:
                for doc_id, text in zip(found["ids"], found["documents"], strict=True):
                    if len(self._texts) >= TEXTS_KEPT:
                        self._texts.pop(next(iter(self._texts)))
                    self._texts[(name, doc_id)] = text
        return {d: self._texts[(name, d)] for d in doc_ids if (name, d) in self._texts}
