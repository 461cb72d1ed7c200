"""The event a figure belongs to: "killed", "injured", "burn", "establish" ...

The governing verb or a lexicon word near the figure names it; the lexicon maps the words
outlets use for one event to one canonical name ("died", "death toll", "lost their lives"
-> killed), and a verb outside it is its own event (its lemma), so a figure about homes
"destroyed" still forms its own slot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lexicon
from .counted import noun_of
from .lexicon import grammar
from .measures import measured, noun_event

if TYPE_CHECKING:
    from spacy.tokens import Token

COMPLEMENTS = {"acomp", "oprd", "prt", "attr", "prep", "advmod"}
NP_DEPS = {"compound", "amod", "nmod", "poss", "case"}


def find_event(token: Token) -> str | None:
    """The canonical event of a figure: governing verb, then lexicon words of its clause."""
    noun = noun_of(token) or token
    for candidate in (noun, token):
        place = _population(candidate)
        if place:
            return place
    for word in event_window(noun, token):
        event = event_word(word)
        if event:
            return event
    thing = measured(token)  # "police put the crowd at 40,000"
    if thing is not None and thing.i != noun.i:
        return noun_event(thing)
    return verb_event(noun)


def verb_event(token: Token) -> str | None:
    """The lemma of the nearest verb above `token` that is neither a reporting verb nor a
    light one ("were", "reached"), with its particle ("wipe out")."""
    for verb in (a for a in token.ancestors if a.pos_ in ("VERB", "AUX")):
        lemma = verb.lemma_.lower()
        if lemma in lexicon.REPORTING:
            return None
        if lemma not in grammar.LIGHT_VERBS:
            particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
            return f"{lemma} {particle}" if particle else lemma
    return None


def population(token: Token) -> str | None:
    """'a nation of 19 million', 'a population of 19 million people'."""
    noun = noun_of(token)
    for candidate in ([noun] if noun is not None else []) + [token]:
        found = _population(candidate)
        if found:
            return found
    return None


def _population(token: Token) -> str | None:
    head = token.head
    if head.lower_ == "of" and head.head.lower_ in lexicon.PLACES | {"population"}:
        return "population"
    return None


def event_word(token: Token) -> str | None:
    """The canonical event a word (or the phrase it starts) names, per the lexicon; a verb
    with its particle or preposition counts as a phrase ("forced 4,100 people from ...")."""
    lemma, lower = token.lemma_.lower(), token.lower_
    if token.pos_ == "VERB":
        for child in token.children:
            if child.dep_ in ("prt", "prep"):
                event = lexicon.EVENT_WORDS.get(f"{lemma} {child.lower_}")
                if event:
                    return event
    if lemma in ("leave", "flee") and any(c.dep_ == "dobj" and c.lower_ in lexicon.LEFT_PLACES
                                          for c in token.children) and not _left_in(token):
        return "displaced"
    for word in (lemma, lower, *_participle_stems(lower)):
        event = lexicon.EVENT_WORDS.get(word)
        if event:
            return event
    text = token.doc[token.i:token.i + 5].text.lower()
    for phrase, event in lexicon.EVENT_PHRASES:
        if text.startswith(phrase):
            return event
    return None


def _left_in(verb: Token) -> bool:
    """'leaving 220,000 homes without power': homes left in a state, not people leaving."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(c.dep_ in ("oprd", "acomp") or (c.dep_ == "prep" and c.lower_ == "without")
               for n in [verb, *objects] for c in n.children)


def _participle_stems(word: str) -> tuple[str, ...]:
    """'evacuated' -> 'evacuate', 'burned' -> 'burn', 'wounded' -> 'wound': the parser
    leaves adjectival participles unlemmatised."""
    if not word.endswith("ed") or len(word) < 5:
        return ()
    return word[:-1], word[:-2], word[:-3]


