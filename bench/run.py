"""`discordant bench`: our speed beside the physical floor, measured in the same run.

- ask, warm: each `ask` over the sample corpus beside its floor (embed the question + one
  Chroma query), see `bench_measure`;
- index: passages per second of `index` beside a raw `encode` of the same passages;
- scale: a deterministic synthetic corpus (`synthetic`) at each size, embedded and against
  a Chroma server, every step in its own process so its peak memory is its own;
- cold start: a new `discordant ask` to its answer, `discordant run` to READY.

The figures go to a JSON file and, with `--report`, into BENCHMARKS.md. Nothing here
asserts a timing: the targets (`targets`) are reported as met or missed, by how much.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from index.answers.search import DENSE_CANDIDATES
from index.engine import Engine
from index.indexing.generation import load
from index.ingest.chunking import chunk_article
from index.settings import Settings
from index.store.chroma import Store
from index.store.embedding import BATCH_SIZE, Embedder

from . import cold
from .measure import (
    QUESTIONS,
    ChromaServer,
    TimedEmbedder,
    TimedExtractor,
    dir_size_mb,
    measure_asks,
    raw_encode_seconds,
)
from .report import update_markdown
from .synthetic import generate, sample_articles
from .targets import BOT_QUESTIONS, evaluate

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Plan:
    """What one run measures, and how often."""

    scales: tuple[int, ...] = (10_000, 100_000)
    index_passages: int = 2_000
    ask_rounds: int = 5
    scale_rounds: int = 3
    cold_runs: int = 3
    server_index_max: int = 10_000  # above this the server is loaded, not indexed again

    @classmethod
    def quick(cls) -> Plan:
        return cls(scales=(1_000,), index_passages=300, ask_rounds=2, scale_rounds=1,
                   cold_runs=1)


def seed_articles(corpus_dir: Path) -> list:
    """What the synthetic corpus grows from: the sample corpus, and the three-story corpus
    of the evaluation when it is beside it — so the scale corpus holds several stories
    (variants of four events) and finding them is measured at size."""
    samples = sample_articles(corpus_dir)
    stories = corpus_dir.parent / "eval" / "stories"
    return samples + (sample_articles(stories) if stories.is_dir() else [])


def machine() -> dict[str, Any]:
    """The machine and the versions measured (read from package metadata: importing torch
    here would put it in the benchmark's own process for nothing)."""
    from importlib.metadata import version

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory),
            "load_before": round(os.getloadavg()[0], 2), "python": platform.python_version(),
            "torch": version("torch"), "chromadb": version("chromadb"),
            "onnxruntime": version("onnxruntime"),
            "sentence_transformers": version("sentence-transformers"),
            "embed_backend": Embedder().backend, "embed_batch": BATCH_SIZE}


def bench_sample_ask(corpus: Path, db: Path, rounds: int) -> dict[str, Any]:
    """Index the sample corpus, then time warm asks beside their floor."""
    engine = Engine(Settings(chroma_path=db, corpus_dir=corpus))
    report = engine.index(rebuild=True)
    return {"passages": report.chunks, **measure_asks(engine, QUESTIONS, rounds)}


def bench_index(samples, work: Path, passages: int) -> dict[str, Any]:
    """Index a synthetic corpus and embed the same passages bare, in one process; then the
    same index with sentence-transformers (the embedding before issue 13), for comparison."""
    corpus = generate(samples, passages, work / f"corpus-{passages}")
    warm_up(samples, work)
    embedder, extractor = TimedEmbedder(), TimedExtractor()
    engine = Engine(Settings(chroma_path=work / f"db-index-{passages}", corpus_dir=corpus.path),
                    embedder=embedder, extractor=extractor)
    embedder.encoder()
    extractor.nlp()
    texts = passage_texts(corpus.path)
    raw = raw_encode_seconds(engine, texts, BATCH_SIZE)
    report = engine.index(rebuild=True)
    torch_report = index_with_torch(corpus.path, work / f"db-index-torch-{passages}")
    raw = (raw + raw_encode_seconds(engine, texts, BATCH_SIZE)) / 2  # either side of them
    return {"articles": report.articles, "passages": report.chunks,
            "seconds": round(report.seconds, 2),
            "passages_per_second": round(report.chunks / report.seconds, 1),
            "raw_encode_seconds": round(raw, 2),
            "raw_passages_per_second": round(len(texts) / raw, 1),
            "embed_seconds": round(embedder.seconds, 2),
            "claims_seconds": round(extractor.seconds, 2),
            "claims_share": round(extractor.seconds / report.seconds, 3),
            "ratio": round(raw / report.seconds, 3),
            "torch_seconds": round(torch_report.seconds, 2),
            "torch_passages_per_second": round(torch_report.chunks / torch_report.seconds, 1),
            "vs_torch": round(torch_report.seconds / report.seconds, 3)}


def warm_up(samples, work: Path) -> None:
    """Index a small corpus once, untimed: what any index run imports and loads on first
    use (chromadb, the story clustering's scikit-learn, the NER pipeline: ~5 s) is then
    paid by neither timed run. Without it the first of the two paid it all."""
    corpus = generate(samples, 200, work / "corpus-warm-up")
    Engine(Settings(chroma_path=work / "db-warm-up", corpus_dir=corpus.path)).index(
        rebuild=True)


