"""Checks an index run makes before it replaces the active generation."""

from __future__ import annotations

from pathlib import Path

from ..errors import CorpusError
from ..ingest.files import empty_cause
from ..records import Article, Skipped
from .chroma import Store


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
