"""Small waits and reads shared by the end-to-end bot tests."""

from __future__ import annotations

import json
from typing import Any

from fake_discord import FakeDiscord, FakeInteraction


async def acked(fake: FakeDiscord, inter: FakeInteraction, timeout: float = 30) -> None:
    await fake.wait_for(lambda: inter.callback or inter.rejected(), timeout,
                        f"a response to {inter.name}")
    assert not inter.rejected(), inter.rejected()


async def settled(fake: FakeDiscord, inter: FakeInteraction, timeout: float = 30) -> None:
    """Wait for the deferred reply to be filled in (an edit or a follow-up)."""
    await fake.wait_for(lambda: inter.edits or inter.followups or inter.rejected(), timeout,
                        f"the reply to {inter.name}")
    assert not inter.rejected(), inter.rejected()


def embed_of(body: dict[str, Any]) -> dict[str, Any]:
    assert len(body.get("embeds") or []) == 1, body
    return body["embeds"][0]


def text_of(body: dict[str, Any]) -> str:
    """Every human-visible string of a message body, for 'never shows X' checks."""
    return json.dumps({k: body.get(k) for k in ("content", "embeds")}, ensure_ascii=False)


def labels(fake: FakeDiscord, message: dict[str, Any]) -> list[str]:
    return [b.get("label") or b["emoji"]["name"] for b in fake.buttons(message)]
