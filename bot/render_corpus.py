"""The corpus-wide replies as embeds: /sources, /disputes and /reindex progress and report.

Lists are split into pages of whole lines, each page one embed within Discord's limits;
every line is clipped on its own so one long title cannot crowd out the rest. Records are
made `inert` first: no control character from an article reaches an embed.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord

from index import IndexReport, Slot, SourceSummary, StorySummary, Wording, inert, wording_line

from .limits import FIELD_VALUE, clip, defuse, fit_embed, one_line, safe
from .render import DISPUTED, NEUTRAL, RELATIONSHIP_NOTES, figure_text, linked, plural

LINES_PER_PAGE = 15
PAGE_CHARS = 3800
LINE_CHARS = 300
STORY_CHARS = 800  # a Story's entry: title, outlets and disputed figures on three lines
STAGES = {"load": "Reading articles", "embed": "Embedding passages", "store": "Writing the index"}


def line_pages(lines: Sequence[str], per_page: int = LINES_PER_PAGE,
               page_chars: int = PAGE_CHARS, line_chars: int = LINE_CHARS) -> list[str]:
    """Whole lines grouped into page texts of at most `per_page` lines and `page_chars`."""
    pages: list[list[str]] = [[]]
    for line in (clip(line, line_chars) for line in lines):
        current = pages[-1]
        if current and (len(current) >= per_page
                        or len("\n".join([*current, line])) > page_chars):
            pages.append(current := [])
        current.append(line)
    return ["\n".join(page) for page in pages]


def _paged(title: str, texts: list[str], colour: discord.Colour, note: str) -> list[discord.Embed]:
    embeds = []
    for number, text in enumerate(texts, 1):
        embed = discord.Embed(title=title, description=text or None, colour=colour)
        embed.set_footer(text=f"{note} · page {number}/{len(texts)}")
        embeds.append(fit_embed(embed))
    return embeds


def source_line(position: int, source: SourceSummary) -> str:
    title = f" — {safe(clip(one_line(source.title), 120))}" if source.title else ""
    dated = f" · {safe(one_line(source.date))}" if source.date else ""
    return (f"`{position:>2}.` **{linked(source.source, source.url)}**{title}{dated}"
            f" · {plural(source.passages, 'passage')}")


def sources_pages(sources: Sequence[SourceSummary]) -> list[discord.Embed]:
    """The indexed articles, oldest first, one line each."""
    sources = inert(sources)
    ordered = sorted(sources, key=lambda s: (s.date or "", s.source, s.title or ""))
    lines = [source_line(position, source) for position, source in enumerate(ordered, 1)]
    passages = sum(source.passages for source in sources)
    return _paged("Indexed articles", line_pages(lines), NEUTRAL,
                  f"{plural(len(sources), 'article')}, {plural(passages, 'passage')}")


def story_entry(story: StorySummary) -> str:
    """One Story: its title, articles and dates, outlets, and the figures it disputes."""
    days = " to ".join(dict.fromkeys(d for d in (story.first, story.last) if d)) or "undated"
    head = (f"**{safe(clip(one_line(story.title), 150))}** — "
            f"{plural(len(story.docs), 'article')} · {safe(days)} · `{code_text(story.id)}`")
    lines = [head, f"  {safe(clip(one_line(', '.join(story.sources)), 200))}"]
    if story.disputed:
        lines.append(f"  ⚠️ disputed: {safe(clip(one_line('; '.join(story.disputed)), 300))}")
    return "\n".join(lines)


def stories_pages(stories: Sequence[StorySummary]) -> list[discord.Embed]:
    """Every Story, most reported first, a few to a page."""
    stories = inert(stories)
    entries = [story_entry(story) for story in stories]
    pages = line_pages(entries, per_page=6, page_chars=PAGE_CHARS, line_chars=STORY_CHARS)
    disputed = sum(1 for story in stories if story.disputed)
    return _paged("Stories", [p.replace("\n**", "\n\n**") for p in pages], NEUTRAL,
                  f"{plural(len(stories), 'story')}, {disputed} with disputed figures · "
                  "/ask and /disputes take a story")


def code_text(text: str) -> str:
    return defuse(clip(text, 60).replace("`", "'"))


def dispute_line(slot: Slot) -> str:
    """One disputed slot: what is counted, then each figure with its outlets."""
    figures = " · ".join(
        f"**{safe(one_line(figure_text(figure)))}**"
        f" ({safe(one_line(', '.join(figure.sources)) or 'unattributed')})"
        for figure in slot.figures
    )
    return f"• **{safe(clip(one_line(slot.about), 100))}** — {figures} — *{slot.relationship}*"


def disputes_pages(slots: Sequence[Slot], wordings: Sequence[Wording] = (),
                   story: StorySummary | None = None) -> list[discord.Embed]:
    """Every disputed slot in the corpus (or one Story), one line each, most reported
    first; then every person the outlets describe differently."""
    slots, wordings, story = inert(slots), inert(wordings), inert(story)
    ordered = sorted(slots, key=lambda s: -sum(len(f.docs) for f in s.figures))
    lines = [dispute_line(slot) for slot in ordered]
    lines += [f"• {safe(clip(one_line(wording_line(w)), 400))} — *wording*" for w in wordings]
    legend = " · ".join(f"{relationship}: {note}" for relationship, note in
                       RELATIONSHIP_NOTES.items() if relationship != "agree")
    title = "Where sources disagree" + (f" — {one_line(story.title)}" if story else "")
    return _paged(clip(title, 256), line_pages(lines), DISPUTED,
                  f"{plural(len(slots), 'dispute')} · {legend}")


def no_disputes(article_count: int) -> str:
    return (f"The {plural(article_count, 'article')} never give different figures for the "
            "same thing.")


def no_sources() -> str:
    return "No articles are indexed yet: an administrator can build the index with /reindex."


def index_progress(stage: str, done: int, total: int, elapsed: float) -> str:
    """One line of /reindex progress, e.g. "Embedding passages: 120/450 (27%) · 12 s"."""
    label = STAGES.get(stage, stage)
    if total <= 0:  # not known yet (articles are counted as they are read): no "/0"
        return f"⏳ Re-indexing… {label}: {done:,} · {elapsed:.0f} s"
    return (f"⏳ Re-indexing… {label}: {done:,}/{total:,} ({done * 100 // total}%)"
            f" · {elapsed:.0f} s")


def code(text: str) -> str:
    """`text` as inline code: markdown is inert there, mentions are defused."""
    return "`" + defuse(text.replace("`", "'")) + "`"


def _names(title: str, items: Sequence[str]) -> tuple[str, str]:
    shown = ", ".join(code(item) for item in items) or "none"
    return f"{title} ({len(items)})", clip(shown, FIELD_VALUE)


def index_report(report: IndexReport) -> discord.Embed:
    """What a re-index did, as a diff: articles added/changed/removed, passages, seconds."""
    report = inert(report)
    embed = discord.Embed(
        title="✅ Re-index complete",
        colour=discord.Colour.green(),
        description=(
            f"**{plural(report.articles, 'article')}**, **{plural(report.chunks, 'passage')}**"
            f" ({report.embedded:,} embedded, {report.reused:,} reused)"
            f" in **{report.seconds:.1f} s**.\n"
            f"+{len(report.added)} added · ~{len(report.changed)} changed"
            f" · -{len(report.removed)} removed"
        ),
    )
    for title, items in (("Added", report.added), ("Changed", report.changed),
                         ("Removed", report.removed)):
        if items:
            name, value = _names(title, items)
            embed.add_field(name=name, value=value, inline=False)
    if report.skipped:
        skipped = "\n".join(f"{code(s.path)}: {safe(s.reason)}" for s in report.skipped)
        embed.add_field(name=f"Skipped ({len(report.skipped)})",
                        value=clip(skipped, FIELD_VALUE), inline=False)
    if report.warnings:
        embed.add_field(name="Warnings", value=clip(safe("\n".join(report.warnings)), FIELD_VALUE),
                        inline=False)
    return fit_embed(embed)
