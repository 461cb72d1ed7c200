"""The corpus engine's one entry point: index, ask, list sources, list disputes.

The CLI and the Discord bot both talk to `Engine` only. It is thread-safe for many
concurrent `ask` calls alongside one `index` call: an index run builds a new generation of
the collection beside the active one and swaps it in only when complete, so readers always
see a complete index. Every method blocks (model, Chroma); async callers use
`asyncio.to_thread`.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .answers.check import CheckResult, check_message
from .answers.compose import compose_answer
from .answers.corpus import Corpus
from .answers.question_text import accepted, clean_question, known_story
from .answers.retrieval import Snapshot, nearest, retrieved
from .answers.views import Views
from .claims.ahead import ParsedAhead
from .claims.extract import ClaimExtractor
from .claims.questions import Query, needs_parser, parse_question
from .errors import IndexBusyError, IndexMissingError, IndexUnavailableError
from .indexing.run import Parts, run_index
from .ingest.feeds import FeedState, FeedStatus, feed_urls
from .records import Answer, Claim, IndexReport, Slot, SourceSummary, StorySummary, Wording
from .render.chart import Chart, ChartCache
from .settings import Settings
from .store.chroma import Store
from .store.embedding import Embedder
from .stories.entities import EntityReader

if TYPE_CHECKING:
    from .adding import Added, FeedsReport

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): stage is "load", "embed" or "store"."""

