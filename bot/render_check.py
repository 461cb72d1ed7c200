"""A checked message as one embed: the message quoted, then one field per figure it states
with what the sources say about that quantity, each source figure with its outlets, whom
they cite, its sentence and how it relates to the message's figure. Records are made
`inert` first: no control character from an article reaches the embed."""

from __future__ import annotations

import discord

from index import (
    AGREE,
    BOUND,
    DISAGREE,
    SCOPE,
    UNREPORTED,
    UNREPORTED_NOTE,
    Answer,
    Chart,
    CheckedFigure,
    CheckResult,
    figure_label,
    inert,
    printable,
)

from .limits import FIELD_VALUE, clip, fit_embed, one_line
from .render import (
    AGREED,
    DISPUTED,
    NEUTRAL,
    NO_LINKS,
    Links,
    answer_page,
    figure_outlets,
    inline,
    plural,
    with_chart,
)

TITLE = "🔎 Checked against the sources"
MESSAGE_CHARS = 300
QUOTE_CHARS = 110
VERDICTS = {
    AGREE: ("✅", "reported by {outlets}"),
    DISAGREE: ("⚠️", "the sources give other figures"),
    BOUND: ("↔️", "fits the sources' hedged figures"),
    SCOPE: ("🔍", "the sources count something else"),
    UNREPORTED: ("❔", UNREPORTED_NOTE),
}
RELATIONS = {"agree": "same figure", "bound": "compatible", "conflict": "contradicts it",
             "update": "a revision", "scope": "counts something else"}
PRIVATE = "only you can see this: Post to channel shares it"


def quoted(text: str, author: str | None = None, jump_url: str | None = None) -> str:
    """The checked message as a one-line block quote, with who wrote it."""
    who = f" — {inline(author)}" if author else ""
    where = f" · [message]({jump_url})" if jump_url else ""
    return f"> *“{inline(clip(one_line(text), MESSAGE_CHARS))}”*{who}{where}"


def field_name(checked: CheckedFigure) -> str:
    emoji, note = VERDICTS[checked.verdict]
    outlets = {s for f in checked.matching("agree") for s in f.sources}
    note = note.format(outlets=plural(len(outlets), "outlet"))
    return clip(f"{emoji} {one_line(figure_label(checked.figure))} {one_line(checked.about)}:"
                f" {note}", 256)


def field_value(checked: CheckedFigure, links: Links = NO_LINKS) -> str:
    """The sources' figures for the quantity, each with how it relates to the message's."""
    slot = checked.slot
    if slot is None:
        return f"*None of the articles gives a figure for this.* {UNREPORTED_NOTE}."
    lines = [f"*📰 story: {inline(clip(slot.story.title, 150))}*"] if slot.story else []
    for position, (figure, relation) in enumerate(
            zip(slot.figures, checked.relations, strict=True), 1):
        cited = (f" (citing {inline(', '.join(figure.authorities))})"
                 if figure.authorities else "")
        lines.append(f"{position}. **{inline(figure_label(figure))}** — "
                     f"{figure_outlets(figure, links) or 'unattributed'}{cited}"
                     f" · *{RELATIONS.get(relation, relation)}*")
        if figure.quote:
            lines.append(f"> *“{inline(clip(one_line(figure.quote), QUOTE_CHARS))}”*")
    if slot.disputed:
        lines.append("*The sources disagree among themselves on this figure.*")
    return _fit_lines(lines, FIELD_VALUE)


def _fit_lines(lines: list[str], limit: int) -> str:
    """Whole lines up to `limit` characters (a cut link or bold would break the markdown)."""
    kept: list[str] = []
    for line in lines:
        if len("\n".join([*kept, line])) > limit - 2:
            kept.append("…")
            break
        kept.append(line)
    return "\n".join(kept)


def check_embed(result: CheckResult, links: Links = NO_LINKS, chart: Chart | None = None,
                author: str | None = None, jump_url: str | None = None) -> discord.Embed:
    """The reply to "Check against sources" (see the module docstring)."""
    result, links, chart = inert(result), inert(links), inert(chart)
    author = printable(author) if author else author
    if result.answer is not None:
        return _asked(result, result.answer, links, author, jump_url)
    verdicts = {f.verdict for f in result.figures}
    colour = (DISPUTED if DISAGREE in verdicts else AGREED if AGREE in verdicts
              else NEUTRAL)
    embed = discord.Embed(title=TITLE, colour=colour,
                          description=quoted(result.text, author, jump_url))
    for checked in result.figures:
        embed.add_field(name=field_name(checked), value=field_value(checked, links),
                        inline=False)
    embed.set_footer(text=f"{plural(len(result.figures), 'figure')} checked against "
                          f"{plural(result.article_count, 'article')} · {PRIVATE}")
    return with_chart(fit_embed(embed), chart)


def _asked(result: CheckResult, answer: Answer, links: Links, author: str | None,
           jump_url: str | None) -> discord.Embed:
    """A message stating no figure: what the sources say about it (`answer`, the
    result's), as /ask shows it."""
    head = quoted(result.text, author, jump_url)
    if not answer.passages:
        note = (f"**❔ {UNREPORTED_NOTE}.** The message states no figure, and none of the "
                f"{plural(answer.article_count, 'article')} reports anything like it.")
        embed = discord.Embed(title=TITLE, colour=NEUTRAL, description=f"{head}\n\n{note}")
        embed.set_footer(text=PRIVATE)
        return fit_embed(embed)
    embed = answer_page(answer, 0, links)
    embed.title = TITLE
    intro = f"{head}\n*The message states no figure: this is what the sources say about it.*"
    embed.description = clip(f"{intro}\n\n{embed.description or ''}".strip(), 4096)
    embed.set_footer(text=f"{plural(len(answer.passages), 'passage')} · {PRIVATE}")
    return fit_embed(embed)


def public_copy(embed: discord.Embed, poster: str) -> discord.Embed:
    """The embed as posted to the channel: who shared it instead of the private note."""
    copy = embed.copy()
    footer = (copy.footer.text or "").replace(PRIVATE, f"shared by {printable(poster)}")
    copy.set_footer(text=clip(footer, 2048))
    return copy
