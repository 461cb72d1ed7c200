"""What a question asks for, when it asks for a figure: the kind of value, what is counted,
the event, and where.

"how many officers died" -> a count of officers (security), event killed;
"how much land has the wildfire burned" -> an area, event burned;
"what did the walkout cost the economy" -> money, event damage;
"when was the bridge opened" -> a date, event "open".
Questions that ask for no figure ("what started the protests") get None: their answer is
passages only, and no slot is ever shown for them.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import lexicon
from .dates import find_dates, is_month
from .lexicon import asking
from .value_kind import AMOUNTS, date_asked, dimension_asked, share_answers, size_event

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# What asks for a figure, and of what kind: the registry's (lexicon/asking.py).
QUANTITY = re.compile(asking.QUANTITY, re.I)
ANYONE = re.compile(asking.ANYONE, re.I)
NOT_A_FIGURE = re.compile(asking.NOT_A_FIGURE, re.I)
MAGNITUDE = re.compile(asking.MAGNITUDE + rf"\b(?:{'|'.join(lexicon.QUAKES)})s?\b", re.I)
NATIONAL_WORDS = re.compile(asking.NATIONAL_WORDS, re.I)
TIME_NOUN_ASKED = re.compile(asking.TIME_NOUN_ASKED, re.I)
PAID = re.compile(asking.PAID_ASKED, re.I)


@dataclass(frozen=True)
class Query:
    """The figure a question asks about (see the module docstring).

    `dimension` is "count", "money", "%", "date", "area", "length", "duration", "speed" ...
    (money in any currency; "measure" for any unit of an amount: "how much water").
    `words` are the question's words for what is counted ("olive", "vineyard", "land"),
    `names` its proper names (which story it means), `place` its place ("kessburg",
    "national"), `year` a year it names ("in 1998": another event).
    """

    event: str | None
    kind: str
    counted: str
    dimension: str = "count"
    place: str | None = None
    year: int | None = None
    words: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    loose: bool = False  # no event the rules know: only learned measures answer it
    # A share answers it as readily as an amount or a count: a change ("how much did sales
    # rise": "rose 12%") or a turnout ("what was the turnout": "61.4 per cent").
    or_share: bool = False

    @property
    def about(self) -> str:
        if self.event == "population" or (self.or_share and self.dimension == "count"):
            return self.event or ""  # "population", "turnout"
        if self.dimension == "%" or self.kind.startswith("%"):
            return f"{self.event} (%)"
        if self.dimension == "money":
            return f"{self.event or 'amount'} (money)"
        if self.dimension == "date":
            return f"when {self.counted or 'it'} {self.event or 'happened'}".strip()
        if self.dimension == "temperature":
            return "temperature"
        if self.dimension == "magnitude":
            return f"magnitude of the {self.kind}"
        if self.event in lexicon.SIZES.values():
            return f"{self.event} of {self.counted}" if self.counted else str(self.event)
        if self.dimension not in ("count", None):
            thing = self.counted or self.dimension
            return f"{thing} {self.event}".strip() if self.event else thing
        if self.event == "intensive care":
            return f"{self.counted or 'people'} in intensive care"
        return f"{self.counted or 'people'} {self.event or ''}".strip()


def needs_parser(question: str) -> bool:
    """Whether the question may ask for a figure: only then is it parsed (spaCy)."""
    asks_count = _names_a_figure(question) or MAGNITUDE.search(question) or \
        TIME_NOUN_ASKED.search(question)
    return not NOT_A_FIGURE.search(question) and bool(asks_count or ANYONE.search(question))


def _names_a_figure(question: str) -> bool:
    """Whether the question's words ask for a figure ("how many", "the toll", "what was the
    profit", "what do the workers earn"), whatever its parse."""
    return bool(QUANTITY.search(question) or AMOUNTS.search(question) or PAID.search(question))


def parse_question(question: str, nlp: Language) -> Query | None:
    """The figure a question asks about, or None when it asks for no figure."""
    if not needs_parser(question):
        return None
    if MAGNITUDE.search(question):
        return _magnitude_query(question, nlp(question))
    doc = nlp(question)
    dated = date_asked(doc)
    asks_count = _names_a_figure(question) or dated
    if not (asks_count or ANYONE.search(question)):
        return None  # "what happened on the day of the vote": no figure asked
    dimension = "date" if dated else dimension_asked(question, doc)
    event = _event(doc, dimension)
    if not asks_count and event not in lexicon.EVENTS:
        return None
    event = size_event(question, dimension, event)
    counted, kind, words = _counted(doc)
    if event == "population":
        counted, kind = "", "people"
    if dimension == "money":
        counted, kind = "money", "money"
    elif dimension == "%":
        counted, kind = "percent", _share_kind(doc)
        event = _share_of(doc) or event
    # A count or a date of no event the rules know is still a figure question: the measures
    # learned from the Story's figures answer it (Query.loose), the event rules do not (for
    # "what years was she secretary of state" they took any year of the Story: "the likely
    # 2016 presidential candidate").
    return Query(event=event, kind=kind, counted=counted, dimension=dimension,
                 place=_place(question, doc), year=_year(question), words=words,
                 names=tuple(dict.fromkeys(t.lower_ for t in doc if t.pos_ == "PROPN")),
                 loose=event is None and dimension in ("count", "date"),
                 or_share=share_answers(question, doc, dimension, event))


