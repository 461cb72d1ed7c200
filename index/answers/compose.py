"""Composing an Answer: the Story (or Stories) a question is about, the figures each gives
for what it asks, then the passages behind them.

A question that names a Story ("in the Salvara explosion") or whose passages come from one
gets that Story's figures; one whose passages span Stories ("how many people were killed")
gets one block per Story, best first, each with its own figures and outlets — never one
merged list. For a figure question every Figure shown comes with the passage that states
it (the best-ranked one for each Figure), then the rest by rank.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from ..claims import lexicon
from ..claims.questions import Query
from ..records import Answer, Claim, Figure, Passage, Slot, StoryRef
from .ages import age_first, asks_age
from .corpus import Corpus
from .disagreements import build_slot
from .echo import echoed
from .focus import focused
from .measures import asked, candidate_figures, fits, measure_slot
from .reasons import asks_reason, reasons_first
from .search import MIN_SCORE
from .slots import SUPPORT_RANKS, select
from .story_choice import choose_stories
from .tallies import asks_tally, tally_first
from .typed import figures_first, typed_first
from .unreported import unreported
from .wording import passages_wording

# A second passage of an Article already shown weighs this share of its fused rank: a
# question is answered by several outlets' accounts before one outlet's second paragraph.
# Measured on every public question file and ours (94 questions): 0.8 changes nothing,
# 0.4-0.7 give the same top 5s ("has the captain been arrested" then shows the outlet
# that reports the charge); 0.6 sits inside that range.
REPEAT_WEIGHT = 0.6


def passage_claims(passage: Passage, by_doc: dict[str, list[Claim]]) -> tuple[Claim, ...]:
    """Claims whose sentence stands in the passage, from any Article carrying it."""
    return tuple(c for doc in passage.docs for c in by_doc.get(doc, ())
                 if c.quote in passage.text)


def story_slot(query: Query, story: StoryRef, corpus: Corpus,
               ranks: dict[tuple[str, str], int], first: bool = True) -> Slot | None:
    """The Slot a figure question asks about, within one Story. Only the first Story may
    stand the event of its best passages' figures in for a verb it does not use: in the
    others those passages answer another question."""
    def support(claim: Claim) -> int | None:
        return ranks.get((claim.doc_id, claim.quote)) if first else None

    def build() -> Slot | None:
        claims = select(query, corpus.by_story.get(story.id, []), support)
        event = query.event or (claims[0].event if claims else "")
        return build_slot(query.about, event or "", claims, story)

    best = tuple(k for k, _ in sorted(ranks.items(), key=lambda kv: kv[1])[:SUPPORT_RANKS])
    return corpus.slot((query, story.id, best, first), build)


def first_slot(question: str, query: Query, story: StoryRef, corpus: Corpus,
               ranks: dict[tuple[str, str], int], candidates: Sequence[Passage]) -> Slot | None:
    """The Slot of the Story a question is about: the event rules' slot where its figures
    disagree or its event is one the rules know, else the measure learned from every
    figure of the Story (measures.py) where outlets disagree on it and it holds the rules'
    figures, else whichever of the two there is."""
    slot = None if query.loose else story_slot(query, story, corpus, ranks, True)
    if slot is not None and named_only(question, query, slot, corpus.rarity(story.id)):
        slot = None
    if slot is not None and (slot.disputed or query.event in lexicon.EVENTS):
        return slot  # tolls, arrests, evacuations: the rules know these events' words
    learned = measure_slot(question, query,
                           candidate_figures(candidates, story.id, corpus.figures_by_doc),
                           candidates, story, corpus.rarity(story.id))
    if learned is None or not (learned.disputed or slot is None):
        return slot
    if slot is not None and _outlets(slot) > 1 and not _shared_claims(slot, learned):
        return slot  # the rules' figures answer; the learned measure is another quantity
    return learned


def answer_slots(question: str, query: Query | None, stories: Sequence[StoryRef],
                 corpus: Corpus, ranks: dict[tuple[str, str], int],
                 candidates: Sequence[Passage]) -> list[Slot]:
    """One Slot per Story the answer shows, for a figure question: the first Story's by
    `first_slot`, the others' by the event rules alone (a question whose event the rules
    do not know gets figures from the Story it is about only)."""
    if query is None:
        return []
    found = [first_slot(question, query, stories[0], corpus, ranks, candidates)]
    if not query.loose:
        found += [story_slot(query, ref, corpus, ranks, False) for ref in stories[1:]]
    return [slot for slot in found if slot is not None]


def named_only(question: str, query: Query, slot: Slot, rare: dict[str, float]) -> bool:
    """Whether a Slot's figures stand in for the event a question names, or names none of
    (slots.by_event), while sharing nothing with the question but the Story's names: "how
    much is Peugeot paying Mitsubishi" is not answered by the 540bn yen of backing
    Mitsubishi sought, though its best passage states them (a BBC report; they had been
    shown as the payment); nor "how big is obama's jobs plan in dollars" by the "more than
    $1 million" of income its best passage taxes (realdev; the $447 billion had not been
    shown). No answered question of the public files or four sets of testers' questions
    moved."""
    claims = [c for f in slot.figures for c in f.claims]
    if query.event and any(c.event == query.event for c in claims):
        return False
    terms = asked(question, query)
    return all(fits(c, terms, rare)[1] == 0.0 for c in claims)


def _outlets(slot: Slot) -> int:
    """How many Articles state a Slot's figures (one agreeing with itself says little)."""
    return len({d for f in slot.figures for d in f.docs})


