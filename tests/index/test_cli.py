"""The CLI contract: `discordant index | ask --json | sources`, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import write

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
    empty = run("ask", "--db", str(tmp_path / "db2"), "anything")
    assert empty.returncode == 1 and "run `discordant index` first" in empty.stderr


def test_a_blank_question_gets_an_error_object_and_the_others_still_answer(sample_db):
    out = run("ask", "--json", "--db", str(sample_db), "   ", "what started the protests")
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    assert out.returncode == 1
    assert "empty" in answers[0]["error"] and answers[1]["passages"]
