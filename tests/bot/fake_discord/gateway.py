"""The fake gateway: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats, dispatches.

Speaks uncompressed JSON text frames (discord.py accepts them even when it asked for
zlib-stream) and closes with 4004 on a wrong token, as Discord does. Sessions can be
resumed like Discord's: `reconnect()` sends op 7 RECONNECT and `drop()` closes the socket;
the bot then connects to `resume_gateway_url`, sends RESUME (op 6) with its session id and
last sequence number, and gets every dispatch it missed replayed, then RESUMED. A RESUME
with an unknown session gets op 9 INVALID_SESSION (not resumable).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from . import payloads

if TYPE_CHECKING:
    from .server import FakeDiscord

HELLO, HEARTBEAT, IDENTIFY, RESUME, HEARTBEAT_ACK, DISPATCH = 10, 1, 2, 6, 11, 0
RECONNECT, INVALID_SESSION = 7, 9
HEARTBEAT_INTERVAL_MS = 41250


class Gateway:
    """One bot connection at a time; `dispatch` sends an event to it."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.ws: web.WebSocketResponse | None = None
        self.sequence = 0
        self.identified: list[dict[str, Any]] = []
        self.resumed: list[dict[str, Any]] = []  # the data of every accepted RESUME
        self.connections: list[str] = []  # the path of every websocket the bot opened
        self.sent: list[dict[str, Any]] = []  # every dispatch of this session, for replays
        self.heartbeats = 0
        self.ready = False
        self.session_id = secrets.token_hex(16)
        self._send_lock = asyncio.Lock()
        self._open = asyncio.Event()
        self._open.set()

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        if request.query.get("encoding", "json") != "json" or request.query.get("v") != "10":
            raise web.HTTPBadRequest(text="expected v=10&encoding=json")
        await self._open.wait()
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.ws, self.ready = ws, False
        self.connections.append(request.path)
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
            if self.identified:  # a new session: Discord never replays across sessions
                self.session_id, self.sequence, self.sent = secrets.token_hex(16), 0, []
            self.identified.append(data)
            await self._ready()
        elif op == RESUME:
            return await self._resume(ws, data)
        return True

    async def _resume(self, ws: web.WebSocketResponse, data: Any) -> bool:
        """Replay what the bot missed since its `seq`, then RESUMED, as Discord does."""
        if not isinstance(data, dict) or data.get("token") != self.fake.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return False
        seq = data.get("seq")
        if (data.get("session_id") != self.session_id or not self.identified
                or not isinstance(seq, int) or seq > self.sequence):
            await self._send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return True
        self.resumed.append(data)
        for event in [e for e in self.sent if e["s"] > seq]:
            await self._send(event)
        await self.dispatch("RESUMED", {})
        self.ready = True
        self.fake.changed()
        return True

    async def _ready(self) -> None:
        fake = self.fake
        await self.dispatch("READY", {
            "v": 10, "user": {**fake.bot_user.user(), "verified": True, "mfa_enabled": False},
            "guilds": [{"id": fake.guild_id, "unavailable": True}],
            "session_id": self.session_id, "session_type": "normal",
            "resume_gateway_url": fake.resume_gateway_url, "shard": [0, 1],
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
        """Send an event; while a resumable session is disconnected it waits for RESUME."""
        if self.ws is None and not self.identified:
            raise AssertionError(f"cannot dispatch {name}: the bot is not connected")
        self.sequence += 1
        event = {"op": DISPATCH, "t": name, "s": self.sequence, "d": data}
        self.sent.append(event)
        await self._send(event)

    async def reconnect(self) -> None:
        """Ask the bot to reconnect and resume (op 7), as Discord does before a restart."""
        await self._send({"op": RECONNECT, "d": None, "s": None, "t": None})

    def hold(self) -> None:
        """Keep new connections waiting (dispatches meanwhile queue up for the RESUME)."""
        self._open.clear()

    def release(self) -> None:
        self._open.set()

    async def drop(self, code: int = 4000) -> None:
        """Close the bot's socket from this side, like a gateway failure (4000: resumable)."""
        if self.ws is not None and not self.ws.closed:
            await self.ws.close(code=code, message=b"Unknown error.")

    async def _send(self, event: dict[str, Any]) -> None:
        """Send on the current socket; a socket closing under us loses the frame (a
        dispatch stays in `sent` and is replayed when the bot resumes)."""
        async with self._send_lock:
            if self.ws is not None and not self.ws.closed:
                with contextlib.suppress(ConnectionResetError):
                    await self.ws.send_str(json.dumps(event))

    async def close(self) -> None:
        if self.ws is not None and not self.ws.closed:
            await self.ws.close(code=1000)
