"""Many people asking while an admin re-indexes: every question answered, from a complete index."""

from __future__ import annotations

import asyncio
import statistics
from collections import Counter

import pytest
from bot_reliability import (
    add_reports,
    articles_indexed,
    copy_corpus,
    reindex_report,
)
from e2e_helpers import acked, embed_of, settled
from fake_discord import FakeUser
from fake_discord.payloads import snowflake

from bot.cogs.reindex import BUSY
from index.engine import Engine
from index.settings import Settings

pytestmark = pytest.mark.slow
ASKERS = 50
NEW_ARTICLES = 60


def ms(seconds: list[float]) -> str:
    values = sorted(s * 1000 for s in seconds)
    return f"median {statistics.median(values):.0f} ms, max {values[-1]:.0f} ms"


async def test_fifty_asks_during_a_reindex_are_all_answered_from_a_complete_index(
        unhandled, fake, start_bot, indexed, sample_corpus, tmp_path, capsys):
    corpus = copy_corpus(sample_corpus, tmp_path / "corpus")
    engine = Engine(Settings(corpus_dir=corpus, chroma_path=tmp_path / "chroma"),
                    embedder=indexed.embedder)
    await asyncio.to_thread(engine.index)
    old = engine.store.active_name()
    await start_bot(engine=engine, ASK_COOLDOWN_SECONDS="10")  # the cooldown is per user
    await asyncio.to_thread(add_reports, corpus, NEW_ARTICLES)

    reindex = await fake.slash("reindex", user=fake.admin)
    await acked(fake, reindex)
    readers = [FakeUser(snowflake(), f"reader{n}") for n in range(ASKERS)]
    asks = await asyncio.gather(*(
        fake.slash("ask", {"question": f"how many officers died ({n})"}, user=reader)
        for n, reader in enumerate(readers)))
    second = await fake.slash("reindex", {"rebuild": True}, user=fake.admin)
    await fake.wait_for(lambda: all(i.callback or i.rejected() for i in [*asks, second]), 10,
                        "every acknowledgement")
    assert reindex_report(reindex) is None, "the re-index ended before the questions came"
    assert engine.indexing

    assert (second.callback["type"], second.callback["data"]["content"],
            second.callback["data"]["flags"]) == (4, BUSY, 64)
    assert all(i.callback == {"type": 5} and not i.rejected() for i in asks)
    acks = [i.ack_seconds for i in asks]
    assert max(acks) < fake.ack_deadline

    # Then a few more at a time until the swap and just after it, to catch the switch-over.
    waves = 0
    while reindex_report(reindex) is None or waves < 2:
        waves = waves + 1 if reindex_report(reindex) is not None else 0
        asks += await asyncio.gather(*(
            fake.slash("ask", {"question": "how many people were evacuated"},
                       user=FakeUser(snowflake(), f"late{len(asks) + n}")) for n in range(3)))
        await asyncio.sleep(0.3)
    report = reindex_report(reindex)
    assert f"+{NEW_ARTICLES} added" in report["description"]
    assert engine.store.active_name() != old
    for inter in asks:
        await settled(fake, inter, 240)

    seen = Counter(articles_indexed(embed_of(i.edits[-1])) for i in asks)
    assert set(seen) <= {5, 5 + NEW_ARTICLES}, seen  # the old index or the new, never half
    assert seen[5 + NEW_ARTICLES] >= 6, seen  # the waves after the swap
    assert all(i.callback == {"type": 5} and i.ack_seconds < fake.ack_deadline for i in asks)
    answered = [i.received[-1].at - i.dispatched_at for i in asks[:ASKERS]]
    assert fake.pings == [] and unhandled() == []
    with capsys.disabled():
        print(f"\n{ASKERS} concurrent /ask during /reindex (+{NEW_ARTICLES} articles): "
              f"{ASKERS}/{ASKERS} acknowledged in time ({ms(acks)}), "
              f"{ASKERS}/{ASKERS} answered ({ms(answered)}); then {len(asks) - ASKERS} more "
              f"across the swap, all answered: {seen[5]} from the old index, "
              f"{seen[5 + NEW_ARTICLES]} from the new, none from a partial one; "
              "a second /reindex refused")
