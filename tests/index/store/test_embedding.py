"""The two embedding backends with the real all-MiniLM-L6-v2: the ONNX export of the packaged
weights gives sentence-transformers' vectors, an index built with one backend answers with
the other, and the answer path never imports torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bench.run import passage_texts
from index.engine import Engine
from index.errors import IndexMismatchError, SettingsError
from index.settings import Settings
from index.store import onnx_model
from index.store.embedding import DEFAULT_MODEL_NAME, Embedder, _default_model_path

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[3]
# Far past the model's 256 tokens: truncation must cut where sentence-transformers cuts.
LONG = " ".join(f"officer{i} was wounded in Almaty on day {i}." for i in range(120))


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    """A model cache of its own: the export below runs from scratch, once."""
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture(scope="module")
def onnx_embedder(cache) -> Embedder:
    return Embedder(cache_dir=cache)


@pytest.fixture(scope="module")
def torch_embedder() -> Embedder:
    return Embedder(backend="torch")


@pytest.fixture(scope="module")
def passages(sample_corpus) -> list[str]:
    return [*passage_texts(sample_corpus), LONG, "", "Ünïcödé — “quoted” 12 %"]


def test_onnx_vectors_match_sentence_transformers_on_every_sample_passage(
        onnx_embedder, torch_embedder, passages):
    assert onnx_embedder.encoder().backend == "onnx"
    onnx_vectors = onnx_embedder.embed_documents(passages)
    torch_vectors = torch_embedder.embed_documents(passages)
    cosines = (onnx_vectors * torch_vectors).sum(axis=1)
    assert onnx_vectors.dtype == np.float32 and onnx_vectors.shape == (len(passages), 384)
    assert cosines.min() >= 0.999, passages[int(cosines.argmin())]
    assert np.allclose(np.linalg.norm(onnx_vectors, axis=1), 1.0, atol=1e-5)


def test_questions_embed_alike_in_both_backends(onnx_embedder, torch_embedder):
    for question in ("how many officers died", "WHO won the 2022 football world cup?"):
        a = np.array(onnx_embedder.embed_query(question))
        b = np.array(torch_embedder.embed_query(question))
        assert float(a @ b) >= 0.999


def test_the_tokens_are_sentence_transformers_own_truncation_included(
        onnx_embedder, torch_embedder, passages):
    tokenizer = onnx_embedder.encoder().tokenizer
    expected = torch_embedder.encoder().model.preprocess(passages)
    ids = np.array([e.ids for e in tokenizer.encode_batch(passages)])
    assert ids.shape[1] == 256  # LONG is cut at the model's maximum length
    assert (ids == expected["input_ids"].numpy()).all()


def test_the_export_is_made_once_and_then_reused(cache, onnx_embedder):
    folder = onnx_embedder.encoder().folder
    stamp = (folder / "model.onnx").stat().st_mtime_ns
    again = onnx_model.ensure_exported(Path(_default_model_path()), cache,
                                       label=DEFAULT_MODEL_NAME)
    assert again == folder and (folder / "model.onnx").stat().st_mtime_ns == stamp
    meta = json.loads((folder / onnx_model.META).read_text())
    assert meta["max_length"] == 256 and meta["dimensions"] == 384
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".export-")]


def test_an_index_built_with_one_backend_answers_with_the_other(
        tmp_path, sample_corpus, onnx_embedder, torch_embedder):
    settings = Settings(chroma_path=tmp_path / "db", corpus_dir=sample_corpus)
    Engine(settings, embedder=torch_embedder).index()
    question = "how many officers died"
    by_torch = Engine(settings, embedder=torch_embedder).ask(question)
    by_onnx = Engine(settings, embedder=onnx_embedder).ask(question)
    assert [p.doc_id for p in by_onnx.passages] == [p.doc_id for p in by_torch.passages]
    assert by_onnx.disagreements == by_torch.disagreements


def test_an_int8_index_and_float_vectors_are_never_mixed(tmp_path, sample_corpus, cache,
                                                         onnx_embedder):
    settings = Settings(chroma_path=tmp_path / "db", corpus_dir=sample_corpus)
    Engine(settings, embedder=onnx_embedder).index()
    int8 = Embedder(quantized=True, cache_dir=cache)
    assert int8.name == f"{DEFAULT_MODEL_NAME}+int8"
    with pytest.raises(IndexMismatchError, match="holds float vectors: set EMBEDDING_QUANTIZED=0"):
        Engine(settings, embedder=int8).ask("how many officers died")
    report = Engine(settings, embedder=int8).index(rebuild=True)
    assert report.embedded == report.chunks
    assert Engine(settings, embedder=int8).ask("how many officers died").passages


def test_a_cache_that_cannot_be_written_falls_back_to_sentence_transformers(tmp_path, caplog):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    embedder = Embedder(cache_dir=blocked / "cache")
    assert embedder.encoder().backend == "torch"
    assert "set MODEL_CACHE_DIR to a writable folder" in caplog.text
    with pytest.raises(SettingsError, match="needs EMBEDDING_MODEL to be a model folder"):
        Embedder("not-a-folder-nor-an-installed-name", quantized=True).encoder()
    with pytest.raises(SettingsError, match="MODEL_CACHE_DIR"):
        Embedder(quantized=True, cache_dir=blocked / "cache").encoder()


def test_backend_settings_are_checked_where_they_are_read():
    settings = Settings.from_env({"EMBEDDING_QUANTIZED": "1", "MODEL_CACHE_DIR": "/m"})
    assert settings.embedding_backend == "onnx" and settings.embedding_quantized
    assert Embedder.from_settings(settings).name.endswith("+int8")
    with pytest.raises(SettingsError, match="EMBEDDING_BACKEND must be onnx or torch"):
        Settings.from_env({"EMBEDDING_BACKEND": "tensorflow"})
    with pytest.raises(SettingsError, match="EMBEDDING_QUANTIZED must be 1 or 0"):
        Settings.from_env({"EMBEDDING_QUANTIZED": "maybe"})
    with pytest.raises(SettingsError, match="needs EMBEDDING_BACKEND=onnx"):
        Embedder(backend="torch", quantized=True)


ANSWER_WITHOUT_TORCH = """
import sys
from pathlib import Path
from index.engine import Engine
from index.settings import Settings
engine = Engine(Settings(chroma_path=Path(sys.argv[1]), model_cache_dir=Path(sys.argv[2])))
engine.warm()
answer = engine.ask("how many officers died")
print(len(answer.passages), len(answer.disagreements), "torch" in sys.modules)
"""


def test_answering_a_question_never_imports_torch(sample_db, cache, onnx_embedder):
    onnx_embedder.encoder()  # the export exists: the child only loads it
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", ANSWER_WITHOUT_TORCH, str(sample_db),
                           str(cache)], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=300, check=True)
    passages, disagreements, torch_loaded = done.stdout.split()
    assert int(passages) > 0 and int(disagreements) > 0
    assert torch_loaded == "False"
