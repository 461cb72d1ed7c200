"""Building an index generation from a corpus folder.

Chunk ids derive from the Article and the Chunk text, so a re-index of an unchanged corpus
finds every Chunk of the active generation already embedded and copies it instead of
embedding it again; an unchanged Article keeps its Claims, named entities and Story too, so
only new or changed text reaches the model, the parser and the story clustering. The
generation — Chunks, Article records, Stories and the lexical index — becomes active only
once it is complete.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..claims.extract import ClaimExtractor
from ..ingest.articles import DEFAULT_LIMITS, Limits, Unreadable, load_corpus
from ..records import Article, IndexReport, Skipped
from ..store.chroma import Store
from ..store.chunk_table import ChunkTableWriter
from ..store.embedding import TextEmbedder
from ..store.lexical import LexicalIndex
from ..stories.entities import EntityReader
from .article_records import ArticleWriter, assign_stories
from .guards import kept_articles, refuse_to_empty
from .rows import Previous, count_to_embed, plan_rows, read_previous, write_block

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
BLOCK = 2048  # Chunks claimed, embedded and written at a time


def load(corpus_dir: Path, progress: Progress | None, limits: Limits = DEFAULT_LIMITS,
         unreadable: list[Unreadable] | None = None,
         ) -> tuple[list[Article], list[Skipped], list[str]]:
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


def _diff(articles: list[Article], previous: Previous,
          ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    now = {a.doc_id: a.content_hash for a in articles}
    before = previous.article_hashes
    added = tuple(sorted(d for d in now if d not in before))
    changed = tuple(sorted(d for d in now if d in before and before[d] != now[d]))
    removed = tuple(sorted(d for d in before if d not in now))
    return added, changed, removed


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


def build_generation(store: Store, embedder: TextEmbedder, extractor: ClaimExtractor,
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

