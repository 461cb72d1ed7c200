"""Which Stories a question is about: the one its best passages come from, or the one it
names, and any other whose passages weigh nearly as much and that the question describes as
well (see `choose_stories`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Sequence

from ..claims.questions import Query
from ..records import Passage, StoryRef
from .corpus import Corpus
from .keyparts import STOP, stem

STORY_PASSAGES = 10  # the passages whose ranks say which Stories a question is about
# A second Story gets its own block when its passages weigh at least this share of the
# first's (a Story the question names is chosen by name). Measured on the multi-story
# question files (the public one and ours, 61 questions): of the questions about one story
# that do not name it, all but one give the next story under 0.35 of the first's weight;
# questions that span stories give 0.22-0.76 ("how many people have been arrested" 0.60,
# "how many firefighters were injured" 0.76). A block too many would put another story's
# figures in an answer about one, so the bar errs high.
SECOND_STORY = 0.5
# The first Story is the one whose best few passages weigh most: summed over all ten, a
# Story of many reports outweighed a smaller one whose passages rank first ("what is the
# unemployment rate", asked of a corpus with a three-report heatwave and a two-report rate
# decision, went to the heatwave on seven lower-ranked passages against three better ones).
# Whether another Story gets a block of its own is still judged on all ten (SECOND_STORY):
# on three passages, a Story's few weak ones (ranked 7th-10th) counted as much as the
# first's best.
STORY_DEPTH = 3
MAX_STORIES = 3
NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
WORD = re.compile(r"[a-z]+")


def question_names(question: str, query: Query | None) -> set[str]:
    """The proper names a question uses ("Calidria", "Stella Marenna")."""
    names = {m.group(1).lower() for m in NAME.finditer(question)}
    return names | set(query.names if query else ())


def choose_stories(question: str, query: Query | None, candidates: Sequence[Passage],
                   corpus: Corpus, story: str | None = None) -> list[StoryRef]:
    """The Stories an answer is drawn from, best first (see the module docstring). A Story
    all of whose Articles are among the passages weighing it (a lone report of its own
    event) is weighed as if its best passages filled the STORY_DEPTH places it cannot fill:
    it had ranked below any Story of three reports, even for a question about it."""
    if story:
        return [s for s in corpus.stories() if s.id == story]
    shown = candidates[:STORY_PASSAGES]
    docs = {d for p in shown for d in p.docs}
    counts: dict[str, int] = {}
    for passage in shown:
        if passage.story:
            counts[passage.story.id] = counts.get(passage.story.id, 0) + 1
    complete = {sid for sid, n in counts.items() if n < STORY_DEPTH and all(
        c.doc_id in docs for c in corpus.by_story.get(sid, ()))}  # stops at a missing one
    best = story_weights(candidates, STORY_DEPTH, complete)
    total = story_weights(candidates)
    names = question_names(question, query)
    said = {sid: _words(candidates, sid) for sid in best} if names else {}
    named = [sid for sid in best if any(_names_story(n, corpus.entities.get(sid, ()))
                                        or _mentions(n, said[sid]) for n in names)]
    ranked = sorted(named or best, key=lambda sid: -best[sid])
    if not ranked:
        return []
    if named and len(named) == 1:
        return [corpus.story_ref(ranked[0])]
    top = total[ranked[0]]
    others = [sid for sid in ranked[1:MAX_STORIES] if total[sid] >= SECOND_STORY * top]
    if others:
        described = _asked(question) & _words(candidates, ranked[0])
        others = [sid for sid in others if described <= _words(candidates, sid)]
    return [corpus.story_ref(sid) for sid in [ranked[0], *others]]


def story_weights(candidates: Sequence[Passage], depth: int = STORY_PASSAGES,
                  complete: Collection[str] = ()) -> dict[str, float]:
    """Story id -> the summed ranks of its best `depth` passages among the first
    STORY_PASSAGES (candidates come best first); a `complete` Story's missing places are
    filled with the mean of the passages it has."""
    ranks: dict[str, list[float]] = {}
    for passage in candidates[:STORY_PASSAGES]:
        if passage.story:
            ranks.setdefault(passage.story.id, []).append(passage.rank)
    weights = {sid: sum(found[:depth]) for sid, found in ranks.items()}
    for sid in set(complete) & set(ranks):
        found = ranks[sid][:depth]
        weights[sid] += (depth - len(found)) * sum(found) / len(found)
    return weights


def _names_story(name: str, entities: Iterable[str]) -> bool:
    return any(name == e or name in e.split() or e in name for e in entities if len(e) > 2)


def _mentions(name: str, said: set[str]) -> bool:
    """Whether a Story's candidate passages (`said`: their words) use every word of a name:
    "how many House Democrats skipped the swearing-in" names the Democrats, whom the
    inauguration's reports mention though their Story's names are the president's."""
    words = {stem(w) for w in WORD.findall(name)}
    return bool(words) and words <= said


def _asked(question: str) -> set[str]:
    """The question's stemmed words, function words aside. Another Story gets a block only
    when its passages use every one of them the first Story's passages use: "how many
    people got arrested during the inauguration protests" describes one Story, and another
    Story's arrests, however well they rank, get no block of their own when none of its
    passages says "inauguration"; "how many people have been arrested" describes every
    Story with arrests."""
    return {stem(w) for w in WORD.findall(question.lower()) if w not in STOP}


def _words(candidates: Sequence[Passage], story: str) -> set[str]:
    """The stemmed words of a Story's candidate passages."""
    return set().union(*(_stems(p.text) for p in candidates if p.story and p.story.id == story))


@functools.lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    """A passage's stemmed words (cached: the same passages come back question after
    question)."""
    return frozenset(stem(w) for w in set(WORD.findall(text.lower())))
