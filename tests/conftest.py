"""Fixtures shared by the whole suite: the sample corpus, embedders, an indexed engine."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import pytest

from index.engine import Engine
from index.settings import Settings
from index.store.embedding import Embedder

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = ROOT.parent / "shared" / "corpus"
EVAL_QUESTIONS = ROOT.parent / "shared" / "eval" / "questions.yaml"


class HashEmbedder:
    """A fast, deterministic stand-in for the model at our own boundary (indexing
    tests that are about bookkeeping, not meaning). Counts what it embeds."""

    name = "test-hash-embedder"

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vector(self, text: str) -> list[float]:
        digest = hashlib.sha256(text.encode()).digest()
        raw = [b - 127.5 for b in digest[:16]]
        norm = math.sqrt(sum(x * x for x in raw))
        return [x / norm for x in raw]

    def embed_documents(self, texts, progress=None):
        self.embedded.extend(texts)
        if progress:
            progress(len(texts))
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str):
        return tuple(self._vector(text))


@pytest.fixture(scope="session")
def sample_corpus() -> Path:
    assert SAMPLE_CORPUS.is_dir(), f"the sample corpus is expected at {SAMPLE_CORPUS}"
    return SAMPLE_CORPUS


@pytest.fixture(scope="session")
def real_embedder() -> Embedder:
    """The real all-MiniLM-L6-v2, loaded once for the session."""
    return Embedder()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory, sample_corpus, real_embedder) -> Path:
    """A Chroma folder holding the sample corpus, indexed once with the real model."""
    path = tmp_path_factory.mktemp("sample-chroma")
    Engine(Settings(chroma_path=path, corpus_dir=sample_corpus),
           embedder=real_embedder).index()
    return path


@pytest.fixture(scope="session")
def sample_engine(sample_db, sample_corpus, real_embedder) -> Engine:
    """An Engine over the indexed sample corpus (read-only: tests must not re-index it)."""
    return Engine(Settings(chroma_path=sample_db, corpus_dir=sample_corpus),
                  embedder=real_embedder)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    """Write a corpus file for a test."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path
