"""Claims for the dates a sentence states — when something was founded, opened, born —
about the subject of their clause, or the Article's topic where the clause names none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Article, Claim
from . import lexicon
from .attribution import find_authority
from .context import is_background
from .counted import noun_phrase
from .dates import DateFigure, article_year
from .events import verb_event
from .features import figure_keys

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def date_claims(doc: Doc, sentence: str, dates: list[DateFigure], article: Article
                ) -> list[Claim]:
    """Claims for the dates a sentence states: when something was founded, held, opened ..."""
    found = []
    year = article_year(article.date)
    for date in dates:
        token = token_at(doc, date.start, date.end)
        if token is None or (date.granularity != "year" and date.low == date.high and \
                article.date and date.value == article.date[:10]):
            continue  # the report's own dateline says nothing about the event
        verb = clause_verb(token)
        event = (lexicon.EVENT_WORDS.get(verb.lower_) if verb is not None else None) or \
            verb_event(token)
        subject = subject_of(verb)
        # A participle with no subject ("(born 12 March 1921)") is the topic's; a date
        # with no event is kept as a weak Claim: its keys still say what it dates.
        weak = "" if event is not None and (subject is not None or (
            verb is not None and verb.tag_ == "VBN")) else "no event"
        counted, kind = noun_phrase(subject) if subject is not None and \
            subject.pos_ != "PRON" else ("", "")
        if weak:
            event = (verb.lemma_ or verb.text).lower() if verb is not None else ""
        found.append(Claim(
            value=date.value, low=date.low, high=date.high, qualifier=None, figure=date.text,
            counted=counted, kind=kind.lower(), event=event or "", authority=find_authority(token),
            doc_id=article.doc_id, source=article.source, date=article.date, quote=sentence,
            dimension="date", unit=date.granularity, normalized=None,
            background=is_background(sentence, year, (date.start, date.end)),
            keys=figure_keys(token), weak=weak,
        ))
    return found


def clause_verb(token: Token) -> Token | None:
    """The verb of the clause a word sits in, or None."""
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


def subject_of(verb: Token | None) -> Token | None:
    """What a clause is about: the subject of its verb ("the bridge was opened on ...";
    "It was established in 1933" is about the Article's topic), the subject its verb shares
    ("It is 324 metres tall and was completed in 1974") or the name it describes ("Ida
    Kall (born 12 March 1921)")."""
    while verb is not None:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                        and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
        if subject is not None:
            return subject
        if verb.dep_ in ("acl", "appos") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        verb = verb.head if verb.dep_ == "conj" and verb.head.i != verb.i else None
    return None


def token_at(doc: Doc, start: int, end: int) -> Token | None:
    """The token of `doc` that heads the characters [start, end) of its sentence (a doc
    parsed from the sentence's text after its dateline says where that text starts)."""
    shift = doc.user_data.get("shift", 0)
    start, end = start - shift, end - shift
    tokens = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return (heads or tokens)[-1] if heads or tokens else None
