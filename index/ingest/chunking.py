"""Sentence-aware chunking: small Chunks to rank, and passages around them to show.

A Chunk is a run of whole sentences of at most UNIT_CHARS characters (about two sentences):
small enough that a question's words and the sentence answering it meet in one vector and
one lexical unit. Consecutive Chunks share their boundary sentence so that a fact split
across two Chunks is still found whole in one. What a reader is shown is the `window` around
a Chunk: its sentences and their neighbours, up to MAX_CHARS (quote-ready in a Discord embed
field). Sentences keep their exact text, so a quote taken from a sentence appears verbatim
in the Chunk and the window that hold it.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import logging
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..records import Article, Chunk

log = logging.getLogger(__name__)

MAX_CHARS = 700  # a shown passage: a Discord embed field holds 1,024; room for the source line
# A ranked Chunk: about two news sentences. On the public question files, Chunks of at most
# 360 characters put more expected passages in the top 5 than 700-character ones (33 vs 27
# of 47 on stories.yaml, 10 vs 8 of 12 on questions.yaml, dense and lexical fused, before
# the figures were used to choose passages).
UNIT_CHARS = 360
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


# Characters never typed in an article: C0 controls but tab and line breaks, DEL, C1 controls.
# A NUL or an escape byte in an export's text field is damage, not text: it is dropped and
# the rest kept (a whole file holding a NUL is still skipped as binary, articles.py).
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Compatibility forms folded the way NFKC folds them: ligatures ("ﬁ" -> "fi", as PDF
# exports write "ﬁre"), full-width letters and digits, presentation forms. Fractions,
# superscripts, subscripts and squared units keep their form ("½", "km²" are read as
# figures and units), and so do spaces and "…" (numbers and sentence ends are read by them).
FOLDED_TAGS = ("<compat>", "<wide>", "<narrow>", "<font>", "<small>", "<vertical>",
               "<initial>", "<medial>", "<final>", "<isolated>")


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char == "…" or unicodedata.category(char) == "Zs":
        return char
    if unicodedata.decomposition(char).startswith(FOLDED_TAGS):
        return unicodedata.normalize("NFKC", char)
    return char


def fold_text(text: str) -> str:
    """Article text as it is matched: control bytes dropped, combining accents composed
    (NFC) and compatibility forms folded (see FOLDED_TAGS), so "ﬁre" is found by "fire"."""
    text = CONTROLS.sub("", text)
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text)
    return NON_ASCII.sub(lambda m: _fold_char(m.group(0)), text)


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
    return list(iter_sentences(text))


def iter_sentences(text: str) -> Iterator[Sentence]:
    """`split_sentences`, one at a time (a reader that needs the first few stops early)."""
    for number, (offset, para) in enumerate(_paragraphs(text)):
        start = 0
        for match in BOUNDARY.finditer(para):
            head = para[start:match.start()].rstrip("\"'”’)]")
            if _is_abbreviation(head):
                continue
            piece = para[start:match.start()].strip()
            if piece:
                yield Sentence(piece, offset + start, number)
            start = match.end()
        tail = para[start:].strip()
        if tail:
            yield Sentence(tail, offset + start, number)


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


def _pieces(sentences: Iterable[Sentence], limit: int) -> list[tuple[str, int]]:
    """(text, paragraph) pieces, each at most `limit` characters."""
    return list(_iter_pieces(sentences, limit))


def _iter_pieces(sentences: Iterable[Sentence], limit: int) -> Iterator[tuple[str, int]]:
    return ((part, s.paragraph) for s in sentences for part in _split_long(s.text, limit))


def _join(pieces: list[tuple[str, int]]) -> str:
    """Sentences of one paragraph joined by a space, paragraphs by a line break."""
    out = pieces[0][0]
    for (_, before), (text, para) in itertools.pairwise(pieces):
        out += ("\n" if para != before else " ") + text
    return out


def chunk_spans(text: str, limit: int = UNIT_CHARS) -> list[tuple[str, int, int]]:
    """(text, first piece, piece count) of runs of whole sentences up to `limit` characters,
    each sharing its first sentence with the end of the previous run when that sentence is
    short enough. A piece is a sentence, or a part of one longer than UNIT_CHARS."""
    pieces = _pieces(split_sentences(text), UNIT_CHARS)
    spans: list[tuple[int, int]] = []
    first = 0
    for i in range(len(pieces)):
        if i > first and len(_join(pieces[first:i + 1])) > limit:
            spans.append((first, i))
            tail = pieces[i - 1][0]
            short = len(tail) <= OVERLAP_MAX and len(tail) + len(pieces[i][0]) < limit
            first = i - 1 if short and i - 1 > first else i
    if pieces and (not spans or spans[-1][1] < len(pieces)):
        spans.append((first, len(pieces)))
    return [(_join(pieces[a:b]), a, b - a) for a, b in spans]


def chunk_texts(text: str, limit: int = UNIT_CHARS) -> list[str]:
    """The texts of `chunk_spans`."""
    return [chunk for chunk, _, _ in chunk_spans(text, limit)]


class _Split:
    """An Article's pieces, cut only as far as readers have needed them: a question's
    candidates at 100k passages come from ~50 Articles, and splitting each whole took ~17 ms
    of a ~27 ms question (measured); a Chunk and its window need the pieces up to it."""

    def __init__(self, text: str) -> None:
        self._rest: Iterator[tuple[str, int]] | None = _iter_pieces(iter_sentences(text),
                                                                    UNIT_CHARS)
        self.pieces: list[tuple[str, int]] = []
        self._lock = threading.Lock()

    def upto(self, n: int) -> list[tuple[str, int]]:
        """The pieces cut so far, at least the first n (all, when there are fewer)."""
        with self._lock:
            while len(self.pieces) < n and self._rest is not None:
                piece = next(self._rest, None)
                if piece is None:
                    self._rest = None
                else:
                    self.pieces.append(piece)
            return self.pieces


class _Splits:
    """The splits of the last 256 Articles whose passages were read (every question windows
    a few dozen Chunks of the same few Articles)."""

    def __init__(self, size: int = 256) -> None:
        self._kept: OrderedDict[str, _Split] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def __call__(self, text: str) -> _Split:
        with self._lock:
            split = self._kept.get(text)
            if split is None:
                split = self._kept[text] = _Split(text)
                while len(self._kept) > self._size:
                    self._kept.popitem(last=False)
            self._kept.move_to_end(text)
            return split


_article_split = _Splits()


def window(text: str, first: int, count: int, limit: int = MAX_CHARS) -> str:
    """The passage shown for a Chunk: its pieces and their neighbours in the same
    paragraph run, one at a time before then after, up to `limit` characters."""
    split = _article_split(text)
    pieces = split.upto(first + max(1, count))
    if not pieces:
        return ""
    first = max(0, min(first, len(pieces) - 1))
    lo, hi = first, min(len(pieces), first + max(1, count))
    size = len(_join(pieces[lo:hi]))  # each piece added costs its length and one separator
    grew = True
    while grew:
        grew = False
        if lo > 0 and size + 1 + len(pieces[lo - 1][0]) <= limit:
            size, lo, grew = size + 1 + len(pieces[lo - 1][0]), lo - 1, True
        pieces = split.upto(hi + 1)
        if hi < len(pieces) and size + 1 + len(pieces[hi][0]) <= limit:
            size, hi, grew = size + 1 + len(pieces[hi][0]), hi + 1, True
    return _join(pieces[lo:hi])


def chunk_texts_of(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """The texts of the Chunks that hold pieces [first, first + count) of an Article — the
    same texts `chunk_spans` gave them when it was indexed — cut in one pass over the pieces
    up to the last of them."""
    pieces = _article_split(text).upto(max((f + c for f, c in spans), default=0))
    return [_join(pieces[first:first + count] or [("", 0)]) for first, count in spans]


def chunk_id(doc_id: str, text: str) -> str:
    """A stable id derived from the Article and the Chunk's text."""
    return hashlib.sha1(f"{doc_id}\x00{text}".encode()).hexdigest()[:24]


def chunk_article(article: Article, limit: int = UNIT_CHARS) -> list[Chunk]:
    """The Chunks of one Article, in reading order."""
    return [Chunk(chunk_id=chunk_id(article.doc_id, text), doc_id=article.doc_id,
                  source=article.source, title=article.title, date=article.date,
                  position=i, text=text, first=first, count=count)
            for i, (text, first, count) in enumerate(chunk_spans(article.text, limit))]
