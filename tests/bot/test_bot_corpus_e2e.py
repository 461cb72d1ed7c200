"""/sources and /disputes end to end: the real bot and engine against the loopback Discord."""

from __future__ import annotations

import pytest
from e2e_helpers import embed_of, settled

pytestmark = pytest.mark.slow


async def test_sources_lists_every_indexed_article_with_its_passages(fake, bot, indexed):
    inter = await fake.slash("sources")
    await settled(fake, inter)
    assert inter.callback == {"type": 5}
    embed = embed_of(inter.edits[-1])
    lines = embed["description"].split("\n")
    summaries = indexed.sources()
    assert len(lines) == len(summaries) == 5
    for summary in summaries:
        assert any(summary.source in line and f"{summary.passages} passages" in line
                   for line in lines)
    assert embed["footer"]["text"].startswith("5 articles, ")
    assert not inter.edits[-1].get("components")  # one page: no ◀ ▶
    assert inter.edits[-1]["allowed_mentions"] == {"parse": []}


async def test_disputes_lists_every_disputed_slot_one_line_each(fake, bot, indexed):
    inter = await fake.slash("disputes")
    await settled(fake, inter)
    slots = indexed.disputes()
    assert slots, "the sample corpus has disputes (officers killed, injured, arrested)"
    embed = embed_of(inter.edits[-1])
    lines = embed["description"].split("\n")
    wordings = indexed.wording()
    assert len(lines) == len(slots) + len(wordings)
    assert all(line.startswith("• ") for line in lines)
    assert any("**12**" in line and "13**" in line for line in lines)
    assert any("Saltanat Azirbek" in line and "spokeswoman" in line for line in lines)
