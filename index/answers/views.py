"""The corpus-wide views of an index generation — its Corpus, its Stories' summaries and
the outlets' wording disputes — each built once per generation and rebuilt after a swap.

Separate from the engine, which asks for them by generation name: how each view is read
from the store and kept per generation is here, so the engine stays the entry point that
composes the stages (its `corpus`, `stories` and `wording` delegate to `Views`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar, cast

from ..records import StorySummary, Wording
from ..store.chroma import Store
from ..store.lexical import LexicalIndex, build_lexical
from .corpus import Corpus
from .wording import mentions, wording_disputes

T = TypeVar("T")


class Views:
    """The corpus-wide views of the open index, each kept with the name of the generation
    it was built from ("" when none is active). `store` gives the engine's store, opened
    on first use."""

    def __init__(self, store: Callable[[], Store]) -> None:
        self._store = store
        self._cache_lock = threading.RLock()
        # Per index generation: (generation name, value) for each corpus-wide view.
        self._generation_cache: dict[str, tuple[str, object]] = {}

    def corpus(self, name: str) -> Corpus:
        """Generation `name`'s Claims, Stories and lexical index, read once."""
        return self._per_generation("corpus", name, lambda: self._read_corpus(name))

    def _read_corpus(self, name: str) -> Corpus:
        lexical = None
        if name:
            folder = self._store().lexical_dir(name)
            lexical = LexicalIndex.load(folder)
            if lexical is None:  # built elsewhere (a shared Chroma server): build it here
                lexical = build_lexical(self._store(), name, folder)
        records = self._store().article_claims(name or None)
        return Corpus.from_records(records, self._store().sources(name or None), lexical)

    def stories(self, name: str, corpus: Corpus) -> list[StorySummary]:
        """The summaries of generation `name`'s Stories, from its `corpus`."""
        return self._per_generation("stories", name, corpus.summaries)

    def wording(self, name: str) -> list[Wording]:
        """Generation `name`'s wording disputes, from a scan of its every passage."""

        def scan() -> list[Wording]:
            return wording_disputes(m for _, text, meta, _ in self._store().records(name or None)
                                    for m in mentions(text, meta["doc_id"], meta["source"]))

        return self._per_generation("wording", name, scan)

    def _per_generation(self, view: str, name: str, build: Callable[[], T]) -> T:
        """A corpus-wide view built once per index generation and rebuilt after a swap
        (built once even when a question asks for it while `warm` is building it)."""
        with self._cache_lock:
            cached = self._generation_cache.get(view)
            if cached is None or cached[0] != name:
                cached = (name, build())
                self._generation_cache[view] = cached
            return cast(T, cached[1])
