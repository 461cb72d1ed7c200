"""The fake Discord: one guild, one channel, a few users, REST + gateway on 127.0.0.1.

Tests drive it like people would: `slash("ask", {"question": ...}, user=...)` dispatches an
INTERACTION_CREATE over the bot's websocket and returns the FakeInteraction, on which the
test then waits for the callback, the edits of @original and the follow-ups it expects.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from . import payloads
from .gateway import Gateway
from .menus import MenuDriver
from .payloads import ADMINISTRATOR, ALL_PERMISSIONS, FakeUser, snowflake
from .responses import (
    EPHEMERAL,
    LOADING,
    Responses,
    author,
    error,
    json_response,
    too_many_requests,
)
from .state import COMMAND, COMPONENT, FakeInteraction
from .validate import SUPPRESS_EMBEDS, check_commands

API = "/api/v10"


def _bitset(value: Any) -> str | None:
    """A permission bitset as Discord returns it: a decimal string, or None."""
    return None if value is None else str(value)


class FakeDiscord(MenuDriver):
    """A loopback Discord; every timing rule is configurable so tests can exercise it."""

    def __init__(self, *, token: str | None = None, ack_deadline: float = 3.0,
                 token_lifetime: float = 15 * 60.0) -> None:
        self.token = token or f"fake.{secrets.token_urlsafe(24)}"
        self.ack_deadline = ack_deadline
        self.token_lifetime = token_lifetime
        self.application_id = snowflake()
        self.guild_id, self.channel_id = snowflake(), snowflake()
        self.admin_role_id = snowflake()
        self.bot_user = FakeUser(self.application_id, "discordant", bot=True)
        self.admin = FakeUser(snowflake(), "alice", permissions=ALL_PERMISSIONS,
                              roles=(self.admin_role_id,))
        self.member = FakeUser(snowflake(), "bob")
        self.other_member = FakeUser(snowflake(), "carol")
        self.commands: dict[str | None, list[dict[str, Any]]] = {}
        self.syncs: list[tuple[str | None, list[dict[str, Any]]]] = []
        self.interactions: dict[str, FakeInteraction] = {}
        self.messages: dict[str, dict[str, Any]] = {}
        self.files: dict[str, bytes] = {}  # attachment id -> the uploaded bytes
        self.requests: list[tuple[str, str, int]] = []
        self.unexpected: list[tuple[str, str]] = []
        self.pings: list[tuple[str, str]] = []
        self.rate_limited: list[tuple[str, str]] = []  # requests answered 429
        self._rate_limits: list[tuple[str, str, float]] = []
        self.gateway = Gateway(self)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._change = asyncio.Event()

    # -- lifecycle ---------------------------------------------------------------------------
    async def start(self) -> FakeDiscord:
        app = web.Application(middlewares=[self._log_requests])
        app.add_routes([
            web.get(API + "/users/@me", self._me),
            web.get(API + "/oauth2/applications/@me", self._application),
            web.get(API + "/gateway", self._gateway_url),
            web.get(API + "/gateway/bot", self._gateway_url),
            web.put(API + "/applications/{app}/commands", self._put_commands),
            web.put(API + "/applications/{app}/guilds/{guild}/commands", self._put_commands),
            web.get(API + "/applications/{app}/commands", self._get_commands),
            web.get(API + "/applications/{app}/guilds/{guild}/commands", self._get_commands),
            *Responses(self).routes(API),
            web.get("/attachments/{channel}/{id}/{filename}", self._attachment),
            web.get("/gateway/", self.gateway.handle),
            web.get("/resume", self.gateway.handle),
            web.route("*", "/{tail:.*}", self._unknown),
        ])
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        await self.gateway.close()
        if self._runner:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API}"

    @property
    def cdn_base(self) -> str:
        """Where uploaded files are served from (Discord's CDN)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway/"

    @property
    def resume_gateway_url(self) -> str:
        """Where READY tells the bot to resume: not the gateway it first connected to."""
        return f"ws://127.0.0.1:{self.port}/resume"

    def env(self) -> dict[str, str]:
        """The DISCORD_* settings that point a bot at this server."""
        return {"DISCORD_TOKEN": self.token, "DISCORD_GUILD_ID": self.guild_id,
                "DISCORD_API_BASE": self.api_base, "DISCORD_GATEWAY_URL": self.gateway_url}

    # -- waiting -----------------------------------------------------------------------------
    def changed(self) -> None:
        self._change.set()

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 20.0,
                       what: str = "condition") -> Any:
        """Wait until `predicate()` is truthy (re-checked on every change) and return it."""
        deadline = time.monotonic() + timeout
        while not (result := predicate()):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}")
            self._change.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._change.wait(), min(left, 0.25))
        return result

    async def wait_ready(self, timeout: float = 60.0) -> None:
        """Wait until the bot has identified and has been sent READY and GUILD_CREATE."""
        await self.wait_for(lambda: self.gateway.ready, timeout, "the bot to connect")

    # -- REST: auth, identity, commands ------------------------------------------------------
    @web.middleware
    async def _log_requests(self, request: web.Request, handler) -> web.StreamResponse:
        needs_auth = not request.path.startswith((API + "/interactions/", API + "/webhooks/",
                                                  "/gateway/", "/resume", "/attachments/"))
        limit = next((rule for rule in self._rate_limits
                      if rule[0] == request.method and rule[1] in request.path), None)
        if limit is not None:
            self._rate_limits.remove(limit)
            self.rate_limited.append((request.method, request.path))
            response: web.StreamResponse = too_many_requests(limit[2])
        elif needs_auth and request.headers.get("Authorization") != f"Bot {self.token}":
            response = error(401, 0, "401: Unauthorized")
        else:
            response = await handler(request)
        self.requests.append((request.method, request.path, response.status))
        self.changed()
        return response

    async def _me(self, request: web.Request) -> web.Response:
        return json_response({**self.bot_user.user(), "verified": True, "mfa_enabled": False,
                              "locale": "en-US", "email": None})

    async def _application(self, request: web.Request) -> web.Response:
        return json_response({
            "id": self.application_id, "name": "discordant", "icon": None, "description": "",
            "bot_public": False, "bot_require_code_grant": False, "verify_key": "0" * 64,
            "owner": self.admin.user(), "team": None, "flags": 0, "rpc_origins": [],
            "interactions_endpoint_url": None, "bot": self.bot_user.user(),
        })

    async def _gateway_url(self, request: web.Request) -> web.Response:
        return json_response({"url": f"ws://127.0.0.1:{self.port}/gateway", "shards": 1,
                              "session_start_limit": {"total": 1000, "remaining": 999,
                                                      "reset_after": 0, "max_concurrency": 1}})

    async def _put_commands(self, request: web.Request) -> web.Response:
        scope = request.match_info.get("guild")
        if request.match_info["app"] != self.application_id:
            return error(403, 50001, "Missing Access")
        if scope is not None and scope != self.guild_id:
            return error(403, 50001, "Missing Access")
        body = await request.json() if request.content_type == "application/json" else None
        problems = check_commands(body)
        if problems:
            return error(400, 50035, "Invalid Form Body", problems)
        stored = [{"description": "", **command, "id": snowflake(),
                   "application_id": self.application_id,
                   "version": snowflake(), "type": command.get("type", 1),
                   "default_member_permissions": _bitset(command.get("default_member_permissions")),
                   **({"guild_id": scope} if scope else {})} for command in body]
        self.commands[scope] = stored
        self.syncs.append((scope, body))
        return json_response(stored)

    async def _get_commands(self, request: web.Request) -> web.Response:
        return json_response(self.commands.get(request.match_info.get("guild"), []))

    async def _attachment(self, request: web.Request) -> web.Response:
        data = self.files.get(request.match_info["id"])
        if data is None:
            return error(404, 0, "404: Not Found")
        return web.Response(body=data, content_type="application/octet-stream")

    async def _unknown(self, request: web.Request) -> web.Response:
        self.unexpected.append((request.method, request.path))
        return error(404, 0, "404: Not Found")

    def rate_limit(self, method: str, path_part: str, retry_after: float = 0.25) -> None:
        """Answer the next `method` request whose path contains `path_part` with a 429
        (once), the way Discord does when a bucket is exhausted."""
        self._rate_limits.append((method, path_part, retry_after))

    # -- messages ----------------------------------------------------------------------------
    def new_message(self, inter: FakeInteraction, body: dict[str, Any], flags: int, *,
                    message_type: int | None = None) -> str:
        message_id = snowflake()
        kind = message_type if message_type is not None else (20 if inter.type == COMMAND else 19)
        self.messages[message_id] = payloads.message(
            message_id, self.channel_id, self.guild_id, author(self), body,
            application_id=self.application_id, message_type=kind, flags=flags)
        return message_id

    def update_message(self, message_id: str, body: dict[str, Any]) -> None:
        message = self.messages[message_id]
        for key, empty in (("content", ""), ("embeds", []), ("components", [])):
            if key in body:
                message[key] = body[key] or empty
        flags = message["flags"] & ~LOADING
        if body.get("flags") is not None:
            flags = (flags & ~SUPPRESS_EMBEDS) | (body["flags"] & SUPPRESS_EMBEDS)
        message["flags"] = flags
        message["edited_timestamp"] = payloads.now_iso()

    def note_pings(self, inter: FakeInteraction, body: dict[str, Any] | None) -> None:
        """Record every mention in `body` that Discord would have turned into a ping."""
        if not body or not body.get("content"):
            return
        allowed = body.get("allowed_mentions") or {"parse": ["users", "roles", "everyone"]}
        text = body["content"]
        for word in ("@everyone", "@here"):
            if word in text and "everyone" in allowed.get("parse", []):
                self.pings.append((inter.id, word))
        if "<@" in text and ("users" in allowed.get("parse", []) or allowed.get("users")):
            self.pings.append((inter.id, "<@user>"))

    def expire(self, inter: FakeInteraction) -> None:
        """Age `inter`'s token past its 15 minutes: webhook calls now get 401 (50027)."""
        inter.expired = True

    def by_token(self, token: str) -> FakeInteraction | None:
        return next((i for i in self.interactions.values() if i.token == token), None)

    def message_of(self, inter: FakeInteraction) -> dict[str, Any]:
        """The current state of the message that `inter`'s @original refers to."""
        return self.messages[inter.original_id or ""]

    def is_ephemeral(self, inter: FakeInteraction) -> bool:
        return bool(self.message_of(inter)["flags"] & EPHEMERAL)

    # -- driving the bot ---------------------------------------------------------------------
    def command(self, name: str) -> dict[str, Any]:
        for scope in (self.guild_id, None):
            for command in self.commands.get(scope, []):
                if command["name"] == name:
                    return command
        raise AssertionError(f"/{name} was never synced; synced: {self.commands}")

    async def slash(self, name: str, options: dict[str, Any] | None = None,
                    user: FakeUser | None = None, *,
                    bypass_default_permissions: bool = False,
                    bypass_client_checks: bool = False) -> FakeInteraction:
        """Invoke /name as `user` would from the Discord client.

        The client hides commands whose default_member_permissions the user lacks; pass
        `bypass_default_permissions` to act as if an admin opened the command to everyone
        in Server Settings > Integrations, which is what the bot's own check is for.
        `bypass_client_checks` sends option values the client would refuse (an empty or
        over-long string), as a modified client or a crafted request could.
        """
        user = user or self.member
        command = self.command(name)
        needed = int(command.get("default_member_permissions") or 0)
        allowed = user.permissions & ADMINISTRATOR or user.permissions & needed == needed
        if not (allowed or bypass_default_permissions):
            raise PermissionError(f"{user.name} cannot see /{name} in the client")
        data = {"id": command["id"], "name": name, "type": 1, "guild_id": self.guild_id,
                "options": self._options(command, options or {},
                                         checked=not bypass_client_checks)}
        return await self._dispatch(COMMAND, name, data, user)

    def _options(self, command: dict[str, Any], given: dict[str, Any], *,
                 checked: bool = True) -> list[dict[str, Any]]:
        """Values as the client sends them, after the client-side checks Discord applies."""
        schema = {option["name"]: option for option in command.get("options") or []}
        unknown = set(given) - set(schema)
        missing = {n for n, o in schema.items() if o.get("required") and n not in given}
        if unknown or missing:
            raise AssertionError(f"bad options for /{command['name']}: {unknown or missing}")
        for name, value in given.items():
            option = schema[name]
            if checked and option["type"] == 3 and not (option.get("min_length", 0)
                                                        <= len(value)
                                                        <= option.get("max_length", 6000)):
                raise AssertionError(f"the client refuses {name}={value!r}: length out of range")
        return [{"name": n, "type": schema[n]["type"], "value": v} for n, v in given.items()]

    def buttons(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        return [c for row in message.get("components") or [] for c in row["components"]]

    def button(self, message: dict[str, Any], label: str) -> dict[str, Any]:
        for button in self.buttons(message):
            if label in (button.get("label"), (button.get("emoji") or {}).get("name")):
                return button
        raise AssertionError(f"no {label!r} button on message {message['id']}")

    async def click(self, message: dict[str, Any], label: str,
                    user: FakeUser | None = None) -> FakeInteraction:
        """Click the button labelled `label` (or with that emoji) on `message`."""
        button = self.button(message, label)
        if button.get("disabled"):
            raise AssertionError(f"the {label!r} button is disabled; a client cannot click it")
        data = {"custom_id": button["custom_id"], "component_type": 2}
        return await self._dispatch(COMPONENT, button["custom_id"], data, user or self.member,
                                    message=dict(self.messages[message["id"]]))

    async def _dispatch(self, kind: int, name: str, data: dict[str, Any], user: FakeUser,
                        message: dict[str, Any] | None = None) -> FakeInteraction:
        inter_id, token = snowflake(), "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48)
        payload = {
            "id": inter_id, "application_id": self.application_id, "type": kind,
            "data": data, "guild_id": self.guild_id,
            "guild": {"id": self.guild_id, "locale": "en-US", "features": []},
            "channel_id": self.channel_id,
            "channel": payloads.text_channel(self.channel_id, self.guild_id, "newsroom"),
            "member": user.member(), "token": token, "version": 1,
            "app_permissions": str(ALL_PERMISSIONS & ~ADMINISTRATOR), "locale": "en-US",
            "guild_locale": "en-US", "entitlements": [], "context": 0,
            "authorizing_integration_owners": {"0": self.guild_id},
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if message is not None:
            payload["message"] = message
        inter = FakeInteraction(inter_id, token, kind, name, user, payload)
        self.interactions[inter_id] = inter
        inter.dispatched_at = time.perf_counter()
        await self.gateway.dispatch("INTERACTION_CREATE", payload)
        return inter
