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


def _folder_state(db: Path) -> tuple[int, int]:
    """(entries at the top of an index folder, its size in bytes)."""
    size = sum(p.stat().st_size for p in db.rglob("*") if p.is_file())
    return len(list(db.iterdir())), size


def test_repeated_index_runs_leave_no_orphan_segment_folders_and_stop_growing(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "db"
    for i in range(40):
        write(corpus, f"r{i}.txt", REPORT.format(n=i, town=f"Town{i}") * 4 +
              f"Report {i} adds that {i + 2} roads were closed near Ely.\n")
    states = []
    for run in range(7):
        engine_for(tmp_path, corpus).index(rebuild=run == 4)
        states.append(_folder_state(db))
    counts, sizes = [c for c, _ in states], [s for _, s in states]
    # Two generations (the active one and the one before) and nothing else from run 2 on.
    assert counts[1:] == [counts[1]] * 6, counts
    # The full-text index merged and the small database vacuumed after each swap: never
    # more than after the second run (it had grown 20% before settling, measured).
    assert max(sizes[2:]) <= 1.01 * sizes[1], sizes


def test_an_unreadable_folder_or_oversize_export_keeps_its_articles_until_really_gone():
    from tests.unprivileged import open_folder, unprivileged

    with open_folder() as base:
        corpus, db = base / "corpus", base / "db"
        write(corpus, "top.txt", REPORT.format(n=40, town="Ely"))
        write(corpus, "sub/a.txt", REPORT.format(n=7, town="Bude"))
        write(corpus, "sub/deeper/b.txt", REPORT.format(n=9, town="Looe"))
        locked = write(corpus, "locked.md", REPORT.format(n=3, town="Hove"))
        export = write(corpus, "old.jsonl", '{"id": "x", "text": "Officials said 5 people '
                       'were evacuated from Rye."}\n')
        rows = [{"id": f"w{i}", "title": f"Wire {i}", "text": REPORT.format(n=i, town="Rye")
                 + "x " * 600} for i in range(10)]
        write(corpus, "wire.jsonl", "\n".join(__import__("json").dumps(r) for r in rows))
        run = [*unprivileged(), str(DISCORDANT), "index", "--corpus", str(corpus),
               "--db", str(db)]
        assert subprocess.run(run, capture_output=True, timeout=600).returncode == 0
        before = _doc_ids(db)
        assert len(before) == 15
        (corpus / "sub").chmod(0o000)
        locked.chmod(0o000)
        export.chmod(0o000)
        env = {**os.environ, "MAX_EXPORT_MB": "0.01"}  # the 12 KB export is now over it
        out = subprocess.run(run, capture_output=True, text=True, timeout=600, env=env)
        (corpus / "sub").chmod(0o755)
        assert out.returncode == 0, out.stderr
        assert _doc_ids(db) == before
        assert "sub/ folder cannot be read (permission denied): its 2 articles are kept" \
            in out.stdout
        assert "wire.jsonl larger than 0.01 MB" in out.stdout and "10 articles are kept" \
            in out.stdout
        assert "locked.md cannot be read (Permission denied): its 1 articles are kept" \
            in out.stdout
        assert "old.jsonl cannot be read (Permission denied): its 1 articles are kept" \
            in out.stdout
        assert "0 removed" in out.stdout
        (corpus / "sub" / "a.txt").unlink()  # really gone: it leaves the index
        out = subprocess.run(run, capture_output=True, text=True, timeout=600)
        assert _doc_ids(db) == before - {"a"} and "1 removed" in out.stdout


def _doc_ids(db: Path) -> set[str]:
    out = subprocess.run([str(DISCORDANT), "sources", "--json", "--db", str(db)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return {__import__("json").loads(line)["doc_id"] for line in out.stdout.splitlines()}


def test_a_file_name_that_is_not_utf8_is_indexed_under_a_readable_id(tmp_path):
    from index.render.text import render_report

    corpus = tmp_path / "corpus"
    write(corpus, "plain.txt", REPORT.format(n=40, town="Ely"))
    folder = os.fsencode(corpus)
    os.makedirs(folder + b"/d\xe9p\xeaches", exist_ok=True)
    for name in (b"/caf\xe9.txt", b"/d\xe9p\xeaches/r\xe9sum\xe9.md", b"/\x81\xff.txt"):
        with open(folder + name, "wb") as file:
            file.write(REPORT.format(n=len(name), town="Caen").encode())
    engine = engine_for(tmp_path, corpus)
    report = engine.index()
    assert report.articles == 4 and not report.skipped
    render_report(report).encode("utf-8")  # printable: no lone surrogate left
    ids = {s.doc_id for s in engine.sources()}
    assert {"plain", "café", "résumé", "%81ÿ"} == ids
    assert sum("file name is not UTF-8" in w for w in report.warnings) == 3
    assert engine_for(tmp_path, corpus).index().reused == report.chunks


def test_one_huge_export_record_is_cut_to_the_article_cap_and_control_bytes_dropped(tmp_path):
    import json

    corpus = tmp_path / "corpus"
    huge = " ".join(f"Sentence {i} says {i} homes were flooded." for i in range(60_000))
    rows = [{"id": "big", "title": "Big", "text": huge},
            {"id": "nul", "title": "Ti\x00tle\x1b[31m", "source": "Out\x07let",
             "text": "Officials said\x00 40 people\x1b were evacuated\x7f from Ely."}]
    # raw control bytes inside the JSON strings, as a broken exporter writes them
    write(corpus, "wire.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
          .replace("\\u0000", "\x00").replace("\\u001b", "\x1b").replace("\\u0007", "\x07")
          .replace("\\u007f", "\x7f"))
    engine = Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=corpus,
                             max_article_chars=20_000), embedder=HashEmbedder())
    report = engine.index()
    assert report.articles == 2 and not report.skipped
    assert report.chunks < 200  # 2.6 M characters would be ~7,000 Chunks
    assert any("wire-big" in w and "cut to its first" in w for w in report.warnings)
    texts = engine.store.article_texts(engine.store.active_name(), ["wire-nul", "wire-big"])
    assert texts["wire-nul"] == "Officials said 40 people were evacuated from Ely."
    assert len(texts["wire-big"]) <= 20_000 and texts["wire-big"].startswith("Sentence 0")
    (nul,) = [s for s in engine.sources() if s.doc_id == "wire-nul"]
    assert (nul.title, nul.source) == ("Title[31m", "Outlet")


def test_two_names_that_read_as_one_id_are_one_article_and_one_named_skip(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "caf\u00e9.txt", REPORT.format(n=40, town="Ely"))
    folder = os.fsencode(corpus)
    with open(folder + b"/caf\xe9.txt", "wb") as file:  # the same name in Latin-1
        file.write(REPORT.format(n=7, town="Bude").encode())
    report = engine_for(tmp_path, corpus).index()
    assert report.articles == 1
    (skipped,) = report.skipped
    assert skipped.path == "café.txt" and "is already" in skipped.reason
