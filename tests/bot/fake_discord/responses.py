"""The interaction endpoints: the callback, and the webhook edits/follow-ups after it.

Enforces what Discord enforces: one acknowledgement per interaction (400, code 40060),
the first response within `ack_deadline` seconds (else 404 Unknown interaction, 10062),
webhook calls only while the token lives (401 Invalid Webhook Token, 50027), and the
message and embed limits of `validate` (400 Invalid Form Body, 50035).
"""

from __future__ import annotations

import json
import math
import time
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import payloads
from .state import AUTOCOMPLETE, COMPONENT, FakeInteraction, Received
from .uploads import Incoming, Upload, attach, check_attachments, read_body
from .validate import (
    COMPONENTS_V2,
    EPHEMERAL,
    LOADING,
    SILENT,
    SUPPRESS_EMBEDS,
    Problems,
    check_message,
    form_errors,
)

if TYPE_CHECKING:
    from .server import FakeDiscord

CREATE_FLAGS = EPHEMERAL | SUPPRESS_EMBEDS | SILENT | COMPONENTS_V2
EDIT_FLAGS = SUPPRESS_EMBEDS | COMPONENTS_V2


def json_response(data: Any, status: int = 200) -> web.Response:
    """JSON with exactly `application/json` (discord.py compares the header verbatim)."""
    return web.Response(status=status, body=json.dumps(data).encode(),
                        headers={"Content-Type": "application/json"})


def error(status: int, code: int, message: str, problems: Problems | None = None) -> web.Response:
    body: dict[str, Any] = {"message": message, "code": code}
    if problems:
        body["errors"] = form_errors(problems)
    return json_response(body, status)


def too_many_requests(retry_after: float, *, scope: str = "user") -> web.Response:
    """A 429 as Discord sends it: `retry_after` in the JSON body and the Retry-After and
    X-RateLimit-* headers, behind Discord's proxy (`Via`; without it discord.py assumes a
    Cloudflare ban and gives up instead of waiting)."""
    body = {"message": "You are being rate limited.", "retry_after": retry_after,
            "global": scope == "global"}
    headers = {"Content-Type": "application/json", "Via": "1.1 google",
               "Retry-After": str(max(1, math.ceil(retry_after))),
               "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
               "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
               "X-RateLimit-Reset-After": f"{retry_after:.3f}",
               "X-RateLimit-Bucket": "f4k3b0ck3t", "X-RateLimit-Scope": scope}
    if scope == "global":
        headers["X-RateLimit-Global"] = "true"
    return web.Response(status=429, body=json.dumps(body).encode(), headers=headers)


