"""The frame of a figure — (counted, kind, event): what it counts or measures, and what
happened — as `extract.py` asks for it, figure by figure. A measure's frame is read by
`frames.py`, an amount's or a share's by `measures.py`; a head-count's is read here, from its
clause and from the Claims before it: "54 of them" and "the nationwide figure" restate an
earlier figure, "killed nine people and sickened 214" counts what the figure before it did.
Separate from `extract.py`, which decides which figures are Claims and assembles them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Claim
from . import lexicon
from .counted import counted_noun, counted_phrase, elided_source
from .events import find_event, lexicon_event, population, verb_event
from .frames import magnitude_frame, measure_frame, temperature_frame
from .lexicon import figures, grammar
from .measures import unit_slot
from .numbers import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs that give a figure rather than say what happened (the registry's).
COUNTING_VERBS = figures.ESTIMATE_VERBS | figures.STATING_VERBS


def figure_frame(token: Token, q: Quantity, found: list[Claim], earlier: list[Claim]
                 ) -> tuple[str, str, str] | None:
    """(counted, kind, event) of a figure, or None when it measures nothing in particular."""
    if q.unit in ("%", "currency"):
        return unit_slot(token, q.unit, earlier + found)
    if q.unit == "temperature":
        return temperature_frame(token)
    if q.unit == "magnitude":
        return magnitude_frame(token)
    if q.unit:  # a measure: "burned 14,200 hectares of forest", "winds of 70 km/h"
        return measure_frame(token, q.unit)
    source = _stands_for(token, found, earlier)
    if source is not None:  # "54 of them", "put the nationwide figure at 480,000"
        return source.counted, source.kind, source.event
    counted, kind = counted_phrase(token, found, earlier)
    noun = counted_noun(token)
    shares = elided_source(found) if noun is None else None
    event = population(token) or lexicon_event(noun or token, token) or (
        _elided_event(token, shares) if shares is not None else find_event(token))
    if event == "aboard" and _argument_of_verb(token):
        # "killed 12 passengers on board": who they were, not what happened to them (but
        # "Of the eleven men aboard, three survived": the eleven are the whole, aboard)
        event = lexicon.EVENT_WORDS.get(verb_event(token) or "") or event
    if not event or (not counted and event not in lexicon.EVENTS):
        return None  # "Thousands took to the streets": nobody named, no known event
    if counted and counted.split()[-1].lower() in grammar.IGNORED_HEADS:
        return None
    return counted, kind, event


def _argument_of_verb(token: Token) -> bool:
    """The figure (or the noun it counts) is the subject or object of its verb."""
    node = token.head if token.dep_ == "nummod" else token
    return node.dep_ in ("nsubj", "nsubjpass", "dobj") and node.head.pos_ == "VERB"


def _elided_event(token: Token, source: Claim) -> str:
    """An elided count takes what is counted from the figure before it, and its event from
    its own verb where it has one: "killed nine people and sickened 214" (214 sickened),
    but "... while police put the crowd at 92,000" counts what the figure before it did."""
    verb = verb_event(token)
    direct = token.dep_ in ("dobj", "nsubj", "nsubjpass") and token.head.pos_ == "VERB"
    if not verb or not direct or verb.split()[0] in COUNTING_VERBS:
        return source.event
    return lexicon.EVENT_WORDS.get(verb) or verb


def _stands_for(token: Token, found: list[Claim], earlier: list[Claim]) -> Claim | None:
    """The figure this one is part of or restates: "54 of them" (in Kessburg) is a part of
    the figure before it, "the nationwide figure" the figure the article gave before."""
    noun = counted_noun(token)
    partitive = any(c.dep_ == "prep" and c.lower_ == "of" and
                    any(g.pos_ == "PRON" for g in c.children) for c in token.children)
    generic = noun is not None and noun.lemma_.lower() in lexicon.GENERIC_MEASURES and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    if not (partitive or generic):
        return None
    return elided_source(found) or elided_source(earlier)
