"""An Answer as Discord embeds: who reports which figure first, then the quoted passages.

Each page is one embed: the disagreement and agreement summary (every figure with the
outlets reporting it and whom they cite, never one merged figure), then a few passages
quoted with the figure in bold (`quotes` cuts and marks them). Pages are budgeted to
Discord's limits and finished by `fit_embed`, so a long article or a crowded dispute
shortens the text, never breaks it.
Records are made `inert` first: no control character from an article reaches an embed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import discord

from index import (
    Answer,
    Chart,
    Figure,
    Passage,
    Slot,
    SourceSummary,
    doc_links,
    figure_label,
    inert,
    outlet_links,
    safe_url,
    slot_heading,
    wording_line,
)

from .limits import (
    FIELD_NAME,
    FIELD_VALUE,
    TITLE,
    TOTAL,
    clip,
    content,
    defuse,
    fit_embed,
    one_line,
    safe,
)
from .quotes import answer_claims, bolded, quote_passage
from .uploads import CHART_FILE

PASSAGES_PER_PAGE = 3
SUMMARY_BUDGET = 2200
QUOTE_CHARS = 180
NEAREST_CHARS = 300  # of each nearest passage under "no source reports this"
LINE_CHARS = 400
DISPUTED = discord.Colour.orange()
AGREED = discord.Colour.green()
NEUTRAL = discord.Colour.blurple()

CHART_NOTE = 400  # characters of the chart's linked description shown under it


@dataclass(frozen=True)
class Links:
    """Where each Article can be read: doc id -> address, and doc id -> outlet. Outlets of
    an Article with an address are linked wherever they are named."""

    urls: Mapping[str, str] = field(default_factory=dict)
    source_of: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, sources: Sequence[SourceSummary]) -> Links:
        return cls(urls={s.doc_id: s.url for s in sources if s.url},
                   source_of={s.doc_id: s.source for s in sources})


NO_LINKS = Links()


def linked(name: str, url: str | None) -> str:
    """An outlet's name, made inert, as a masked link when it has a usable address."""
    target = safe_url(url)
    return f"[{inline(name)}]({target})" if target else inline(name)


def figure_outlets(figure: Figure, links: Links = NO_LINKS) -> str:
    """A Figure's outlets, each linked to the Article that reports it when it has one."""
    return ", ".join(linked(name, url) for name, url in outlet_links(figure, links.urls))


def passage_outlets(passage: Passage, links: Links = NO_LINKS) -> str:
    """A Passage's outlets with an address, linked (empty when none has one)."""
    found = doc_links(passage.docs, passage.sources, links.source_of, links.urls)
    return ", ".join(linked(name, url) for name, url in found if url)


def with_chart(embed: discord.Embed, chart: Chart | None, *, note: bool = True) -> discord.Embed:
    """The embed showing the uploaded chart, with the chart's linked description under it."""
    if chart is None:
        return embed
    embed.set_image(url=f"attachment://{CHART_FILE}")
    if note:
        embed.add_field(name="📈 Chart", value=clip(defuse(chart.caption), CHART_NOTE),
                        inline=False)
    return fit_embed(embed)


RELATIONSHIP_HEADS = {
    "conflict": "⚠️ Sources disagree",
    "update": "🔄 The figure changed between reports",
    "scope": "🔍 Sources count different scopes",
    "bound": "↔️ A hedged figure and a count",
    "agree": "✅ Sources agree",
}
RELATIONSHIP_NOTES = {
    "conflict": "the figures cannot all be right",
    "update": "a later report gives a new figure",
    "scope": "they count different groups or places",
    "bound": "an 'at least'/'up to' figure beside another",
    "agree": "same figure",
}


def inline(text: str) -> str:
    """Untrusted text for one line of markdown: folded, escaped, mentions defused."""
    return safe(one_line(text))


def figure_text(figure: Figure) -> str:
    """The figure as a reader says it: "at least 8", "dozens", "19 million"."""
    return figure_label(figure)


def relation_side(slot: Slot, index: int) -> str:
    return inline(figure_text(slot.figures[index])) if 0 <= index < len(slot.figures) else "?"