class Responses:
    """Request handlers bound to one FakeDiscord's state."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def routes(self, prefix: str) -> list[web.AbstractRouteDef]:
        hook = prefix + "/webhooks/{app}/{token}"
        return [
            web.post(prefix + "/interactions/{id}/{token}/callback", self.callback),
            web.post(hook, self.followup),
            web.get(hook + "/messages/{message}", self.get_message),
            web.patch(hook + "/messages/{message}", self.edit),
            web.delete(hook + "/messages/{message}", self.delete),
        ]

    # -- helpers --------------------------------------------------------------------------
    def _record(self, inter: FakeInteraction, kind: str, body: dict[str, Any],
                response: web.Response) -> web.Response:
        code = None
        if response.status >= 300 and isinstance(response.body, bytes):
            code = json.loads(response.body).get("code")
        inter.received.append(Received(kind, body, response.status, code, time.perf_counter()))
        self.fake.changed()
        return response

    async def _read(self, request: web.Request,
                    inter: FakeInteraction | None) -> Incoming:
        """The body (JSON, or multipart with files) within the interaction's file limit."""
        limit = (inter.payload.get("attachment_size_limit") if inter else None) or 10 << 20
        return await read_body(request, limit)

    def _refused(self, inter: FakeInteraction, kind: str, incoming: Incoming,
                 problems: Problems) -> web.Response | None:
        """The response to a body Discord would refuse, recorded; None when it is fine."""
        body = incoming.body or {}
        if incoming.too_large:
            return self._record(inter, kind, body,
                                error(413, 40005, "Request entity too large"))
        problems = incoming.problems + problems
        if problems:
            return self._record(inter, kind, body,
                                error(400, 50035, "Invalid Form Body", problems))
        return None

    def _token_problem(
        self, request: web.Request,
    ) -> tuple[FakeInteraction | None, web.Response | None]:
        inter = self.fake.by_token(request.match_info["token"])
        if request.match_info["app"] != self.fake.application_id or inter is None:
            return None, error(404, 10015, "Unknown Webhook")
        if inter.expired or time.perf_counter() - inter.dispatched_at > self.fake.token_lifetime:
            return inter, error(401, 50027, "Invalid Webhook Token")
        if inter.callback is None:
            return inter, error(404, 10015, "Unknown Webhook")
        return inter, None

    def _message_id(self, inter: FakeInteraction, ref: str) -> str | None:
        if ref != "@original":
            return ref if ref in inter.followup_ids else None
        return None if inter.deleted else inter.original_id

    # -- POST /interactions/{id}/{token}/callback ------------------------------------------
    async def callback(self, request: web.Request) -> web.Response:
        inter = self.fake.interactions.get(request.match_info["id"])
        if inter is None or inter.token != request.match_info["token"]:
            return error(404, 10062, "Unknown interaction")
        incoming = await self._read(request, inter)
        body = incoming.body or {}
        if inter.callback is not None:
            return self._record(inter, "callback", body,
                                error(400, 40060, "Interaction has already been acknowledged."))
        if time.perf_counter() - inter.dispatched_at > self.fake.ack_deadline:
            return self._record(inter, "callback", body, error(404, 10062, "Unknown interaction"))
        refused = self._refused(inter, "callback", incoming,
                                self._check_callback(inter, body, incoming.uploads))
        if refused is not None:
            return refused
        inter.callback, inter.callback_at = body, time.perf_counter()
        message = self._apply_callback(inter, body, incoming.uploads)
        self.fake.note_pings(inter, body.get("data"))
        wanted = request.query.get("with_response") in ("1", "true")
        response = (json_response(self._callback_result(inter, body, message)) if wanted
                    else web.Response(status=204))
        return self._record(inter, "callback", body, response)

    def _check_callback(self, inter: FakeInteraction, body: dict[str, Any],
                        uploads: list[Upload]) -> Problems:
        kind, data = body.get("type"), body.get("data")
        if set(body) - {"type", "data"}:
            return [("", "Unknown field.")]
        if (kind == 8) != (inter.type == AUTOCOMPLETE):
            return [("type", "Callback type 8 answers autocomplete interactions, and only it "
                             "does.")]
        if kind == 8:
            return check_choices(data, inter.focused_type)
        if uploads and kind not in (4, 7):
            return [("files", f"Interaction callback type {kind} takes no files.")]
        if kind == 4:
            problems = check_message(data, creating=True, allowed_flags=CREATE_FLAGS)
            return problems or check_attachments(data, uploads, [])
        if kind == 5:
            ok = data is None or (isinstance(data, dict) and set(data) <= {"flags"}
                                  and not (data.get("flags") or 0) & ~EPHEMERAL)
            return [] if ok else [("data", "A deferred response takes only flags: 64.")]
        if kind in (6, 7) and inter.type != COMPONENT:
            return [("type", "Interaction callback type 6/7 is only valid for components.")]
        if kind == 6:
            return [] if not data else [("data", "A deferred update takes no data.")]
        if kind == 7:
            problems = check_message(data, creating=False, allowed_flags=EDIT_FLAGS)
            existing = self.fake.messages[inter.payload["message"]["id"]].get("attachments")
            return problems or check_attachments(data, uploads, existing or [])
        return [("type", f"Unexpected interaction callback type {kind!r}.")]

    def _apply_callback(self, inter: FakeInteraction, body: dict[str, Any],
                        uploads: list[Upload]) -> dict | None:
        kind, data = body["type"], body.get("data") or {}
        if kind == 8:
            return None
        if kind == 4:
            inter.original_id = self.fake.new_message(inter, data, (data.get("flags") or 0)
                                                      & (EPHEMERAL | SUPPRESS_EMBEDS))
            attach(self.fake, self.fake.messages[inter.original_id], data, uploads,
                   editing=False)
        elif kind == 5:
            inter.original_id = self.fake.new_message(inter, {}, LOADING | (data.get("flags") or 0))
            inter.loading = True
        elif kind in (6, 7):
            inter.original_id = inter.payload["message"]["id"]
            if kind == 7:
                self.fake.update_message(inter.original_id, data)
                attach(self.fake, self.fake.messages[inter.original_id], data, uploads,
                       editing=True)
        return self.fake.messages.get(inter.original_id or "")

    def _callback_result(self, inter: FakeInteraction, body: dict[str, Any],
                         message: dict | None) -> dict[str, Any]:
        flags = (message or {}).get("flags", 0)
        result: dict[str, Any] = {"interaction": {
            "id": inter.id, "type": inter.type, "response_message_id": inter.original_id,
            "response_message_loading": bool(flags & LOADING),
            "response_message_ephemeral": bool(flags & EPHEMERAL)}}
        if message is not None:
            result["resource"] = {"type": body["type"], "message": message}
        return result

    # -- /webhooks/{app}/{token}... ---------------------------------------------------------
    async def followup(self, request: web.Request) -> web.Response:
        inter, problem = self._token_problem(request)
        incoming = await self._read(request, inter)
        body = incoming.body or {}
        if inter is None or problem is not None:
            return problem if inter is None else self._record(inter, "followup", body, problem)
        problems = check_message(body, creating=True, allowed_flags=CREATE_FLAGS)
        refused = self._refused(inter, "followup", incoming, problems or check_attachments(
            body, incoming.uploads, []))
        if refused is not None:
            return refused
        if inter.loading and not inter.deleted:
            # Discord: the first follow-up after a deferral replaces the "thinking" message
            # and keeps its visibility, whatever flags the follow-up asks for.
            message_id = inter.original_id
            self.fake.update_message(message_id, {**body, "flags": None})
            inter.loading = False
        else:
            message_id = self.fake.new_message(inter, body, (body.get("flags") or 0)
                                               & (EPHEMERAL | SUPPRESS_EMBEDS), message_type=0)
            inter.followup_ids.append(message_id)
        attach(self.fake, self.fake.messages[message_id], body, incoming.uploads,
               editing=False)
        self.fake.note_pings(inter, body)
        response = (json_response(self.fake.messages[message_id])
                    if request.query.get("wait") in ("1", "true") else web.Response(status=204))
        return self._record(inter, "followup", body, response)

    async def get_message(self, request: web.Request) -> web.Response:
        inter, problem = self._token_problem(request)
        if inter is None or problem is not None:
            return problem
        message_id = self._message_id(inter, request.match_info["message"])
        if message_id is None:
            return error(404, 10008, "Unknown Message")
        return json_response(self.fake.messages[message_id])

    async def edit(self, request: web.Request) -> web.Response:
        inter, problem = self._token_problem(request)
        incoming = await self._read(request, inter)
        body = incoming.body or {}
        if inter is None or problem is not None:
            return problem if inter is None else self._record(inter, "edit", body, problem)
        message_id = self._message_id(inter, request.match_info["message"])
        if message_id is None:
            return self._record(inter, "edit", body, error(404, 10008, "Unknown Message"))
        problems = check_message(body, creating=False, allowed_flags=EDIT_FLAGS)
        existing = self.fake.messages[message_id].get("attachments") or []
        refused = self._refused(inter, "edit", incoming, problems or check_attachments(
            body, incoming.uploads, existing))
        if refused is not None:
            return refused
        self.fake.update_message(message_id, body)
        attach(self.fake, self.fake.messages[message_id], body, incoming.uploads, editing=True)
        if message_id == inter.original_id:
            inter.loading = False
        self.fake.note_pings(inter, body)
        return self._record(inter, "edit", body, json_response(self.fake.messages[message_id]))

    async def delete(self, request: web.Request) -> web.Response:
        inter, problem = self._token_problem(request)
        if inter is None or problem is not None:
            return problem if inter is None else self._record(inter, "delete", {}, problem)
        ref = request.match_info["message"]
        message_id = self._message_id(inter, ref)
        if message_id is None:
            return self._record(inter, "delete", {}, error(404, 10008, "Unknown Message"))
        self.fake.messages.pop(message_id, None)
        if ref == "@original":
            inter.deleted, inter.loading = True, False
        return self._record(inter, "delete", {"message": ref}, web.Response(status=204))


