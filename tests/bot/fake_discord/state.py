"""What the fake Discord remembers about each interaction, for tests to assert on."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from .payloads import FakeUser

COMMAND, COMPONENT, AUTOCOMPLETE = 2, 3, 4


@dataclass
class Received:
    """One request the bot made about an interaction, accepted or not."""

    kind: str  # "callback", "edit", "followup", "delete"
    body: dict[str, Any]
    status: int
    code: int | None
    at: float


@dataclass
class FakeInteraction:
    """An interaction the fake dispatched, and everything the bot did with it."""

    id: str
    token: str
    type: int
    name: str  # command name, or the clicked button's custom_id
    user: FakeUser
    payload: dict[str, Any]
    dispatched_at: float = field(default_factory=time.perf_counter)
    expired: bool = False
    callback: dict[str, Any] | None = None
    callback_at: float | None = None
    original_id: str | None = None  # the message @original refers to
    loading: bool = False
    deleted: bool = False
    received: list[Received] = field(default_factory=list)
    followup_ids: list[str] = field(default_factory=list)

    @property
    def focused_type(self) -> int | None:
        """The type of the option an autocomplete interaction is about."""
        options = (self.payload.get("data") or {}).get("options") or []
        return next((o["type"] for o in options if o.get("focused")), None)

    @property
    def choices(self) -> list[dict[str, Any]] | None:
        """An autocomplete interaction's accepted choices."""
        return (self.callback or {}).get("data", {}).get("choices") if self.callback else None

    @property
    def ack_type(self) -> int | None:
        return self.callback["type"] if self.callback else None

    @property
    def ack_seconds(self) -> float | None:
        """Time from dispatching INTERACTION_CREATE to the first accepted callback."""
        return None if self.callback_at is None else self.callback_at - self.dispatched_at

    def accepted(self, kind: str) -> list[dict[str, Any]]:
        """Bodies of the accepted requests of one kind, oldest first."""
        return [r.body for r in self.received if r.kind == kind and r.status < 300]

    def rejected(self) -> list[Received]:
        return [r for r in self.received if r.status >= 300]

    @property
    def edits(self) -> list[dict[str, Any]]:
        return self.accepted("edit")

    @property
    def followups(self) -> list[dict[str, Any]]:
        return self.accepted("followup")

    def bodies(self) -> list[dict[str, Any]]:
        """Every accepted message body: the callback's data, edits and follow-ups."""
        bodies = [r.body.get("data") or {} if r.kind == "callback" else r.body
                  for r in self.received if r.status < 300]
        return [b for b in bodies if b]