def _shared_claims(first: Slot, second: Slot) -> bool:
    """Whether two Slots hold a figure stated in the same sentence of the same Article."""
    stated = {(c.doc_id, c.quote, c.figure) for f in first.figures for c in f.claims}
    return any((c.doc_id, c.quote, c.figure) in stated for f in second.figures
               for c in f.claims)


def claim_ranks(candidates: Sequence[Passage]) -> dict[tuple[str, str], int]:
    """(doc, sentence) -> the rank of the best passage stating it."""
    ranks: dict[tuple[str, str], int] = {}
    for rank, passage in enumerate(candidates):
        for claim in passage.claims:
            ranks.setdefault((claim.doc_id, claim.quote), rank)
    return ranks


def choose_passages(candidates: Sequence[Passage], slots: Sequence[Slot],
                    top_k: int) -> list[Passage]:
    """Top passages: first, for each Figure shown, the passage holding the sentence quoted
    for it (so each figure comes with its sentence), then those that bring another outlet
    of a Figure, then the rest by rank — each group best-ranked first."""
    figures = [f for s in slots for f in s.figures]
    chosen: list[Passage] = []
    shown: set[str] = set()
    # Two passes: while there are more Figures than passages to show, an Article not yet
    # shown comes before a second passage of one that is (each outlet's evidence first).
    quoting = [_quoting(candidates, figure) for figure in figures]
    for new_only in (True, False):
        for best in quoting:
            if best is None or best in chosen or len(chosen) >= top_k or \
                    (new_only and not set(best.docs) - shown):
                continue
            chosen.append(best)
            shown.update(best.docs)
    for passage in candidates:
        if len(chosen) >= top_k:
            break
        if passage not in chosen and any(_states(passage, f) for f in figures) and \
                set(passage.docs) - shown:
            chosen.append(passage)
            shown.update(passage.docs)
    order = {id(p): i for i, p in enumerate(candidates)}
    chosen.sort(key=lambda p: order[id(p)])
    return chosen + _diverse([p for p in candidates if p not in chosen], shown,
                             top_k - len(chosen), _best_ranks(candidates))


def _diverse(candidates: Sequence[Passage], shown: set[str], k: int,
             best: dict[str, float]) -> list[Passage]:
    """k passages, best first, where one from an Article not yet shown outranks a second
    from one that is unless it ranks much lower (see REPEAT_WEIGHT), and second passages
    come in the order of their standing (see `_standing`)."""
    shown, rest = set(shown), list(candidates)
    standing = [_standing(p, best) for p in rest]
    out: list[Passage] = []
    while rest and len(out) < k:
        top = _next(rest, standing, shown)
        out.append(rest.pop(top))  # by position: Passages compare field by field
        standing.pop(top)
        shown.update(out[-1].docs)
    return out


def _next(rest: list[Passage], standing: list[float], shown: set[str]) -> int:
    """Which of the rest is shown next: the best-ranked from an Article not yet shown, unless
    the best-standing second passage ranks higher by more than REPEAT_WEIGHT."""
    new = [i for i, p in enumerate(rest) if set(p.docs) - shown]
    again = [i for i, p in enumerate(rest) if not set(p.docs) - shown]
    if not again:
        return max(new, key=lambda i: rest[i].rank)
    second = max(again, key=lambda i: standing[i])
    if not new:
        return second
    first = max(new, key=lambda i: rest[i].rank)
    return first if rest[first].rank >= REPEAT_WEIGHT * rest[second].rank else second


