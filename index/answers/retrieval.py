"""One generation of the open index as a question reads it, and the candidate passages a
text retrieves from it.

`Engine.ask` and the message check (`answers/check.py`) retrieve the same way: the text is
embedded, ranked by meaning and by words (`search.retrieve`), and the best Chunks are shown
as Passages in the context of their Articles. The engine opens the parts (store, model,
corpus) and hands them over as a `Snapshot`, so the answer stages never reach back into it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..claims.questions import names_unknown_thing
from .search import WINDOWED, evidence_threshold, passages, ranked, unknown_words

if TYPE_CHECKING:
    from ..records import Passage
    from ..store.chroma import Store
    from ..store.embedding import TextEmbedder
    from .corpus import Corpus


@dataclass(frozen=True)
class Snapshot:
    """The parts of one index generation a question needs, read together: the generation's
    name, the store and model it was built with, its Claims and Stories, the least
    cosine similarity that counts as evidence, and the question parser (spaCy, loaded on
    first use: only a question with two words no article uses is parsed here)."""

    name: str
    store: Store
    embedder: TextEmbedder
    corpus: Corpus
    min_score: float | None  # None: the calibrated threshold (search.MIN_SCORE)
    parse: Callable[[str], Any] | None = None

    @property
    def evidence(self) -> float:
        """The least cosine that counts as evidence in this generation's answers."""
        return evidence_threshold(self.min_score)


def candidates(snapshot: Snapshot, text: str) -> list[Passage]:
    """The passages `text` retrieves from the snapshot's generation, best first ([] when
    nothing is evidence enough)."""
    found, answers = retrieved(snapshot, text)
    return found if answers else []


def retrieved(snapshot: Snapshot, text: str) -> tuple[list[Passage], bool]:
    """The passages nearest `text` in the snapshot's generation, best first, and whether
    they answer it: one retrieval gives both the answer and, when there is none, the
    passages shown as what comes closest (`nearest`)."""
    vector = snapshot.embedder.embed_query(text)
    found, answers = ranked(snapshot.store, snapshot.corpus.lexical, vector, text,
                            snapshot.name, snapshot.min_score)
    answers = answers and bool(found) and not _unknown_thing(snapshot, text)
    doc_ids = [f.chunk.doc_id for f in found[:WINDOWED]]
    return passages(found, snapshot.store.article_texts(snapshot.name, doc_ids)), answers


def _unknown_thing(snapshot: Snapshot, text: str) -> bool:
    """Whether the text is about a thing no article names ("the super bowl"): see
    claims.questions.names_unknown_thing."""
    lexical = snapshot.corpus.lexical
    if lexical is None or snapshot.parse is None:
        return False
    unknown = unknown_words(lexical, text)
    return len(unknown) >= 2 and names_unknown_thing(snapshot.parse(text), unknown)


NEAREST = 3  # passages shown, as such, beside "no source reports this"


def nearest(snapshot: Snapshot, found: Sequence[Passage], story: str | None = None,
            ) -> list[Passage]:
    """Of the passages retrieved for a question that got no answer, the NEAREST first
    (inside `story`, a Story id, when given), with their Stories: shown as what comes
    closest, never as the answer."""
    story_of = snapshot.corpus.story_of
    near = [replace(p, story=story_of.get(p.doc_id)) for p in found]
    return [p for p in near if story is None or (p.story and p.story.id == story)][:NEAREST]