def clause_event(token: Token) -> str | None:
    """The event of a measure ("burned 14,200 hectares", "the burned area reached 14,200
    hectares"): its verb, else the words of that verb's subject when the verb is light.
    (`measures.noun_event` is the other source of an event: the noun a figure measures.)"""
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    while verb is not None:
        lemma = verb.lemma_.lower()
        event = event_word(verb)
        if event:
            return event
        if lemma in lexicon.REPORTING:
            return None
        if lemma not in grammar.LIGHT_VERBS:
            return lemma
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            for word in subject.subtree:
                event = event_word(word)
                if event:
                    return event
        verb = verb.head if verb.head.i != verb.i else None
    return None


def lexicon_event(noun: Token, token: Token) -> str | None:
    """The event the lexicon finds in a figure's clause, or None (no fallback to verbs)."""
    return next((e for w in event_window(noun, token) for e in [event_word(w)] if e), None)


def event_window(noun: Token, token: Token) -> list[Token]:
    """Words that can name the figure's event, nearest first.

    The counted noun's own modifiers ("62 people in intensive care"), then the verbs it
    hangs from with their complements ("are in intensive care"), not past a reporting
    verb, then the words right after the figure.
    """
    words = _measure_clause(noun)
    words += [t for t in noun.subtree if t.i > noun.i and t.dep_ in ("prep", "pobj", "amod")]
    words.extend(noun.children)
    for child in noun.children:  # "77 others who were still missing"
        if child.dep_ in ("relcl", "acl"):
            words.extend(complements(child))
    for ancestor in noun.ancestors:
        if ancestor.lemma_.lower() in lexicon.REPORTING and ancestor.pos_ == "VERB":
            break
        words.append(ancestor)
        if ancestor.pos_ in ("VERB", "AUX"):
            words.extend(complements(ancestor))
            # "The death toll rose to 57": the subject names what the figure measures.
            words.extend(t for c in ancestor.children if c.dep_ == "nsubj"
                         and c.i not in {x.i for x in noun.subtree} for t in c.subtree)
            if ancestor.pos_ == "VERB":
                break
    words.extend(noun.doc[token.i + 1:token.i + 5])
    return [w for w in words if w.i != token.i]


def _measure_clause(noun: Token) -> list[Token]:
    """'the number of villages [destroyed]', 'the number of people [forced from their
    homes]': the clause on the measure word says what happened to those counted."""
    head = noun.head.head if noun.head.lower_ == "of" else None
    if head is None or head.lower_ not in lexicon.GENERIC_MEASURES:
        return []
    out = []
    for child in head.children:
        if child.dep_ in ("acl", "amod", "relcl"):
            out.extend([child, *complements(child)])
    return out


def complements(verb: Token) -> list[Token]:
    """'are [in intensive care]', 'were [hospitalised]': the verb's close complements only
    (not whole clauses, which talk about other figures)."""
    out = []
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB" and verb.pos_ == "AUX":
            out.append(child)  # "had been all but wiped off the map"
        if child.dep_ in COMPLEMENTS:
            out.append(child)
            for grand in child.children:
                if grand.dep_ in ("pobj", "amod", "compound"):
                    out.extend([grand, *(g for g in grand.children if g.dep_ in NP_DEPS)])
    return out


def another_incident(token: Token) -> bool:
    """'In a separate attack on Tuesday, five people died'; 'and a further five in a second
    blast': a figure set in another incident than the story's own is background to it, as
    a figure of another year is. Looked for on the figure and the words up to its verb."""
    for node in [token, *token.ancestors]:
        for prep in (c for c in node.children if c.dep_ == "prep"):
            for noun in (g for g in prep.children if g.dep_ == "pobj"):
                if noun.lemma_.lower() in lexicon.INCIDENTS and any(
                        m.lower_ in lexicon.OTHER_ONES for m in noun.children
                        if m.dep_ in ("amod", "det")):
                    return True
        if node.pos_ == "VERB":
            return False
    return False