def _standing(passage: Passage, best: dict[str, float]) -> float:
    """A second passage's rank with its Article's: the geometric mean of its own rank and
    its Article's best passage's. An outlet that ranks first for a question is the likeliest
    to answer it in its next paragraph too, so its second passage comes before another
    outlet's second that trails its own first far.
    Measured on realdev and three further sets of real questions on its articles (144
    answering passages): 5 more answering passages in the top 5 than the passage's own
    rank alone (sets 2 and 3), nothing moved on realdev, a fourth such set or the public
    synthetic files; an Article's weight of 0.3 or 0.7 in place of the half gave 3 and 4
    more, 0.0 (the Article's rank alone) six fewer."""
    article = max((best.get(doc, 0.0) for doc in passage.docs), default=0.0)
    return math.sqrt(passage.rank * max(article, passage.rank))


def _best_ranks(candidates: Sequence[Passage]) -> dict[str, float]:
    """Each Article's best passage rank among the candidates."""
    best: dict[str, float] = {}
    for passage in candidates:
        for doc in passage.docs:
            best[doc] = max(best.get(doc, 0.0), passage.rank)
    return best


def _quoting(candidates: Sequence[Passage], figure: Figure) -> Passage | None:
    """The best-ranked passage holding the sentence quoted for a Figure, else one stating it."""
    return next((p for p in candidates if figure.quote_doc in p.docs
                 and figure.quote in p.text), None) or next(
        (p for p in candidates if _states(p, figure)), None)


def _states(passage: Passage, figure: Figure) -> bool:
    quotes = {(c.doc_id, c.quote) for c in figure.claims}
    return any((c.doc_id, c.quote) in quotes for c in passage.claims)


def compose_answer(question: str, query: Query | None, candidates: Sequence[Passage],
                   corpus: Corpus, article_count: int, top_k: int,
                   story: str | None = None, evidence: float = MIN_SCORE) -> Answer:
    """The Answer for one question from its candidate passages and the corpus's Claims
    (`evidence`: the least cosine retrieval took as evidence, see search.MIN_SCORE)."""
    candidates = [replace(p, claims=passage_claims(p, corpus.by_doc),
                          story=corpus.story_of.get(p.doc_id)) for p in candidates]
    stories = choose_stories(question, query, candidates, corpus, story)
    kept = {s.id for s in stories}
    candidates = [p for p in candidates if p.story and p.story.id in kept]
    if not candidates:
        return _unanswered(question, article_count)
    candidates = echoed(question, focused(question, candidates, evidence))
    ranks = claim_ranks(candidates)
    slots = answer_slots(question, query, stories, corpus, ranks, candidates)
    # A vote's tally is read by answers.tallies, which says itself when none is reported.
    tally = not slots and asks_tally(question)
    if not slots and not tally and unreported(
            question, query, candidates, corpus.figures_by_doc, corpus.rarity(stories[0].id)):
        return _unanswered(question, article_count)
    stated = _stated_first(question, query, tally, candidates)
    if stated is None:
        return _unanswered(question, article_count)
    candidates = stated
    if query is not None and all(not s.disputed and _outlets(s) < 2 for s in slots):
        # No figure shown, or one Article's alone (which says little on its own): the
        # passages stating a figure of the asked type whose clause fits the question first.
        candidates = figures_first(question, query, candidates, corpus.figures_by_doc,
                                   corpus.rarity(stories[0].id))
    if query is not None:
        candidates = typed_first(question, query, candidates, corpus.figures_by_doc)
    elif asks_reason(question):
        candidates = reasons_first(candidates)
    passages = choose_passages(candidates, slots, top_k)
    return Answer(question=question, passages=tuple(passages),
                  disagreements=tuple(s for s in slots if s.disputed),
                  agreements=tuple(s for s in slots if not s.disputed),
                  article_count=article_count,
                  wording=passages_wording(candidates, passages))


def _stated_first(question: str, query: Query | None, tally: bool,
                  candidates: Sequence[Passage]) -> list[Passage] | None:
    """The candidates, those stating what the question asks that no figure reads (a vote's
    tally, when it asks one no figure answered; a person's age) first; None when none of
    the best states it: no source reports it (see answers.tallies and answers.ages)."""
    if tally:
        return tally_first(candidates)
    if query is None and asks_age(question):
        return age_first(question, candidates)
    return list(candidates)


def _unanswered(question: str, article_count: int) -> Answer:
    return Answer(question=question, passages=(), article_count=article_count,
                  notice=f"None of the {article_count} articles reports this.")
