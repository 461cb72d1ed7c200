"""Chunks, Articles and Claims as Chroma stores them: flat metadata, lists as JSON strings."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..records import Article, Chunk, Claim, SourceSummary


def chunk_metadata(chunk: Chunk, article_hash: str, text_hash: str) -> dict[str, Any]:
    """A Chunk as Chroma metadata (Chroma stores no None, so absent values are "")."""
    return {
        "doc_id": chunk.doc_id, "source": chunk.source, "title": chunk.title or "",
        "date": chunk.date or "", "position": chunk.position, "article_hash": article_hash,
        "text_hash": text_hash, "first": chunk.first, "count": chunk.count,
    }


def article_metadata(article: Article, claims: list[Claim], entities: list[str],
                     chunks: int) -> dict[str, Any]:
    """An Article record's metadata: where it is from, its Claims and named entities. The
    Story is filled in once every Article of the generation is known."""
    return {
        "doc_id": article.doc_id, "source": article.source, "title": article.title or "",
        "date": article.date or "", "url": article.url or "", "path": article.path,
        "article_hash": article.content_hash, "chunks": chunks,
        "pinned_story": article.story or "", "story": "", "story_title": "",
        "entities": json.dumps(entities, ensure_ascii=False),
        "claims": json.dumps([claim_to_dict(c) for c in claims], ensure_ascii=False),
    }


def summary_from_metadata(meta: dict[str, Any]) -> SourceSummary:
    return SourceSummary(doc_id=meta["doc_id"], source=meta["source"],
                         title=meta.get("title") or None, date=meta.get("date") or None,
                         passages=int(meta.get("chunks", 0)), url=meta.get("url") or None,
                         story=meta.get("story") or None,
                         story_title=meta.get("story_title") or None)


OPTIONAL = {"revision": False, "dimension": "count", "unit": None, "normalized": None,
            "norm_low": None, "norm_high": None, "place": None, "background": False,
            "equivalents": [], "keys": [], "weak": ""}


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    out = {f.name: getattr(claim, f.name) for f in dataclasses.fields(claim)}
    for key in ("low", "high", "norm_low", "norm_high"):  # JSON has no infinity
        if out[key] in (float("inf"), float("-inf")):
            out[key] = None if key in ("low", "high") else str(out[key])
    out["equivalents"] = [list(e) for e in claim.equivalents]
    out["keys"] = list(claim.keys)
    # Optional fields at their default are left out: at 100k passages that is most of them.
    return {k: v for k, v in out.items() if k not in OPTIONAL or v != OPTIONAL[k]}


def _float(value: str | float | None) -> float | None:
    return None if value is None else float(value)


def claim_from_dict(raw: dict[str, Any], shared: dict[str, str] | None = None) -> Claim:
    """A Claim from its JSON form; `shared` makes equal strings one object (syndicated
    copies repeat quotes, outlets and authorities, and every figure's key parts are drawn
    from a few thousand words: at 100k passages that is most of them)."""
    raw = dict(raw)
    if shared is not None:
        for key, value in raw.items():
            if isinstance(value, str):
                raw[key] = shared.setdefault(value, value)
    raw["low"] = float("-inf") if raw.get("low") is None else raw["low"]
    raw["high"] = float("inf") if raw.get("high") is None else raw["high"]
    for key in ("norm_low", "norm_high"):
        raw[key] = _float(raw.get(key))
    raw["equivalents"] = tuple(tuple(e) for e in raw.get("equivalents") or ())
    keys = raw.get("keys") or ()
    raw["keys"] = tuple(keys if shared is None else (shared.setdefault(k, k) for k in keys))
    return Claim(**raw)


def chunk_from_record(text: str, meta: dict[str, Any], chunk_id: str = "") -> Chunk:
    return Chunk(chunk_id=chunk_id, doc_id=meta["doc_id"], source=meta["source"],
                 title=meta.get("title") or None, date=meta.get("date") or None,
                 position=int(meta.get("position", 0)), text=text,
                 first=int(meta.get("first", 0)), count=int(meta.get("count", 1)))
