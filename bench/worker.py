"""One step of the scale benchmark in a process of its own, so its peak memory is its own.

`python -m bench.worker ROLE ...` prints one JSON object on its last line:

- `index`: build the index of `--corpus` (timing the embedding and the claim extraction);
- `ask`: open the index cold, warm it, then time asks beside their floor;
- `copy`: load a Chroma server with an embedded index's Chunks, vectors and claims as they
  are (the store stage alone: nothing is embedded again), when a real server-side index of
  a large corpus would repeat the same embedding for most of an hour.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path
from typing import Any

from index.engine import Engine
from index.settings import Settings
from index.store.chroma import Store
from index.store.lexical import LexicalIndex

from .measure import (
    QUESTIONS,
    TimedEmbedder,
    TimedExtractor,
    dir_size_mb,
    measure_asks,
    peak_rss_mb,
    resident_mb,
)

log = logging.getLogger(__name__)


def settings_of(args: argparse.Namespace) -> Settings:
    if args.port:
        return Settings(chroma_host="127.0.0.1", chroma_port=args.port,
                        corpus_dir=args.corpus or Path("."), chroma_path=Path("/nonexistent"))
    return Settings(chroma_path=args.db, corpus_dir=args.corpus or Path("."))


def run_index(args: argparse.Namespace) -> dict[str, Any]:
    embedder, extractor = TimedEmbedder(), TimedExtractor()
    engine = Engine(settings_of(args), embedder=embedder, extractor=extractor)
    # Model and parser load before the clock starts: this is throughput, not cold start.
    embedder.encoder()
    extractor.nlp()
    report = engine.index(rebuild=True)
    lexical = engine.store.lexical_dir(engine.store.active_name() or "")
    return {"articles": report.articles, "passages": report.chunks,
            "embedded": report.embedded, "seconds": round(report.seconds, 2),
            "embed_seconds": round(embedder.seconds, 2),
            "claims_seconds": round(extractor.seconds, 2),
            "stories": report.stories, "story_seconds": round(report.story_seconds, 2),
            "story_share": round(report.story_seconds / report.seconds, 4),
            "entity_seconds": round(report.entity_seconds, 2),
            "lexical_disk_mb": dir_size_mb(lexical) if lexical.is_dir() else None,
            "passages_per_second": round(report.chunks / report.seconds, 1)}


def run_ask(args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    engine = Engine(settings_of(args))
    engine.warm()  # model, parser, the generation's claims and sources
    warm_seconds = time.perf_counter() - started
    result = measure_asks(engine, QUESTIONS, args.rounds)
    return {"open_and_warm_seconds": round(warm_seconds, 2), **result,
            "lexical_resident_mb": lexical_resident_mb(engine)}


def lexical_resident_mb(engine: Engine) -> float | None:
    """What one more copy of the generation's lexical index holds in memory once loaded
    and searched (memory-mapped: the pages a search touches count, as it is resident)."""
    folder = engine.store.lexical_dir(engine.store.active_name() or "")
    before = resident_mb()
    index = LexicalIndex.load(folder)
    if index is None or before is None:
        return None
    for question in QUESTIONS:
        index.search(question, 60)
    after = resident_mb()
    return round(after - before, 1) if after is not None else None


def run_copy(args: argparse.Namespace) -> dict[str, Any]:
    source = Store.open(Settings(chroma_path=args.db))
    target = Store.open(settings_of(argparse.Namespace(port=args.port, corpus=None, db=None)))
    started = time.perf_counter()
    active = source.active()
    if active is None:
        raise SystemExit(f"no index to copy at {args.db}: run `discordant index` first")
    model = (active.metadata or {}).get("embedding_model", "")
    generation = target.new_generation(model)
    ids, texts, metas, vectors = [], [], [], []
    for cid, text, meta, vector in source.records(include_embeddings=True):
        ids.append(cid)
        texts.append(text)
        metas.append(meta)
        vectors.append(vector)
    target.add(generation, ids, texts, metas, vectors)
    LexicalIndex.build(ids, texts).save(target.lexical_dir(generation.name))
    a_ids, a_texts, a_metas, a_vectors = [], [], [], []
    for doc_id, text, meta, vector in source.article_records(include_documents=True,
                                                             include_embeddings=True):
        a_ids.append(doc_id)
        a_texts.append(text)
        a_metas.append(meta)
        a_vectors.append(vector)
    target.add_articles(generation.name, a_ids, a_texts, a_metas, a_vectors)
    target.activate(generation)
    return {"passages": len(ids), "seconds": round(time.perf_counter() - started, 2)}


ROLES = {"index": run_index, "ask": run_ask, "copy": run_copy}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("role", choices=sorted(ROLES))
    parser.add_argument("--db", type=Path)
    parser.add_argument("--port", type=int, help="a Chroma server on 127.0.0.1")
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    result = ROLES[args.role](args)
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
