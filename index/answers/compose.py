"""Composing an Answer: the slot a question asks about, then the passages behind it.

For a figure question the passages are chosen so that every Figure shown comes with the
passage that states it (the best-scoring one for each Figure), then the rest by score.
Questions that ask for no figure get the passages by score alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..claims.questions import Query
from ..records import Answer, Claim, Passage
from .disagreements import ClaimIndex, answers_query
from .wording import passages_wording

SLOT_BONUS = 0.1  # a passage stating a figure the question asks for ranks above a near tie


def passage_claims(passage: Passage, by_doc: dict[str, list[Claim]]) -> tuple[Claim, ...]:
    """Claims whose sentence stands in the passage, from any Article carrying it."""
    return tuple(c for doc in passage.docs for c in by_doc.get(doc, ())
                 if c.quote in passage.text)


def choose_passages(candidates: Sequence[Passage], query: Query | None,
                    top_k: int) -> list[Passage]:
    """Top passages: first those that bring a Figure or an outlet of the slot not yet shown
    (so each figure comes with its sentence, from as many outlets as fit), then by score."""
    def slot_claims(p: Passage) -> list[Claim]:
        return [c for c in p.claims if query and answers_query(c, query)]

    def rank(p: Passage) -> float:
        return p.score + (SLOT_BONUS if slot_claims(p) else 0.0)

    ordered = sorted(candidates, key=rank, reverse=True)
    chosen: list[Passage] = []
    figures: set[float] = set()
    docs: set[str] = set()
    while len(chosen) < top_k:
        def gain(p: Passage) -> int:
            claims = slot_claims(p)
            return (10 * len({c.value for c in claims} - figures)
                    + len({c.doc_id for c in claims} - docs))
        best = max((p for p in ordered if p not in chosen), key=gain, default=None)
        if best is None or gain(best) == 0:
            break
        chosen.append(best)
        figures.update(c.value for c in slot_claims(best))
        docs.update(c.doc_id for c in slot_claims(best))
    chosen += [p for p in ordered if p not in chosen][:top_k - len(chosen)]
    return sorted(chosen, key=rank, reverse=True)


def compose_answer(question: str, query: Query | None, candidates: Sequence[Passage],
                   claims: ClaimIndex, article_count: int, top_k: int) -> Answer:
    """The Answer for one question from its candidate passages and the corpus's Claims."""
    if not candidates:
        return Answer(question=question, passages=(), article_count=article_count,
                      notice=f"None of the {article_count} articles reports this.")
    candidates = [replace(p, claims=passage_claims(p, claims.by_doc)) for p in candidates]
    slot = claims.slot_for(query) if query else None
    passages = choose_passages(candidates, query, top_k)
    disputed = (slot,) if slot and slot.disputed else ()
    agreed = (slot,) if slot and not slot.disputed else ()
    return Answer(question=question, passages=tuple(passages), disagreements=disputed,
                  agreements=agreed, article_count=article_count,
                  wording=passages_wording(candidates, passages))
