"""A checked message as an embed, from hand-made records; a message's text as read."""

from __future__ import annotations

from dataclasses import replace

import discord
import pytest
from bot_factories import claim, officers_slot

from bot.cogs.check import message_text
from bot.render import Links, figure_outlets
from bot.render_check import PRIVATE, check_embed, public_copy
from index.answers.check import CheckedFigure, CheckResult
from index.answers.disagreements import figure_of
from index.records import Answer

pytestmark = pytest.mark.fast


def checked(verdict: str, relations=("bound", "conflict", "agree")) -> CheckedFigure:
    mine = claim(figure="13", value=13)
    slot = officers_slot() if verdict != "unreported" else None
    return CheckedFigure(claim=mine, figure=figure_of([mine]), verdict=verdict, slot=slot,
                         relations=relations if slot else ())


def test_each_figure_is_a_field_with_the_sources_figures_and_how_they_relate():
    result = CheckResult(text="13 officers died", figures=(checked("agree"),
                                                           checked("unreported")),
                         article_count=5)
    embed = check_embed(result, author="carol").to_dict()
    assert embed["description"].startswith("> *“13 officers died”* — carol")
    agree, unreported = embed["fields"]
    assert agree["name"] == "✅ 13 officers killed: reported by 1 outlet"
    assert "1. **12** — 24 News HD (AFP), AP (citing city officials) · *compatible*" in \
        agree["value"]
    assert "· *contradicts it*" in agree["value"] and "· *same figure*" in agree["value"]
    assert unreported["name"] == "❔ 13 security officers unrest: No source reports this"
    assert embed["footer"]["text"] == f"2 figures checked against 5 articles · {PRIVATE}"
    assert "image" not in embed


def test_a_public_copy_says_who_shared_it_instead_of_the_private_note():
    result = CheckResult(text="x", figures=(checked("agree"),), article_count=5)
    public = public_copy(check_embed(result), "Bob").to_dict()
    assert public["footer"]["text"].endswith("· shared by Bob")


def test_a_message_stating_nothing_the_sources_report():
    result = CheckResult(text="nice weather", figures=(), article_count=5,
                         answer=Answer(question="nice weather", passages=(), article_count=5))
    embed = check_embed(result).to_dict()
    assert "**❔ No source reports this.**" in embed["description"]


def test_outlets_with_an_address_are_masked_links_and_others_plain():
    figure = figure_of([claim(source="France 24"),
                        replace(claim(source="AP (wire)"), doc_id="001")])
    links = Links(urls={"001": "https://apnews.com/a_(b)"})
    assert figure_outlets(figure, links) == ("France 24, "
                                             "[AP (wire)](https://apnews.com/a_%28b%29)")
    assert figure_outlets(figure) == "France 24, AP (wire)"


class FakeMessage:
    """The parts of a discord.Message that `message_text` reads."""

    def __init__(self, content: str, embeds: list[discord.Embed]) -> None:
        self.clean_content, self.embeds = content, embeds


def test_a_message_is_read_with_its_embeds_without_markdown_or_markup():
    embed = discord.Embed(title="**Breaking**", description="13 officers _died_")
    embed.add_field(name="Arrests", value="2,000")
    text = message_text(FakeMessage("@\u200beveryone says ~~12~~ **13** <:flag:12345> "
                                    "<t:1641456000:R> </ask:123>", [embed]))
    assert text == ("@\u200beveryone says 12 13 flag  \nBreaking\n13 officers died\n"
                    "Arrests: 2,000")
