"""/reindex end to end: admin checks, private progress, the diff, and /ask meanwhile."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import shutil
import statistics
from pathlib import Path

import pytest
from e2e_helpers import acked, embed_of, settled
from fake_discord import FakeUser
from fake_discord.payloads import snowflake

from bot.cogs.reindex import BUSY, REFUSED
from index.engine import Engine
from index.settings import Settings

pytestmark = pytest.mark.slow


def report_of(fake, inter) -> dict | None:
    """The final /reindex embed, once the private reply has been edited into it."""
    embeds = [e for body in inter.edits for e in body.get("embeds") or []]
    return embeds[-1] if embeds else None


async def finished(fake, inter, timeout: float = 120) -> dict:
    return await fake.wait_for(lambda: report_of(fake, inter), timeout, "the re-index report")


async def test_a_non_admin_is_refused_privately_and_nothing_runs(fake, bot):
    with pytest.raises(PermissionError):  # the client hides it: default_member_permissions
        await fake.slash("reindex", user=fake.member)
    inter = await fake.slash("reindex", user=fake.member, bypass_default_permissions=True)
    await acked(fake, inter)
    assert inter.callback == {"type": 4, "data": {
        "content": REFUSED, "flags": 64, "tts": False, "allowed_mentions": {"parse": []}}}
    await asyncio.sleep(0.3)
    assert not bot.engine.indexing and inter.edits == []


def passages(engine: Engine) -> int:
    return sum(source.passages for source in engine.sources())


async def test_an_admin_gets_private_progress_then_the_diff(fake, bot, indexed):
    inter = await fake.slash("reindex", user=fake.admin)
    await acked(fake, inter)
    assert inter.callback == {"type": 5, "data": {"flags": 64}}
    report = await finished(fake, inter)
    assert inter.edits[0]["content"] == "⏳ Re-indexing… starting"
    assert report["title"] == "✅ Re-index complete"
    count = passages(indexed)
    assert (f"**5 articles**, **{count} passages** (0 embedded, {count} reused)"
            in report["description"])
    assert "+0 added · ~0 changed · -0 removed" in report["description"]
    assert fake.is_ephemeral(inter)


@pytest.mark.parametrize("grant", ["ADMIN_ROLE_ID", "ADMIN_USER_IDS"])
async def test_the_admin_role_or_user_setting_also_grants_reindex(fake, start_bot, grant):
    editor = FakeUser(snowflake(), "dave", roles=(fake.admin_role_id,))
    await start_bot(**{grant: fake.admin_role_id if grant == "ADMIN_ROLE_ID" else editor.id})
    inter = await fake.slash("reindex", user=editor, bypass_default_permissions=True)
    await acked(fake, inter)
    assert inter.callback == {"type": 5, "data": {"flags": 64}}
    await finished(fake, inter)


async def test_a_second_reindex_while_one_runs_is_refused(fake, bot, indexed):
    first = await fake.slash("reindex", {"rebuild": True}, user=fake.admin)
    await acked(fake, first)
    second = await fake.slash("reindex", user=fake.admin)
    await acked(fake, second)
    assert second.callback["type"] == 4
    assert (second.callback["data"]["content"], second.callback["data"]["flags"]) == (BUSY, 64)
    report = await finished(fake, first)
    assert f"({passages(indexed)} embedded, 0 reused)" in report["description"]


async def test_an_expired_token_loses_the_report_but_the_index_and_bot_carry_on(
        fake, bot, caplog):
    with caplog.at_level(logging.INFO, logger="bot.cogs.reindex"):
        inter = await fake.slash("reindex", user=fake.admin)
        await acked(fake, inter)
        fake.expire(inter)
        await fake.wait_for(lambda: any("re-index by user" in r.getMessage()
                                        for r in caplog.records), 120, "the re-index to end")
        await fake.wait_for(lambda: any(r.code == 50027 for r in inter.rejected()), 10,
                            "the refused edit")
    assert any("could not update the /reindex reply" in r.getMessage() for r in caplog.records)
    ask = await fake.slash("ask", {"question": "how many people were injured"})
    await settled(fake, ask)
    assert embed_of(ask.edits[-1])["fields"]


def mirror(corpus: Path, target: Path, copies: int) -> None:
    """Add `copies` re-sourced, slightly reworded copies of each article (all new chunks)."""
    for copy in range(copies):
        for path in sorted(corpus.glob("*.txt")):
            _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
            head = head.replace("source: ", f"source: Mirror {copy} of ", 1)
            body = "\n".join(f"{line} (mirror {copy})" if line.strip() else line
                             for line in body.split("\n"))
            (target / f"m{copy:02}_{path.name}").write_text(f"---\n{head}---\n{body}",
                                                            encoding="utf-8")


def stats(seconds: list[float]) -> dict[str, float | int]:
    ms = [s * 1000 for s in seconds]
    return {"n": len(ms), "median_ms": round(statistics.median(ms), 1),
            "max_ms": round(max(ms), 1), "min_ms": round(min(ms), 1)}


async def test_ask_keeps_answering_during_a_reindex_and_ack_latency_is_recorded(
        fake, start_bot, indexed, sample_corpus, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_corpus, corpus)
    engine = Engine(Settings(corpus_dir=corpus, chroma_path=tmp_path / "chroma"),
                    embedder=indexed.embedder)
    await asyncio.to_thread(engine.index)
    await start_bot(engine=engine)

    async def ask(n: int):
        inter = await fake.slash("ask", {"question": f"how many officers died, take {n}"})
        await settled(fake, inter, 60)
        assert embed_of(inter.edits[-1])["fields"]
        return inter.ack_seconds

    alone = [await ask(n) for n in range(12)]
    await asyncio.to_thread(mirror, sample_corpus, corpus, 5)
    reindex = await fake.slash("reindex", user=fake.admin)
    await acked(fake, reindex)
    during = []
    while report_of(fake, reindex) is None:
        during.append(await ask(100 + len(during)))
        await asyncio.sleep(0.2)
    report = report_of(fake, reindex)
    assert "+25 added" in report["description"]
    progress = [body.get("content") or "" for body in reindex.edits]
    assert any(line.startswith("⏳ Re-indexing… Embedding passages: ") for line in progress)
    assert len(during) >= 3, "the re-index ended before /ask could be measured during it"
    figures = {"alone": stats(alone), "during_reindex": stats(during),
               "reindex_ack_ms": round(reindex.ack_seconds * 1000, 1)}
    (tmp_path / "ack_latency.json").write_text(json.dumps(figures, indent=2))
    with capsys.disabled():
        print(f"\n/ask INTERACTION_CREATE -> first callback: {json.dumps(figures)}"
              f"\n(written to {tmp_path / 'ack_latency.json'})")


async def test_a_reindex_failure_is_told_in_the_private_reply(fake, start_bot, indexed, tmp_path):
    settings = dataclasses.replace(indexed.settings, corpus_dir=tmp_path / "no-such-folder")
    await start_bot(engine=Engine(settings, store=indexed.store, embedder=indexed.embedder))
    inter = await fake.slash("reindex", user=fake.admin)
    await fake.wait_for(lambda: any("no-such-folder" in (e.get("content") or "")
                                    for e in inter.edits), 30, "the error")
    assert fake.is_ephemeral(inter)
    assert not inter.followups
