"""What an amount or a share measures: "$2.1 billion in damage", "Turnout was 61%".

Money and percentages carry no head noun of their own ("61%" counts nobody), so the slot
comes from the thing measured: the noun after "in"/"of" ("$50 million in aid", "52% of
the vote") or before "of" ("revenue of $4.2 billion"), the subject of a verb of amount
("Turnout was 61%", "Damage could exceed $3 billion"), or the object of a verb of
estimation ("officials put the crowd at 40,000").
Shares held by someone ("Smith won 52% of the vote") are kept apart per holder, so two
candidates' results are never read as two reports of one figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from . import lexicon
from .lexicon import figures
from .units import CURRENCY_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..records import Claim

# "120m euros in aid": the currency word written after an amount stands for the amount.
CURRENCY_NOUNS = {w for w in CURRENCY_WORDS if " " not in w}
UNIT_KINDS = {"%": "%", "currency": "money"}


def _unit_head(token: Token) -> Token:
    """The token standing for the whole amount: '%' for '61%', 'euros' for '120m euros',
    the number otherwise."""
    if token.head.lower_ in figures.UNIT_WORDS | CURRENCY_NOUNS:
        return token.head
    written = next((c for c in token.children if c.dep_ == "appos"
                    and c.lower_ in CURRENCY_NOUNS), None)
    return written if written is not None else token


def _object_of(token: Token, preposition: str) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == preposition:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return obj
    return None


def _governing_verb(token: Token) -> Token | None:
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _subject(verb: Token | None) -> Token | None:
    """The subject of a verb, looking through 'is expected to exceed'."""
    while verb is not None:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        verb = verb.head if verb.dep_ in ("xcomp", "ccomp", "conj") and verb.head != verb \
            else None
    return None


def measured(token: Token) -> Token | None:
    """The noun an amount measures, or None (see the module docstring)."""
    base = _unit_head(token)
    for preposition in ("of", "in"):
        found = _object_of(base, preposition)
        if found is not None and found.lower_ not in figures.UNIT_WORDS:
            return found
    owner = owner_of(base)
    if owner is not None:
        return owner
    verb = _governing_verb(base)
    if verb is None:
        return None
    if base.dep_ in ("dobj", "nsubjpass", "attr"):  # "approved €2.5m in aid"
        for preposition in ("in", "for"):
            found = _object_of(verb, preposition)
            if found is not None and found.lower_ not in figures.UNIT_WORDS:
                return found
    lemma = verb.lemma_.lower()
    if lemma in figures.ESTIMATE_VERBS:
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i != base.i]
        if objects:
            return objects[0]
    subject = _subject(verb)
    if subject is not None and _common_noun(subject) and (
            lemma in figures.AMOUNT_VERBS or (verb.head.lemma_.lower() in figures.AMOUNT_VERBS)):
        return subject
    return None


def _common_noun(token: Token) -> bool:
    """A noun, or an event's noun the tagger took for a name because it opens the sentence:
    "Turnout was 61.4%, according to the commission" (a tester's synthetic set, where that
    share had measured nothing)."""
    # is_sent_start is None only where a doc has no sentence bounds (the parser sets them)
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and bool(token.is_sent_start) and
                                    token.lower_ in lexicon.EVENT_WORDS)


def owner_of(unit: Token) -> Token | None:
    """The noun an amount is "of" — "revenue of $4.2 billion", "a turnout of 62%", "gusts
    of 150 km/h" — or None."""
    owner = unit.head.head if unit.dep_ == "pobj" and unit.head.lower_ == "of" else None
    if owner is not None and owner.pos_ == "NOUN" and owner.lower_ not in figures.UNIT_WORDS:
        return owner
    return None


def noun_event(noun: Token) -> str:
    """The canonical event of a measured noun ('losses' -> 'damage'), or its lemma."""
    lemma = noun.lemma_.lower()
    return lexicon.EVENT_WORDS.get(lemma) or lexicon.EVENT_WORDS.get(noun.lower_) or lemma


def holder(token: Token) -> str | None:
    """Who holds a share: the name it hangs from ("challenger Tomas Jones on 45 percent"),
    else the named subject of its clause, up through the clauses it sits in ("Smith won
    52% of the vote"; "Smith was sworn in after winning with 52% of the vote")."""
    base = _unit_head(token)
    for ancestor in base.ancestors:
        if ancestor.pos_ == "PROPN":
            return ancestor.text.lower()
        if ancestor.pos_ in ("VERB", "AUX"):
            break
    verb = _governing_verb(base)
    while verb is not None:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject.text.lower() if subject.pos_ == "PROPN" and \
                not _common_noun(subject) else None
        verb = _governing_verb(verb)
    return None


def unit_slot(token: Token, unit: str, earlier: Sequence[Claim] = ()
              ) -> tuple[str, str, str] | None:
    """(counted, kind, event) for a money or percent figure; None when nothing is measured.

    The verb names the event when the lexicon knows it ("cost the economy €1.1bn"), else
    the thing measured does; "estimates it at €650m" measures what the figure before it
    did (a pronoun)."""
    noun = measured(token)
    kind = UNIT_KINDS[unit]
    if noun is not None and noun.pos_ == "PRON":
        before = next((c for c in reversed(list(earlier)) if c.dimension.startswith(
            "money" if unit == "currency" else "%")), None)
        return (before.counted, before.kind, before.event) if before else None
    verb = _governing_verb(_unit_head(token))
    verb_event = lexicon.EVENT_WORDS.get(verb.lemma_.lower()) if verb is not None else None
    if noun is None and verb_event is None:
        return None
    owner = holder(token) if unit == "%" else (period_of(noun) if noun is not None else None)
    counted = "percent" if unit == "%" else "money"
    event = verb_event or noun_event(cast("Token", noun))  # no verb_event: noun is not None
    return counted, f"{kind}|{owner}" if owner else kind, event


def period_of(noun: Token) -> str | None:
    """The period an amount covers, as its noun says ("third-quarter revenue", "annual
    sales", "profit for the first half"): amounts of two periods are two quantities, never
    a disagreement (they relate as scope)."""
    words = [t for left in noun.lefts for t in left.subtree]
    words += [t for c in noun.children if c.dep_ == "prep" and c.lower_ in ("for", "in", "over")
              for t in c.subtree]
    lowered = [t.lower_ for t in words]
    for index, word in enumerate(lowered):
        period = figures.PERIODS.get(word) or (figures.QUARTERS.get(word) and "quarter")
        if period is None:
            continue
        ordinal = figures.QUARTERS.get(word) or next(
            (w for w in reversed(lowered[max(0, index - 3):index]) if w in figures.ORDINALS), None)
        return f"{ordinal} {period}" if ordinal and period in ("quarter", "half") else period
    return None
