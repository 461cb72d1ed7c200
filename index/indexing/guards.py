"""Checks an index run makes before it replaces the active generation."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..errors import CorpusError
from ..ingest.articles import Unreadable
from ..ingest.files import empty_cause, safe_name
from ..records import Article, Skipped
from ..store.chroma import Store

log = logging.getLogger(__name__)


def refuse_to_empty(store: Store, corpus_dir: Path, articles: list[Article],
                    skipped: list[Skipped], allow_empty: bool) -> None:
    """Refuse to swap an empty generation over a non-empty one unless asked to.

    A corpus that yields nothing is far more often an unmounted volume, a wrong path or a
    permission problem than a wish to forget everything (and re-embedding it all after a
    mistake takes minutes to hours), so emptying the index must be asked for.
    """
    if articles or allow_empty:
        return
    active = store.active_name()
    passages = store.count(active) if active else 0
    if not passages:
        return
    raise CorpusError(
        f"The corpus folder {corpus_dir} {empty_cause(corpus_dir, skipped)}, so indexing it "
        f"would empty the index at {store.where} ({passages} passages). Nothing was changed: "
        "check the folder (path, mount, permissions), or pass --allow-empty "
        "(/reindex allow_empty:True) to empty the index on purpose.")


def kept_articles(store: Store, corpus_dir: Path, unreadable: list[Unreadable],
                  loaded: set[str]) -> tuple[list[Article], list[str]]:
    """The active generation's Articles whose file or folder is there but cannot be read
    now (permissions, a mount that hiccups, over a size limit), and a warning per cause.

    An Article leaves the index only when its file is really gone: a folder unreadable for
    a moment must not cost its Articles (and their re-embedding once it is back).
    """
    if not unreadable or not store.active_name():
        return [], []
    kept: dict[str, list[Article]] = {}
    for doc_id, text, meta, _ in store.article_records(include_documents=True):
        cause = _cause(meta.get("path", ""), corpus_dir, unreadable)
        if cause is not None and doc_id not in loaded and text:
            kept.setdefault(cause.path, []).append(_article(doc_id, text, meta))
    notes = []
    for cause in unreadable:
        if cause.path in kept:
            notes.append(f"{cause.path} {cause.reason}: its {len(kept[cause.path])} articles "
                         "are kept from the last index")
            log.warning("%s", notes[-1])
    return [a for found in kept.values() for a in found], notes


def _cause(path: str, corpus_dir: Path, unreadable: list[Unreadable]) -> Unreadable | None:
    """The unreadable file or folder an Article's file is, or lies in."""
    if not path:
        return None
    inside = Path(os.path.relpath(path, safe_name(str(corpus_dir)))).as_posix()
    return next((u for u in unreadable if inside == u.path.rstrip("/") or
                 (u.path.endswith("/") and inside.startswith(u.path))), None)


def _article(doc_id: str, text: str, meta: dict) -> Article:
    """An Article as the last index stored it."""
    return Article(doc_id=doc_id, source=meta.get("source") or doc_id,
                   title=meta.get("title") or None, date=meta.get("date") or None,
                   url=meta.get("url") or None, text=text, path=meta.get("path", ""),
                   content_hash=meta.get("article_hash", ""),
                   story=meta.get("pinned_story") or None)
