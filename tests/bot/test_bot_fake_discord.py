"""The loopback Discord itself is as strict as Discord, so passing against it means something."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest
from fake_discord import FakeDiscord

pytestmark = pytest.mark.fast

COMMANDS = [{"name": "ask", "description": "Ask", "type": 1, "options": [
    {"name": "question", "description": "q", "type": 3, "required": True, "max_length": 300}]}]


class Bot:
    """A minimal raw client: a gateway session and REST calls, no discord.py."""

    def __init__(self, fake: FakeDiscord, session: aiohttp.ClientSession,
                 ws: aiohttp.ClientWebSocketResponse) -> None:
        self.fake, self.session, self.ws = fake, session, ws

    async def call(self, method: str, path: str, body=None, auth: bool = False):
        headers = {"Authorization": f"Bot {self.fake.token}"} if auth else {}
        async with self.session.request(method, self.fake.api_base + path, json=body,
                                        headers=headers) as response:
            data = await response.json() if response.content_length else None
            return response.status, response.headers.get("Content-Type"), data

    async def callback(self, inter, body, query: str = "?with_response=1"):
        return await self.call("POST", f"/interactions/{inter.id}/{inter.token}/callback{query}",
                               body)

    def hook(self, inter, tail: str = "") -> str:
        return f"/webhooks/{self.fake.application_id}/{inter.token}{tail}"


@pytest.fixture
async def raw(fake: FakeDiscord) -> AsyncIterator[Bot]:
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(fake.gateway_url + "?v=10&encoding=json")
        assert (await ws.receive_json())["op"] == 10
        await ws.send_json({"op": 2, "d": {"token": fake.token, "intents": 1,
                                           "properties": {"os": "linux"}}})
        assert (await ws.receive_json())["t"] == "READY"
        assert (await ws.receive_json())["t"] == "GUILD_CREATE"
        bot = Bot(fake, session, ws)
        status, _, _ = await bot.call(
            "PUT", f"/applications/{fake.application_id}/guilds/{fake.guild_id}/commands",
            COMMANDS, auth=True)
        assert status == 200
        yield bot
        await ws.close()


async def test_identify_with_a_wrong_token_closes_the_gateway_with_4004(fake):
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(fake.gateway_url + "?v=10&encoding=json")
        await ws.receive_json()
        await ws.send_json({"op": 2, "d": {"token": "nope", "intents": 1, "properties": {}}})
        await ws.receive()
        assert ws.close_code == 4004


async def test_rest_calls_need_the_bot_token(fake, raw):
    status, content_type, data = await raw.call("GET", "/users/@me")
    assert (status, data["code"]) == (401, 0)
    status, content_type, data = await raw.call("GET", "/users/@me", auth=True)
    assert status == 200 and content_type == "application/json"
    assert data["id"] == fake.application_id


async def test_heartbeats_are_acknowledged(raw):
    await raw.ws.send_json({"op": 1, "d": 2})
    assert (await raw.ws.receive_json())["op"] == 11


async def test_interactions_arrive_over_the_gateway_with_what_discord_py_reads(fake, raw):
    inter = await fake.slash("ask", {"question": "how many"})
    event = await raw.ws.receive_json()
    assert event["t"] == "INTERACTION_CREATE" and event["d"]["token"] == inter.token
    assert event["d"]["attachment_size_limit"] > 0
    assert event["d"]["data"]["options"] == [{"name": "question", "type": 3, "value": "how many"}]


async def test_the_client_refuses_option_values_out_of_range(fake, raw):
    with pytest.raises(AssertionError, match="length out of range"):
        await fake.slash("ask", {"question": "x" * 301})


async def test_a_first_response_after_the_deadline_is_an_unknown_interaction():
    fake = await FakeDiscord(ack_deadline=0.05).start()
    try:
        async with aiohttp.ClientSession() as session:
            bot = Bot(fake, session, None)  # type: ignore[arg-type]
            ws = await session.ws_connect(fake.gateway_url + "?v=10&encoding=json")
            await ws.receive_json()
            await ws.send_json({"op": 2, "d": {"token": fake.token, "intents": 1,
                                               "properties": {}}})
            await bot.call("PUT", f"/applications/{fake.application_id}/commands", COMMANDS,
                           auth=True)
            inter = await fake.slash("ask", {"question": "q"})
            await asyncio.sleep(0.1)
            status, _, data = await bot.callback(inter, {"type": 5})
            assert (status, data["code"]) == (404, 10062)
            assert inter.callback is None
            await ws.close()
    finally:
        await fake.close()


async def test_a_second_acknowledgement_is_refused(fake, raw):
    inter = await fake.slash("ask", {"question": "q"})
    assert (await raw.callback(inter, {"type": 5}))[0] == 200
    status, _, data = await raw.callback(inter, {"type": 4, "data": {"content": "hi"}})
    assert (status, data["code"]) == (400, 40060)


@pytest.mark.parametrize("data", [
    {"content": "x" * 2001},
    {"embeds": [{"description": "x" * 4097}]},
    {"embeds": [{"title": "x" * 257}]},
    {"embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]},
    {"embeds": [{"fields": [{"name": "n", "value": "x" * 1025}]}]},
    {"embeds": [{"fields": [{"name": "n", "value": ""}]}]},
    {"embeds": [{"footer": {"text": "x" * 2049}}]},
    {"embeds": [{"description": "x" * 4000}, {"description": "x" * 2001}]},
    {"content": "hi", "mystery": 1},
    {},
])
async def test_messages_over_discord_limits_are_rejected_as_invalid_form_body(fake, raw, data):
    inter = await fake.slash("ask", {"question": "q"})
    status, _, body = await raw.callback(inter, {"type": 4, "data": data})
    assert (status, body["code"]) == (400, 50035)
    assert inter.callback is None


async def test_webhook_calls_with_an_expired_token_are_refused(fake, raw):
    inter = await fake.slash("ask", {"question": "q"})
    await raw.callback(inter, {"type": 5})
    fake.expire(inter)
    status, _, body = await raw.call("PATCH", raw.hook(inter, "/messages/@original"),
                                     {"content": "late"})
    assert (status, body["code"]) == (401, 50027)


async def test_the_first_follow_up_after_a_deferral_replaces_the_thinking_message(fake, raw):
    inter = await fake.slash("ask", {"question": "q"})
    _, _, body = await raw.callback(inter, {"type": 5})
    assert body["interaction"]["response_message_loading"] is True
    await raw.call("POST", raw.hook(inter, "?wait=true"), {"content": "a", "flags": 64})
    assert fake.message_of(inter)["content"] == "a"
    assert not fake.is_ephemeral(inter)  # the deferral was public, so is the follow-up
    await raw.call("POST", raw.hook(inter, "?wait=true"), {"content": "b", "flags": 64})
    assert fake.messages[inter.followup_ids[0]]["flags"] == 64


async def test_mentions_are_recorded_when_allowed_mentions_would_ping(fake, raw):
    inter = await fake.slash("ask", {"question": "q"})
    await raw.callback(inter, {"type": 4, "data": {"content": "@everyone hi"}})
    assert fake.pings == [(inter.id, "@everyone")]
