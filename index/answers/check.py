"""Checking a message against the sources: each figure it states, and what the sources say
about that quantity.

The message's figures are found by the corpus's own claim extraction ("Thirteen officers
died" is a Claim like any article's). Each becomes a figure question (a Query: its event,
what it counts, its kind of value, its place) whose Story and Slot are found the way a
question's are: the passages the message's text retrieves say which Stories it is about,
and the Slot is the one `Engine.ask` would show for that question. The message's figure is
then typed against every Figure of the Slot with the disagreement engine's own relations,
and summed up in a verdict:

- agree: some outlet reports the same figure (others may still disagree among themselves);
- disagree: some outlet reports a figure that cannot be true with it, or revises it;
- bound: every outlet's figure is compatible with it (a hedge, an overlap), none the same;
- scope: the outlets count something else (another group, another place);
- unreported: no source reports this quantity.

A message that states no figure is answered like a question: its text is asked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from ..claims import lexicon
from ..claims.questions import Query
from ..errors import QuestionError
from ..records import Answer, Article, Claim, Figure, Passage, Slot
from .compose import claim_ranks, passage_claims, story_slot
from .corpus import Corpus
from .disagreements import figure_of
from .question_text import MAX_QUESTION_CHARS
from .relations import Span, relate
from .retrieval import Snapshot, candidates
from .story_choice import choose_stories

if TYPE_CHECKING:
    from ..claims.extract import ClaimExtractor

AGREE, DISAGREE, BOUND, SCOPE, UNREPORTED = "agree", "disagree", "bound", "scope", "unreported"
# A message is read up to Discord's longest message (4,000 characters with Nitro) plus the
# text of its embeds; past that it is cut, and only its first figures are checked: a reply
# lists one block per figure, and Discord's embed holds a handful of them legibly.
MAX_MESSAGE_CHARS = 6000
MAX_FIGURES = 5
SEARCH_CHARS = 1000  # the text retrieved with: the model reads ~256 word pieces anyway
UNREPORTED_NOTE = "No source reports this"


class OpenIndex(Protocol):
    """What a message check needs of the open index (the Engine is one): the claim
    extraction articles get, the answer to a question, and a snapshot of the active
    generation. Passed in, so this stage never imports the engine that composes it."""

    @property
    def extractor(self) -> ClaimExtractor: ...

    def ask(self, question: str) -> Answer: ...

    def snapshot(self) -> Snapshot: ...


@dataclass(frozen=True)
class CheckedFigure:
    """One figure of the message, the Slot the sources give for it, and how it relates to
    each Figure of that Slot (`relations[i]` is about `slot.figures[i]`)."""

    claim: Claim
    figure: Figure
    verdict: str
    slot: Slot | None = None
    relations: tuple[str, ...] = ()

    @property
    def about(self) -> str:
        """What the figure counts, as the sources' Slot names it ("officers killed"); in
        the sources' words where the message's own were taken for another group ("2,000
        were arrested" after "officers died": people arrested)."""
        claim, slot = self.claim, self.slot
        if slot is None:
            return " ".join(x for x in (claim.counted, claim.event) if x)
        kinds = {c.kind for f in slot.figures for c in f.claims}
        if not kinds or claim.kind in kinds:
            return slot.about
        counted = Counter(f.counted for f in slot.figures if f.counted).most_common(1)
        return f"{counted[0][0] if counted else 'people'} {slot.event}".strip()

    def matching(self, *kinds: str) -> tuple[Figure, ...]:
        """The source Figures that relate to the message's figure as one of `kinds`."""
        if self.slot is None:
            return ()
        return tuple(f for f, r in zip(self.slot.figures, self.relations, strict=True)
                     if r in kinds)


@dataclass(frozen=True)
class CheckResult:
    """What checking one message gives: one CheckedFigure per figure it states, or, for a
    message stating none, the Answer its text gets as a question."""

    text: str
    figures: tuple[CheckedFigure, ...]
    answer: Answer | None = None
    article_count: int = 0

    @property
    def reported(self) -> bool:
        """Whether any source reports anything the message says."""
        if self.answer is not None:
            return bool(self.answer.passages)
        return any(f.verdict != UNREPORTED for f in self.figures)


def clean_message(text: str) -> str:
    """The message's text with invisible characters removed and whitespace folded, cut to
    MAX_MESSAGE_CHARS; raises QuestionError when nothing readable is left."""
    text = "".join(ch for ch in text if ch.isprintable() or ch.isspace())
    text = " ".join(text.split())[:MAX_MESSAGE_CHARS]
    if not any(ch.isalnum() for ch in text):
        raise QuestionError("The message has no words or figures to check.")
    return text


def message_claims(extractor: ClaimExtractor, text: str) -> list[Claim]:
    """The figures a message states, as the corpus's claim extraction reads them (one per
    value and quantity, the first MAX_FIGURES)."""
    article = Article(doc_id="message", source="message", title=None, date=None, url=None,
                      text=text, path="", content_hash="")
    seen: dict[tuple, Claim] = {}
    for claim in extractor.extract(article):
        if claim.weak:
            continue  # a figure of no event the message check can compare
        seen.setdefault((claim.value, claim.unit, claim.event, claim.kind), claim)
    return list(seen.values())[:MAX_FIGURES]


def as_question(text: str) -> str:
    """A message without figures as a question: its first words, within the question limit."""
    if len(text) <= MAX_QUESTION_CHARS:
        return text
    cut = text[:MAX_QUESTION_CHARS]
    return cut[:cut.rfind(" ")] if " " in cut else cut


def check_message(index: OpenIndex, text: str) -> CheckResult:
    """Check a message's figures against the sources (see the module docstring)."""
    text = clean_message(text)
    claims = message_claims(index.extractor, text)
    if not claims:
        answer = index.ask(as_question(text))
        return CheckResult(text=text, figures=(), answer=answer,
                           article_count=answer.article_count)
    search = _Search(index.snapshot())
    checked = tuple(_check(claim, text, search) for claim in claims)
    return CheckResult(text=text, figures=checked, article_count=len(search.corpus.sources))


class _Search:
    """Candidate passages for a text, retrieved once per text (the whole message, then a
    sentence of it when the whole finds no slot for one of its figures)."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot, self.corpus = snapshot, snapshot.corpus
        self._found: dict[str, list[Passage]] = {}

    def candidates(self, text: str) -> list[Passage]:
        text = text[:SEARCH_CHARS]
        if text not in self._found:
            corpus = self.corpus
            self._found[text] = [replace(p, claims=passage_claims(p, corpus.by_doc),
                                         story=corpus.story_of.get(p.doc_id))
                                 for p in candidates(self.snapshot, text)]
        return self._found[text]


def query_of(claim: Claim) -> Query:
    """The figure question a message's figure answers."""
    dimension = "money" if claim.dimension.startswith("money:") else claim.dimension
    return Query(event=claim.event or None, kind=claim.kind, counted=claim.counted,
                 dimension=dimension, place=claim.place,
                 words=tuple(w for w in claim.counted.lower().split() if w.isalpha()))


def find_slot(query: Query, text: str, candidates: Sequence[Passage],
              corpus: Corpus) -> Slot | None:
    """The Slot the sources give for a figure question, in the first Story that has one."""
    ranks = claim_ranks(candidates)
    for story in choose_stories(text, query, candidates, corpus):
        slot = story_slot(query, story, corpus, ranks)
        if slot is not None:
            return slot
    return None


def _check(claim: Claim, text: str, search: _Search) -> CheckedFigure:
    query = query_of(claim)
    slot = find_slot(query, text, search.candidates(text), search.corpus)
    if slot is None and claim.quote != text:  # a sentence about another Story
        slot = find_slot(query, claim.quote, search.candidates(claim.quote), search.corpus)
    if slot is None and query.kind in lexicon.PERSON_KINDS and query.kind != "people":
        # No figure for the group the message counts — often one named for another of its
        # figures ("Thirteen officers died and 2,000 were arrested"): checked against the
        # sources' figure for people.
        people = replace(query, kind="people", counted="people", words=())
        slot = find_slot(people, text, search.candidates(text), search.corpus)
    mine = figure_of([claim])
    if slot is None:
        return CheckedFigure(claim=claim, figure=mine, verdict=UNREPORTED)
    relations = relations_to(claim, mine, slot)
    return CheckedFigure(claim=claim, figure=mine, verdict=verdict_of(relations), slot=slot,
                         relations=relations)


def relations_to(claim: Claim, mine: Figure, slot: Slot) -> tuple[str, ...]:
    """How the message's figure relates to each Figure of the Slot."""
    spans = [Span.of(f) for f in slot.figures]
    span = Span.of(mine)
    kinds = frozenset(k for s in spans for k in s.kinds)
    if not span.kinds & kinds:
        # The Slot was chosen for the message's figure by what it counts ("2,000 were
        # arrested" after "officers died": people arrested); compare values, not wording.
        span = replace(span, kinds=kinds)
    return tuple("agree" if _same(claim, figure) else relate(span, other)
                 for figure, other in zip(slot.figures, spans, strict=True))


def _same(claim: Claim, figure: Figure) -> bool:
    """The same figure, hedged the same way ("13" and "13"; "at least 8" and "at least 8")."""
    theirs = figure.claims[0] if figure.claims else None
    if theirs is None or (claim.qualifier or None) != (figure.qualifier or None):
        return False
    a = claim.normalized if claim.normalized is not None else claim.value
    b = theirs.normalized if theirs.normalized is not None else theirs.value
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def verdict_of(relations: Sequence[str]) -> str:
    """The verdict on a message's figure from its relations (see the module docstring)."""
    if "agree" in relations:
        return AGREE
    if any(r in ("conflict", "update") for r in relations):
        return DISAGREE
    if "bound" in relations:
        return BOUND
    return SCOPE if relations else UNREPORTED
