"""The one module that talks to Chroma.

Layout: a small meta collection `<name>-meta` whose metadata names the active generation,
and one collection per generation `<name>-g<millis>` holding the Chunks. An index run
writes a whole new generation beside the active one and then flips the pointer, so a
reader never sees a half-built index and an interrupted run leaves the last complete one
in place. The previous generation is kept until the next run, so a question that started
just before the swap still finds its collection.

What needs no chromadb is beside it: the errors and messages in `faults.py`, the cutting of
a write into requests in `batches.py`, the reading half of `Store` in `reading.py`.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import IndexCorruptError, IndexMismatchError
from ..records import SourceSummary
from ..settings import Settings
from . import folder
from .batches import batches
from .faults import REBUILD_HINT, chroma_errors, mismatch_message, where_of
from .reading import ARTICLES, PAGE, Reading
from .tidy import tidy

if TYPE_CHECKING:  # chromadb itself is imported on first use (~1.4 s)
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

log = logging.getLogger(__name__)

# 2: Chunks of about two sentences; one record per Article (its text, Claims and Story) in
# a second collection of the generation.
FORMAT_VERSION = 2
# Every question reads which generation is active: a get_collection of ~2 ms, a sixth of a
# warm ask (the benchmark's questions, 2 cores). Over an embedded index it is read again only
# when Chroma's database changed (folder.stamp) — or changed under this many seconds ago, as
# a file system with a coarse clock could hide a second write in the same tick.
FRESH_S = 2.0


def _client(settings: Settings, create: bool) -> ClientAPI:
    """A Chroma client; an embedded index folder must exist unless `create` (an index run
    that already checked and created it): reading never creates a folder or database."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                   settings=chroma_settings)
    if not create:
        folder.check_readable(settings.chroma_path)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


