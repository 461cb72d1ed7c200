"""Chunks and Claims as Chroma stores them: flat metadata, claims as a JSON string."""

from __future__ import annotations

import json
from typing import Any

from ..records import Chunk, Claim


def chunk_metadata(chunk: Chunk, article_hash: str, text_hash: str) -> dict[str, Any]:
    """A Chunk as Chroma metadata (Chroma stores no None, so absent values are "")."""
    return {
        "doc_id": chunk.doc_id, "source": chunk.source, "title": chunk.title or "",
        "date": chunk.date or "", "position": chunk.position, "article_hash": article_hash,
        "text_hash": text_hash,
        "claims": json.dumps([claim_to_dict(c) for c in chunk.claims], ensure_ascii=False),
    }


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    out = dict(claim.__dict__)
    for key in ("low", "high"):  # JSON has no infinity
        if out[key] in (float("inf"), float("-inf")):
            out[key] = None
    return out


def claim_from_dict(raw: dict[str, Any], shared: dict[str, str] | None = None) -> Claim:
    """A Claim from its JSON form; `shared` makes equal strings one object (syndicated
    copies repeat quotes, outlets and authorities: at 100k passages that is most of them)."""
    raw = dict(raw)
    if shared is not None:
        for key, value in raw.items():
            if isinstance(value, str):
                raw[key] = shared.setdefault(value, value)
    raw["low"] = float("-inf") if raw.get("low") is None else raw["low"]
    raw["high"] = float("inf") if raw.get("high") is None else raw["high"]
    return Claim(**raw)


def chunk_from_record(text: str, meta: dict[str, Any], chunk_id: str = "",
                      with_claims: bool = True) -> Chunk:
    claims = (tuple(claim_from_dict(c) for c in json.loads(meta.get("claims") or "[]"))
              if with_claims else ())
    return Chunk(chunk_id=chunk_id, doc_id=meta["doc_id"], source=meta["source"],
                 title=meta.get("title") or None, date=meta.get("date") or None,
                 position=int(meta.get("position", 0)), text=text, claims=claims)