def names_unknown_thing(doc: Doc, unknown: Collection[str]) -> bool:
    """Whether the parsed question is about a thing named by a noun and its modifier that
    are both words no article uses ("the super bowl", "the las vegas concert shooting",
    "the Nobel Prize"): no passage can be about it, however near in meaning. A verb among
    the unknown words ("did anybody lose their life") names no thing, nor does a
    participle describing a measure ("their combined margin", "the projected deficit")."""
    return any(t.dep_ in ("compound", "amod", "nmod") and t.head.pos_ in ("NOUN", "PROPN")
               and t.lower_ in unknown and t.head.lower_ in unknown and not _participle(t)
               for t in doc)


def _participle(token: Token) -> bool:
    """A verb's participle used as a modifier ("combined", "estimated", "rising"): the
    tagger calls some of them adjectives."""
    return token.pos_ == "VERB" or token.tag_ in ("VBN", "VBG") or \
        token.lower_.endswith(("ed", "ing"))


def _magnitude_query(question: str, doc: Doc) -> Query:
    """An earthquake's magnitude (an aftershock's when the question says so)."""
    lowered = question.lower()
    kind = next((k for word, k in lexicon.QUAKES.items() if k != "earthquake" and
                 word in lowered), "earthquake")
    return Query(event="magnitude", kind=kind, counted="", dimension="magnitude",
                 place=_place(question, doc), year=_year(question),
                 names=tuple(dict.fromkeys(t.lower_ for t in doc if t.pos_ == "PROPN")))


def _event(doc: Doc, dimension: str) -> str | None:
    text = doc.text.lower()
    for phrase, event in lexicon.EVENT_PHRASES:
        if re.search(rf"\b{re.escape(phrase)}\b", text):
            return event
    for token in doc:
        if _month(token):
            continue  # "for the year to March 2005": a month, not a march
        word = lexicon.EVENT_WORDS.get(token.lemma_.lower()) or \
            lexicon.EVENT_WORDS.get(token.lower_)
        if word and not (dimension != "money" and word == "damage" and token.lower_ == "cost"):
            return word
    amount = next((t for t in doc if dimension == "money" and AMOUNTS.fullmatch(t.text)), None)
    if amount is not None:  # "how much revenue did it report": the amount names the event
        return amount.lemma_.lower()
    verbs = [t for t in doc if t.pos_ == "VERB" and t.lemma_ not in ("be", "have", "do")]
    return verbs[0].lemma_.lower() if verbs else None


def _month(token: Token) -> bool:
    """A month's name ("March", "may 5"): "what profit did BA report for the year to March
    2005", a tester's question on BBC reports, had been read as asking about a protest."""
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return is_month(token.text) or (is_month(token.text.capitalize()) and
                                    following is not None and following.like_num)


def _counted(doc: Doc) -> tuple[str, str, tuple[str, ...]]:
    """The noun after 'how many' / 'how much' / 'number of', or the subject of 'how big was
    X', with its kind ('people' when none) and its content words."""
    noun: Token | None = None
    for token in doc:
        if token.lower_ in asking.QUANTIFIERS and token.head.pos_ in ("NOUN", "PROPN"):
            noun = token.head
            break
        if token.lower_ == "of" and token.head.lower_ in asking.COUNT_OF:
            objects = [c for c in token.children if c.dep_ == "pobj"]
            noun = objects[0] if objects else None
            break
    if noun is None and re.match(r"\s*how (big|large|long|tall|high)\b", doc.text, re.I):
        noun = next((t for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"),
                    None)
    if noun is None:
        return "", "people", ()
    words = [t for t in noun.subtree if (t.dep_ in ("compound", "amod", "conj", "cc")
                                         and t.lower_ not in (*asking.QUANTIFIERS, "and"))
             or t.i == noun.i]
    text = " ".join(t.text for t in words)
    kind = lexicon.kind_of([t.lemma_.lower() for t in words] + [t.lower_ for t in words])
    if kind not in lexicon.PERSON_KINDS and kind != "homes":
        kind = noun.lemma_.lower()  # a thing: its head noun, as claims name it
    if noun.lemma_.lower() in lexicon.GATHERINGS:
        kind = "people"  # "how big was the march": the people in it
    lemmas = [t.lemma_.lower() for t in words] + [t.lower_ for t in words]
    return text, lexicon.with_status(kind, lemmas), tuple(t.lemma_.lower() for t in words)


def _share_of(doc: Doc) -> str | None:
    """'what share of the vote': what the share is of, as claims name it ("vote")."""
    for token in doc:
        if token.lower_ in asking.SHARE_NOUNS and any(
                c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            of = next(c for c in token.children if c.dep_ == "prep" and c.lower_ == "of")
            noun = next((g for g in of.children if g.dep_ == "pobj"), None)
            if noun is not None:
                return lexicon.EVENT_WORDS.get(noun.lemma_.lower()) or noun.lemma_.lower()
    return None


def _share_kind(doc: Doc) -> str:
    """'%', or '%|smith' for a share held by someone ('what share of the vote did Smith
    win')."""
    names = [t.text.lower() for t in doc if t.pos_ == "PROPN" and t.dep_ == "nsubj"]
    return f"%|{names[0]}" if names else "%"


def _place(question: str, doc: Doc) -> str | None:
    if NATIONAL_WORDS.search(question):
        return "national"
    for token in doc:
        if token.dep_ == "pobj" and token.pos_ == "PROPN" and token.head.lower_ in (
                "in", "across", "throughout"):
            if token.head.lower_ != "in":
                return "national"  # "across Varnia": the whole country
            return " ".join(t.lower_ for t in token.subtree if t.pos_ == "PROPN")
    return None


def _year(question: str) -> int | None:
    years = [d.value for d in find_dates(question) if isinstance(d.value, int)]
    return years[0] if years else None
