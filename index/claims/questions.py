"""What a question asks for, when it asks for a figure: the event and who is counted.

"how many officers died" -> event "killed", kind "security", counted "officers".
Questions that ask for no figure ("what started the protests") get None: their answer
is passages only, and no slot is ever shown for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon

QUANTITY = re.compile(
    r"\b(how many|how much|number of|how large|how big|toll|population|tally|total|"
    r"count of|figures? for|casualt(y|ies)|turnout|percent(age)?|share of|cost|size of)\b",
    re.IGNORECASE)
PERCENT = re.compile(r"\b(percent(age)?|share|proportion|turnout|rate)\b|%", re.IGNORECASE)
MONEY = re.compile(r"\b(cost|damage|losses|aid|worth|spen[dt]|paid|pay|price|budget|fund"
                   r"(s|ing)?|money|dollars?|euros?|pounds?|fine[ds]?)\b|[$€£]", re.IGNORECASE)


@dataclass(frozen=True)
class Query:
    """The slot a figure question asks about."""

    event: str
    kind: str
    counted: str

    @property
    def about(self) -> str:
        if self.event == "population":
            return "population"
        if self.kind.startswith("%"):
            return f"{self.event} (%)"
        if self.kind == "money":
            return self.event
        if self.event == "intensive care":
            return f"{self.counted or 'people'} in intensive care"
        return f"{self.counted or 'people'} {self.event}".strip()


def _event(doc) -> str | None:
    text = doc.text.lower()
    for phrase, event in lexicon.EVENT_PHRASES:
        if re.search(rf"\b{re.escape(phrase)}\b", text):
            return event
    for token in doc:
        event = lexicon.EVENT_WORDS.get(token.lemma_.lower()) or \
            lexicon.EVENT_WORDS.get(token.lower_)
        if event:
            return event
    verbs = [t for t in doc if t.pos_ == "VERB" and t.lemma_ not in ("be", "have", "do")]
    return verbs[0].lemma_.lower() if verbs else None


def _counted(doc) -> tuple[str, str]:
    """The noun after 'how many' / 'number of', and its kind ('people' when none)."""
    for token in doc:
        if token.lower_ in ("many", "much") and token.head.pos_ in ("NOUN", "PROPN"):
            noun = token.head
            break
        if token.lower_ == "of" and token.head.lower_ in ("number", "count", "total"):
            objects = [c for c in token.children if c.dep_ == "pobj"]
            noun = objects[0] if objects else None
            break
    else:
        noun = None
    if noun is None:
        return "", "people"
    words = [t for t in noun.subtree if (t.dep_ in ("compound", "amod") and t.head.i == noun.i
                                         and t.lower_ not in ("many", "much")) or t.i == noun.i]
    text = " ".join(t.text for t in words)
    return text, lexicon.kind_of([t.lemma_.lower() for t in words] + [t.lower_ for t in words])


def parse_question(question: str, nlp) -> Query | None:
    """The slot a question asks about, or None when it asks for no figure."""
    if not QUANTITY.search(question):
        return None
    doc = nlp(question)
    event = _event(doc)
    if event is None:
        return None
    counted, kind = _counted(doc)
    if event == "population":
        counted, kind = "", "people"
    elif not re.search(r"\bhow many\b", question, re.IGNORECASE):
        unit = _unit_kind(question, doc)
        if unit:
            counted, kind = ("percent" if unit.startswith("%") else "money"), unit
    return Query(event=event, kind=kind, counted=counted)


def _unit_kind(question: str, doc) -> str | None:
    """'%' or 'money' for questions about a share or an amount; a share held by someone
    named ('what share of the vote did Smith win') is that holder's: '%|smith'."""
    if PERCENT.search(question):
        names = [t.text.lower() for t in doc if t.pos_ == "PROPN" and t.dep_ == "nsubj"]
        return f"%|{names[0]}" if names else "%"
    return "money" if MONEY.search(question) else None
