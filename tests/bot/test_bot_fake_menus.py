"""The loopback Discord is as strict as Discord about context menus, autocomplete and
uploaded files: a raw client (no discord.py) against it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import aiohttp
import pytest
from fake_discord import FakeDiscord
from test_bot_fake_discord import Bot

from index.render.chart import draw  # a real PNG to upload
from tests.index.render.test_chart import rising_toll

pytestmark = pytest.mark.fast

COMMANDS = [
    {"name": "ask", "description": "Ask", "type": 1, "options": [
        {"name": "question", "description": "q", "type": 3, "required": True},
        {"name": "story", "description": "s", "type": 3, "autocomplete": True}]},
    {"name": "Check against sources", "type": 3},
]


@pytest.fixture
async def raw(fake: FakeDiscord) -> AsyncIterator[Bot]:
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(fake.gateway_url + "?v=10&encoding=json")
        await ws.receive_json()
        await ws.send_json({"op": 2, "d": {"token": fake.token, "intents": 1,
                                           "properties": {"os": "linux"}}})
        await ws.receive_json(), await ws.receive_json()
        bot = Bot(fake, session, ws)
        status, _, body = await bot.call(
            "PUT", f"/applications/{fake.application_id}/guilds/{fake.guild_id}/commands",
            COMMANDS, auth=True)
        assert status == 200, body
        yield bot
        await ws.close()


@pytest.fixture(scope="module")
def png() -> bytes:
    return draw(rising_toll()).png


async def sync(raw: Bot, commands) -> tuple[int, dict]:
    status, _, body = await raw.call(
        "PUT", f"/applications/{raw.fake.application_id}/guilds/{raw.fake.guild_id}/commands",
        commands, auth=True)
    return status, body


@pytest.mark.parametrize("command", [
    {"name": "Check against sources", "type": 3, "description": "Checks a message"},
    {"name": "Check", "type": 3, "options": [{"name": "x", "description": "x", "type": 3}]},
    {"name": "x" * 33, "type": 3},
    {"name": "ask", "description": "a", "type": 1, "options": [
        {"name": "story", "description": "s", "type": 3, "autocomplete": True,
         "choices": [{"name": "a", "value": "a"}]}]},
    {"name": "ask", "description": "a", "type": 1, "options": [
        {"name": "flag", "description": "f", "type": 5, "autocomplete": True}]},
])
async def test_context_menus_and_autocomplete_options_are_synced_as_discord_allows(
        raw, command):
    status, body = await sync(raw, [command])
    assert (status, body["code"]) == (400, 50035)


async def test_a_message_command_interaction_carries_the_message_it_targets(fake, raw):
    message = fake.post(fake.other_member, "Thirteen officers died <@1>", mentions=[fake.member])
    inter = await fake.context_menu("Check against sources", message)
    event = await raw.ws.receive_json()
    data = event["d"]["data"]
    assert (event["d"]["type"], data["type"], data["target_id"]) == (2, 3, message["id"])
    resolved = data["resolved"]["messages"][message["id"]]
    assert resolved["content"] == "Thirteen officers died <@1>"
    assert resolved["author"]["id"] == fake.other_member.id
    assert (await raw.callback(inter, {"type": 5, "data": {"flags": 64}}))[0] == 200


async def test_autocomplete_is_answered_with_type_8_and_at_most_25_short_choices(fake, raw):
    good = {"type": 8, "data": {"choices": [{"name": "Kazakhstan unrest", "value": "s-1"}]}}
    refused = [
        {"type": 4, "data": {"content": "no"}},
        {"type": 8, "data": {"choices": [{"name": str(i), "value": str(i)}
                                         for i in range(26)]}},
        {"type": 8, "data": {"choices": [{"name": "x" * 101, "value": "s"}]}},
        {"type": 8, "data": {"choices": [{"name": "", "value": "s"}]}},
        {"type": 8, "data": {"choices": [{"name": "s", "value": "x" * 101}]}},
        {"type": 8, "data": {"choices": [{"name": "s", "value": 3}]}},
    ]
    for body in refused:
        inter = await fake.autocomplete("ask", {"question": "q", "story": "ka"}, "story")
        status, _, answer = await raw.callback(inter, body)
        assert (status, answer["code"]) == (400, 50035), body
    inter = await fake.autocomplete("ask", {"question": "q", "story": "ka"}, "story")
    assert (await raw.callback(inter, good))[0] == 200
    assert inter.choices == good["data"]["choices"]
    command = await fake.slash("ask", {"question": "q"})
    status, _, answer = await raw.callback(command, good)
    assert (status, answer["code"]) == (400, 50035)  # only autocompletes take type 8
    with pytest.raises(AssertionError, match="does not autocomplete"):
        await fake.autocomplete("ask", {"question": "q"}, "question")


def form(payload: dict, files: list[tuple[str, str, bytes]]) -> aiohttp.FormData:
    data = aiohttp.FormData()
    data.add_field("payload_json", json.dumps(payload), content_type="application/json")
    for name, filename, content in files:
        data.add_field(name, content, filename=filename,
                       content_type="application/octet-stream")
    return data


async def post_form(raw: Bot, method: str, path: str, data: aiohttp.FormData):
    async with raw.session.request(method, raw.fake.api_base + path, data=data) as response:
        body = await response.read()
        return response.status, json.loads(body) if body else None


CHART_EMBED = {"title": "t", "image": {"url": "attachment://chart.png"}}


async def test_an_uploaded_chart_becomes_an_attachment_the_embed_image_points_at(
        fake, raw, png):
    inter = await fake.slash("ask", {"question": "q"})
    payload = {"type": 4, "data": {"embeds": [CHART_EMBED], "attachments": [
        {"id": 0, "filename": "chart.png", "description": "the chart"}]}}
    status, _ = await post_form(raw, "POST", f"/interactions/{inter.id}/{inter.token}/callback",
                                form(payload, [("files[0]", "chart.png", png)]))
    assert status == 204
    message = fake.message_of(inter)
    (attachment,) = message["attachments"]
    assert (attachment["width"], attachment["height"]) == (1000, 500)
    assert attachment["description"] == "the chart" and attachment["size"] == len(png)
    assert message["embeds"][0]["image"]["url"] == attachment["url"]
    async with raw.session.get(attachment["url"]) as response:
        assert await response.read() == png
    # An edit without `attachments` keeps the file, and its embed may name it again.
    status, _, _ = await raw.call("PATCH", raw.hook(inter, "/messages/@original"),
                                  {"embeds": [CHART_EMBED]})
    assert status == 200 and fake.message_of(inter)["attachments"] == [attachment]
    # An edit that drops every attachment cannot keep an image naming one.
    status, _, body = await raw.call("PATCH", raw.hook(inter, "/messages/@original"),
                                     {"embeds": [CHART_EMBED], "attachments": []})
    assert (status, body["code"]) == (400, 50035)


@pytest.mark.parametrize(("payload", "files"), [
    ({"embeds": [CHART_EMBED], "attachments": []}, [("files[0]", "chart.png")]),
    ({"embeds": [CHART_EMBED], "attachments": [{"id": 1, "filename": "chart.png"}]},
     [("files[0]", "chart.png")]),
    ({"embeds": [{"image": {"url": "attachment://other.png"}}],
      "attachments": [{"id": 0, "filename": "chart.png"}]}, [("files[0]", "chart.png")]),
    ({"content": "x", "attachments": [{"id": 0, "description": "d" * 1025}]},
     [("files[0]", "chart.png")]),
    ({"content": "x"}, [("file", "chart.png")]),
    ({"content": "x", "attachments": [{"id": i} for i in range(11)]},
     [(f"files[{i}]", f"{i}.png") for i in range(11)]),
])
async def test_uploads_discord_would_refuse_are_an_invalid_form_body(fake, raw, png, payload,
                                                                      files):
    inter = await fake.slash("ask", {"question": "q"})
    await raw.callback(inter, {"type": 5})
    status, body = await post_form(raw, "POST", raw.hook(inter, "?wait=true"),
                                   form(payload, [(n, f, png) for n, f in files]))
    assert (status, body["code"]) == (400, 50035)


async def test_a_file_over_the_size_limit_is_refused_as_too_large(fake, raw, png):
    inter = await fake.slash("ask", {"question": "q"})
    inter.payload["attachment_size_limit"] = len(png) - 1
    await raw.callback(inter, {"type": 5})
    status, body = await post_form(
        raw, "PATCH", raw.hook(inter, "/messages/@original"),
        form({"attachments": [{"id": 0, "filename": "c.png"}]}, [("files[0]", "c.png", png)]))
    assert (status, body["code"]) == (413, 40005)
