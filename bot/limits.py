"""Discord's message and embed limits, and the text helpers that keep us inside them.

Discord rejects a whole message (HTTP 400) when one embed part is too long, so every
string the bot sends goes through `clip`, and every embed through `fit_embed`, which
shortens it in place until it is valid. Text that came from an article or a user goes
through `defuse` so that nothing renders as a mention, whatever `allowed_mentions` says.
"""

from __future__ import annotations

import discord

TITLE = 256
DESCRIPTION = 4096
FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
TOTAL = 6000
CONTENT = 2000

ELLIPSIS = "…"
ZERO_WIDTH_JOINER = "\u200d"
NO_MENTIONS = discord.AllowedMentions.none()


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, ending in an ellipsis when cut.

    Cuts at a word boundary when one is near, so a figure is not split in half.
    """
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 0.7:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def defuse(text: str) -> str:
    """`text` with a zero-width joiner after every @, so no @everyone or <@id> renders.

    `allowed_mentions` already stops the ping; this also stops the highlight, and keeps
    an article quoting "@everyone" from looking like the bot shouted it.
    """
    return text.replace("@", "@" + ZERO_WIDTH_JOINER)


def safe(text: str) -> str:
    """Untrusted text (article, question) made inert: markdown escaped, mentions defused."""
    return defuse(discord.utils.escape_markdown(text))


def one_line(text: str) -> str:
    """`text` with every run of whitespace (newlines too) folded to one space."""
    return " ".join(text.split())


def content(text: str) -> str:
    """Message content within the 2,000-character limit."""
    return clip(text, CONTENT)


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Shorten `embed` in place until every part and the total are within Discord's limits.

    The renderers budget their parts already; this is the guarantee that a surprise (a
    huge title, many long fields) still yields a valid, if shortened, embed.
    """
    if embed.title:
        embed.title = clip(embed.title, TITLE)
    if embed.description:
        embed.description = clip(embed.description, DESCRIPTION)
    if embed.footer.text:
        embed.set_footer(text=clip(embed.footer.text, FOOTER), icon_url=embed.footer.icon_url)
    if embed.author.name:
        embed.set_author(name=clip(embed.author.name, AUTHOR), url=embed.author.url,
                         icon_url=embed.author.icon_url)
    _fit_fields(embed)
    _fit_total(embed)
    return embed


def _fit_fields(embed: discord.Embed) -> None:
    while len(embed.fields) > FIELDS:
        embed.remove_field(FIELDS)
    for index, item in enumerate(embed.fields):
        embed.set_field_at(index, name=clip(item.name or ELLIPSIS, FIELD_NAME),
                           value=clip(item.value or ELLIPSIS, FIELD_VALUE), inline=item.inline)


def _fit_total(embed: discord.Embed) -> None:
    """Trim the longest part (a field value or the description) until the total fits."""
    while len(embed) > TOTAL:
        excess = len(embed) - TOTAL
        values = [(len(item.value or ""), index) for index, item in enumerate(embed.fields)]
        longest_field = max(values, default=(0, -1))
        description = len(embed.description or "")
        if description >= longest_field[0] and description > 1:
            embed.description = clip(embed.description or "", max(1, description - excess))
        elif longest_field[0] > 1:
            size, index = longest_field
            item = embed.fields[index]
            value = clip(item.value or "", max(1, size - excess))
            embed.set_field_at(index, name=item.name, value=value, inline=item.inline)
        elif embed.fields:
            embed.remove_field(len(embed.fields) - 1)
        else:
            embed.title = clip(embed.title or "", max(1, len(embed.title or "") - excess))
