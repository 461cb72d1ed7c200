"""Readable terminal output: figures first (who reports what, citing whom), then passages.

Every render function makes its records `inert` first: a control character from an
article or a feed never reaches the terminal (see `inert`). The words for a figure and its
Slot (labels, headings, how figures relate) are figures.py's; this lays them out."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..records import (
    Answer,
    Figure,
    IndexReport,
    Passage,
    Slot,
    SourceSummary,
    StorySummary,
    Wording,
)
from .figures import figure_label, independence, listed, relation_sentence, slot_heading, timeline
from .inert import inert

if TYPE_CHECKING:
    from ..ingest.feeds import FeedStatus

WIDTH = 88


def _provenance(figure: Figure) -> str:
    who = f"[{independence(figure)}] " + listed(figure.sources, ", ")
    if figure.authorities:
        who += " — citing " + listed(figure.authorities, "; ")
    return who


def render_slot(slot: Slot) -> str:
    slot = inert(slot)
    head = f"{slot_heading(slot)} — {slot.about}"
    if slot.disputed:
        head += f" ({slot.relationship})"
    if slot.story:
        head += f" · story: {slot.story.title}"
    lines = [head]
    for figure in slot.figures:
        lines.extend(textwrap.wrap(_provenance(figure), WIDTH,
                                   initial_indent=f"  {figure_label(figure):>14}  ",
                                   subsequent_indent=" " * 18))
        quote = textwrap.shorten(figure.quote, WIDTH * 2, placeholder=" …")
        lines.extend(textwrap.wrap(f"“{quote}”", WIDTH, initial_indent=" " * 18,
                                   subsequent_indent=" " * 18))
    if slot.more:
        lines.append(f"  … and {slot.more} more figures")
    for line in (timeline(slot), relation_sentence(slot)):
        if line:
            lines.extend(textwrap.wrap(line + ".", WIDTH, initial_indent="  ",
                                       subsequent_indent="  "))
    return "\n".join(lines)


def wording_line(wording: Wording) -> str:
    """'Outlets describe X differently: spokesman (A, B) / spokeswoman (C)'."""
    roles = " / ".join(f"{role} ({', '.join(sources)})"
                       for role, sources in zip(wording.roles, wording.sources, strict=True))
    return f"Outlets describe {wording.name} differently: {roles}"


def render_passage(number: int, passage: Passage) -> str:
    passage = inert(passage)
    sources = ", ".join(passage.sources)
    meta = " · ".join(x for x in (sources, passage.date, passage.title) if x)
    head = f"{number}. [{passage.score:.2f}] {textwrap.shorten(meta, WIDTH - 10)}"
    body = textwrap.fill(" ".join(passage.text.split()), WIDTH, initial_indent="   ",
                         subsequent_indent="   ")
    return f"{head}\n{body}"


def render_answer(answer: Answer) -> str:
    answer = inert(answer)
    lines = [f"Q: {answer.question}", ""]
    if not answer.passages:
        lines.append(answer.notice or
                     f"None of the {answer.article_count} articles reports this.")
        if answer.nearest:
            lines += ["", "Nearest passages (they do not answer it):"]
            lines += [render_passage(i, p) for i, p in enumerate(answer.nearest, 1)]
        return "\n".join(lines)
    for slot in (*answer.disagreements, *answer.agreements):
        lines += [render_slot(slot), ""]
    for wording in answer.wording:
        lines += [*textwrap.wrap(wording_line(wording), WIDTH, subsequent_indent="  "), ""]
    lines.append(f"Passages ({len(answer.passages)} from {answer.article_count} articles):")
    lines += [render_passage(i, p) for i, p in enumerate(answer.passages, 1)]
    return "\n".join(lines)


def render_report(report: IndexReport) -> str:
    report = inert(report)
    lines = [
        f"Indexed {report.articles} articles into {report.chunks} passages "
        f"({report.embedded} embedded, {report.reused} reused) in {report.seconds:.1f} s"
        + (f"; {report.stories} {'story' if report.stories == 1 else 'stories'}."
           if report.stories else "."),
        f"Articles: {len(report.added)} added, {len(report.changed)} changed, "
        f"{len(report.removed)} removed.",
    ]
    if report.skipped:
        lines.append(f"Skipped {len(report.skipped)} files:")
        lines += [f"  {s.path}: {s.reason}" for s in report.skipped]
    lines += [f"Warning: {w}" for w in report.warnings]
    if not report.articles:
        lines.append("No articles found: put .txt, .md, .html or .jsonl files in the corpus "
                     "folder.")
    return "\n".join(lines)


def render_sources(sources: list[SourceSummary]) -> str:
    sources = inert(sources)
    if not sources:
        return "The index is empty: run `discordant index` first."
    lines = [f"{len(sources)} articles:"]
    for s in sources:
        story = f" · story: {s.story_title}" if s.story_title else ""
        lines.append(f"  {s.doc_id}  {s.source} · {s.date or 'no date'} · "
                     f"{s.title or '(untitled)'} · {s.passages} passages{story}")
    return "\n".join(lines)


def render_disputes(slots: list[Slot], wordings: Sequence[Wording] = ()) -> str:
    """Disputed figures one line each, grouped under their Story."""
    slots, wordings = inert(slots), inert(wordings)
    if not slots and not wordings:
        return "No figure is disputed between sources."
    lines = [f"{len(slots)} disputed figures:"]
    by_story: dict[str, list[Slot]] = {}
    for slot in slots:
        by_story.setdefault(slot.story.title if slot.story else "", []).append(slot)
    for title, members in by_story.items():
        if title:
            lines.append(f"Story: {title}")
        for slot in members:
            figures = ", ".join(f"{figure_label(f)} ({listed(f.sources, ', ')})"
                                for f in slot.figures)
            lines.append(f"  {slot.about} [{slot.relationship}]: {figures}")
    lines += [f"  {wording_line(w)}" for w in wordings]
    return "\n".join(lines)


def render_stories(stories: list[StorySummary]) -> str:
    """One Story per block: title, id, dates, articles and outlets, disputed figures."""
    if not stories:
        return "The index is empty: run `discordant index` first."
    stories = inert(stories)
    lines = [f"{len(stories)} stories:"]
    for story in stories:
        dates = " to ".join(dict.fromkeys(d for d in (story.first, story.last) if d))
        lines.append(f"  {story.title}  [{story.id}]")
        lines.append(f"    {len(story.docs)} articles · {dates or 'undated'} · "
                     f"{', '.join(story.sources)}")
        if story.disputed:
            lines.append(f"    disputed: {'; '.join(story.disputed)}")
    return "\n".join(lines)


def render_feed_line(feed: FeedStatus) -> str:
    """One feed and its last result: `url — ok, 2 added (2024-03-02 10:00 UTC)`."""
    import time

    feed = inert(feed)
    when = (time.strftime(" (%Y-%m-%d %H:%M UTC)", time.gmtime(feed.checked))
            if feed.checked else "")
    added = f", {feed.added} added" if feed.added else ""
    error = f": {feed.error}" if feed.error else ""
    return f"{feed.url} — {feed.status}{added}{error}{when}"


def render_added(added: Any) -> str:
    """What `discordant add` did (an `adding.Added`: a later stage, which render does not
    import): the article, where it was saved, what it disputes."""
    added = inert(added)
    page = added.page
    lines = [f"{'Updated' if added.replaced else 'Added'} {added.doc_id}: {page.source or '?'}"
             f" · {page.date or 'no date'} · {page.title or '(untitled)'} · "
             f"{added.passages} passages (saved as {added.path})",
             render_report(added.report).splitlines()[0]]
    if added.disputes:
        lines.append(render_disputes(list(added.disputes)))
    return "\n".join(lines)
