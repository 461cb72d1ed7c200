"""Sentence-aware chunking: passages short enough to quote in a Discord embed field.

A Chunk is a run of whole sentences of at most MAX_CHARS characters; consecutive Chunks
share their boundary sentence so that a fact split across two Chunks is still found whole
in one. Sentences keep their exact text, so a quote taken from a sentence appears verbatim
in the Chunk that holds it.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..records import Article, Chunk

log = logging.getLogger(__name__)

MAX_CHARS = 700  # a Discord embed field holds 1,024; leave room for the source line
# Claim parsing costs grow with the square of a sentence's length (a 400 KB one-sentence file
# took 8 min); news sentences stay far below 2,000 characters, so only run-on text is cut.
PARSE_MAX_CHARS = 2000
OVERLAP_MAX = 300  # a longer boundary sentence is not repeated: it would crowd the next Chunk

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "sgt",
    "capt", "prof", "inc", "ltd", "co", "corp", "vs", "no", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.n", "u.k", "approx",
}
# A sentence ends at . ! ? … (plus closing quotes/brackets) followed by space and a capital,
# digit or opening quote.
BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
LAST_WORD = re.compile(r"([\w.]+)[.]$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of an Article, its offset and its paragraph number."""

    text: str
    start: int
    paragraph: int


def _is_abbreviation(head: str) -> bool:
    match = LAST_WORD.search(head)
    if not match:
        return False
    word = match.group(1).lower()
    # Initials like "J." or "U.S." end no sentence; neither do known abbreviations.
    return word in ABBREVIATIONS or len(word) == 1 or bool(re.fullmatch(r"(\w\.)+\w", word))


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            yield offset + lead, line.strip()
        offset += len(line) + 1


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of a text; every line break ends a sentence (headings, captions)."""
    sentences: list[Sentence] = []
    for number, (offset, para) in enumerate(_paragraphs(text)):
        start = 0
        for match in BOUNDARY.finditer(para):
            head = para[start:match.start()].rstrip("\"'”’)]")
            if _is_abbreviation(head):
                continue
            piece = para[start:match.start()].strip()
            if piece:
                sentences.append(Sentence(piece, offset + start, number))
            start = match.end()
        tail = para[start:].strip()
        if tail:
            sentences.append(Sentence(tail, offset + start, number))
    return sentences


def parse_pieces(text: str, limit: int = PARSE_MAX_CHARS) -> list[str]:
    """The sentences of a text as the claim parser gets them: a "sentence" longer than
    `limit` (a list run together, a table flattened into one line) is cut into the same
    MAX_CHARS pieces the Chunks hold, so parsing stays linear in the text's length and never
    reaches spaCy's own max_length."""
    pieces: list[str] = []
    for sentence in split_sentences(text):
        if len(sentence.text) <= limit:
            pieces.append(sentence.text)
            continue
        cut = _split_long(sentence.text, MAX_CHARS)
        log.info("a sentence of %d characters was cut into %d pieces for parsing",
                 len(sentence.text), len(cut))
        pieces.extend(cut)
    return pieces


def _split_long(sentence: str, limit: int) -> list[str]:
    """A sentence longer than the limit, cut at clause marks or spaces."""
    parts: list[str] = []
    rest = sentence
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("; "), window.rfind(", "), window.rfind(" – "))
        if cut < limit // 3:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = limit - 1
        parts.append(rest[:cut + 1].strip())
        rest = rest[cut + 1:].strip()
    if rest:
        parts.append(rest)
    return parts


def _pieces(sentences: list[Sentence], limit: int) -> list[tuple[str, int]]:
    """(text, paragraph) pieces, each at most `limit` characters."""
    return [(part, s.paragraph) for s in sentences for part in _split_long(s.text, limit)]


def _join(pieces: list[tuple[str, int]]) -> str:
    """Sentences of one paragraph joined by a space, paragraphs by a line break."""
    out = pieces[0][0]
    for (_, before), (text, para) in itertools.pairwise(pieces):
        out += ("\n" if para != before else " ") + text
    return out


def chunk_texts(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Runs of whole sentences up to `limit` characters, each sharing its first sentence
    with the end of the previous run when that sentence is short enough."""
    chunks: list[list[tuple[str, int]]] = []
    current: list[tuple[str, int]] = []
    for piece in _pieces(split_sentences(text), limit):
        if current and len(_join([*current, piece])) > limit:
            chunks.append(current)
            tail = current[-1]
            short = len(tail[0]) <= OVERLAP_MAX and len(tail[0]) + len(piece[0]) < limit
            current = [tail] if short else []
        current.append(piece)
    if current and (not chunks or current != chunks[-1][-len(current):]):
        chunks.append(current)
    return [_join(c) for c in chunks]


def chunk_id(doc_id: str, text: str) -> str:
    """A stable id derived from the Article and the Chunk's text."""
    return hashlib.sha1(f"{doc_id}\x00{text}".encode()).hexdigest()[:24]


def chunk_article(article: Article, limit: int = MAX_CHARS) -> list[Chunk]:
    """The Chunks of one Article, in reading order (claims are attached later)."""
    return [Chunk(chunk_id=chunk_id(article.doc_id, text), doc_id=article.doc_id,
                  source=article.source, title=article.title, date=article.date,
                  position=i, text=text)
            for i, text in enumerate(chunk_texts(article.text, limit))]
