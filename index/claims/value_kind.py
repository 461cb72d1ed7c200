"""What kind of value a figure question asks for: a count, money, a share, a date, a
length, a duration ... (`dimension_asked`), whether a share answers it as well
(`share_answers`), and which size a length question asks ("how tall": a height).
`questions.py` reads the rest of the question; the words are the registry's
(lexicon/asking.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import lexicon
from .lexicon import asking
from .units import unit_after

if TYPE_CHECKING:
    from spacy.tokens import Doc

PERCENT = re.compile(asking.PERCENT, re.I)
MONEY = re.compile(asking.MONEY, re.I)
AMOUNTS = re.compile(asking.AMOUNTS, re.I)
DATE = re.compile(asking.DATE, re.I)
LENGTH = re.compile(asking.LENGTH, re.I)
SIZE_ASKED = re.compile(asking.SIZE_ASKED, re.I)
TEMPERATURE = re.compile(asking.TEMPERATURE, re.I)
CHANGE_ASKED = re.compile(asking.CHANGE_ASKED, re.I)
AREA_WORDS = asking.AREA_WORDS
SIZE_VERBS = asking.SIZE_VERBS
DURATION_VERBS = asking.DURATION_VERBS


def size_event(question: str, dimension: str, event: str | None) -> str | None:
    """'how tall is the tower', 'what is the length of the river': the size asked for is
    what claims file such a measure under (see claims.lexicon.SIZES), whatever the verb."""
    match = SIZE_ASKED.search(question)
    if dimension != "length" or match is None or (event and event not in SIZE_VERBS):
        return event
    return lexicon.SIZES[(match.group(1) or match.group(2)).lower()]


def dimension_asked(question: str, doc: Doc) -> str:
    """The kind of value asked for (see questions.Query)."""
    lowered = question.lower()
    if DATE.search(question):
        return "date"
    if "how many" in lowered:
        return _unit_asked(lowered) or "count"
    if LENGTH.search(question):
        return "length"
    if re.search(r"\bhow long (?:did|does|do|will|would|has|have|had|can|could)\b", lowered):
        return "duration"  # "how long did the strike last": sizes are asked with "is"
    if "how long" in lowered:
        verbs = {t.lemma_.lower() for t in doc if t.pos_ in ("VERB", "AUX")}
        return "duration" if verbs & DURATION_VERBS or "will" in verbs else "length"
    if "how fast" in lowered or "what speed" in lowered:
        return "speed"
    if TEMPERATURE.search(question):
        return "temperature"
    if PERCENT.search(question) and not MONEY.search(question):
        return "%"
    nouns = {t.lemma_.lower() for t in doc if t.pos_ in ("NOUN", "PROPN", "ADJ")}
    if nouns & AREA_WORDS and re.search(r"\bhow (much|big|large)\b", lowered):
        return "area"
    if MONEY.search(question) or AMOUNTS.search(question):
        return "money"
    if "how much" in lowered:
        return "measure"  # "how much water": no head-count of a mass, some unit of it
    return "count"


def share_answers(question: str, doc: Doc, dimension: str, event: str | None) -> bool:
    """Whether a share answers the question as well as the amount or count it asks (see
    questions.Query.or_share): a change of an amount, or a turnout not asked as a head-count ("how
    many voted")."""
    if dimension in ("money", "measure"):
        return _change(question, doc)
    return dimension == "count" and event in asking.SHARE_EVENTS and \
        "how many" not in question.lower()


def _change(question: str, doc: Doc) -> bool:
    """Whether an amount question asks by how much something changed: "by how much", or
    "how much" said of a verb of change ("how much did sales rise", "how much will fares go
    up"; see the registry's CHANGE_ASKED); not of a noun ("how much rain fell")."""
    if CHANGE_ASKED.search(question):
        return True
    verb = next((t.head for t in doc if t.lower_ == "much" and t.head.i != t.i), None)
    return verb is not None and (verb.lemma_.lower() in asking.CHANGE_VERBS or any(
        c.dep_ == "prt" and c.lower_ in asking.CHANGE_PARTICLES for c in verb.children))


def date_asked(doc: Doc) -> bool:
    """'what was his last day in office', 'what is the date of the vote': a what-question
    whose subject or complement is a time noun (the registry's TIME_NOUNS) asks for a date;
    "what was the toll on the first day" does not."""
    return doc[0].lower_ == "what" and any(
        t.lemma_.lower() in asking.TIME_NOUNS and t.dep_ in ("nsubj", "nsubjpass", "attr")
        and t.head.lemma_ == "be" for t in doc)


def _unit_asked(lowered: str) -> str | None:
    """'how many hectares', 'how many euros': a unit names the dimension asked for; 'how
    many years did she serve' asks a duration, as 'how long' does (asked as a count, it had
    been told no source reports it when its articles give the span: "from 2009 to 2013")."""
    match = re.search(r"\bhow many ([a-z²/]+(?: [a-z]+)?)", lowered)
    unit = unit_after(f" {match.group(1)}", 0) if match else None
    if unit is None:
        return None
    return "money" if unit.category == "currency" else unit.category
