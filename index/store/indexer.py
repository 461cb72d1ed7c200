"""Building an index generation from a corpus folder.

Chunk ids derive from the Article and the Chunk text, so a re-index of an unchanged corpus
finds every Chunk of the active generation already embedded and copies it instead of
embedding it again; an unchanged Article keeps its Claims, named entities and Story too, so
only new or changed text reaches the model, the parser and the story clustering. The
generation — Chunks, Article records, Stories and the lexical index — becomes active only
once it is complete.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..claims.extract import ClaimExtractor
from ..ingest.articles import DEFAULT_LIMITS, Limits, Unreadable, load_corpus
from ..ingest.chunking import chunk_article
from ..records import Article, IndexReport, Skipped
from ..stories.cluster import Member, find_stories
from ..stories.entities import EntityReader, entity_head
from ..stories.mentions import head_mentions
from ..stories.scoring import event_words
from .chroma import Store
from .chunk_records import article_metadata, chunk_metadata
from .chunk_table import ChunkTableWriter
from .embedding import Embedder
from .guards import kept_articles, refuse_to_empty
from .lexical import LexicalIndex

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
BLOCK = 2048  # Chunks claimed, embedded and written at a time


@dataclass(frozen=True)
class Previous:
    """What the active generation already holds: reusable vectors, and per Article its
    hash and its record (Claims, entities, Story) for reuse when unchanged."""

    vectors: dict[str, Any]  # chunk id -> float32 row, as the store gives it
    by_text: dict[str, Any]
    article_hashes: dict[str, str]
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)


def _text_hash(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:20]


def read_previous(store: Store, rebuild: bool) -> Previous:
    """Vectors of the active generation's Chunks and its Article records (nothing when
    rebuilding)."""
    vectors: dict[str, Any] = {}
    by_text: dict[str, Any] = {}
    hashes: dict[str, str] = {}
    records: dict[str, dict[str, Any]] = {}
    if not rebuild and store.active_name():
        for cid, _, meta, vector in store.records(include_embeddings=True,
                                                  include_documents=False):
            vectors[cid] = vector
            by_text.setdefault(meta.get("text_hash", ""), vector)
        for doc_id, _, meta, _ in store.article_records():
            records[doc_id] = meta
            hashes[doc_id] = meta.get("article_hash", "")
    return Previous(vectors, by_text, hashes, records)


def load(corpus_dir: Path, progress: Progress | None, limits: Limits = DEFAULT_LIMITS,
         unreadable: list[Unreadable] | None = None):
    """Articles, skipped files and warnings of a corpus folder; the files and folders that
    are there but cannot be read now are added to `unreadable`."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    warnings: list[str] = []
    for item in load_corpus(corpus_dir, limits):
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, Skipped):
            skipped.append(item)
        elif isinstance(item, Unreadable):
            if unreadable is not None:
                unreadable.append(item)
        else:
            warnings.append(item)
        if progress and isinstance(item, Article | Skipped):
            progress("load", len(articles) + len(skipped), 0)
    return articles, skipped, warnings


def limits_of(store: Store) -> Limits:
    """The loading bounds the index's settings ask for."""
    settings, megabyte = store.settings, 1024 * 1024
    return Limits(max_file_bytes=int(settings.max_file_mb * megabyte),
                  max_export_bytes=int(settings.max_export_mb * megabyte),
                  max_article_chars=settings.max_article_chars)


@dataclass
class Rows:
    """A block's Chunks as the store takes them; `spans[doc_id]` are its rows' range."""

    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    metas: list[dict[str, Any]] = field(default_factory=list)
    vectors: list[Any] = field(default_factory=list)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


def plan_rows(articles: list[Article], previous: Previous, seen: set[str]) -> Rows:
    """The block's Chunks, each with its stored vector when one can be reused."""
    rows = Rows()
    for article in articles:
        start = len(rows.ids)
        for chunk in chunk_article(article):
            if chunk.chunk_id in seen:
                continue
            seen.add(chunk.chunk_id)
            text_hash = _text_hash(chunk.text)
            vector = previous.vectors.get(chunk.chunk_id)
            vector = vector if vector is not None else previous.by_text.get(text_hash)
            rows.ids.append(chunk.chunk_id)
            rows.texts.append(chunk.text)
            rows.metas.append(chunk_metadata(chunk, article.content_hash, text_hash))
            rows.vectors.append(vector if vector is not None and len(vector) else None)
        rows.spans[article.doc_id] = (start, len(rows.ids))
    return rows


def _diff(articles: list[Article], previous: Previous):
    now = {a.doc_id: a.content_hash for a in articles}
    before = previous.article_hashes
    added = tuple(sorted(d for d in now if d not in before))
    changed = tuple(sorted(d for d in now if d in before and before[d] != now[d]))
    removed = tuple(sorted(d for d in before if d not in now))
    return added, changed, removed