def index_with_torch(corpus: Path, db: Path):
    """The same index with the sentence-transformers backend, model and parser loaded."""
    extractor = TimedExtractor()
    engine = Engine(Settings(chroma_path=db, corpus_dir=corpus),
                    embedder=TimedEmbedder(backend="torch"), extractor=extractor)
    engine.embedder.encoder()
    extractor.nlp()
    return engine.index(rebuild=True)


def cold_floor(db: Path) -> tuple[str, Path, int] | None:
    """What the cold-start floor process needs: the active collection, the ONNX export
    folder (None when the embedder is not ONNX) and the number of results `ask` fetches."""
    store = Store.open(Settings(chroma_path=db))
    name = store.active_name()
    folder = getattr(Embedder().encoder(), "folder", None)
    if name is None or folder is None:
        return None
    return name, folder, min(DENSE_CANDIDATES, store.count(name))


def passage_texts(corpus: Path) -> list[str]:
    """The passages an index of `corpus` holds, as the indexer cuts them."""
    articles, _, _ = load(corpus, None)
    chunks = {c.chunk_id: c.text for a in articles for c in chunk_article(a)}
    return list(chunks.values())


def worker(role: str, *args: str) -> dict[str, Any]:
    """Run one bench_worker step in a new process; its last stdout line is JSON."""
    done = subprocess.run([sys.executable, "-m", "bench.worker", role, *args],
                          capture_output=True, text=True, env=cold.child_env(),
                          cwd=cold.ROOT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench_worker {role} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def scale_step(samples, work: Path, passages: int, plan: Plan) -> list[dict[str, Any]]:
    """Embedded and server rows for one corpus size."""
    corpus = generate(samples, passages, work / f"corpus-{passages}")
    db = work / f"db-{passages}"
    rounds = str(plan.scale_rounds)
    index = worker("index", "--db", str(db), "--corpus", str(corpus.path))
    ask = worker("ask", "--db", str(db), "--rounds", rounds)
    rows = [{"passages": index["passages"], "mode": "embedded", "index": index, "ask": ask,
             "disk_mb": dir_size_mb(db)}]
    with ChromaServer(work / f"server-{passages}") as server:
        port = str(server.port)
        if passages <= plan.server_index_max:
            s_index = worker("index", "--port", port, "--corpus", str(corpus.path))
        else:
            s_index = {**worker("copy", "--db", str(db), "--port", port), "how": "loaded"}
        s_ask = worker("ask", "--port", port, "--rounds", rounds)
        rows.append({"passages": index["passages"], "mode": "server", "index": s_index,
                     "ask": s_ask, "server_peak_rss_mb": server.peak_rss_mb(),
                     "disk_mb": dir_size_mb(server.path)})
    for scratch in (corpus.path, db, server.path):  # ~2.5 GB at 100k, measured: let it go
        shutil.rmtree(scratch, ignore_errors=True)
    return rows


def run_bench(settings: Settings, plan: Plan, out: Path, report: Path | None,
              work: Path, command: str) -> dict[str, Any]:
    """Run every stage, saving the JSON (and the Markdown) after each, so a run cut short
    still leaves what it measured; returns the results."""
    started = time.perf_counter()
    work = work.resolve()  # the steps run in processes of their own, in other folders
    settings = replace(settings, corpus_dir=settings.corpus_dir.resolve())
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    results: dict[str, Any] = {"command": command, "machine": machine(),
                               "plan": dict(plan.__dict__), "scale": []}

    def save(stage: str) -> None:
        results["targets"] = evaluate(results)
        results["finished"] = dt.datetime.now().isoformat(timespec="minutes")
        results["minutes"] = round((time.perf_counter() - started) / 60, 1)
        results["complete"] = stage == "done"
        out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n",
                       encoding="utf-8")
        if report:
            update_markdown(report, results)
        log.info("bench: %s measured after %.1f min", stage, results["minutes"])

    samples = seed_articles(settings.corpus_dir)
    sample_db = work / "db-sample"
    results["ask"] = bench_sample_ask(settings.corpus_dir, sample_db, plan.ask_rounds)
    save("ask")
    results["index"] = bench_index(samples, work, plan.index_passages)
    save("index")
    results["cold_start"] = {
        "cli": cold.cli_first_answer(sample_db, QUESTIONS[0], work / "cwd", plan.cold_runs,
                                     floor=cold_floor(sample_db)),
        "bot": cold.bot_ready(sample_db, settings.corpus_dir, work / "cwd", plan.cold_runs,
                              BOT_QUESTIONS)}
    save("cold start")
    for passages in plan.scales:
        results["scale"] += scale_step(samples, work, passages, plan)
        save(f"scale {passages}")
    save("done")
    return results


def plan_from_args(args) -> Plan:
    plan = Plan.quick() if args.quick else Plan()
    if args.scale:
        plan = replace(plan, scales=tuple(int(s) for s in args.scale.split(",") if s.strip()))
    return plan
