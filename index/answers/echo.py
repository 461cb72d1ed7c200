"""Echoes: the sentence one outlet answers with finds another outlet's answer.

Outlets covering one story repeat its facts, and often in the same words: a quote, a
figure with its clause, a wire sentence. A passage whose sentence restates most of what
the best passage's answering sentence says beyond the question's own words answers it
too, however low its words and meaning ranked it on their own ("God wants to see us help
ourselves by putting people back to work", quoted by three outlets, ranked first in one
and ninth in another where the paragraph around it is about a vote).

Each of the SEEDS best passages lends its rank, discounted by ECHO and by the share of
the echoing sentence it holds, to the passages of other Articles that restate its
answering sentence: the sentence of its found Chunks holding most of the question's
words. Words are weighed by how rare they are among the candidates, so the story's
names, which every passage repeats, count little.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import replace

from ..ingest.chunking import split_sentences
from ..records import Passage
from .keyparts import STOP, stem

# The best passages whose answering sentences are looked for elsewhere. Measured on every
# public question file and ours: 1, 2 and 3 seeds gave the same top 5s.
SEEDS = 2
# An echo ranks at most this share of its seed's rank (an echo is no better evidence than
# what it repeats). Measured as above: 0.6 and 0.8 brought realdev's third outlet quoting
# Obama into the top 5 and moved nothing else; 1.0 put a passage echoing a seed's
# background quote above another outlet's answer.
ECHO = 0.8
# An echo restates at least this share of the seed's sentence (rarity-weighted). Measured
# as above on the 120 passages an echo would lift: those at 0.6 and over mostly restate one
# quote or toll; under 0.5 they are two sentences on one story sharing a few of its words;
# 0.6 and 0.8 gave the same top 5s.
MIN_SHARE = 0.6
MIN_TERMS = 3  # a sentence of fewer content words restates too little to tell
WORD = re.compile(r"[a-z0-9]+")


def content_terms(text: str) -> frozenset[str]:
    """A text's stemmed content words (function words and single letters aside: the "s" of
    "Clinton's"): what echoes and focus words compare, for questions and sentences alike."""
    return frozenset(stem(w) for w in WORD.findall(text.lower()) if w not in STOP and len(w) > 1)


@functools.lru_cache(maxsize=4096)
def sentence_terms(text: str) -> tuple[frozenset[str], ...]:
    """Each sentence of a text as its content words (cached: the same passages come back
    question after question)."""
    return tuple(content_terms(s.text) for s in split_sentences(text))


def echoed(question: str, candidates: Sequence[Passage]) -> list[Passage]:
    """The candidates reordered, each passage ranked at least ECHO times the rank of a seed
    (one of the SEEDS best, from another Article) whose answering sentence it restates."""
    if len(candidates) < 2:
        return list(candidates)
    asked = content_terms(question)
    sentences = [[terms - asked for found in p.found for terms in sentence_terms(found)]
                 for p in candidates]
    idf = _rarity(sentences)
    seeds = [(p, _answering(p, asked)) for p in candidates[:SEEDS]]
    ranked = []
    for passage, own in zip(candidates, sentences, strict=True):
        lent = max((ECHO * seed.rank * share for seed, said in seeds
                    if not set(seed.docs) & set(passage.docs)
                    for terms in own if len(terms) >= MIN_TERMS
                    if (share := _share(terms, said, idf)) >= MIN_SHARE), default=0.0)
        ranked.append(replace(passage, rank=lent) if lent > passage.rank else passage)
    return sorted(ranked, key=lambda p: -p.rank)


def _answering(passage: Passage, asked: frozenset[str]) -> frozenset[str]:
    """The content words, question words aside, of the passage's found sentences that hold
    most of the question's words."""
    sentences = [t for found in passage.found for t in sentence_terms(found)]
    most = max((len(t & asked) for t in sentences), default=0)
    return frozenset().union(*(t - asked for t in sentences if len(t & asked) == most))


def _rarity(sentences: list[list[frozenset[str]]]) -> dict[str, float]:
    """Inverse document frequency of each word over the candidates' found sentences."""
    counts: dict[str, int] = {}
    for own in sentences:
        for term in frozenset().union(*own):
            counts[term] = counts.get(term, 0) + 1
    total = len(sentences) + 1
    return {term: math.log(total / n) for term, n in counts.items()}


def _share(terms: frozenset[str], said: frozenset[str], idf: dict[str, float]) -> float:
    """The rarity-weighted share of a sentence's words that the seed's sentence holds."""
    whole = sum(idf[t] for t in terms)
    return sum(idf[t] for t in terms & said) / whole if whole else 0.0
