"""Answers as the JSON the CLI prints (`ask --json`): the contract other tools parse."""

from __future__ import annotations

from typing import Any

from ..claims.units import common_unit
from ..records import Answer, Figure, Passage, Slot, StoryRef, Wording


def _number(value: float | str) -> int | float | str:
    if isinstance(value, str):
        return value  # a date, as ISO
    return int(value) if float(value).is_integer() else value


def story_to_json(story: StoryRef | None) -> dict[str, str] | None:
    return {"id": story.id, "title": story.title} if story else None


def passage_to_json(passage: Passage) -> dict[str, Any]:
    return {"doc": passage.doc_id, "docs": list(passage.docs), "source": passage.source,
            "sources": list(passage.sources), "title": passage.title, "date": passage.date,
            "text": passage.text, "score": passage.score,
            "story": story_to_json(passage.story),
            # what ordered the passages (fused rank, with the boosts for what was asked)
            "relevance": round(passage.rank, 4),
            # the sentences found inside the window (`text` keeps their neighbours)
            "sentence": passage.chunk or None}


def figure_to_json(figure: Figure) -> dict[str, Any]:
    first = figure.claims[0] if figure.claims else None
    normalized = first.normalized if first and first.normalized is not None else None
    return {"value": _number(figure.value), "qualifier": figure.qualifier,
            "counted": figure.counted, "docs": list(figure.docs),
            "sources": list(figure.sources),
            "authority": " / ".join(figure.authorities) or None,
            "authorities": list(figure.authorities), "quote": figure.quote,
            "quote_doc": figure.quote_doc,
            "unit": first.unit if first else None,
            "normalized": _number(round(normalized, 4)) if normalized is not None
            else _number(figure.value),
            "dimension": first.dimension if first else "count",
            "dates": sorted({c.date[:10] for c in figure.claims if c.date})}


def slot_to_json(slot: Slot) -> dict[str, Any]:
    outlets = {s for f in slot.figures for s in f.sources}
    authorities = {a.lower() for f in slot.figures for a in f.authorities}
    return {"about": slot.about, "kind": slot.relationship, "event": slot.event,
            "claims": [figure_to_json(f) for f in slot.figures],
            "relations": [{"a": r.first, "b": r.second, "kind": r.relationship}
                          for r in slot.relations],
            "outlets": len(outlets), "authorities": len(authorities),
            "story": story_to_json(slot.story), "more": slot.more,
            "unit": common_unit(slot.dimension)}


def wording_to_json(wording: Wording) -> dict[str, Any]:
    """A wording dispute in the shape of a figure dispute, the role standing for the value."""
    return {"about": f"{wording.name} is described as", "kind": "wording",
            "claims": [{"value": role, "qualifier": None, "counted": wording.name,
                        "docs": list(docs), "sources": list(sources), "authority": None,
                        "quote": quote}
                       for role, docs, sources, quote in zip(
                           wording.roles, wording.docs, wording.sources, wording.quotes,
                           strict=True)]}


def answer_to_json(answer: Answer) -> dict[str, Any]:
    out = {"question": answer.question,
           "passages": [passage_to_json(p) for p in answer.passages],
           "disagreements": [slot_to_json(s) for s in answer.disagreements],
           "agreements": [slot_to_json(s) for s in answer.agreements],
           "wording": [wording_to_json(w) for w in answer.wording],
           "articles": answer.article_count}
    if answer.notice:
        out["notice"] = answer.notice
    if answer.nearest:  # no answer: the nearest passages, never under "passages"
        out["nearest"] = [passage_to_json(p) for p in answer.nearest]
    return out
