"""What a measure's figure measures: the thing ("14,200 hectares of forest", "winds of 70
km/h"), a size ("324 metres tall"), a temperature reading, an earthquake's magnitude. Each
returns (counted, kind, event), or None when the figure measures nothing in particular.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lexicon
from .counted import noun_phrase
from .dated import clause_verb, subject_of
from .events import clause_event
from .lexicon import grammar
from .measures import measured, owner_of

if TYPE_CHECKING:
    from spacy.tokens import Token

DISTANCE = lexicon.SIZES["distance"]  # what a length placing one thing from another is filed under


def size_of(unit: Token, thing: Token | None) -> str | None:
    """The size a measure states — "height" for "324 metres tall" or "a height of 330 m",
    "length" for "1,200 km long" — or None. A size is a property of the thing, so that is
    what it is filed under, whatever verb the sentence uses ("is", "stands", "has")."""
    for word in (unit.head, *unit.children):  # "1,200 km long"; "330 m high" parsed as a verb
        if word.pos_ in ("ADJ", "ADV") and word.lower_ in lexicon.SIZES:
            return lexicon.SIZES[word.lower_]
    if thing is not None and thing.lower_ in lexicon.SIZES:
        return lexicon.SIZES[thing.lower_]
    return None


def temperature_frame(token: Token) -> tuple[str, str, str] | None:
    """A temperature is a reading of the temperature whatever the sentence's subject ("the
    thermometer reached 115F", "temperatures hit 44.3C", "it was 40C"): its place and date
    tell readings apart, not the verb. A difference between two readings is none."""
    unit = token.head if token.dep_ in ("nummod", "compound", "quantmod") else token
    near = {c.lower_ for c in unit.children} | {unit.head.lower_}
    if near & grammar.DIFFERENCE_WORDS:
        return None
    return "", "temperature", "temperature"


def magnitude_frame(token: Token) -> tuple[str, str, str] | None:
    """A magnitude is its quake's: "a magnitude 6.8 earthquake", "measured the quake at
    magnitude 7.0"; an aftershock's is another quake's (kind "aftershock"). With no quake
    named in its clause, no claim: it could be either."""
    for node in [token, *token.ancestors]:
        if node.lemma_.lower() in lexicon.QUAKES:
            return node.text, lexicon.QUAKES[node.lemma_.lower()], "magnitude"
        if node.pos_ in ("VERB", "AUX"):
            quake = next((c for c in node.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")
                          and c.lemma_.lower() in lexicon.QUAKES), None)
            if quake is None:
                return None
            return quake.text, lexicon.QUAKES[quake.lemma_.lower()], "magnitude"
    return None


def measure_frame(token: Token, category: str = "") -> tuple[str, str, str] | None:
    """A measure counts its material ("hectares of forest") or the thing it measures
    ("winds of 70 km/h"); its event is the verb it hangs from ("burned")."""
    unit = token.head if token.dep_ in ("nummod", "compound", "quantmod") else token
    material = next((g for c in unit.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), None)
    owner = owner_of(unit)
    thing = material if material is not None else (measured(token) or owner)
    counted, kind = noun_phrase(thing) if thing is not None else ("", "")
    event = clause_event(token)
    if category == "length" and _distance(unit):
        return counted, kind, DISTANCE
    size = size_of(unit, thing)
    if size is not None:  # "324 metres tall", "a length of 980 kilometres": a size, not an event
        subject = subject_of(clause_verb(unit))
        counted, kind = noun_phrase(subject) if subject is not None and \
            subject.pos_ in ("NOUN", "PROPN") else ("", "")
        return counted, kind.lower(), size
    if thing is not None and (event is None or (event not in lexicon.EVENTS and
                                                owner is not None and thing.i == owner.i)):
        # "made landfall with gusts of 150 km/h": what is measured is the gusts, not "make"
        event = lexicon.EVENT_WORDS.get(thing.lemma_.lower()) or thing.lemma_.lower()
    return (counted, kind, event) if event else None


def _distance(unit: Token) -> bool:
    """A length that places something from something else: "25 kilometres downstream", "40
    km north of the city", "3 miles away", "20 miles from the town" (the unit modifies the
    adverb or preposition of direction). It is the distance between two places, not the
    measure of the clause's event: "In Selna, 25 kilometres downstream, the river crested
    at 4.2 metres" had its 25 km shown for "how high did the river rise"."""
    head = unit.head
    return unit.dep_ == "npadvmod" and head.pos_ in ("ADV", "ADJ", "ADP") and \
        lexicon.SIZES.get(head.lower_, DISTANCE) == DISTANCE  # "1,200 metres long": a size
