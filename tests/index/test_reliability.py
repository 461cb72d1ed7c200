"""Bad corpora, broken indexes, killed runs and hostile questions: nothing is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from index.engine import Engine, clean_question
from index.errors import IndexUnavailableError, QuestionError
from index.ingest import articles
from index.settings import Settings
from tests.conftest import HashEmbedder, write

DISCORDANT = Path(sys.executable).with_name("discordant")
REPORT = "Officials said {n} people were evacuated from {town} after the river burst.\n"


def engine_for(tmp_path: Path, corpus: Path) -> Engine:
    return Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=corpus),
                  embedder=HashEmbedder())


def test_a_corpus_of_faulty_files_indexes_the_good_ones_and_reports_the_rest(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "good.txt", REPORT.format(n=40, town="Ely"))
    write(corpus, "empty.txt", "")
    write(corpus, "binary.txt", bytes(range(256)) * 4)
    write(corpus, "latin.txt", "Le maire a déclaré que 12 maisons ont brûlé.".encode("latin-1"))
    write(corpus, "huge.txt", "All work and no play makes a dull day. " * 600_000)  # ~23 MB
    write(corpus, "copy-a.txt", REPORT.format(n=7, town="Bude"))
    write(corpus, "copy-b.txt", REPORT.format(n=7, town="Bude"))
    report = engine_for(tmp_path, corpus).index()
    reasons = {s.path: s.reason for s in report.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"] == "binary file, not text"
    assert reasons["huge.txt"].startswith("larger than 5 MB")
    assert report.articles == 4  # good, latin, and both copies
    assert any("latin.txt" in w for w in report.warnings)


def test_a_file_that_vanishes_during_indexing_is_skipped_with_its_reason(tmp_path,
                                                                         monkeypatch):
    corpus = tmp_path / "corpus"
    write(corpus, "stays.txt", REPORT.format(n=40, town="Ely"))
    walk = articles.walk_corpus(corpus)
    walk.files.append(corpus / "vanished.txt")
    monkeypatch.setattr(articles, "walk_corpus", lambda folder, suffixes=None: walk)
    report = engine_for(tmp_path, corpus).index()
    assert report.articles == 1
    (skipped,) = report.skipped
    assert skipped.path == "vanished.txt" and "cannot be read" in skipped.reason


def test_a_corrupted_index_folder_names_the_fix_and_rebuild_keeps_the_old_one(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", REPORT.format(n=40, town="Ely"))
    engine_for(tmp_path, corpus).index()
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    (tmp_path / "db" / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    broken = engine_for(tmp_path, corpus)
    with pytest.raises(IndexUnavailableError, match=r"discordant index --rebuild"):
        broken.sources()
    report = broken.index(rebuild=True)
    assert report.articles == 1 and any("moved aside" in w for w in report.warnings)
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("db.broken-")]
    assert len(aside) == 1 and (aside[0] / "chroma.sqlite3").exists()
    assert [s.doc_id for s in broken.sources()] == ["a"]


def test_a_killed_index_run_leaves_the_last_complete_index_answering(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "db"
    write(corpus, "first.txt", REPORT.format(n=40, town="Ely"))
    run = [str(DISCORDANT), "index", "--corpus", str(corpus), "--db", str(db)]
    assert subprocess.run(run, capture_output=True, timeout=300).returncode == 0
    for i in range(400):
        write(corpus, f"more-{i}.txt", (REPORT.format(n=i, town=f"Town{i}") * 3) +
              f"Report number {i} adds that {i + 3} bridges were closed.\n")
    process = subprocess.Popen([str(DISCORDANT), "-v", *run[1:]], stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    for line in process.stderr:  # killed while it embeds the new articles
        if "to embed" in line:
            break
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    sources = subprocess.run([str(DISCORDANT), "sources", "--db", str(db)],
                             capture_output=True, text=True, timeout=300)
    assert sources.returncode == 0 and "1 articles:" in sources.stdout
    asked = subprocess.run([str(DISCORDANT), "ask", "--db", str(db), "how many evacuated"],
                           capture_output=True, text=True, timeout=300)
    assert asked.returncode == 0 and "Ely" in asked.stdout


@pytest.mark.parametrize(("question", "message"), [
    ("", "empty"), ("   \n\t ", "empty"), ("\u200b\u200d\u2060", "empty"),
    ("?!?! ... ---", "no words"), ("🔥🔥🔥 😡", "no words"),
    ("how many " * 700, "keep it under 300"),
])
def test_questions_that_cannot_be_asked_get_a_clear_reason(question, message):
    with pytest.raises(QuestionError, match=message):
        clean_question(question)


@pytest.mark.parametrize("question", [
    "a", "¿cuántos policías murieron?", "Сколько полицейских погибло?", "```how many died```",
    "**how many** _officers_ died?", "@everyone how many officers died <@&123>",
    "how\u200b many\u200d officers died",
])
def test_odd_but_askable_questions_are_answered_without_error(sample_engine, question):
    answer = sample_engine.ask(question)
    assert answer.article_count == 5
    assert answer.passages or answer.notice == "None of the 5 articles reports this."


def test_zero_width_characters_do_not_change_the_answer(sample_engine):
    clean = sample_engine.ask("how many officers died")
    dirty = sample_engine.ask("how\u200b many\u200d officers\ufeff died")
    assert dirty.question == clean.question
    assert [p.text for p in dirty.passages] == [p.text for p in clean.passages]
