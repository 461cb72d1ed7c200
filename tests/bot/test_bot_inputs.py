"""Whatever a public channel types into /ask: a clear reply, no ping, no crash, no broken embed.

Every input goes through the real bot and engine over the loopback Discord, which rejects
any message or embed over Discord's limits (400, 50035) and records what would have pinged.
Inputs the Discord client itself refuses (the option is 1-300 characters) are sent anyway,
as a modified client could.
"""

from __future__ import annotations

import asyncio

import pytest
from e2e_helpers import acked, settled, text_of

from bot.errors import APOLOGY

pytestmark = pytest.mark.slow

REFUSED = {  # input -> what the private refusal must say
    "empty": ("", "empty"),
    "blank": (" \t  ", "empty"),
    "zero-width only": ("\u200b\u200d\u2060\ufeff", "empty"),
    "punctuation only": ("?!?! ... --- ;;", "no words"),
    "emoji only": ("🔥🔥🔥 😡 🤷\u200d♀️", "no words"),
    "301 characters": ("how many " * 33 + "died", "keep it under 300"),
    "6,000 characters": ("how many officers died? " * 250, "keep it under 300"),
}


def askable(fake) -> dict[str, str]:
    """Odd but askable questions: each gets a public answer (or a plain none-of-N)."""
    return {
        "one character": "a",
        "Spanish": "¿cuántos policías murieron en Almaty?",
        "Russian": "Сколько полицейских погибло?",
        "Japanese": "警察官は何人死亡しましたか",
        "Arabic (right to left)": "كم عدد رجال الشرطة الذين قتلوا؟",
        "markdown": "**how many** _officers_ ~~died~~ ||in|| `Almaty`? > # [x](https://e.vil)",
        "code fence": "```py\nhow many officers died\n```",
        "mentions": (f"@everyone @here <@&{fake.admin_role_id}> <@{fake.admin.id}> "
                     "how many officers died"),
        "zero-width inside": "how\u200b many\u200d officers\u2060 died\ufeff",
        "300 characters": ("how many officers died " * 14)[:300],
    }


async def test_inputs_that_cannot_be_asked_get_a_private_reason_and_no_search(
        unhandled, fake, bot):
    sent = {name: await fake.slash("ask", {"question": question}, bypass_client_checks=True)
            for name, (question, _) in REFUSED.items()}
    for inter in sent.values():
        await acked(fake, inter)
    for name, inter in sent.items():
        data = inter.callback["data"]
        assert inter.callback["type"] == 4, name  # answered at once: nothing was searched
        assert data["flags"] == 64, name
        assert REFUSED[name][1] in data["content"], (name, data["content"])
        assert data["allowed_mentions"] == {"parse": []}, name
        assert not inter.edits and not inter.followups, name
    assert fake.pings == [] and unhandled() == []
    print(f"\n{len(REFUSED)} refused inputs, each a private reason: {', '.join(REFUSED)}")


async def test_odd_questions_are_answered_in_valid_embeds_without_pings_or_markup(
        unhandled, fake, bot):
    questions = askable(fake)
    sent = dict(zip(questions, await asyncio.gather(
        *(fake.slash("ask", {"question": q}) for q in questions.values())), strict=True))
    for inter in sent.values():
        await settled(fake, inter, 120)  # the fake rejects any invalid message or embed
    for name, inter in sent.items():
        assert inter.callback == {"type": 5}, name
        body = inter.edits[-1]
        text = text_of(body)
        assert body["allowed_mentions"] == {"parse": []}, name
        for raw in ("@everyone", "@here", "<@&", f"<@{fake.admin.id}>"):
            assert raw not in text, (name, raw)  # shown with a zero-width joiner
        assert APOLOGY not in text, name
        if body.get("embeds"):
            title = body["embeds"][0]["title"]
            assert "```" not in title and "**how" not in title, (name, title)
            assert "\n" not in title, name
        else:
            assert body["content"].startswith("None of the 5 articles reports this."), \
                (name, body)
    assert fake.pings == [] and unhandled() == []
    answered = sum(bool(i.edits[-1].get("embeds")) for i in sent.values())
    print(f"\n{len(sent)} odd questions: {answered} answered with passages, "
          f"{len(sent) - answered} 'none of N'; no ping, no invalid embed")
