"""The fake gateway: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats, dispatches.

Speaks uncompressed JSON text frames (discord.py accepts them even when it asked for
zlib-stream) and closes with 4004 on a wrong token, as Discord does.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from . import payloads

if TYPE_CHECKING:
    from .server import FakeDiscord

HELLO, HEARTBEAT, IDENTIFY, RESUME, HEARTBEAT_ACK, DISPATCH = 10, 1, 2, 6, 11, 0
HEARTBEAT_INTERVAL_MS = 41250


class Gateway:
    """One bot connection at a time; `dispatch` sends an event to it."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.ws: web.WebSocketResponse | None = None
        self.sequence = 0
        self.identified: list[dict[str, Any]] = []
        self.heartbeats = 0
        self.ready = False
        self.session_id = secrets.token_hex(16)
        self._send_lock = asyncio.Lock()

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        if request.query.get("encoding", "json") != "json" or request.query.get("v") != "10":
            raise web.HTTPBadRequest(text="expected v=10&encoding=json")
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.ws, self.ready = ws, False
        await self._send({"op": HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS},
                          "s": None, "t": None})
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            event = json.loads(message.data)
            if not await self._receive(ws, event):
                break
        if self.ws is ws:
            self.ws, self.ready = None, False
        self.fake.changed()
        return ws

    async def _receive(self, ws: web.WebSocketResponse, event: dict[str, Any]) -> bool:
        op, data = event.get("op"), event.get("d")
        if op == HEARTBEAT:
            self.heartbeats += 1
            await self._send({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == IDENTIFY:
            if not isinstance(data, dict) or data.get("token") != self.fake.token:
                await ws.close(code=4004, message=b"Authentication failed.")
                return False
            if not isinstance(data.get("intents"), int) or "properties" not in data:
                await ws.close(code=4002, message=b"Error while decoding payload.")
                return False
            self.identified.append(data)
            await self._ready()
        elif op == RESUME:
            await self.dispatch("RESUMED", {})
        return True

    async def _ready(self) -> None:
        fake = self.fake
        await self.dispatch("READY", {
            "v": 10, "user": {**fake.bot_user.user(), "verified": True, "mfa_enabled": False},
            "guilds": [{"id": fake.guild_id, "unavailable": True}],
            "session_id": self.session_id, "session_type": "normal",
            "resume_gateway_url": fake.gateway_url.rstrip("/"), "shard": [0, 1],
            "application": {"id": fake.application_id, "flags": 0},
            "private_channels": [], "relationships": [], "presences": [],
        })
        roles = [payloads.role(fake.guild_id, "@everyone", payloads.EVERYDAY_PERMISSIONS, 0),
                 payloads.role(fake.admin_role_id, "newsdesk", payloads.EVERYDAY_PERMISSIONS, 1)]
        channel = payloads.text_channel(fake.channel_id, fake.guild_id, "newsroom")
        await self.dispatch("GUILD_CREATE",
                            payloads.guild(fake.guild_id, fake.admin.id, channel, roles))
        self.ready = True
        fake.changed()

    async def dispatch(self, name: str, data: dict[str, Any]) -> None:
        if self.ws is None:
            raise AssertionError(f"cannot dispatch {name}: the bot is not connected")
        self.sequence += 1
        await self._send({"op": DISPATCH, "t": name, "s": self.sequence, "d": data})

    async def _send(self, event: dict[str, Any]) -> None:
        async with self._send_lock:
            if self.ws is not None and not self.ws.closed:
                await self.ws.send_str(json.dumps(event))

    async def close(self) -> None:
        if self.ws is not None and not self.ws.closed:
            await self.ws.close(code=1000)
