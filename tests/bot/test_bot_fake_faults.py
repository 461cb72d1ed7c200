"""The loopback Discord's faults look like Discord's: 429s, RECONNECT, RESUME and its replay."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from fake_discord import FakeDiscord

pytestmark = pytest.mark.fast


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


async def identify(fake: FakeDiscord, session: aiohttp.ClientSession):
    """A raw gateway session: HELLO, IDENTIFY -> READY (s=1), GUILD_CREATE (s=2)."""
    ws = await session.ws_connect(fake.gateway_url + "?v=10&encoding=json")
    assert (await ws.receive_json())["op"] == 10
    await ws.send_json({"op": 2, "d": {"token": fake.token, "intents": 1, "properties": {}}})
    ready = await ws.receive_json()
    assert (await ws.receive_json())["t"] == "GUILD_CREATE"
    return ws, ready


async def resume(session: aiohttp.ClientSession, ready: dict, token: str, seq: int,
                 session_id: str | None = None):
    ws = await session.ws_connect(ready["d"]["resume_gateway_url"] + "?v=10&encoding=json")
    assert (await ws.receive_json())["op"] == 10
    await ws.send_json({"op": 6, "d": {"token": token, "seq": seq,
                                       "session_id": session_id or ready["d"]["session_id"]}})
    return ws


async def test_a_rate_limited_request_gets_one_429_shaped_like_discords(fake, session):
    fake.rate_limit("GET", "/users/@me", retry_after=0.5)
    headers = {"Authorization": f"Bot {fake.token}"}
    async with session.get(fake.api_base + "/users/@me", headers=headers) as response:
        assert response.status == 429
        assert await response.json() == {"message": "You are being rate limited.",
                                         "retry_after": 0.5, "global": False}
        assert response.headers["Retry-After"] == "1"
        assert response.headers["X-RateLimit-Remaining"] == "0"
        assert response.headers["X-RateLimit-Scope"] == "user"
        assert response.headers["Via"]  # without it discord.py takes a 429 for a ban
    async with session.get(fake.api_base + "/users/@me", headers=headers) as response:
        assert response.status == 200
    assert fake.rate_limited == [("GET", "/api/v10/users/@me")]


async def test_reconnect_then_resume_replays_what_was_missed_then_resumed(fake, session):
    ws, ready = await identify(fake, session)
    assert ready["d"]["resume_gateway_url"] == fake.resume_gateway_url
    await fake.gateway.reconnect()
    assert (await ws.receive_json())["op"] == 7
    await ws.close()
    await fake.wait_for(lambda: fake.gateway.ws is None, 5, "the socket to close")
    await fake.gateway.dispatch("TYPING_START", {"channel_id": fake.channel_id})  # missed

    ws = await resume(session, ready, fake.token, seq=2)
    missed = await ws.receive_json()
    assert (missed["t"], missed["s"]) == ("TYPING_START", 3)
    resumed = await ws.receive_json()
    assert (resumed["t"], resumed["s"]) == ("RESUMED", 4)
    assert fake.gateway.resumed == [{"token": fake.token, "seq": 2,
                                     "session_id": ready["d"]["session_id"]}]
    assert fake.gateway.connections == ["/gateway/", "/resume"] and fake.gateway.ready
    await ws.close()


async def test_resuming_an_unknown_session_is_refused_with_invalid_session(fake, session):
    ws, ready = await identify(fake, session)
    await fake.gateway.drop()
    assert (await ws.receive()).type == aiohttp.WSMsgType.CLOSE and ws.close_code == 4000
    ws = await resume(session, ready, fake.token, seq=2, session_id="not-a-session")
    assert await ws.receive_json() == {"op": 9, "d": False, "s": None, "t": None}
    assert fake.gateway.resumed == []
    await ws.close()


async def test_the_client_checks_can_be_bypassed_to_send_what_discord_would_refuse(fake,
                                                                                   session):
    ws, _ = await identify(fake, session)
    fake.commands[fake.guild_id] = [{"id": "1", "name": "ask", "type": 1, "options": [
        {"name": "question", "type": 3, "required": True, "min_length": 1,
         "max_length": 300}]}]
    with pytest.raises(AssertionError, match="length out of range"):
        await fake.slash("ask", {"question": ""})
    inter = await fake.slash("ask", {"question": ""}, bypass_client_checks=True)
    event = await ws.receive_json()
    assert event["d"]["id"] == inter.id
    assert event["d"]["data"]["options"] == [{"name": "question", "type": 3, "value": ""}]
    await ws.close()