def slot_lines(slot: Slot, links: Links = NO_LINKS) -> list[str]:
    """One Slot as markdown lines: a heading and its Story, then each figure with its outlets
    (linked to their Articles) and authorities."""
    head = RELATIONSHIP_HEADS.get(slot.relationship, slot.relationship)
    note = RELATIONSHIP_NOTES.get(slot.relationship, slot.relationship)
    if slot_heading(slot) == "One source reports":
        head, note = "ℹ️ One source reports", "no other outlet gives a figure"
    lines = [f"**{head}: {inline(clip(slot.about, 150))}** — *{note}*"]
    if slot.story:
        lines.append(f"*📰 story: {inline(clip(slot.story.title, 150))}*")
    for position, figure in enumerate(slot.figures, 1):
        outlets = figure_outlets(figure, links) or "unattributed"
        cited = (f" (citing {inline(', '.join(figure.authorities))})"
                 if figure.authorities else "")
        counted = f" {inline(figure.counted)}" if figure.counted else ""
        lines.append(clip(f"{position}. **{inline(figure_text(figure))}**{counted}"
                          f" — {outlets}{cited}", LINE_CHARS))
        if figure.quote:
            lines.append(f"> *“{inline(clip(one_line(figure.quote), QUOTE_CHARS))}”*")
    if len(slot.figures) > 2 and slot.relations:
        pairs = " · ".join(f"{relation_side(slot, rel.first)} ↔ {relation_side(slot, rel.second)}"
                           f": {rel.relationship}" for rel in slot.relations)
        lines.append(f"*{clip(pairs, LINE_CHARS)}*")
    return lines


def summary(answer: Answer, budget: int = SUMMARY_BUDGET, links: Links = NO_LINKS) -> str:
    """Disagreements first, then agreements, line by line until the budget is spent."""
    lines: list[str] = [f"*{inline(clip(answer.notice, LINE_CHARS))}*"] if answer.notice else []
    blocks = [slot_lines(slot, links) for slot in [*answer.disagreements, *answer.agreements]]
    blocks += [[f"**🗣️ {inline(clip(wording_line(w), LINE_CHARS))}**"] for w in answer.wording]
    for block in blocks:
        for line in ["", *block] if lines else block:
            if len("\n".join([*lines, line])) > budget - 40:
                lines.append("*…more figures than fit here*")
                return "\n".join(lines)
            lines.append(line)
    return "\n".join(lines)


def passage_name(position: int, passage: Passage) -> str:
    outlets = ", ".join(passage.sources or (passage.source,))
    dated = f" · {inline(passage.date)}" if passage.date else ""
    return clip(f"{position}. {inline(outlets)}{dated}", FIELD_NAME)


def page_count(answer: Answer) -> int:
    return max(1, -(-len(answer.passages) // PASSAGES_PER_PAGE))


def answer_page(answer: Answer, page: int = 0, links: Links = NO_LINKS,
                chart: Chart | None = None) -> discord.Embed:
    """Page `page` (from 0) of an answer: summary, then its share of the passages; the
    chart (uploaded as CHART_FILE) under every page, its description on the first."""
    answer, links, chart = inert(answer), inert(links), inert(chart)
    pages = page_count(answer)
    page = min(max(page, 0), pages - 1)
    first = page * PASSAGES_PER_PAGE
    shown = answer.passages[first : first + PASSAGES_PER_PAGE]
    colour = DISPUTED if answer.disagreements else AGREED if answer.agreements else NEUTRAL
    embed = discord.Embed(title=clip(inline(answer.question), TITLE), colour=colour,
                          description=summary(answer, links=links) or None)
    embed.set_footer(text=f"Passages {first + 1}-{first + len(shown)} of {len(answer.passages)}"
                          f" · page {page + 1}/{pages} · {plural(answer.article_count, 'article')}"
                          " indexed")
    names = [passage_name(first + offset + 1, passage) for offset, passage in enumerate(shown)]
    note = min(CHART_NOTE, len(chart.caption)) + 20 if chart and page == 0 else 0
    room = TOTAL - len(embed) - sum(map(len, names)) - 10 * len(shown) - note
    each = max(60, min(FIELD_VALUE, room // max(1, len(shown))))
    relevant = answer_claims(answer)
    for name, passage in zip(names, shown, strict=True):
        outlets = passage_outlets(passage, links)
        title = f"*{inline(clip(passage.title, 60))}*" if passage.title else ""
        titled = f"\n— {' · '.join(x for x in (outlets, title) if x)}" if outlets or title \
            else ""
        value = quote_passage(passage, max(20, each - len(titled)), bolded(passage, relevant))
        value += titled
        embed.add_field(name=name, value=value, inline=False)
    return with_chart(fit_embed(embed), chart, note=page == 0)


def answer_pages(answer: Answer, links: Links = NO_LINKS,
                 chart: Chart | None = None) -> list[discord.Embed]:
    return [answer_page(answer, page, links, chart) for page in range(page_count(answer))]


def nothing_found(answer: Answer) -> str:
    """The plain reply when no passage is relevant: says how much was searched."""
    answer = inert(answer)
    text = defuse(answer.notice or
                  f"None of the {plural(answer.article_count, 'article')} reports this.")
    if answer.nearest:  # what comes closest, plainly marked as no answer
        text += "\n\n*Nearest passages — they do not answer it:*\n" + "\n".join(
            f"{passage_name(i, p)}\n> {safe(clip(one_line(p.text), NEAREST_CHARS))}"
            for i, p in enumerate(answer.nearest, 1))
    return content(text)


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"
