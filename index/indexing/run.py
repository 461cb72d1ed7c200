"""One index run around building a generation: the corpus folder checked before anything
is created, the index held against other runs, an unreadable index moved aside on a
rebuild, and that move noted in the report.

Separate from generation.py, which builds the generation, and from the engine, which
refuses a second run of its own and passes in the parts a run uses (`Parts`), so this stage
never imports the engine that drives it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..claims.extract import ClaimExtractor
from ..ingest.files import check_corpus
from ..records import IndexReport
from ..settings import Settings
from ..store.chroma import Store
from ..store.embedding import TextEmbedder
from ..store.folder import prepare_for_writing
from ..store.lock import exclusive_index
from ..stories.entities import EntityReader

if TYPE_CHECKING:
    from .generation import Progress


@dataclass(frozen=True)
class Parts:
    """What an index run uses of the open index (the Engine's), each opened or loaded when
    the run first needs it: the store for writing (created when missing), a fresh store in
    place of the active one for a rebuild (giving where an unreadable index was moved, if
    it was), the model, the claim extractor and the named-entity reader."""

    settings: Settings
    writable_store: Callable[[], Store]
    rebuilt_store: Callable[[], Path | None]
    embedder: Callable[[], TextEmbedder]
    extractor: Callable[[], ClaimExtractor]
    entities: EntityReader


def run_index(parts: Parts, corpus: Path, progress: Progress | None, rebuild: bool,
              allow_empty: bool) -> IndexReport:
    """Index `corpus` into a new generation and swap it in, holding the index against
    other processes' runs meanwhile (the engine has refused a second run of its own)."""
    check_corpus(corpus)
    if not parts.settings.chroma_host:
        prepare_for_writing(parts.settings.chroma_path)
    with exclusive_index(parts.settings, parts.writable_store):
        aside = parts.rebuilt_store() if rebuild else None
        from .generation import build_generation  # not loaded by a process that only asks

        report = build_generation(parts.writable_store(), parts.embedder(), parts.extractor(),
                                  corpus, progress=progress, rebuild=rebuild,
                                  allow_empty=allow_empty, entities=parts.entities)
        if aside:
            note = f"the unreadable index was moved aside to {aside}"
            report = dataclasses.replace(report, warnings=(*report.warnings, note))
        return report