class Engine:
    """Indexes a corpus folder into Chroma and answers questions over it."""

    def __init__(self, settings: Settings, *, store: Store | None = None,
                 embedder: Embedder | None = None,
                 extractor: ClaimExtractor | None = None) -> None:
        self.settings = settings
        self._store = store
        self._embedder = embedder
        self._extractor = extractor
        self._entities = EntityReader()  # loads its pipeline on first use
        self._index_lock = threading.Lock()
        self._open_lock = threading.Lock()
        # What a question asks for, parsed once: in a channel the same questions come back.
        self._ahead: ParsedAhead | None = None
        self._parse = functools.lru_cache(maxsize=512)(self._parse_question)
        self._views = Views(lambda: self.store)  # each corpus-wide view, per generation
        self._charts = ChartCache()

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

    def _parse_question(self, question: str) -> Query | None:
        """What a question asks for (see claims/questions.py); spaCy is loaded only for a
        question that may ask for a figure, and not at all for one parsed ahead."""
        if not needs_parser(question):
            return None
        parsed, query = self._ahead.get(question) if self._ahead else (False, None)
        return query if parsed else parse_question(question, self.extractor.nlp())

    def parse_ahead(self, questions: Sequence[str]) -> None:
        """Start parsing these questions in a worker process (see claims/ahead.py): for a
        process that is about to open the index cold and has not loaded the parser."""
        if self._extractor is None or not self._extractor.loaded:
            self._ahead = ParsedAhead(list(accepted(questions)))

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
        self.corpus()

    # -- reading -------------------------------------------------------------------------
    def article_count(self) -> int:
        return len(self.store.sources())

    def is_empty(self) -> bool:
        """True when nothing is indexed yet (no index folder counts as empty)."""
        try:
            return self.store.active_name() is None
        except IndexMissingError:
            return True

    def check_ready(self) -> str:
        """The active generation's name; raises, naming the fix, when there is no usable
        index (no folder, a server that is down, nothing indexed yet). The CLI calls it once
        before its questions, so a missing index is one line, not one error per question."""
        name = self.store.active_name()
        if name is None or self.store.count(name) == 0:
            raise IndexUnavailableError(self._empty_message())
        self.store.check_model(self.embedder.name, name)
        return name

    def _empty_message(self) -> str:
        where = self.store.where
        how = ("`discordant index` with CHROMA_HOST/CHROMA_PORT set to it" if self.store.server
               else f"`discordant index --db {where}`")
        return f"The index at {where} is empty: run {how} first."

    def sources(self) -> list[SourceSummary]:
        return self.corpus().sources

    def corpus(self, name: str | None = None) -> Corpus:
        """The active generation's Claims, Stories and lexical index, read once per
        generation (`name`: the generation the caller already read)."""
        return self._views.corpus(name or self.store.active_name() or "")

    def corpus_claims(self) -> tuple[Claim, ...]:
        return self.corpus().claims

    def disputes(self, story: str | None = None) -> list[Slot]:
        """Every quantity of every Story (or one) where sources report different figures."""
        corpus = self.corpus()
        return corpus.disputes(known_story(corpus, story))

    def stories(self) -> list[StorySummary]:
        """Every Story of the index: its Articles, dates and disputed figures (built once
        per index generation: the bot's story autocomplete asks at every keystroke)."""
        name = self.store.active_name() or ""
        corpus = self.corpus(name)  # the corpus of the same generation as the summaries
        return self._views.stories(name, corpus)

    def wording(self) -> list[Wording]:
        """Every person the corpus's Articles describe with roles of opposite gender
        (a scan of every passage, so built once per index generation)."""
        return self._views.wording(self.store.active_name() or "")

    def ask(self, question: str, top_k: int | None = None,
            story: str | None = None) -> Answer:
        """Passages that answer the question, and the figures sources give for it (within
        `story` when given: a Story id)."""
        text = clean_question(question)
        started = time.perf_counter()
        # The active generation is read once per question (one round trip to a server) and
        # used for every step, so a swap by another process is seen by the next question.
        name = self.store.active_name()
        if name is None:
            raise IndexUnavailableError(self._empty_message())
        self.store.check_model(self.embedder.name, name)
        snapshot = self.snapshot(name)
        found, answers = retrieved(snapshot, text)
        corpus = snapshot.corpus
        query = self._parse(text)
        story_id = known_story(corpus, story)
        answer = compose_answer(text, query, found if answers else [], corpus,
                                len(corpus.sources), top_k or self.settings.top_k, story_id,
                                evidence=snapshot.evidence)
        if not answer.passages:  # no answer: what comes closest, shown as such
            answer = dataclasses.replace(answer, nearest=tuple(nearest(snapshot, found, story_id)))
        log.info("asked %r: %d passages, %d disagreements in %.0f ms", text,
                 len(answer.passages), len(answer.disagreements),
                 (time.perf_counter() - started) * 1000)
        return answer

    def snapshot(self, name: str | None = None) -> Snapshot:
        """Generation `name` as one question reads it: store, model, Claims and Stories
        (without `name`: the active generation, checked ready as by `check_ready`). The
        answer stages get this, never the Engine itself."""
        name = name or self.check_ready()
        return Snapshot(name=name, store=self.store, embedder=self.embedder,
                        corpus=self.corpus(name), min_score=self.settings.min_score,
                        parse=lambda text: self.extractor.nlp()(text))

    def check(self, text: str) -> CheckResult:
        """The figures a message states, each with what the sources say about it (a
        message stating none is asked as a question); see answers/check.py."""
        return check_message(self, text)

    def urls(self) -> dict[str, str]:
        """doc id -> the Article's address, for the Articles that have one."""
        return {s.doc_id: s.url for s in self.sources() if s.url}

    def chart(self, slot: Slot, highlight: float | None = None) -> Chart | None:
        """The chart of a Slot's figures (None when it has fewer than two numbers), drawn
        once per index generation; `highlight` marks a value being checked."""
        name = self.store.active_name() or ""
        return self._charts.get(name, slot, self.urls(), highlight)

    # -- writing -------------------------------------------------------------------------
    @property
    def indexing(self) -> bool:
        return self._index_lock.locked()

    def index(self, corpus_dir: Path | None = None, progress: Progress | None = None,
              rebuild: bool = False, allow_empty: bool = False) -> IndexReport:
        """Build the index from a corpus folder beside the active one, then swap it in.

        Raises IndexBusyError when another index run, of this Engine or of another process
        on the same index, is under way; CorpusError (before anything is created) when the
        corpus folder cannot be read, or when it yields nothing and `allow_empty` is unset.
        """
        if not self._index_lock.acquire(blocking=False):
            raise IndexBusyError("A re-index is already running; wait for it to finish.")
        try:
            parts = Parts(self.settings, self._writable_store, self._rebuilt_store,
                          lambda: self.embedder, lambda: self.extractor, self._entities)
            return run_index(parts, Path(corpus_dir or self.settings.corpus_dir), progress,
                             rebuild, allow_empty)
        finally:
            self._index_lock.release()

    # Adding, feeds and indexing are imported when first used: a process that only asks
    # (a terminal `ask`) starts without them (about 0.1 s of its cold start).
    def add_url(self, url: str) -> Added:
        """Fetch one article page, save it into the corpus folder and index it."""
        from .adding import add_url

        return add_url(self, url)

    def poll_feeds(self) -> FeedsReport:
        """Add the new entries of every feed in FEEDS (each added once)."""
        from .adding import poll_feeds

        return poll_feeds(self)

    def feed_statuses(self) -> list[FeedStatus]:
        """Every feed in FEEDS with the result of its last poll."""
        return FeedState(self.settings.feed_state).statuses(feed_urls(self.settings.feeds))

    def _writable_store(self) -> Store:
        with self._open_lock:
            if self._store is None:
                self._store = Store.open(self.settings, create=True)
            return self._store

    def _rebuilt_store(self) -> Path | None:
        """A fresh store for a rebuild, in place of the active one; where an unreadable
        index was moved aside (see Store.open_for_rebuild)."""
        with self._open_lock:
            self._store, aside = Store.open_for_rebuild(self.settings)
        return aside
