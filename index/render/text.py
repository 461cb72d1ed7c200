"""Readable terminal output: figures first (who reports what, citing whom), then passages.

Every render function makes its records `inert` first: a control character from an
article or a feed never reaches the terminal (see `inert`)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from ..claims.context import named_place
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
from .inert import inert

WIDTH = 88
MAX_NAMES = 8  # outlets or authorities printed for one figure; the rest are counted
RELATION_WORDS = {
    "conflict": "conflict", "bound": "a bound compatible with the others",
    "update": "a later revision", "scope": "counts something different", "agree": "agree",
}


def format_number(value: float) -> str:
    """'12', '1,000', '19 million', '2.5 billion': as a newsroom writes it."""
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if value >= scale and round(value / scale, 2) == value / scale:
            return f"{value / scale:g} {word}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def figure_label(figure: Figure) -> str:
    """'at least 8', '12', 'dozens', '$2.1 billion', '61%', 'about 35,000 acres',
    'January 5' — as the sources put it."""
    first = figure.claims[0] if figure.claims else None
    kind = first.kind if first else ""
    dimension = first.dimension if first else "count"
    if kind == "money" or dimension.startswith("money:") or dimension == "date":
        same = [c for c in figure.claims if c.qualifier == figure.qualifier]
        written = (same or list(figure.claims))[0]
        unit = written.unit if dimension.startswith("money:") else None
        return _with_unit(written.figure, unit)
    if kind.startswith("%") or dimension == "%":
        return _counted_label(figure) + "%"
    if dimension == "magnitude" and first is not None:
        return f"magnitude {first.figure}"  # "magnitude 7.0": its digits as written
    if dimension != "count" and first is not None:
        return _with_unit(_counted_label(figure), first.unit)
    return _counted_label(figure)


def _with_unit(text: str, unit: str | None) -> str:
    """'120m' + 'euros' -> '120m euros'; '€120 million' stays as it is."""
    if not unit or unit.lower() in text.lower():
        return text
    return f"{text} {unit}"


def _counted_label(figure: Figure) -> str:
    value = figure.value  # a date figure's is text, written as the sources put it
    number = value if isinstance(value, str) else format_number(value)
    if figure.qualifier == "vague":
        return figure.claims[0].figure if figure.claims else number
    if figure.qualifier and figure.qualifier not in ("a", "range"):
        return f"{figure.qualifier} {number}"
    return figure.claims[0].figure if figure.qualifier == "range" and figure.claims else number


def independence(figure: Figure) -> str:
    """'3 outlets, 1 authority': how many independent voices stand behind a figure."""
    outlets, authorities = len(figure.sources), len(figure.authorities)
    text = f"{outlets} outlet{'s' if outlets != 1 else ''}"
    if authorities:
        text += f", {authorities} authorit{'ies' if authorities != 1 else 'y'}"
    return text


def _provenance(figure: Figure) -> str:
    who = f"[{independence(figure)}] " + listed(figure.sources, ", ")
    if figure.authorities:
        who += " — citing " + listed(figure.authorities, "; ")
    return who


def listed(names: Sequence[str], separator: str, most: int = MAX_NAMES) -> str:
    """At most `most` names, then how many more: 2,000 syndicated copies of one figure
    are counted, not printed one by one (the count before them says how many there are)."""
    shown = separator.join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def relation_sentence(slot: Slot) -> str:
    """How the figures relate, e.g. '12 and 13 conflict; at least 8 is a lower bound...'."""
    labels = [figure_label(f) for f in slot.figures]
    parts = []
    for rel in slot.relations:
        a, b = labels[rel.first], labels[rel.second]
        if rel.relationship == "bound":
            parts.append(f"{a} and {b} are compatible (a bound, not a contradiction)")
        elif rel.relationship == "scope" and (places := _two_places(slot, rel)):
            parts.append(f"{a} and {b} are for different places ({places})")
        elif rel.relationship == "scope":
            parts.append(f"{a} and {b} count different things")
        elif rel.relationship == "update":
            parts.append(f"{b} revises {a}")
        elif rel.relationship == "conflict":
            parts.append(f"{a} and {b} conflict")
    return "; ".join(parts)


def _two_places(slot: Slot, rel) -> str | None:
    """'cassera, marlo' when the two Figures are stated for named places and share none."""
    named = [{c.place for c in slot.figures[i].claims if named_place(c.place)}
             for i in (rel.first, rel.second)]
    if not (named[0] and named[1]) or named[0] & named[1]:
        return None
    return " / ".join(", ".join(sorted(p.title() for p in n)) for n in named)


def slot_heading(slot: Slot) -> str:
    """'Sources disagree', 'Sources agree' (every figure shown the same), 'Sources give
    compatible figures' (a bound beside a figure: "at least 8" and 12), 'Sources count
    different things' (scope), or 'One source reports' (agreement needs two)."""
    if slot.disputed:
        return "Sources disagree"
    outlets = {s for f in slot.figures for s in f.sources}
    if len(outlets) < 2:
        return "One source reports"
    if slot.relationship == "scope":
        return "Sources count different things"
    return "Sources agree" if slot.relationship == "agree" else "Sources give compatible figures"


def timeline(slot: Slot) -> str | None:
    """'latest 154 — OSNA, Fri 15 Aug; earlier: 137 Thu 14 Aug, ...' for figures that were
    revised over days: every Figure by the date of its latest report, latest first."""
    if not any(r.relationship == "update" for r in slot.relations):
        return None
    dated = sorted(((f, _day(f)) for f in slot.figures if _day(f)),
                   key=lambda fd: max(c.date[:10] for c in fd[0].claims if c.date),
                   reverse=True)
    if len(dated) < 2:
        return None
    (latest, day), *earlier = dated
    text = f"latest {figure_label(latest)} — {listed(latest.sources, ', ')}, {day}"
    return text + "; earlier: " + ", ".join(f"{figure_label(f)} {d}" for f, d in earlier)


def _day(figure: Figure) -> str | None:
    import datetime as dt

    dates = sorted({c.date[:10] for c in figure.claims if c.date}, reverse=True)
    try:
        return dt.date.fromisoformat(dates[0]).strftime("%a %d %b") if dates else None
    except ValueError:
        return dates[0]


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


def render_feed_line(feed) -> str:
    """One feed and its last result: `url — ok, 2 added (2024-03-02 10:00 UTC)`."""
    import time

    feed = inert(feed)
    when = (time.strftime(" (%Y-%m-%d %H:%M UTC)", time.gmtime(feed.checked))
            if feed.checked else "")
    added = f", {feed.added} added" if feed.added else ""
    error = f": {feed.error}" if feed.error else ""
    return f"{feed.url} — {feed.status}{added}{error}{when}"


def render_added(added) -> str:
    """What `discordant add` did: the article, where it was saved, what it disputes."""
    added = inert(added)
    page = added.page
    lines = [f"{'Updated' if added.replaced else 'Added'} {added.doc_id}: {page.source or '?'}"
             f" · {page.date or 'no date'} · {page.title or '(untitled)'} · "
             f"{added.passages} passages (saved as {added.path})",
             render_report(added.report).splitlines()[0]]
    if added.disputes:
        lines.append(render_disputes(list(added.disputes)))
    return "\n".join(lines)
