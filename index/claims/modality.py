"""Figures that are not reports: a possibility ("might also be unaccounted for") or a
forecast ("ahead of analysts' expectations of $580m"). Read from the dependency parse; the
words of prediction and reporting are the lexicon's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token


def speculative(token: Token) -> bool:
    """'as many as 17 ... might also be unaccounted for': a possibility, not a report. The
    figure's clause — up to the verb that reports it — carries "might" or "may"."""
    for head in token.ancestors:
        if head.pos_ not in ("VERB", "AUX"):
            continue
        auxiliaries = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
        auxiliaries += [g for c in auxiliaries for g in c.children if g.dep_ == "aux"]
        if any(a.lower_ in ("might", "may") for a in auxiliaries):
            return True
        if head.pos_ == "VERB" and head.lemma_.lower() in lexicon.REPORTING:
            return False
    return False


def predicted(token: Token) -> bool:
    """'ahead of analysts' expectations of $580m', 'now expects revenue of $16.5bn': a
    forecast of a quantity is not a report of it, and set beside the figure reported it
    would read as a disagreement. The figure hangs, within its clause, from a word of
    prediction, or its clause is what is predicted."""
    for head in token.ancestors:
        lemma = head.lemma_.lower()
        if lemma in (lexicon.PREDICTION_NOUNS if head.pos_ == "NOUN" else
                     lexicon.PREDICTION_VERBS if head.pos_ == "VERB" else ()):
            return True
        if head.pos_ == "VERB":  # "predict that 300 mm will fall", "expect it to rise to"
            return head.dep_ in ("ccomp", "xcomp") and \
                head.head.lemma_.lower() in lexicon.PREDICTION_VERBS
    return False
