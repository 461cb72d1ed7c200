"""Attribution: whom a figure is attributed to ("according to X", "X said", "citing X").

The authority is the one the outlet cites, not the outlet itself: the subject of the
nearest reporting verb above the figure, else the object of the nearest "according to",
"citing" or "quoted by", else any reporting verb's subject in the sentence. A pronoun
reporter ("It also said ...") takes the authority of the figure before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..records import Claim
from . import lexicon
from .lexicon import grammar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME_CUT = {"acl", "relcl", "punct", "appos", "advcl", "cc", "conj"}


def span_text(tokens: Sequence[Token]) -> str:
    """The words from the first to the last token, as written (keeps 'ex-Soviet')."""
    doc = tokens[0].doc
    return doc[min(t.i for t in tokens):max(t.i for t in tokens) + 1].text


def find_authority(token: Token) -> str | None:
    """Whom a figure is attributed to: the nearest reporting verb above it ('the interior
    ministry said at least eight ...'), else 'according to X' / 'citing X' / 'quoted by X',
    else any reporting verb's subject in the sentence."""
    for ancestor in token.ancestors:
        name = _reporter(ancestor, token)
        if name:
            return name
    sentence = token.sent
    cues = [w for w in sentence if w.lower_ in ("according", "citing")
            or (w.lower_ == "by" and w.head.lemma_ == "quote")]
    for word in sorted(cues, key=lambda w: abs(w.i - token.i)):  # the nearest cue wins
        target = _object_of(word)
        if target is not None:
            return _name(target)
    return next((n for w in sentence for n in [_reporter(w, token)] if n), None)


def _reporter(verb: Token, figure: Token) -> str | None:
    """The subject of a reporting verb, unless it is a pronoun, holds the figure itself or
    is a bare number ("61 have been confirmed": what is reported, not who)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon.REPORTING:
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in grammar.PRONOUNS and not (
                child.pos_ == "NUM" and all(t.pos_ != "PROPN" for t in child.subtree)):
            if figure.i in {t.i for t in child.subtree}:
                return None
            return _name(child)
    return None


def _object_of(token: Token) -> Token | None:
    for child in token.subtree:
        if child.dep_ in ("pobj", "dobj") and child.i != token.i:
            return child
    return None


def _name(noun: Token) -> str:
    """A noun phrase without clauses hanging from it ('city officials', not '... quoted by')."""
    def kept(token: Token) -> bool:
        while token.i != noun.i:
            if token.dep_ in NAME_CUT or (token.dep_ == "prep" and token.lower_ != "of"):
                return False
            token = token.head
        return True

    inside = {t.i for t in noun.subtree if kept(t)}
    # A hyphen joins two kept words ("ex-Soviet"), never a kept one to a cut clause.
    tokens = [t for t in noun.subtree if t.i in inside or (
        t.tag_ == "HYPH" and t.i - 1 in inside and t.i + 1 in inside)]
    while len(tokens) > 1 and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    return span_text(tokens) if tokens else noun.text


def previous_authority(doc: Doc, earlier: list[Claim]) -> str | None:
    """A pronoun reporter ('It also said ...') cites whom the previous figure cited."""
    reporters = [t for t in doc if t.lemma_.lower() in lexicon.REPORTING and t.pos_ == "VERB"]
    pronoun = any(c.dep_ == "nsubj" and c.lower_ in grammar.PRONOUNS for r in reporters
                  for c in r.children)
    return earlier[-1].authority if pronoun and earlier else None
