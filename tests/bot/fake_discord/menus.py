"""Driving the bot the other ways a person can: a message's Apps menu (a message
context-menu command), and typing into an option that autocompletes.

A message context-menu interaction is an APPLICATION_COMMAND (type 2) whose `data.type` is
3, with `target_id` and the message itself under `resolved.messages`, as Discord sends it.
An autocomplete interaction (type 4) carries the options typed so far, the one being typed
`focused`; the bot must answer it with callback type 8 within 3 s, and with nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import payloads
from .payloads import FakeUser, snowflake
from .state import AUTOCOMPLETE, COMMAND, FakeInteraction

if TYPE_CHECKING:
    from .server import FakeDiscord


class MenuDriver:
    """The context-menu and autocomplete side of FakeDiscord (mixed into it)."""

    def post(self: FakeDiscord, author: FakeUser, content: str = "",
             embeds: list[dict[str, Any]] | None = None,
             mentions: list[FakeUser] = ()) -> dict[str, Any]:
        """A message someone (a person, or another bot) posts in the channel."""
        message = payloads.channel_message(snowflake(), self.channel_id, self.guild_id,
                                           author, content, embeds or [], list(mentions))
        self.messages[message["id"]] = message
        return message

    def context_command(self: FakeDiscord, name: str, kind: int = 3) -> dict[str, Any]:
        for scope in (self.guild_id, None):
            for command in self.commands.get(scope, []):
                if command["name"] == name and command.get("type") == kind:
                    return command
        raise AssertionError(f"no message command {name!r} was synced")

    async def context_menu(self: FakeDiscord, name: str, message: dict[str, Any],
                           user: FakeUser | None = None) -> FakeInteraction:
        """Right-click `message` -> Apps -> `name`, as `user`."""
        command = self.context_command(name)
        target = {k: v for k, v in message.items() if k != "member"}
        data = {"id": command["id"], "name": name, "type": 3, "guild_id": self.guild_id,
                "target_id": message["id"], "resolved": {"messages": {message["id"]: target}}}
        return await self._dispatch(COMMAND, name, data, user or self.member)

    async def autocomplete(self: FakeDiscord, name: str, options: dict[str, Any],
                           focused: str, user: FakeUser | None = None) -> FakeInteraction:
        """Type `options[focused]` into /name's `focused` option (which must autocomplete)."""
        command = self.command(name)
        schema = {o["name"]: o for o in command.get("options") or []}
        if not schema.get(focused, {}).get("autocomplete"):
            raise AssertionError(f"/{name} {focused} does not autocomplete")
        sent = [{"name": n, "type": schema[n]["type"], "value": v,
                 **({"focused": True} if n == focused else {})} for n, v in options.items()]
        data = {"id": command["id"], "name": name, "type": 1, "guild_id": self.guild_id,
                "options": sent}
        return await self._dispatch(AUTOCOMPLETE, name, data, user or self.member)
