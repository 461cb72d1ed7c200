"""Hand-made Passages for the answer stages' tests: one outlet per Article, the found
sentence shown alone unless a wider window (`text`) is given."""

from __future__ import annotations

from index.records import Passage


def passage(doc: str, found: str, rank: float = 0.1, text: str | None = None) -> Passage:
    return Passage(doc_id=doc, docs=(doc,), source=f"Outlet {doc}", sources=(f"Outlet {doc}",),
                   title=None, date=None, position=0, text=text or found, score=0.5,
                   rank=rank, chunk=found, found=(found,))
