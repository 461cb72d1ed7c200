"""A generation's Article records — text, Claims, named entities, mean Chunk vector — and
its Stories.

An unchanged Article keeps its previous record (Claims, entities, Story), so only new or
changed text reaches the parser and the story clustering.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np

from ..claims.extract import ClaimExtractor
from ..records import Article
from ..store.chroma import Store
from ..store.chunk_records import article_metadata
from ..stories.cluster import Member, find_stories
from ..stories.entities import EntityReader, entity_head
from ..stories.mentions import head_mentions
from ..stories.scoring import event_words
from .rows import Previous, Rows

log = logging.getLogger(__name__)


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

