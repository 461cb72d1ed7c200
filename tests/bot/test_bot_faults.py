"""Discord's own faults, on the loopback fake: rate limits, gateway reconnects, late tokens.

Each test runs the real bot and engine and ends with `unhandled() == []`: no task exception
left unretrieved, no "Ignoring exception" from discord.py, no traceback in the log.
"""

from __future__ import annotations

import logging
import time

import pytest
from e2e_helpers import acked, embed_of, settled

from index.engine import Engine

pytestmark = pytest.mark.slow
QUESTION = "how many officers died"


async def test_a_429_on_the_sync_the_ack_and_the_edit_is_waited_out_and_retried(
        unhandled, fake, start_bot):
    for method, path in (("PUT", f"/guilds/{fake.guild_id}/commands"), ("POST", "/callback"),
                         ("PATCH", "/messages/@original")):
        fake.rate_limit(method, path, retry_after=0.4)
    await start_bot()
    assert [scope for scope, _ in fake.syncs] == [fake.guild_id]  # synced on the retry

    inter = await fake.slash("ask", {"question": QUESTION})
    await settled(fake, inter)
    assert [method for method, _ in fake.rate_limited] == ["PUT", "POST", "PATCH"]
    assert 0.4 <= inter.ack_seconds < fake.ack_deadline  # waited retry_after, still in time
    assert inter.callback == {"type": 5}
    assert embed_of(inter.edits[-1])["fields"]
    assert unhandled() == []


@pytest.mark.parametrize("fault", ["op 7 RECONNECT", "socket dropped (4000)"])
async def test_after_a_gateway_reconnect_the_bot_resumes_and_gets_the_missed_ask(
        unhandled, fake, bot, fault):
    gateway = fake.gateway
    before = await fake.slash("ask", {"question": QUESTION})
    await settled(fake, before)
    session, seq = gateway.session_id, gateway.sequence

    gateway.hold()  # keep the bot out until an interaction has arrived while it was away
    if fault.startswith("op 7"):
        await gateway.reconnect()
    else:
        await gateway.drop(4000)
    await fake.wait_for(lambda: gateway.ws is None, 10, "the bot to disconnect")
    missed = await fake.slash("ask", {"question": "how many people were injured"})
    gateway.release()

    await fake.wait_for(lambda: gateway.resumed and gateway.ready, 30, "the RESUME")
    assert gateway.resumed == [{"token": fake.token, "session_id": session, "seq": seq}]
    assert gateway.connections == ["/gateway/", "/resume"]  # resume_gateway_url, from READY
    assert len(gateway.identified) == 1, "resumed, not a new session"
    await settled(fake, missed)  # replayed on RESUME and answered once, in time
    assert [r.kind for r in missed.received].count("callback") == 1
    assert embed_of(missed.edits[-1])["fields"]

    after = await fake.slash("ask", {"question": QUESTION})
    await settled(fake, after)
    assert embed_of(after.edits[-1])["fields"]
    assert unhandled() == []


async def test_an_ack_after_the_3_s_deadline_is_logged_and_the_bot_carries_on(
        unhandled, fake, bot, caplog):
    fake.ack_deadline = 0.0  # every first response now arrives "too late"
    with caplog.at_level(logging.WARNING, logger="bot.errors"):
        late = await fake.slash("ask", {"question": QUESTION})
        await fake.wait_for(lambda: any("answered: the interaction expired" in r.getMessage()
                                        for r in caplog.records), 30, "the warning")
    assert [(r.status, r.code) for r in late.received] == [(404, 10062)]  # no second try
    assert late.callback is None and not late.edits
    fake.ack_deadline = 3.0
    inter = await fake.slash("ask", {"question": QUESTION})
    await settled(fake, inter)
    assert unhandled() == []


async def test_a_token_that_expires_before_the_answer_is_logged_and_the_bot_carries_on(
        unhandled, fake, bot, caplog):
    fake.token_lifetime = 0.0  # the ack is accepted, every webhook edit is refused (50027)
    with caplog.at_level(logging.WARNING, logger="bot.errors"):
        inter = await fake.slash("ask", {"question": QUESTION})
        await acked(fake, inter)
        await fake.wait_for(lambda: any("answered: the interaction expired" in r.getMessage()
                                        for r in caplog.records), 30, "the warning")
    assert [(r.status, r.code) for r in inter.rejected()] == [(401, 50027)]
    assert not inter.accepted("delete") and not inter.followups
    fake.token_lifetime = 15 * 60.0
    again = await fake.slash("ask", {"question": QUESTION})
    await settled(fake, again)
    assert unhandled() == []


class SlowEngine(Engine):
    """The real engine, taking a second longer to answer: time to stop the bot meanwhile."""

    def ask(self, question: str, top_k: int | None = None, story: str | None = None):
        time.sleep(1.0)
        return super().ask(question, top_k, story)


async def test_stopping_the_bot_mid_answer_leaves_no_unhandled_error(
        unhandled, fake, start_bot, indexed, caplog):
    bot = await start_bot(engine=SlowEngine(indexed.settings, store=indexed.store,
                                            embedder=indexed.embedder))
    with caplog.at_level(logging.WARNING, logger="bot.errors"):
        inter = await fake.slash("ask", {"question": QUESTION})
        await acked(fake, inter)
        await bot.close()  # what SIGTERM does, while the answer is being computed
        await fake.wait_for(lambda: any("answered: the bot is stopping" in r.getMessage()
                                        for r in caplog.records), 30, "the warning")
    assert not inter.edits
    assert unhandled() == []
