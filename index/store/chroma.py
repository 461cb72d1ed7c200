"""The one module that talks to Chroma.

Layout: a small meta collection `<name>-meta` whose metadata names the active generation,
and one collection per generation `<name>-g<millis>` holding the Chunks. An index run
writes a whole new generation beside the active one and then flips the pointer, so a
reader never sees a half-built index and an interrupted run leaves the last complete one
in place. The previous generation is kept until the next run, so a question that started
just before the swap still finds its collection.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import IndexMismatchError, IndexUnavailableError
from ..records import Chunk, Claim, SourceSummary
from ..settings import Settings
from .chunk_records import chunk_from_record, claim_from_dict

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
PAGE = 5000
REBUILD_HINT = "run `discordant index --rebuild`"


@contextlib.contextmanager
def _chroma_errors(where: str, server: bool = False) -> Iterator[None]:
    """Turn Chroma's and the network's failures into one error that names the fix."""
    try:
        yield
    except (IndexMismatchError, IndexUnavailableError):
        raise
    except Exception as exc:
        fix = ("check that the Chroma server is running and reachable (CHROMA_HOST/CHROMA_PORT)"
               if server else REBUILD_HINT)
        raise IndexUnavailableError(
            f"The index at {where} cannot be used ({type(exc).__name__}: {exc}): {fix}."
        ) from exc


def _client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                   settings=chroma_settings)
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


@dataclass(frozen=True)
class Hit:
    """One search result: the Chunk and its cosine similarity to the question."""

    chunk: Chunk
    score: float


class Store:
    """Chroma behind the engine's words: generations of Chunks, search, sources."""

    def __init__(self, client, settings: Settings) -> None:
        self._client = client
        self._prefix = settings.collection
        self._where = (f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host
                       else str(settings.chroma_path))
        self._server = bool(settings.chroma_host)
        self._handles: dict[str, Any] = {}
        self._summaries: tuple[str, list[SourceSummary]] | None = None
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def _errors(self):
        return _chroma_errors(self._where, self._server)

    @classmethod
    def open(cls, settings: Settings) -> Store:
        where = settings.chroma_host or str(settings.chroma_path)
        with _chroma_errors(where, server=bool(settings.chroma_host)):
            return cls(_client(settings), settings)

    @classmethod
    def open_for_rebuild(cls, settings: Settings) -> tuple[Store, Path | None]:
        """Open the index to rebuild it; a local folder Chroma cannot read is moved aside
        (kept, never deleted) and a fresh one is started. Returns where it was moved."""
        try:
            store = cls.open(settings)
            store.active_name()
            return store, None
        except IndexMismatchError:
            return store, None  # readable, just another format: the new generation fixes it
        except IndexUnavailableError:
            if settings.chroma_host:
                raise
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()  # drop the handle on the broken files
        path = settings.chroma_path
        aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
        path.rename(aside)
        log.warning("moved the unreadable index %s aside to %s", path, aside)
        return cls.open(settings), aside

    # -- the active generation ----------------------------------------------------------
    def _meta(self):
        with self._errors():
            return self._client.get_or_create_collection(f"{self._prefix}-meta",
                                                         embedding_function=None)

    def _pointer(self) -> dict[str, Any]:
        """The meta collection's metadata, read without creating it ({} when absent): a
        plain get is half the cost of get_or_create, and every question reads it."""
        from chromadb.errors import NotFoundError

        with self._errors():
            try:
                meta = self._client.get_collection(f"{self._prefix}-meta",
                                                   embedding_function=None)
            except NotFoundError:
                return {}
            return meta.metadata or {}

    def active_name(self) -> str | None:
        """The name of the complete generation readers use, or None when nothing is built."""
        meta = self._pointer()
        if meta.get("format", FORMAT_VERSION) != FORMAT_VERSION:
            raise IndexMismatchError(
                f"The index at {self._where} has format {meta.get('format')}, this version "
                f"reads format {FORMAT_VERSION}: {REBUILD_HINT}."
            )
        return meta.get("active") or None

    def _collection(self, name: str):
        with self._lock:
            if name not in self._handles:
                with self._errors():
                    self._handles[name] = self._client.get_collection(name,
                                                                      embedding_function=None)
            return self._handles[name]

    def active(self, name: str | None = None):
        name = name or self.active_name()
        return self._collection(name) if name else None

    def check_model(self, model_name: str, name: str | None = None) -> None:
        """Refuse to search an index that another embedding model built (`name`: the
        generation the caller already read, which saves a round trip to the server)."""
        collection = self.active(name)
        if collection is None:
            return
        built_with = (collection.metadata or {}).get("embedding_model")
        if built_with and built_with != model_name:
            int8 = "+int8"  # the embedding module's suffix for int8 vectors
            if built_with.removesuffix(int8) == model_name.removesuffix(int8):
                quantized = built_with.endswith(int8)
                kind = "int8" if quantized else "float"
                raise IndexMismatchError(
                    f"The index at {self._where} holds {kind} vectors: set "
                    f"EMBEDDING_QUANTIZED={int(quantized)} or {REBUILD_HINT}.")
            raise IndexMismatchError(
                f"The index at {self._where} was built with the model {built_with!r} but "
                f"EMBEDDING_MODEL is {model_name!r}: set EMBEDDING_MODEL={built_with} or "
                f"{REBUILD_HINT}."
            )

    # -- reading ------------------------------------------------------------------------
    def count(self, name: str) -> int:
        """Chunks in a generation; counted once, as a generation never changes once active."""
        if name not in self._counts:
            collection = self._collection(name)
            with self._errors():
                self._counts[name] = collection.count()
        return self._counts[name]

    def query(self, vector: Sequence[float], n: int, name: str | None = None,
              with_claims: bool = True) -> list[Hit]:
        """The n nearest Chunks of a generation (default: the active one), best first.

        `with_claims=False` leaves each Chunk's claims empty, for callers that take them
        from the ClaimIndex anyway (decoding them is a third of the time spent here).
        """
        name = name or self.active_name()
        count = self.count(name) if name else 0
        if count == 0:
            return []
        collection = self._collection(name)
        with self._errors():
            found = collection.query(query_embeddings=[list(vector)], n_results=min(n, count),
                                     include=["documents", "metadatas", "distances"])
        rows = zip(found["ids"][0], found["documents"][0], found["metadatas"][0],
                   found["distances"][0], strict=True)
        # Cosine space: distance = 1 - cosine similarity.
        return [Hit(chunk_from_record(doc, meta, cid, with_claims), 1.0 - dist)
                for cid, doc, meta, dist in rows]

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

    def all_claims(self, name: str | None = None) -> list[Claim]:
        """Every Claim of a generation (default: the active one).

        The same pass lists the generation's Articles for `sources`, so opening a large
        index reads its metadata once, not twice (at 100k passages each pass is ~10 s).
        """
        name = name or self.active_name() or ""
        claims: list[Claim] = []
        per_doc: dict[str, list[Any]] = {}
        shared: dict[str, str] = {}
        for _, _, meta, _ in self.records(name or None, include_documents=False):
            claims.extend(claim_from_dict(c, shared)
                          for c in json.loads(meta.get("claims") or "[]"))
            _count_passage(per_doc, meta)
        if name:
            self._summaries = (name, _summaries(per_doc))
        return claims

    def sources(self, name: str | None = None) -> list[SourceSummary]:
        """One line per indexed Article, cached per generation (`name`: the generation the
        caller already read; default: ask for the active one)."""
        name = name or self.active_name() or ""
        cached = self._summaries
        if cached is not None and cached[0] == name:
            return cached[1]
        per_doc: dict[str, list[Any]] = {}
        for _, _, meta, _ in self.records(name or None, include_documents=False):
            _count_passage(per_doc, meta)
        summaries = _summaries(per_doc)
        self._summaries = (name, summaries)
        return summaries

    # -- writing ------------------------------------------------------------------------
    def new_generation(self, model_name: str):
        """Create an empty generation for an index run; it is not visible until activated."""
        name = f"{self._prefix}-g{time.time_ns() // 1_000_000}"
        with self._errors():
            return self._client.create_collection(
                name, embedding_function=None,
                metadata={"embedding_model": model_name, "format": FORMAT_VERSION},
                configuration={"hnsw": {"space": "cosine"}},
            )

    def add(self, collection, ids: Sequence[str], texts: Sequence[str],
            metadatas: Sequence[dict[str, Any]], vectors: Sequence[Sequence[float]]) -> None:
        import numpy as np

        batch = max(1, min(PAGE, self._client.get_max_batch_size()))
        for start in range(0, len(ids), batch):
            end = start + batch
            with self._errors():
                collection.add(ids=list(ids[start:end]), documents=list(texts[start:end]),
                               metadatas=list(metadatas[start:end]),
                               embeddings=np.asarray(vectors[start:end], dtype=np.float32))

    def activate(self, collection) -> None:
        """Make a complete generation the one readers use."""
        with self._errors():
            self._meta().modify(metadata={"active": collection.name, "format": FORMAT_VERSION})
        log.info("index generation %s is now active", collection.name)

    def drop_stale(self, keep: Iterable[str]) -> list[str]:
        """Delete generations other than `keep` (left by earlier or interrupted runs)."""
        keep = set(keep)
        dropped = []
        with self._errors():
            for col in self._client.list_collections():
                name = col if isinstance(col, str) else col.name
                if name.startswith(f"{self._prefix}-g") and name not in keep:
                    self._client.delete_collection(name)
                    self._handles.pop(name, None)
                    self._counts.pop(name, None)
                    dropped.append(name)
        return dropped


def _count_passage(per_doc: dict[str, list[Any]], meta: dict[str, Any]) -> None:
    """Count one Chunk for its Article: [source, title, date, passages], first Chunk's."""
    entry = per_doc.get(meta["doc_id"])
    if entry is None:
        per_doc[meta["doc_id"]] = [meta["source"], meta["title"] or None, meta["date"] or None, 1]
    else:
        entry[3] += 1


def _summaries(per_doc: dict[str, list[Any]]) -> list[SourceSummary]:
    return [SourceSummary(doc_id=d, source=s, title=t, date=day, passages=n)
            for d, (s, t, day, n) in sorted(per_doc.items())]
