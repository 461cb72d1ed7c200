"""The Chunk table beside a generation's lexical index: where each Chunk sits in its
Article, and its vector, so a question needs no Chunk records from Chroma.

Reading 60 Chunks' documents and metadata with a Chroma query costs 3-5 ms (measured on
the sample and on 10k passages), five times the nearest-neighbour search itself; a lexical
hit fetched by id costs as much again. A Chunk is a run of its Article's sentences
(`first`, `count`), so its text is cut from the Article's text, which the passages shown
need anyway, and its vector (for the cosine of a Chunk found only by its words) is a row of
a float16 file read memory-mapped: only the rows asked for are read. float16 keeps a
cosine within 0.001 of the float32 one.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

from ..ingest.chunking import chunk_texts_of
from ..records import Chunk

log = logging.getLogger(__name__)

TABLE_FILE = "chunk_table.json"
ROWS_FILE = "chunk_rows.npy"
VECTORS_FILE = "chunk_vectors.f16"
# Up to this many Chunks, a question's nearest are found exactly, over the table's vectors
# held in memory as float32 (15 MB at most): Chroma's embedded nearest-neighbour index gave
# other neighbours from one process to the next on one unchanged index (realdev's 1,000
# Chunks: one run in three), so the same question got other passages. An exact search over
# 10,000 Chunks takes ~1 ms; past that, Chroma's index is the faster.
EXACT_MAX = 10_000


class ChunkTableWriter:
    """Writes a generation's Chunk table block by block, vectors straight to disk (memory
    stays flat however many Chunks there are)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._docs: dict[str, int] = {}
        self._doc_rows: list[list[str]] = []
        self._rows: list[tuple[int, int, int, int]] = []
        self._dim = 0
        self._vectors = open(folder / VECTORS_FILE, "wb")  # noqa: SIM115 (closed in close)

    def add(self, metas: Sequence[dict[str, Any]], vectors: Sequence[Any]) -> None:
        """Chunks in the lexical index's order: their metadata and vectors."""
        for meta in metas:
            doc = self._docs.setdefault(meta["doc_id"], len(self._docs))
            if doc == len(self._doc_rows):
                self._doc_rows.append([meta["doc_id"], meta["source"], meta.get("title") or "",
                                       meta.get("date") or ""])
            self._rows.append((doc, int(meta["position"]), int(meta.get("first", 0)),
                               int(meta.get("count", 1))))
        if len(vectors):
            block = np.asarray(vectors, dtype=np.float16)
            self._dim = block.shape[1]
            self._vectors.write(block.tobytes())

    def __enter__(self) -> ChunkTableWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        """Written whole when the block loop ends; after a failure only the file is closed
        (the generation is never made active, and is dropped by the next run)."""
        if exc_type is None:
            self.close()
        else:
            self._vectors.close()

    def close(self) -> None:
        self._vectors.close()
        np.save(self.folder / ROWS_FILE, np.asarray(self._rows, dtype=np.int32).reshape(-1, 4))
        (self.folder / TABLE_FILE).write_text(json.dumps(
            {"dim": self._dim, "docs": self._doc_rows}, ensure_ascii=False), encoding="utf-8")


def best_first(scores: np.ndarray, among: np.ndarray, k: int) -> np.ndarray:
    """The k indices of `among` with the highest scores, best first (ties by index): the
    top of the exact dense search here and of the lexical index's BM25 (store.lexical)."""
    if len(among) > k:
        among = among[np.argpartition(scores[among], -k)[-k:]]
    return among[np.lexsort((among, -scores[among]))]


class ChunkTable:
    """A generation's Chunk table, rows in the lexical index's order (see the module)."""

    def __init__(self, ids: Sequence[str], rows: np.ndarray, docs: list[list[str]],
                 vectors: np.ndarray) -> None:
        self.row_of = {cid: i for i, cid in enumerate(ids)}
        self._ids = list(ids)
        self._rows, self._docs, self._vectors = rows, docs, vectors
        self._exact: np.ndarray | None = None  # the float32 copy `nearest` searches
        self._lock = threading.Lock()

    @classmethod
    def load(cls, folder: Path, ids: Sequence[str]) -> ChunkTable | None:
        """The table saved in `folder` for these ids, or None (an index built before it)."""
        try:
            meta = json.loads((folder / TABLE_FILE).read_text(encoding="utf-8"))
            rows = np.load(folder / ROWS_FILE)
            vectors: np.ndarray = np.memmap(folder / VECTORS_FILE, dtype=np.float16, mode="r") \
                if meta["dim"] else np.zeros((0,), dtype=np.float16)
        except (OSError, ValueError, KeyError) as exc:
            log.info("no usable chunk table in %s (%s)", folder, exc)
            return None
        vectors = vectors.reshape(-1, meta["dim"] or 1)
        if len(rows) != len(ids) or len(vectors) != len(ids):
            log.warning("the chunk table in %s does not match its lexical index", folder)
            return None
        return cls(ids, rows, meta["docs"], vectors)

    def doc_of(self, chunk_id: str) -> str | None:
        row = self.row_of.get(chunk_id)
        return None if row is None else self._docs[int(self._rows[row][0])][0]

    def chunk(self, chunk_id: str, article_text: str) -> Chunk:
        """The Chunk (one `doc_of` found), its text cut from its Article's."""
        return self.chunks([chunk_id], article_text)[0]

    def chunks(self, chunk_ids: Sequence[str], article_text: str) -> list[Chunk]:
        """Chunks of one Article (each one `doc_of` found), their texts cut from its text
        in one pass."""
        rows = [tuple(int(v) for v in self._rows[self.row_of[cid]]) for cid in chunk_ids]
        texts = chunk_texts_of(article_text, [(first, count) for _, _, first, count in rows])
        out = []
        for cid, (doc, position, first, count), text in zip(chunk_ids, rows, texts,
                                                            strict=True):
            doc_id, source, title, date = self._docs[doc]
            out.append(Chunk(chunk_id=cid, doc_id=doc_id, source=source, title=title or None,
                             date=date or None, position=position, text=text, first=first,
                             count=count))
        return out

    def cosines(self, chunk_ids: Sequence[str], query: np.ndarray) -> dict[str, float]:
        """Cosine of each Chunk's vector to a (normalised) query vector."""
        known, rows = self.vectors(chunk_ids)
        if not known:
            return {}
        return dict(zip(known, (rows @ query.astype(np.float32)).tolist(), strict=True))

    def nearest(self, query: np.ndarray, n: int) -> list[tuple[str, float]] | None:
        """The ids of the n Chunks nearest a (normalised) query vector and their cosines,
        best first (ties by row), found exactly; None over EXACT_MAX Chunks (see there)."""
        if len(self._ids) > EXACT_MAX or not self._ids:
            return None
        with self._lock:
            if self._exact is None:
                self._exact = np.asarray(self._vectors, dtype=np.float32)
        scores = self._exact @ query.astype(np.float32)
        return [(self._ids[i], float(scores[i]))
                for i in best_first(scores, np.arange(len(scores)), n)]

    def vectors(self, chunk_ids: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """The ids of these Chunks the table holds and their vectors (float32 rows)."""
        known = [cid for cid in chunk_ids if cid in self.row_of]
        if not known:
            return [], np.zeros((0, self._vectors.shape[1]), dtype=np.float32)
        return known, self._vectors[[self.row_of[cid] for cid in known]].astype(np.float32)
