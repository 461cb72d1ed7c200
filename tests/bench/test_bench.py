"""The benchmark's synthetic corpus and the shape of its figures (no timing is asserted)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bench import synthetic
from bench.measure import QUESTIONS, Stats, measure_asks
from bench.report import END, START, render, update_markdown
from bench.targets import evaluate
from index.engine import Engine
from index.ingest.chunking import chunk_article
from index.settings import Settings
from tests.bench.test_targets import results_like_a_run
from tests.conftest import HashEmbedder


@pytest.fixture(scope="module")
def samples(sample_corpus):
    return synthetic.sample_articles(sample_corpus)


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.txt")}


def test_the_same_seed_writes_the_same_corpus_byte_for_byte(samples, tmp_path):
    a = synthetic.generate(samples, 150, tmp_path / "a", seed=7)
    b = synthetic.generate(samples, 150, tmp_path / "b", seed=7)
    c = synthetic.generate(samples, 150, tmp_path / "c", seed=8)
    assert files(a.path) == files(b.path)
    assert files(a.path) != files(c.path)
    assert a.passages >= 150 and a.articles == len(files(a.path))


def test_the_corpus_holds_at_least_the_passages_asked_for_as_the_indexer_cuts_them(
        samples, tmp_path):
    corpus = synthetic.generate(samples, 120, tmp_path / "c")
    articles = synthetic.sample_articles(corpus.path)
    assert sum(len(chunk_article(a)) for a in articles) == corpus.passages >= 120
    assert corpus.passages - 120 < max(len(chunk_article(a)) for a in articles)


def test_synthetic_articles_vary_figures_sources_dates_and_order(samples):
    base = samples[0]
    texts = [synthetic.synthetic_text(base, n, seed=0) for n in range(0, 50, 5)]
    assert len(set(texts)) == len(texts)
    sources = {t.split("source: ", 1)[1].split("\n", 1)[0] for t in texts}
    dates = {t.split("date: ", 1)[1].split("\n", 1)[0] for t in texts}
    assert len(sources) > 3 and len(dates) > 3
    figures = {synthetic.DIGITS.findall(t.split("---\n", 2)[2]).__str__() for t in texts}
    assert len(figures) > 1
    # The headline stays first; the other paragraphs move.
    def words(line):
        return synthetic.WORDS.sub("#", synthetic.DIGITS.sub("#", line))

    body = texts[1].split("---\n", 2)[2]
    assert words(body.split("\n", 1)[0]) == words(base.text.split("\n", 1)[0])
    assert sorted(body.split("\n")) != sorted(base.text.split("\n"))


def test_vary_figures_leaves_years_times_and_codes_alone():
    import random

    text = "In 2022 at 10:30, COVID-19 and F-16: 353 were wounded."
    out = {synthetic.vary_figures(text, random.Random(i)) for i in range(30)}
    assert all(o.startswith("In 2022 at 10:30, COVID-19 and F-16: ") for o in out)
    assert len(out) > 1


class HashModelEmbedder(HashEmbedder):
    """The test embedder with a bare encoder, as the floor measurement needs."""

    def encoder(self):
        outer = self

        class Encoder:
            dimensions = 16

            def encode(self, texts):
                return np.array([outer._vector(t) for t in texts], dtype=np.float32)

        return Encoder()


def test_asks_are_measured_beside_their_floor(sample_corpus, tmp_path):
    engine = Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=sample_corpus),
                    embedder=HashModelEmbedder())
    engine.index()
    result = measure_asks(engine, QUESTIONS[:3], rounds=2)
    assert result["questions"] == 3 and result["rounds"] == 2
    for key in ("ask_ms", "floor_ms", "floor_embed_ms", "floor_query_ms"):
        assert set(result[key]) == {"median", "p95", "runs"} and result[key]["runs"] == 6
    assert result["ratio_median"] > 0
    json.dumps(result)


def test_stats_take_the_median_and_the_95th_percentile():
    stats = Stats.of([i / 1000 for i in range(1, 101)])
    assert stats.median == 50.5 and stats.p95 == 95.0 and stats.runs == 100


def test_the_report_replaces_only_the_block_between_its_markers(tmp_path):
    results = results_like_a_run()
    results["targets"] = evaluate(results)
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(f"# Benchmarks\n\nnotes before\n\n{START}\nstale figures\n{END}\n\n"
                    "notes after\n")
    update_markdown(path, results)
    text = path.read_text()
    assert "notes before" in text and "notes after" in text and "stale figures" not in text
    assert "**missed** (by 12%)" in text and "(loaded¹)" in text
    update_markdown(path, results)
    assert path.read_text() == text
    assert render(results).count("\n| ") > 10