def check_choices(data: Any, option_type: int | None) -> Problems:
    """An autocomplete result: at most 25 choices, names of 1-100 characters, values of
    the focused option's type (strings of at most 100 characters)."""
    if not isinstance(data, dict) or set(data) != {"choices"} or not isinstance(
            data["choices"], list):
        return [("data", "An autocomplete result is {'choices': [...]}.")]
    choices = data["choices"]
    problems: Problems = []
    if len(choices) > 25:
        problems.append(("data.choices", "Must be 25 or fewer in length."))
    for i, choice in enumerate(choices):
        path = f"data.choices.{i}"
        if not isinstance(choice, dict) or set(choice) - {"name", "value", "name_localizations"}:
            problems.append((path, "Must be an object of name and value."))
            continue
        name, value = choice.get("name"), choice.get("value")
        if not isinstance(name, str) or not 1 <= len(name) <= 100:
            problems.append((f"{path}.name", "Must be between 1 and 100 in length."))
        if option_type == 3 and (not isinstance(value, str) or len(value) > 100):
            problems.append((f"{path}.value", "Must be a string of 100 or fewer in length."))
        elif option_type in (4, 10) and not isinstance(value, int | float):
            problems.append((f"{path}.value", "Must be a number."))
    return problems


def author(fake: FakeDiscord) -> dict[str, Any]:
    return payloads.FakeUser(fake.application_id, "discordant", bot=True).user()