def count_to_embed(articles: list[Article], previous: Previous) -> int:
    """How many Chunks no stored vector can be reused for (chunking is cheap: ~25 µs each)."""
    return len({chunk.chunk_id for article in articles for chunk in chunk_article(article)
                if chunk.chunk_id not in previous.vectors
                and _text_hash(chunk.text) not in previous.by_text})


def blocks(articles: list[Article], size: int) -> Iterator[list[Article]]:
    """Runs of whole Articles holding about `size` Chunks (never an Article split)."""
    block: list[Article] = []
    chunks = 0
    for article in articles:
        block.append(article)
        chunks += max(1, len(article.text) // 300)  # ~ its Chunks, without chunking twice
        if chunks >= size:
            yield block
            block, chunks = [], 0
    if block:
        yield block


def write_block(store: Store, generation, embedder: Embedder, rows: Rows,
                step: Callable[[int], None]) -> int:
    """Embed the rows that have no vector, add them all to the generation; returns how
    many needed a fresh vector. A text the block holds several times (syndicated copies:
    2,000 of one wire story) is embedded once."""
    todo = [i for i, v in enumerate(rows.vectors) if v is None]
    texts = list(dict.fromkeys(rows.texts[i] for i in todo))
    fresh = dict(zip(texts, embedder.embed_documents(texts, progress=step), strict=True))
    for i in todo:
        rows.vectors[i] = fresh[rows.texts[i]]
    if rows.ids:
        store.add(generation, rows.ids, rows.texts, rows.metas, rows.vectors)
    return len(todo)


class ArticleWriter:
    """Writes a generation's Article records — text, Claims, entities, mean Chunk vector —
    reusing the previous record of an unchanged Article, and keeps what finding Stories
    needs of each.

    The Claims and named entities of a block's new Articles are read (spaCy) in a worker
    thread while the block is embedded — onnxruntime runs without the GIL, on its own
    threads — so they add to the index run only the time spent waiting for them
    (`entity_seconds`, `claim_seconds`; `busy_seconds` is the worker's own time). Read after the
    embedding instead, the claims alone were ~20% of the index run, on one core."""

    def __init__(self, store: Store, generation_name: str, previous: Previous,
                 extractor: ClaimExtractor, entities: EntityReader,
                 worker: ThreadPoolExecutor) -> None:
        self.store, self.name, self.previous = store, generation_name, previous
        self.extractor, self.entities, self.worker = extractor, entities, worker
        self.members: list[Member] = []
        self.entity_seconds = 0.0  # the index run waiting for the named entities
        self.claim_seconds = 0.0  # then for the Claims
        self.busy_seconds: dict[str, float] = {}  # the worker's own, beside the embedding

    def start_reading(self, articles: list[Article], rows: Rows) -> tuple[Future, Future]:
        """Start reading the entities, then the Claims, of the block's new Articles (each a
        doc id -> names / Claims)."""
        fresh = [a for a in self._kept(articles, rows) if self._reusable(a) is None]
        if fresh:  # here, not in the worker: imports stay in one thread
            self.entities.load()
            self.extractor.nlp()
        return (self.worker.submit(self._timed, "entities", self.entities.entities, fresh),
                self.worker.submit(self._timed, "claims", self.extractor.extract_many, fresh))

    def _timed(self, what: str, read: Callable[[list[Article]], list],
               fresh: list[Article]) -> dict:
        if not fresh:
            return {}
        started = time.perf_counter()
        found = dict(zip((a.doc_id for a in fresh), read(fresh), strict=True))
        self.busy_seconds[what] = self.busy_seconds.get(what, 0.0) + \
            time.perf_counter() - started
        return found

    @staticmethod
    def _kept(articles: list[Article], rows: Rows) -> list[Article]:
        return [a for a in articles if rows.spans[a.doc_id][1] > rows.spans[a.doc_id][0]]

    def write(self, articles: list[Article], rows: Rows,
              pending: tuple[Future, Future]) -> None:
        started = time.perf_counter()
        names = pending[0].result()
        waited = time.perf_counter() - started
        claims = pending[1].result()
        self.entity_seconds += waited
        self.claim_seconds += time.perf_counter() - started - waited
        ids, texts, metas, vectors = [], [], [], []
        for article in self._kept(articles, rows):
            start, end = rows.spans[article.doc_id]
            vector = np.mean(np.asarray(rows.vectors[start:end], dtype=np.float32), axis=0)
            vector /= max(float(np.linalg.norm(vector)), 1e-9)
            meta = self._reusable(article) or article_metadata(
                article, claims[article.doc_id], names[article.doc_id], end - start)
            meta = {**meta, "chunks": end - start, "pinned_story": article.story or ""}
            ids.append(article.doc_id)
            texts.append(article.text)
            metas.append(meta)
            vectors.append(vector)
            head = entity_head(article)
            self.members.append(Member(article.doc_id, article.title, article.date, vector,
                                       tuple(json.loads(meta["entities"])), article.story,
                                       head_mentions(head), event_words(head),
                                       len(article.text)))
        if ids:
            self.store.add_articles(self.name, ids, texts, metas, vectors)

    def _reusable(self, article: Article) -> dict[str, Any] | None:
        """The previous record of an Article whose file has not changed."""
        meta = self.previous.articles.get(article.doc_id)
        if meta and meta.get("article_hash") == article.content_hash \
                and meta.get("title", "") == (article.title or ""):
            return meta
        return None


def assign_stories(store: Store, name: str, members: list[Member], previous: Previous,
                   unchanged: bool) -> tuple[int, float]:
    """Find the generation's Stories (or keep the previous ones when no Article changed) and
    record each Article's Story; returns how many Stories there are and the seconds spent."""
    same = unchanged and {m.doc_id: (m.pinned or "") for m in members} == {
        d: meta.get("pinned_story", "") for d, meta in previous.articles.items()} and all(
        previous.articles[m.doc_id].get("story") for m in members)
    if same:
        log.info("no Article changed: the Stories are kept as they were")
        return len({previous.articles[m.doc_id]["story"] for m in members}), 0.0
    started = time.perf_counter()
    stories = find_stories(members)
    ids, metas = [], []
    for story in stories:
        for doc_id in story.docs:
            ids.append(doc_id)
            metas.append({"story": story.id, "story_title": story.title})
    store.update_articles(name, ids, metas)
    seconds = time.perf_counter() - started
    log.info("%d stories found among %d articles in %.1f s", len(stories), len(members),
             seconds)
    return len(stories), seconds


def build_generation(store: Store, embedder: Embedder, extractor: ClaimExtractor,
                     corpus_dir: Path, progress: Progress | None = None,
                     rebuild: bool = False, allow_empty: bool = False,
                     entities: EntityReader | None = None) -> IndexReport:
    """Index a corpus folder into a new generation and make it the active one.

    Articles go through claims, embedding and the store BLOCK Chunks at a time, so memory
    stays flat however large the corpus. The generation is invisible to readers until
    `activate`, so a run that dies midway still leaves the last complete index. A corpus
    that yields no Article never empties a non-empty index unless `allow_empty`.
    """
    started = time.perf_counter()
    unreadable: list[Unreadable] = []
    articles, skipped, warnings = load(corpus_dir, progress, limits_of(store), unreadable)
    kept, notes = kept_articles(store, corpus_dir, unreadable, {a.doc_id for a in articles})
    articles, warnings = articles + kept, warnings + notes
    refuse_to_empty(store, corpus_dir, articles, skipped, allow_empty)
    if not rebuild:
        store.check_model(embedder.name)
    previous = read_previous(store, rebuild)
    total = count_to_embed(articles, previous)
    log.info("indexing %d articles, %d chunks to embed", len(articles), total)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress("embed", done, total)

    active = store.active_name()
    store.drop_stale(keep=[active] if active else [])
    generation = store.new_generation(embedder.name)
    lexical_ids: list[str] = []
    lexical_texts: list[str] = []
    seen: set[str] = set()
    embedded = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="entities") as worker, \
            ChunkTableWriter(store.lexical_dir(generation.name)) as table:
        writer = ArticleWriter(store, generation.name, previous, extractor,
                               entities or EntityReader(), worker)
        for block in blocks(articles, BLOCK):
            rows = plan_rows(block, previous, seen)
            if any(v is None for v in rows.vectors) and hasattr(embedder, "encoder"):
                embedder.encoder()  # its imports done before the worker starts reading
            pending = writer.start_reading(block, rows)
            embedded += write_block(store, generation, embedder, rows, step)
            writer.write(block, rows, pending)
            lexical_ids += rows.ids
            lexical_texts += rows.texts
            table.add(rows.metas, rows.vectors)
    log.info("named entities read in %.1f s and claims in %.1f s beside the embedding; "
             "the index run waited %.1f s and %.1f s for them",
             writer.busy_seconds.get("entities", 0.0), writer.busy_seconds.get("claims", 0.0),
             writer.entity_seconds, writer.claim_seconds)
    if progress:
        progress("store", len(lexical_ids), len(lexical_ids))
    added, changed, removed = _diff(articles, previous)
    stories, cluster_seconds = assign_stories(store, generation.name, writer.members, previous,
                                              unchanged=not (added or changed or removed))
    LexicalIndex.build(lexical_ids, lexical_texts).save(store.lexical_dir(generation.name))
    store.activate(generation)
    # The generation just replaced stays one run longer for questions already under way.
    store.drop_stale(keep=[generation.name] + ([active] if active else []), compact=True)
    chunks = len(lexical_ids)
    return IndexReport(articles=len(articles), chunks=chunks, embedded=embedded,
                       reused=chunks - embedded, added=added, changed=changed,
                       removed=removed, skipped=tuple(skipped),
                       seconds=time.perf_counter() - started, warnings=tuple(warnings),
                       stories=stories, story_seconds=writer.entity_seconds + cluster_seconds,
                       entity_seconds=writer.busy_seconds.get("entities", 0.0))

