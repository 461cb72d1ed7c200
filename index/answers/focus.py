"""Focus words: which of an Article's passages answers, told by the question's words that
tell its sentences apart.

Inside one Article every passage repeats the story's names: in a report on Governor
LePage every sentence says "LePage", and the corpus-wide rarity that makes the name weigh
most in BM25 says nothing about which of its paragraphs answers "which radio station was
LePage on". The question's focus words in an Article are those few of its sentences use
("radio", "station"); a passage whose found sentences hold more of them is that Article's
better answer.

Only the order of each Article's own passages changes: they keep the ranks the Article's
passages had, handed out in the new order, so how Articles and outlets rank against each
other is retrieval's alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..records import Passage
from .echo import content_terms, sentence_terms
from .search import MIN_SCORE

# A focus word is in at most this share of the sentences an Article's passages show.
# Measured inside each outlet's article, on realdev and on the public files (172 expected
# passages): a quarter put the answering passage first for 4 more of realdev's 60, 2 more
# of 54 other real questions and one fewer of stories.yaml's 46 than the fused rank alone.
FOCUS_SHARE = 0.25
# A passage holding every focus word ranks this much higher within its Article. Measured as
# above: 0.25 and 1.0 put one fewer answering passage first on real news than 0.5.
FOCUS_BOOST = 0.5
# A passage whose distinct cosine is d ranks 1 + d times higher within its Article.
# Measured inside each outlet's article on 258 answering passages (realdev, three further
# sets of real questions on its articles, the public synthetic files): with the focus words,
# 1.0 put 196 first, 0.5 192, 2.0 196, none 189.
DISTINCT_BOOST = 1.0


def focused(question: str, candidates: Sequence[Passage], evidence: float = MIN_SCORE,
            ) -> list[Passage]:
    """The candidates, each Article's passages reordered by the focus words their found
    sentences hold (see the module docstring); the order of the ranks is kept. `evidence`
    is the least cosine that counts as evidence (search.MIN_SCORE, or the setting that
    overrides it for another model)."""
    asked = content_terms(question)
    by_doc: dict[str, list[int]] = {}
    for i, passage in enumerate(candidates):
        by_doc.setdefault(passage.doc_id, []).append(i)
    out = list(candidates)
    for places in by_doc.values():
        if len(places) < 2:
            continue
        own = [candidates[i] for i in places]
        focus = _focus(asked, own)
        scored = sorted(own, key=lambda p: -p.rank * _weight(focus, p, evidence))
        for i, passage in zip(places, scored, strict=True):
            if passage is not candidates[i]:
                out[i] = replace(passage, rank=candidates[i].rank)
    return sorted(out, key=lambda p: -p.rank)


def _weight(focus: frozenset[str], passage: Passage, evidence: float) -> float:
    """How much higher a passage ranks among its Article's: by the share of the focus words
    its found sentences hold and by its distinct meaning (see answers.distinct). A passage
    the model rates too far from the question to be evidence (`evidence`) is not
    lifted by its words: "I want to apologise personally to every customer whose data has
    been taken" (cosine 0.24) had risen above the sentence listing the data taken (0.70)
    for "what kind of personal info was taken" (a tester's synthetic set; nothing else
    moved on any file)."""
    if passage.score < evidence:
        return 1.0
    held = len(focus & _found_terms(passage)) / len(focus) if focus else 0.0
    return (1 + FOCUS_BOOST * held) * (1 + DISTINCT_BOOST * max(0.0, passage.distinct))


def _focus(asked: frozenset[str], passages: Sequence[Passage]) -> frozenset[str]:
    """The question's words found in at most FOCUS_SHARE of the sentences an Article's
    passages show (at least one sentence)."""
    sentences = [terms for text in dict.fromkeys(p.text for p in passages)
                 for terms in sentence_terms(text)]
    most = max(1.0, FOCUS_SHARE * len(sentences))
    return frozenset(t for t in asked if 0 < sum(t in s for s in sentences) <= most)


def _found_terms(passage: Passage) -> frozenset[str]:
    return frozenset().union(*(terms for found in passage.found
                               for terms in sentence_terms(found)))
