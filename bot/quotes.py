"""Quoting a passage: its figures in bold, the sentences found for the question underlined.

A passage is quoted from its raw text, cut to a window around its first figure so the
markdown added afterwards (bold and underline markers) always comes in pairs and never
straddles the cut. This is separate from `render` because it is a text transformation of
one Passage, with no embed, page or Discord type in it: `render` lays the quotes out on
pages, and decides which claims to bold with `answer_claims` and `bolded` from here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index import Answer, Claim, Passage

from .limits import FIELD_VALUE, clip, one_line, safe


def _figure_spans(text: str, claims: Sequence[Claim]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of each claim's figure in `text`, in order."""
    spans: list[tuple[int, int]] = []
    for claim in claims:
        if not claim.figure.strip():
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(claim.figure.strip())}(?!\w)", re.IGNORECASE)
        quote_at = text.find(" ".join(claim.quote.split())) if claim.quote else -1
        found = pattern.search(text, max(quote_at, 0)) or pattern.search(text)
        if found and not any(s < found.end() and found.start() < e for s, e in spans):
            spans.append(found.span())
    return sorted(spans)


def _render_window(text: str, spans: list[tuple[int, int]], start: int, end: int,
                   found: tuple[int, int] | None = None) -> str:
    """text[start:end] made safe, figures in bold and the found sentences underlined (when
    they lie inside the cut and no figure straddles their edges)."""
    # (where, order at one place: closing before opening, the underline outermost, mark)
    marks: list[tuple[int, int, str]] = []
    for span_start, span_end in spans:
        if span_start >= start and span_end <= end and \
                (not marks or span_start >= marks[-1][0]):
            marks += [(span_start, 3, "**"), (span_end, 0, "**")]
    if found is not None and start <= found[0] < found[1] <= end and \
            not any(s < edge < e for s, e in spans for edge in found):
        marks += [(found[0], 2, "__"), (found[1], 1, "__")]
    parts, cursor = ["…" if start > 0 else ""], start
    for at, _, mark in sorted(marks):
        parts += [safe(text[cursor:at]), mark]
        cursor = at
    parts += [safe(text[cursor:end]), "…" if end < len(text) else ""]
    return "> " + "".join(parts).strip()


def _found_span(text: str, passage: Passage) -> tuple[int, int] | None:
    """Where the sentences found for the question stand in the (one-line) window."""
    sentence = one_line(passage.chunk)
    at = text.find(sentence) if sentence and sentence != text else -1
    return (at, at + len(sentence)) if at >= 0 else None


def quote_passage(passage: Passage, limit: int = FIELD_VALUE,
                  claims: Sequence[Claim] | None = None) -> str:
    """The passage as a block quote with figures in bold and the sentences found for the
    question underlined, at most `limit` characters.

    `claims` picks the figures to bold (default: every claim in the passage). Shortens the
    raw text (a window around the first figure) rather than the markdown, so the bold
    markers always come in pairs.
    """
    text = one_line(passage.text)
    spans = _figure_spans(text, passage.claims if claims is None else claims)
    found = _found_span(text, passage)
    width = max(limit - 4, 1)
    while True:
        anchor = spans[0][0] if spans else found[0] if found else 0
        start = max(0, min(anchor - width // 4, len(text) - width))
        if start > 0:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < anchor else start
        rendered = _render_window(text, spans, start, min(len(text), start + width), found)
        if len(rendered) <= limit or width <= 1:
            return clip(rendered, limit)
        width = max(1, width - (len(rendered) - limit) - 1)


def answer_claims(answer: Answer) -> frozenset[Claim]:
    """The claims behind the answer's figures: the ones worth bolding in its passages."""
    return frozenset(claim for slot in (*answer.disagreements, *answer.agreements)
                     for figure in slot.figures for claim in figure.claims)


def bolded(passage: Passage, relevant: frozenset[Claim]) -> tuple[Claim, ...]:
    """The passage's claims that the answer is about; all of them when it has no figures."""
    if not relevant:
        return passage.claims
    return tuple(claim for claim in passage.claims if claim in relevant)
