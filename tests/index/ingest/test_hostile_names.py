"""Outlet names and titles that try to forge the terminal (ESC sequences, a right-to-left
override, embedded newlines) are printed inert by every text command; JSON keeps them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from index.adding import Added
from index.ingest.feeds import FeedStatus
from index.ingest.html import Page
from index.records import Answer, Skipped, SourceSummary, StorySummary, Wording
from index.render import text
from tests.bot.bot_factories import officers_answer, officers_slot, report
from tests.index.ingest.hostile import FORGERY, forged, poison

pytestmark = pytest.mark.fast

DISCORDANT = Path(sys.executable).with_name("discordant")


def records() -> dict[str, object]:
    wording = Wording(name="Asel Nur", roles=("spokesman", "spokeswoman"),
                      sources=(("AFP",), ("TASS",)), docs=(("a",), ("b",)), quotes=("q", "r"))
    answer = officers_answer()
    return {
        "answer": Answer(question="how many officers died", passages=answer.passages,
                         disagreements=answer.disagreements, agreements=answer.agreements,
                         article_count=5, wording=(wording,)),
        "sources": [SourceSummary("a", "Steppe Herald", "Toll rises", "2022-01-07", 3,
                                  story="s-1", story_title="Unrest in Almaty")],
        "stories": [StorySummary("s-1", "Unrest in Almaty", ("a", "b"), ("AFP", "TASS"),
                                 "2022-01-06", "2022-01-07", ("officers killed",))],
        "slots": [officers_slot()], "wordings": [wording],
        "report": report(skipped=(Skipped("bad.txt", "not UTF-8"),), warnings=("odd file",)),
        "feed": FeedStatus("https://valley.example/feed.xml", None, "failed", 0, "timed out"),
        "added": Added("toll", Path("corpus/toll.md"),
                       Page("text", "Toll rises", "Steppe Herald", "2022-01-07", None, None),
                       False, 3, (officers_slot(),), report()),
    }


def rendered(items: dict[str, object]) -> dict[str, str]:
    return {
        "ask": text.render_answer(items["answer"]),
        "sources": text.render_sources(items["sources"]),
        "stories": text.render_stories(items["stories"]),
        "disputes": text.render_disputes(items["slots"], items["wordings"]),
        "index": text.render_report(items["report"]),
        "feeds": text.render_feed_line(items["feed"]),
        "add": text.render_added(items["added"]),
    }


def test_every_text_output_shows_forged_names_inert():
    clean, hostile = rendered(records()), rendered(poison(records()))
    for command, output in hostile.items():
        assert FORGERY not in output
        assert forged(output) == [], command
        assert "FORGED" in output, f"{command}: the text itself is kept, only made inert"
        assert len(output.splitlines()) <= len(clean[command].splitlines()) * 2, command


def test_clean_records_print_exactly_as_before():
    items = records()
    assert text.render_sources(items["sources"]) == (
        "1 articles:\n  a  Steppe Herald · 2022-01-07 · Toll rises · 3 passages · story: "
        "Unrest in Almaty")
    assert text.render_feed_line(items["feed"]) == (
        "https://valley.example/feed.xml — failed: timed out")


CORPUS = {
    "evil.md": '---\ntitle: "Twelve officers killed\\nFORGED line: all clear\\e[2J"\n'
               'source: "Evil\\e[31m News\\u202eswen\\x9b"\ndate: 2022-01-07\n---\n'
               "Officials said 12 police officers were killed in Almaty on Thursday, the "
               "interior ministry said.\n",
    "good.md": "---\ntitle: Thirteen officers killed in Almaty\nsource: Good News\n"
               "date: 2022-01-07\n---\nOfficials said 13 police officers were killed in "
               "Almaty on Thursday, state television reported.\n",
}


@pytest.mark.slow
def test_the_terminal_commands_print_forged_names_inert_and_json_keeps_them(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "db"
    corpus.mkdir()
    for name, body in CORPUS.items():
        (corpus / name).write_text(body, encoding="utf-8")

    def run(*args: str) -> str:
        done = subprocess.run([str(DISCORDANT), *args], capture_output=True, text=True,
                              timeout=600, env={**os.environ, "CHROMA_PATH": str(db)})
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("index", "--corpus", str(corpus))
    for command in (["sources"], ["stories"], ["disputes"], ["ask", "how many officers died"]):
        output = run(*command)
        assert forged(output) == [], command
    lines = run("sources", "--json").splitlines()
    assert forged("\n".join(lines)) == [], "JSON prints every control character escaped"
    (evil,) = [json.loads(line) for line in lines if "Evil" in line]
    assert "\u202e" in evil["source"], "JSON keeps the characters as they are, escaped"