class Store(Reading):
    """Chroma behind the engine's words: generations of Chunks, search, sources."""

    def __init__(self, client: ClientAPI, settings: Settings) -> None:
        self._client = client
        self._settings = settings
        self._prefix = settings.collection
        self._where = where_of(settings)
        self._server = bool(settings.chroma_host)
        self._handles: dict[str, Collection] = {}
        self._summaries: tuple[str, list[SourceSummary]] | None = None
        self._counts: dict[str, int] = {}
        self._texts: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()
        self._lexical_root = (
            settings.chroma_path.parent / "lexical" / f"{settings.chroma_host}-"
            f"{settings.chroma_port}" if settings.chroma_host
            else settings.chroma_path / "lexical")
        self._meta_lock = threading.Lock()
        self._active: tuple[tuple[int, ...], dict[str, Any]] | None = None  # (stamp, meta)

    def _errors(self) -> AbstractContextManager[None]:
        return chroma_errors(self._settings)

    @property
    def where(self) -> str:
        return self._where

    @property
    def server(self) -> bool:
        return self._server

    @property
    def settings(self) -> Settings:
        return self._settings

    @classmethod
    def open(cls, settings: Settings, create: bool = False) -> Store:
        """Open the index; `create` only for an index run (see `_client`)."""
        with chroma_errors(settings):
            return cls(_client(settings, create), settings)

    @classmethod
    def open_for_rebuild(cls, settings: Settings) -> tuple[Store, Path | None]:
        """Open the index to rebuild it; a local index folder Chroma cannot read is moved
        aside (kept, never deleted) and a fresh one is started. Returns where it was moved.
        Only a corrupt folder that Chroma made (chroma.sqlite3) is ever moved: a permission
        problem, a full disk or someone else's folder is raised with its own fix."""
        try:
            store = cls.open(settings, create=True)
            store.active_name()
            return store, None
        except IndexMismatchError:
            return store, None  # readable, just another format: the new generation fixes it
        except IndexCorruptError:
            if settings.chroma_host or not folder.is_index_folder(settings.chroma_path):
                raise
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()  # drop the handle on the broken files
        path = settings.chroma_path
        aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
        path.rename(aside)
        log.warning("moved the unreadable index %s aside to %s", path, aside)
        folder.prepare_for_writing(path)
        return cls.open(settings, create=True), aside

    # -- the active generation ----------------------------------------------------------
    def _meta(self) -> Collection:
        with self._errors():
            return self._client.get_or_create_collection(f"{self._prefix}-meta",
                                                         embedding_function=None)

    def write_meta(self, changes: dict[str, Any], remove: Iterable[str] = ()) -> None:
        """Merge `changes` into the meta collection's metadata (Chroma replaces metadata
        whole, so the pointer and an index run's lease must be written together)."""
        with self._meta_lock:  # the lease renewer and the swap write from two threads
            meta = {k: v for k, v in self._pointer().items() if k not in set(remove)}
            meta.update(changes)
            with self._errors():
                self._meta().modify(metadata=meta or {"format": FORMAT_VERSION})
            self._active = None

    def read_meta(self) -> dict[str, Any]:
        """The meta collection's metadata ({} when nothing was ever written)."""
        return dict(self._pointer())

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

    def _pointer_unless_unchanged(self) -> dict[str, Any]:
        """The pointer as last read while the database has not changed since (see FRESH_S);
        read afresh over a server, whose writes no file here shows."""
        stamp = None if self._server else folder.stamp(self._settings.chroma_path)
        if stamp is None or time.time() - max(stamp[0::2]) / 1e9 < FRESH_S:
            return self._pointer()
        known = self._active
        if known is not None and known[0] == stamp:
            return known[1]
        meta = self._pointer()  # the stamp was taken first: a write since reads it again
        self._active = (stamp, meta)
        return meta

    def active_name(self) -> str | None:
        """The name of the complete generation readers use, or None when nothing is built."""
        meta = self._pointer_unless_unchanged()
        if meta.get("format", FORMAT_VERSION) != FORMAT_VERSION:
            raise IndexMismatchError(
                f"The index at {self._where} has format {meta.get('format')}, this version "
                f"reads format {FORMAT_VERSION}: {REBUILD_HINT}."
            )
        return meta.get("active") or None

    def _collection(self, name: str) -> Collection:
        with self._lock:
            if name not in self._handles:
                with self._errors():
                    self._handles[name] = self._client.get_collection(name,
                                                                      embedding_function=None)
            return self._handles[name]

    def active(self, name: str | None = None) -> Collection | None:
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
                vectors = "int8" if quantized else "float"
                raise IndexMismatchError(
                    f"The index at {self._where} holds {vectors} vectors: set "
                    f"EMBEDDING_QUANTIZED={int(quantized)} or {REBUILD_HINT}.")
            raise IndexMismatchError(mismatch_message(self._where, built_with, model_name))

    # -- reading ------------------------------------------------------------------------
    def add_articles(self, generation_name: str, ids: Sequence[str], texts: Sequence[str],
                     metadatas: Sequence[dict[str, Any]],
                     vectors: Sequence[Sequence[float]]) -> None:
        """Write Article records (text, metadata, mean Chunk vector) into a generation."""
        self.add(self._collection(f"{generation_name}{ARTICLES}"), ids, texts, metadatas,
                 vectors)

    def update_articles(self, generation_name: str, ids: Sequence[str],
                        metadatas: Sequence[dict[str, Any]]) -> None:
        """Replace the metadata of Article records (the Story of each, once found)."""
        collection = self._collection(f"{generation_name}{ARTICLES}")
        for start in range(0, len(ids), PAGE):
            with self._errors():
                collection.update(ids=list(ids[start:start + PAGE]),
                                  metadatas=list(metadatas[start:start + PAGE]))

    def lexical_dir(self, name: str) -> Path:
        """Where a generation's lexical index lives: beside an embedded index, or in a local
        cache per server (it is rebuilt from the generation when missing)."""
        return self._lexical_root / name

    # -- writing ------------------------------------------------------------------------
    def new_generation(self, model_name: str) -> Collection:
        """Create an empty generation for an index run — its Chunks and its Articles — that
        is not visible until activated."""
        name = f"{self._prefix}-g{time.time_ns() // 1_000_000}"
        with self._errors():
            for collection in (f"{name}{ARTICLES}", name):
                created = self._client.create_collection(
                    collection, embedding_function=None,
                    metadata={"embedding_model": model_name, "format": FORMAT_VERSION},
                    configuration={"hnsw": {"space": "cosine"}},
                )
            return created

    def add(self, collection: Collection, ids: Sequence[str], texts: Sequence[str],
            metadatas: Sequence[dict[str, Any]], vectors: Sequence[Sequence[float]]) -> None:
        import numpy as np

        with self._errors():  # the first call asks the server (a pre-flight request)
            batch = max(1, min(PAGE, self._client.get_max_batch_size()))
        for start, end in batches(texts, metadatas, vectors, batch):
            with self._errors():
                collection.add(ids=list(ids[start:end]), documents=list(texts[start:end]),
                               metadatas=list(metadatas[start:end]),
                               embeddings=np.asarray(vectors[start:end], dtype=np.float32))

    def activate(self, collection: Collection) -> None:
        """Make a complete generation the one readers use."""
        with self._errors():
            self.write_meta({"active": collection.name, "format": FORMAT_VERSION})
        log.info("index generation %s is now active", collection.name)

    def drop_stale(self, keep: Iterable[str], compact: bool = False) -> list[str]:
        """Delete generations other than `keep` (left by earlier or interrupted runs), and
        what Chroma leaves of them on disk; `compact` (after a swap) also merges the
        full-text index, so an unchanged corpus re-indexed does not grow the folder."""
        generations = set(keep)  # read once: `keep` may be an iterator
        keep = generations | {f"{name}{ARTICLES}" for name in generations}
        dropped = []
        with self._errors():
            for col in self._client.list_collections():
                name = col if isinstance(col, str) else col.name
                if name.startswith(f"{self._prefix}-g") and name not in keep:
                    self._client.delete_collection(name)
                    self._handles.pop(name, None)
                    self._counts.pop(name, None)
                    dropped.append(name)
        self._drop_lexical(keep)
        if not self._server:  # in a child process: see store/tidy.py
            orphans = tidy(self._settings.chroma_path, compact)
            log.info("removed %d unused segment folders", len(orphans))
        return dropped

    def _drop_lexical(self, keep: set[str]) -> None:
        """Remove the lexical indexes of every generation but `keep` (a run killed between
        writing one and creating its collection left one no collection names)."""
        try:
            entries = list(self._lexical_root.iterdir())
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith(f"{self._prefix}-g") and entry.name not in keep:
                shutil.rmtree(entry, ignore_errors=True)
