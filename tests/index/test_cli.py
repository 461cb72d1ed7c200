"""The CLI contract: `discordant index | ask --json | sources`, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from index.engine import Engine
from index.settings import Settings
from tests.conftest import write
from tests.unprivileged import unprivileged

DISCORDANT = Path(sys.executable).with_name("discordant")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(DISCORDANT), *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_ask_json_prints_one_object_per_question_in_order(sample_db):
    questions = ["how many officers died", "who won the 2022 football world cup"]
    out = run("ask", "--json", "--db", str(sample_db), *questions)
    assert out.returncode == 0, out.stderr
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    assert [a["question"] for a in answers] == questions
    first = answers[0]
    assert set(first) >= {"question", "passages", "disagreements", "agreements"}
    passage = first["passages"][0]
    assert set(passage) >= {"doc", "docs", "source", "title", "date", "text", "score"}
    assert isinstance(passage["score"], float) and passage["doc"] in passage["docs"]
    claim = first["disagreements"][0]["claims"][0]
    assert set(claim) >= {"value", "qualifier", "counted", "docs", "sources", "authority",
                          "quote"}
    assert answers[1]["passages"] == [] and answers[1]["disagreements"] == []


def test_readable_answer_shows_figures_then_passages_with_sources(sample_db):
    out = run("ask", "--db", str(sample_db), "how many officers died")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.index("Sources disagree") < text.index("Passages")
    assert "France 24" in text and "12 and 13 conflict" in text


def test_index_prints_a_summary_with_skipped_files_and_sources_lists_articles(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "one.md", "---\ntitle: Quake\nsource: Daily Post\ndate: 2023-05-02\n---\n"
          "At least 30 people died in the quake, officials said.\n")
    write(corpus, "empty.txt", "")
    db = tmp_path / "db"
    out = run("index", "--corpus", str(corpus), "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert "Indexed 1 articles" in out.stdout and "empty.txt: empty file" in out.stdout
    again = run("index", "--corpus", str(corpus), "--db", str(db))
    assert "(0 embedded, 1 reused)" in again.stdout
    listing = run("sources", "--db", str(db))
    assert "Daily Post · 2023-05-02 · Quake · 1 passages" in listing.stdout


def test_errors_are_one_line_that_names_the_fix(tmp_path):
    missing = run("index", "--corpus", str(tmp_path / "nope"), "--db", str(tmp_path / "db"))
    assert missing.returncode == 2
    assert missing.stderr.startswith("error: The corpus folder") and "--corpus" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert not (tmp_path / "db").exists(), "a failed index run must not create the index"
    empty = run("ask", "--db", str(tmp_path / "db2"), "anything", "and another")
    assert empty.returncode == 2 and empty.stderr.count("\n") == 1
    assert f"No index at {tmp_path / 'db2'}: run `discordant index --db" in empty.stderr
    assert not (tmp_path / "db2").exists(), "a read-only command must not create the index"


def test_a_blank_question_gets_an_error_object_and_the_others_still_answer(sample_db):
    out = run("ask", "--json", "--db", str(sample_db), "   ", "what started the protests")
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    assert out.returncode == 1
    assert "empty" in answers[0]["error"] and answers[1]["passages"]


def _indexed(tmp_path: Path, real_embedder) -> tuple[Path, Path]:
    corpus, db = tmp_path / "corpus", tmp_path / "db"
    write(corpus, "one.md", "---\ntitle: Quake\nsource: Daily Post\n---\n"
          "At least 30 people died in the quake, officials said.\n")
    Engine(Settings(chroma_path=db, corpus_dir=corpus), embedder=real_embedder).index()
    return corpus, db


@pytest.mark.parametrize(("make", "cause"), [
    (lambda c: None, "is empty (an unmounted volume"),
    (lambda c: write(c, "notes.pdf", b"%PDF"), "holds no article files"),
    (lambda c: write(c, "blank.txt", "  "), "gave no article: all 1 of its files were skipped"),
    (lambda c: c.chmod(0o000), "cannot be read (permission denied)"),
])
def test_a_corpus_without_articles_never_empties_the_index(tmp_path, real_embedder, make,
                                                           cause):
    _, db = _indexed(tmp_path, real_embedder)
    bare = tmp_path / "mounted"
    bare.mkdir()
    make(bare)
    try:
        out = subprocess.run([*unprivileged(), str(DISCORDANT), "index", "--corpus", str(bare),
                              "--db", str(db)], capture_output=True, text=True, timeout=300)
    finally:
        bare.chmod(0o755)
    assert out.returncode == 2 and out.stderr.count("\n") == 1, out.stderr
    assert f"The corpus folder {bare} {cause}" in out.stderr
    if "permission" not in cause:
        assert "--allow-empty" in out.stderr and "Nothing was changed" in out.stderr
    assert "1 articles:" in run("sources", "--db", str(db)).stdout


def test_allow_empty_empties_the_index_on_purpose(tmp_path, real_embedder):
    _, db = _indexed(tmp_path, real_embedder)
    (tmp_path / "empty").mkdir()
    out = run("index", "--corpus", str(tmp_path / "empty"), "--db", str(db), "--allow-empty")
    assert out.returncode == 1 and "Indexed 0 articles" in out.stdout
    gone = run("ask", "--db", str(db), "how many died")
    assert gone.returncode == 2 and "is empty: run `discordant index --db" in gone.stderr


@pytest.mark.parametrize("command", ["ask", "sources", "disputes"])
def test_read_only_commands_never_create_an_index(tmp_path, command):
    db = tmp_path / "typo" / "path"
    out = run(command, "--db", str(db), *(["how many died"] if command == "ask" else []))
    assert out.returncode == 2 and out.stderr.count("\n") == 1
    assert out.stderr.startswith(f"error: No index at {db}: run `discordant index --db {db}`")
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize(("args", "env", "message"), [
    (["--top", "-30"], {}, "--top must be between 1 and 25 passages, not -30"),
    (["--top", "0"], {}, "--top must be between 1 and 25 passages, not 0"),
    (["--top", "many"], {}, "--top takes a whole number, not 'many'"),
    ([], {"TOP_K": "0"}, "TOP_K must be between 1 and 25, not 0"),
    ([], {"MIN_SCORE": "nan"}, "MIN_SCORE must be a finite number, not 'nan'"),
    ([], {"MIN_SCORE": "2"}, "MIN_SCORE is a cosine similarity between -1 and 1"),
])
def test_out_of_range_options_and_settings_are_refused_naming_the_fix(sample_db, args, env,
                                                                      message):
    out = subprocess.run([str(DISCORDANT), "ask", "--db", str(sample_db), *args, "how many died"],
                         capture_output=True, text=True, timeout=300,
                         env={**os.environ, **env})
    assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == ""


def test_a_dotenv_that_is_not_utf8_is_one_line(tmp_path):
    (tmp_path / ".env").write_bytes("CORPUS_DIR=/tmp/caf\xe9\n".encode("latin-1"))
    for command, code in ((["sources"], 2), (["run"], 1)):
        out = run(*command, cwd=tmp_path)
        assert out.returncode == code and out.stderr.count("\n") == 1, out.stderr
        assert ".env is not UTF-8 text" in out.stderr and "save it as UTF-8" in out.stderr


def test_a_guild_id_of_non_ascii_digits_is_one_line(tmp_path):
    env = {**os.environ, "DISCORD_TOKEN": "x" * 30, "DISCORD_GUILD_ID": "²"}
    out = subprocess.run([str(DISCORDANT), "run"], capture_output=True, text=True, timeout=120,
                         env=env, cwd=tmp_path)
    assert out.returncode == 1 and "DISCORD_GUILD_ID must be a Discord ID" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_reader_that_stops_early_gets_no_broken_pipe_traceback(sample_db):
    questions = ["how many officers died"] * 4
    pipeline = subprocess.run(f"{DISCORDANT} ask --db {sample_db} '{questions[0]}' "
                              f"'{questions[1]}' '{questions[2]}' | head -1", shell=True,
                              capture_output=True, text=True, timeout=300,
                              executable="/bin/bash")
    assert pipeline.stdout.startswith("Q: how many officers died")
    assert "Traceback" not in pipeline.stderr and "BrokenPipe" not in pipeline.stderr


def test_another_model_is_refused_advising_to_unset_it_never_a_hub_name(sample_db):
    env = {**os.environ, "EMBEDDING_MODEL": "/models/other-model"}
    out = subprocess.run([str(DISCORDANT), "ask", "--db", str(sample_db), "how many died"],
                         capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 2 and out.stderr.count("\n") == 1
    assert "unset EMBEDDING_MODEL" in out.stderr and "--rebuild" in out.stderr
    assert "EMBEDDING_MODEL=all-MiniLM" not in out.stderr
