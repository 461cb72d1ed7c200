"""One index generation as the answers see it: its Claims by Article and by Story, its
Stories, and its lexical index — read once per generation and kept, as a generation never
changes once active.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..claims import lexicon
from ..claims.questions import Query
from ..records import Claim, Slot, SourceSummary, StoryRef, StorySummary
from ..store.lexical import LexicalIndex
from .alignment import measure_disputes
from .disagreements import build_slot
from .keyparts import rarity
from .slots import by_place, no_single_ones, one_voice, places_split, specific
from .times import another_time, rate


@dataclass
class Corpus:
    """A generation's Claims, Stories and lexical index (see the module docstring)."""

    claims: tuple[Claim, ...]
    sources: list[SourceSummary]
    lexical: LexicalIndex | None
    entities: dict[str, set[str]] = field(default_factory=dict)  # story id -> names
    by_doc: dict[str, list[Claim]] = field(default_factory=dict)
    by_story: dict[str, list[Claim]] = field(default_factory=dict)
    story_of: dict[str, StoryRef] = field(default_factory=dict)
    # Every figure of each Story, weak ones too (Claim.weak): what measures are learned from.
    # The other views hold the Claims the event rules give a slot.
    figures_by_story: dict[str, list[Claim]] = field(default_factory=dict)
    figures_by_doc: dict[str, list[Claim]] = field(default_factory=dict)
    _rarity: dict[str, dict[str, float]] = field(default_factory=dict)
    _slots: dict[tuple, Slot | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    SLOTS_KEPT = 256

    @classmethod
    def from_records(cls, records: Iterable[tuple[dict, list[Claim]]],
                     sources: list[SourceSummary], lexical: LexicalIndex | None) -> Corpus:
        """From (Article metadata, its Claims) pairs, one per Article."""
        corpus = cls(claims=(), sources=sources, lexical=lexical)
        claims: list[Claim] = []
        for meta, article_claims in records:
            doc_id = meta["doc_id"]
            story = StoryRef(meta.get("story") or doc_id,
                             meta.get("story_title") or meta.get("title") or doc_id)
            corpus.story_of[doc_id] = story
            names = corpus.entities.setdefault(story.id, set())
            names.update(json.loads(meta.get("entities") or "[]"))
            if meta.get("title"):  # a reference article's title is its topic's name
                names.add(meta["title"].lower())
            corpus.figures_by_story.setdefault(story.id, []).extend(article_claims)
            corpus.figures_by_doc[doc_id] = article_claims
            article_claims = [c for c in article_claims if not c.weak]
            corpus.by_doc[doc_id] = article_claims
            corpus.by_story.setdefault(story.id, []).extend(article_claims)
            claims.extend(article_claims)
        corpus.claims = tuple(claims)
        return corpus

    def rarity(self, story_id: str) -> dict[str, float]:
        """How rare each key word is among a Story's figures (measures.rarity), once per
        Story and generation: every question about the Story weighs its words by it."""
        found = self._rarity.get(story_id)
        if found is None:
            found = self._rarity[story_id] = rarity(self.figures_by_story.get(story_id, []))
        return found

    def stories(self) -> list[StoryRef]:
        return list({s.id: s for s in self.story_of.values()}.values())

    def slot(self, key: tuple, build: Callable[[], Slot | None]) -> Slot | None:
        """A question's slot, built once per generation (the last SLOTS_KEPT are kept: at
        100k passages one slot gathers tens of thousands of Claims)."""
        with self._lock:
            if key in self._slots:
                return self._slots[key]
        slot = build()
        with self._lock:
            if len(self._slots) >= self.SLOTS_KEPT:
                self._slots.pop(next(iter(self._slots)))
            self._slots[key] = slot
        return slot

    def disputes(self, story: str | None = None) -> list[Slot]:
        """Every quantity of every Story (or of one) where at least two outlets report
        figures that conflict or revise each other."""
        out = []
        for story_id, claims in sorted(self.by_story.items()):
            if story and story_id != story:
                continue
            ref = self.story_ref(story_id)
            out.extend(_merged(_story_disputes(claims, ref),
                               measure_disputes(self.figures_by_story.get(story_id, []), ref)))
        return sorted(out, key=lambda s: -len({d for f in s.figures for d in f.docs}))

    def story_ref(self, story_id: str) -> StoryRef:
        return next((s for s in self.story_of.values() if s.id == story_id),
                    StoryRef(story_id, story_id))

    def summaries(self) -> list[StorySummary]:
        """Every Story with its Articles, outlets, dates and disputed quantities."""
        disputed: dict[str, list[str]] = {}
        for slot in self.disputes():
            if slot.story:
                disputed.setdefault(slot.story.id, []).append(slot.about)
        docs: dict[str, list[SourceSummary]] = {}
        for source in self.sources:
            story = self.story_of.get(source.doc_id)
            if story:
                docs.setdefault(story.id, []).append(source)
        out = []
        for story in self.stories():
            members = docs.get(story.id, [])
            dates = sorted(s.date[:10] for s in members if s.date)
            out.append(StorySummary(
                id=story.id, title=story.title, docs=tuple(s.doc_id for s in members),
                sources=tuple(dict.fromkeys(s.source for s in members)),
                first=dates[0] if dates else None, last=dates[-1] if dates else None,
                disputed=tuple(disputed.get(story.id, ()))))
        return sorted(out, key=lambda s: (-len(s.docs), s.title))


def _merged(by_rules: list[Slot], learned: list[Slot]) -> list[Slot]:
    """The disputes of one Story: the event rules' for the events their lexicon knows
    (casualties, arrests, displacement ...) and for measures (temperatures, areas), where
    they were measured, and the measures
    learned from every figure (alignment.py) that state other figures."""
    kept = [s for s in by_rules if s.event in lexicon.EVENTS or (
        s.dimension != "count" and not s.dimension.startswith("money"))]
    seen = {(d, f.value) for s in kept for f in s.figures for d in f.docs}
    return kept + [s for s in learned if not _mostly_in(s, seen)]


def _mostly_in(slot: Slot, seen: set) -> bool:
    """Whether most of a Slot's (Article, figure) pairs are in another Slot already shown:
    the same quantity the rules found, in other words."""
    pairs = {(d, f.value) for f in slot.figures for d in f.docs}
    return 2 * len(pairs & seen) > len(pairs)


def _story_disputes(claims: list[Claim], story: StoryRef) -> list[Slot]:
    groups: dict[tuple, list[Claim]] = {}
    for claim in claims:
        if not claim.background and claim.dimension != "date":
            # A rate ("1.8 million machines a year") is never the same quantity as a total.
            groups.setdefault((claim.event, claim.kind, claim.dimension.split(":")[0],
                               rate(claim) or ""), []).append(claim)
    out = []
    for (event, kind, dimension, _), members in sorted(groups.items()):
        query = Query(event=event, kind=kind, counted="", dimension=dimension)
        for place in _places(members):
            chosen = no_single_ones(one_voice(specific(
                query, by_place(_with_place(query, place), members))))
            if len({c.source for c in chosen}) < 2 or _of_other_times(chosen):
                continue
            counted = max((c.counted for c in chosen if c.counted),
                          key=lambda t: sum(c.counted == t for c in chosen), default=kind)
            about = "population" if event == "population" else f"{counted} {event}"
            slot = build_slot(about + (f" ({place})" if place != "national" else ""),
                              event, chosen, story)
            if slot and slot.disputed:
                out.append(slot)
    return out


def _of_other_times(claims: list[Claim]) -> bool:
    """Whether every two outlets' figures are of two times ("shares fell 6.2 percent on
    Monday" / "a further 3.1 percent on Tuesday"): no dispute, two quantities."""
    return all(another_time(a, b) for a in claims for b in claims if a.source < b.source)


def _places(claims: list[Claim]) -> list[str]:
    if not places_split(claims):
        return ["national"]
    named = {c.place for c in claims if c.place and c.place not in ("national", "capital",
                                                                     "city")}
    return ["national", *sorted(named)]


def _with_place(query: Query, place: str) -> Query:
    from dataclasses import replace

    return replace(query, place=place)

