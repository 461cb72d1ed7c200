"""`discordant run` killed (SIGKILL) while its /reindex embeds: the next start answers from
the last complete index, and nothing in it is lost. (The CLI case: tests/index/test_reliability.)
"""

from __future__ import annotations

import signal

import pytest
from bot_reliability import (
    DISCORDANT,
    BotProcess,
    add_reports,
    articles_indexed,
    copy_corpus,
    progress_lines,
    reindex_report,
    run_env,
)
from e2e_helpers import acked, embed_of, settled

pytestmark = pytest.mark.slow
QUESTION = "how many officers died"
NEW_ARTICLES = 300


async def answer_and_sources(fake) -> tuple[dict, str]:
    ask = await fake.slash("ask", {"question": QUESTION})
    await settled(fake, ask, 120)
    sources = await fake.slash("sources")
    await settled(fake, sources, 120)
    return embed_of(ask.edits[-1]), embed_of(sources.edits[-1])["description"]


async def test_a_bot_killed_mid_reindex_restarts_answering_from_the_last_complete_index(
        fake, tmp_path, sample_corpus, capsys):
    if not DISCORDANT.exists():
        pytest.skip("the discordant console script is not installed (pip install -e .)")
    corpus = copy_corpus(sample_corpus, tmp_path / "corpus")
    env = run_env(fake, tmp_path, CHROMA_PATH=str(tmp_path / "chroma"), CORPUS_DIR=str(corpus))
    first = await BotProcess.start(fake, env, tmp_path)  # builds the index: 5 articles
    try:
        answer, listed = await answer_and_sources(fake)
        assert articles_indexed(answer) == 5

        add_reports(corpus, NEW_ARTICLES)
        mark = len(first.lines)
        reindex = await fake.slash("reindex", user=fake.admin)
        await acked(fake, reindex)
        # The indexer logs "... N to embed" as it starts embedding: kill it right then.
        embedding = await first.wait_for_line("to embed", 240, after=mark)
    finally:
        await first.stop(signal.SIGKILL)
    assert first.process.returncode == -signal.SIGKILL
    assert reindex_report(reindex) is None, "killed before the new index was complete"
    assert not any("is now active" in line for line in first.lines[mark:])
    progress = progress_lines(reindex)[-1]
    await fake.wait_for(lambda: not fake.gateway.ready, 30, "the killed bot's socket to close")

    second = await BotProcess.start(fake, env, tmp_path)
    try:
        after, listed_after = await answer_and_sources(fake)
    finally:
        restarted = await second.stop()
    assert second.process.returncode == 0, restarted[-3000:]
    assert "the index is empty" not in restarted, "the restart must not rebuild"
    assert articles_indexed(after) == 5 and listed_after == listed  # nothing lost, nothing half
    assert after["fields"] == answer["fields"] and after["description"] == answer["description"]
    assert "Traceback" not in restarted
    with capsys.disabled():
        print(f"\nSIGKILL during /reindex (+{NEW_ARTICLES} articles) right after "
              f"'{embedding.split(': ', 1)[-1]}' (reply: '{progress}'): the "
              f"restart answered from the last complete index ({articles_indexed(after)} "
              "articles, the same answer and /sources as before)")
