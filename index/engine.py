"""The corpus engine's one entry point: index, ask, list sources, list disputes.

The CLI and the Discord bot both talk to `Engine` only. It is thread-safe for many
concurrent `ask` calls alongside one `index` call: an index run builds a new generation of
the collection beside the active one and swaps it in only when complete, so readers always
see a complete index. Every method blocks (model, Chroma); async callers use
`asyncio.to_thread`.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .answers.compose import compose_answer
from .answers.disagreements import ClaimIndex, corpus_disputes
from .answers.search import search_passages
from .answers.wording import mentions, wording_disputes
from .claims.extract import ClaimExtractor
from .claims.questions import parse_question
from .errors import IndexBusyError, IndexUnavailableError, QuestionError
from .records import Answer, Claim, IndexReport, Slot, SourceSummary, Wording
from .settings import Settings
from .store.chroma import Store
from .store.embedding import Embedder
from .store.indexer import build_generation

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): stage is "load", "embed" or "store"."""

MAX_QUESTION_CHARS = 300


def clean_question(question: str) -> str:
    """The question with invisible characters removed and whitespace folded.

    Raises QuestionError for a blank question or one without a single letter or digit,
    and for one longer than MAX_QUESTION_CHARS (the Discord option's own limit).
    """
    # Zero-width and other format characters are not printable: they go here too.
    text = "".join(ch for ch in question if ch.isprintable() or ch.isspace())
    text = " ".join(text.split())
    if not text:
        raise QuestionError("The question is empty: ask something, e.g. `how many officers died`.")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"The question is {len(text)} characters long; keep it under {MAX_QUESTION_CHARS}."
        )
    if not any(ch.isalnum() for ch in text):
        raise QuestionError("The question has no words in it: ask it in words.")
    return text


class Engine:
    """Indexes a corpus folder into Chroma and answers questions over it."""

    def __init__(self, settings: Settings, *, store: Store | None = None,
                 embedder: Embedder | None = None,
                 extractor: ClaimExtractor | None = None) -> None:
        self.settings = settings
        self._store = store
        self._embedder = embedder
        self._extractor = extractor
        self._index_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._cache_lock = threading.RLock()
        # Per index generation: (generation name, value) for each kind of corpus-wide view.
        self._generation_cache: dict[str, tuple[str, object]] = {}

    # -- lazily built parts: nothing heavy happens before the first real use --------------
    @property
    def store(self) -> Store:
        with self._open_lock:
            if self._store is None:
                self._store = Store.open(self.settings)
            return self._store

    @property
    def embedder(self) -> Embedder:
        with self._open_lock:
            if self._embedder is None:
                self._embedder = Embedder.from_settings(self.settings)
            return self._embedder

    @property
    def extractor(self) -> ClaimExtractor:
        with self._open_lock:
            if self._extractor is None:
                self._extractor = ClaimExtractor()
            return self._extractor

    def warm(self) -> None:
        """Load the model, the index, the question parser and the index's claims now, so
        that the first question is as fast as the next. The bot runs this in a thread
        after connecting, and answers meanwhile: a question that needs a part still
        loading waits for it (each part loads under its own lock, once). Everything here
        loads in this one thread, one after the other: two threads importing libraries
        that share modules (numpy, pydantic) at the same time can see them half-imported."""
        self.embedder.embed_query("warm up")
        self.store.check_model(self.embedder.name)
        self.store.sources()
        parse_question("how many were warmed up", self.extractor.nlp())
        self.corpus_claims()

    # -- reading -------------------------------------------------------------------------
    def article_count(self) -> int:
        return len(self.store.sources())

    def is_empty(self) -> bool:
        return self.store.active_name() is None

    def sources(self) -> list[SourceSummary]:
        return self.store.sources()

    def claim_index(self, name: str | None = None) -> ClaimIndex:
        """Every Claim in the active index, loaded once per index generation (`name`: the
        generation the caller already read)."""
        name = name or self.store.active_name() or ""
        return self._per_generation("claims", name,
                                    lambda: ClaimIndex(self.store.all_claims(name or None)))

    def _per_generation(self, kind: str, name: str, build: Callable[[], object]):
        """A corpus-wide view built once per index generation and rebuilt after a swap
        (built once even when a question asks for it while `warm` is building it)."""
        with self._cache_lock:
            cached = self._generation_cache.get(kind)
            if cached is None or cached[0] != name:
                cached = (name, build())
                self._generation_cache[kind] = cached
            return cached[1]

    def corpus_claims(self) -> tuple[Claim, ...]:
        return self.claim_index().claims

    def disputes(self) -> list[Slot]:
        """Every slot in the corpus where sources report different figures."""
        return corpus_disputes(self.corpus_claims())

    def wording(self) -> list[Wording]:
        """Every person the corpus's Articles describe with roles of opposite gender
        (a scan of every passage, so built once per index generation)."""
        name = self.store.active_name() or ""

        def scan() -> list[Wording]:
            return wording_disputes(m for _, text, meta, _ in self.store.records(name or None)
                                    for m in mentions(text, meta["doc_id"], meta["source"]))

        return self._per_generation("wording", name, scan)

    def ask(self, question: str, top_k: int | None = None) -> Answer:
        """Passages that answer the question, and the figures sources give for it."""
        text = clean_question(question)
        started = time.perf_counter()
        # The active generation is read once per question (one round trip to a server) and
        # used for every step, so a swap by another process is seen by the next question.
        name = self.store.active_name()
        if name is None:
            raise IndexUnavailableError("The index is empty: run `discordant index` first.")
        self.store.check_model(self.embedder.name, name)
        vector = self.embedder.embed_query(text)
        candidates = search_passages(self.store, vector, min_score=self.settings.min_score,
                                     name=name)
        query = parse_question(text, self.extractor.nlp())
        answer = compose_answer(text, query, candidates, self.claim_index(name),
                                len(self.store.sources(name)), top_k or self.settings.top_k)
        log.info("asked %r: %d passages, %d disagreements in %.0f ms", text,
                 len(answer.passages), len(answer.disagreements),
                 (time.perf_counter() - started) * 1000)
        return answer

    # -- writing -------------------------------------------------------------------------
    @property
    def indexing(self) -> bool:
        return self._index_lock.locked()

    def index(self, corpus_dir: Path | None = None, progress: Progress | None = None,
              rebuild: bool = False) -> IndexReport:
        """Build the index from a corpus folder beside the active one, then swap it in.

        Raises IndexBusyError when another index run of this Engine is under way.
        """
        if not self._index_lock.acquire(blocking=False):
            raise IndexBusyError("A re-index is already running; wait for it to finish.")
        try:
            aside = None
            if rebuild:
                with self._open_lock:
                    self._store, aside = Store.open_for_rebuild(self.settings)
            report = build_generation(self.store, self.embedder, self.extractor,
                                      Path(corpus_dir or self.settings.corpus_dir),
                                      progress=progress, rebuild=rebuild)
            if aside:
                note = f"the unreadable index was moved aside to {aside}"
                report = dataclasses.replace(report, warnings=(*report.warnings, note))
            return report
        finally:
            self._index_lock.release()
