"""Removing page furniture from scraped news text by general rules.

Scraped articles carry app promos, comment boxes, "Check Also" teasers, newsletter and
donation plugs, photo captions and repeated lines. These rules look at the shape of a
line (short, no sentence punctuation, a credit at the end, a boilerplate phrase), never at
a particular file, so they carry over to news they have never seen.
"""

from __future__ import annotations

import re

# Short lines matching these are boilerplate wherever they stand.
BOILERPLATE = re.compile(
    r"|".join([
        r"\b(get it on|download (it )?on|available on) (google play|the app store)\b",
        r"\b(download|get|install) (the|our)\b.{0,40}\bapp\b",
        r"\bstay tun+ed\b",
        r"\bandroid app\b|\bios app\b",
        r"^leave a (comment|reply)\b",
        r"your email address will not be published",
        r"required fields are marked",
        r"\bnewsletter",
        r"\b(subscribe|sign up) (to|for|now|today)\b",
        r"\b(donate|make a donation|support us|support our journalism)\b",
        r"\byour contributions? (will )?help\b",
        r"#\s*open journalism",
        r"^(published|updated|posted|last updated|first published)\s*(on|at)?\s*[:\-]",
        r"^(caption|image|photo|picture|video|credit|photo credit)\s*:",
        r"^reading time\s*:?",
        r"^about the author\b",
        r"all rights reserved",
        r"^\s*©",
        r"^(share|follow us|click here|advertisement|sponsored)\b",
        r"\bsource:\s*[\w .]*(stock photo|images|photo)\s*$",
    ]),
    re.IGNORECASE,
)
# Lines that start the trailing block of teasers and comment forms.
TRAILER = re.compile(
    r"^(check also|related( articles| stories| news)?|read (more|also|next)|see also|"
    r"more (stories|from)|you may also like|recommended( for you)?|most (read|popular)|"
    r"leave a (comment|reply)|comments?)\s*:?\s*$",
    re.IGNORECASE,
)
AUTHOR_BOX = re.compile(r"^[Aa]bout( the author)? [A-Z][\w'-]+( [A-Z][\w'-]+){0,3}$")
# A photo credit at the end of a caption: "(Jane Doe / AP)", "(Press Service via AP)",
# "© Name, Reuters", "–AFP".
CAPTION_CREDIT = re.compile(
    r"(\([^()]{2,80}(/|\bvia)\s*[A-Z][\w .&-]{1,40}\)\s*$)|(©\s*[^.]{2,60}$)|([–—-]\s*AFP\s*$)"
)
SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]]\s*$")
MAX_FURNITURE_CHARS = 220
WORD = re.compile(r"\w+")


def _norm(line: str) -> str:
    return " ".join(WORD.findall(line.lower()))


def is_boilerplate(line: str) -> bool:
    """A short line of page furniture: a promo, a form, a credit, an author box."""
    text = line.strip()
    if not text or len(text) > MAX_FURNITURE_CHARS:
        return False
    return bool(BOILERPLATE.search(text) or AUTHOR_BOX.match(text)
                or CAPTION_CREDIT.search(text))


def cut_trailer(lines: list[str]) -> list[str]:
    """Drop everything from a trailer heading on, when it stands in the article's second half."""
    for i, line in enumerate(lines):
        if i >= len(lines) // 2 and TRAILER.match(line.strip()):
            return lines[:i]
    return lines


def _overlap(a: str, b: str) -> float:
    sa, sb = set(a.split()), set(b.split())
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


def drop_repeats(lines: list[str]) -> list[str]:
    """Drop repeated lines, and a non-sentence line echoed by its neighbour (caption pairs)."""
    seen: set[str] = set()
    kept: list[str] = []
    for i, line in enumerate(lines):
        norm = _norm(line)
        if norm and norm in seen:
            continue
        seen.add(norm)
        nxt = _norm(lines[i + 1]) if i + 1 < len(lines) else ""
        if (norm and nxt and not SENTENCE_END.search(line) and len(norm.split()) >= 4
                and len(norm) <= len(nxt) and _overlap(norm, nxt) >= 0.7):
            continue
        kept.append(line)
    return kept


def strip_furniture(text: str) -> str:
    """The article text without page furniture; paragraphs stay separated by blank lines."""
    # Repeats first: a caption is often echoed by a credited copy that the next rule drops.
    lines = drop_repeats(cut_trailer(text.splitlines()))
    lines = [line for line in lines if not is_boilerplate(line)]
    out = "\n".join(line.rstrip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip()
