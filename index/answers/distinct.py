"""Distinct meaning: how well what a Chunk says beyond its Article's topic matches what the
question asks beyond it.

Every Chunk of a long report is near the story in meaning, so the question's cosine to a
report's Chunks mostly measures the story, and the topical lead, which names all of it,
wins. Take away from the question and from each Chunk their component along the Article's
centroid (the mean of its Chunks found for the question): what is left is what the
question asks about the story and what each Chunk adds to it. Their cosine tells an
Article's answering Chunk from its other Chunks, the meaning-side twin of the focus words
(`answers.focus`), and synonyms count ("attorney" and "lawyer").

Measured inside each outlet's article on realdev and three further sets of real questions
on its articles, plus the public synthetic files (258 answering passages of Articles with
two or more candidates): the answering passage's distinct cosine has median 0.18, the other
passages' -0.04.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def distinct(query: np.ndarray, doc_ids: Sequence[str], vectors: np.ndarray,
             ) -> list[float]:
    """Each Chunk's distinct cosine to the query (0.0 for a Chunk alone in its Article
    here: nothing to tell it from), given the Chunks' Articles and unit vectors."""
    out = [0.0] * len(doc_ids)
    rows: dict[str, list[int]] = {}
    for i, doc in enumerate(doc_ids):
        rows.setdefault(doc, []).append(i)
    for own in rows.values():
        if len(own) < 2:
            continue
        block = vectors[own]
        centre = block.mean(axis=0)
        centre /= np.linalg.norm(centre) or 1.0
        asked = _unit(query - (query @ centre) * centre)
        rest = block - np.outer(block @ centre, centre)
        norms = np.linalg.norm(rest, axis=1)
        norms[norms == 0] = 1.0
        for i, value in zip(own, (rest @ asked) / norms, strict=True):
            out[i] = float(value)
    return out


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(vector)
    return vector / norm if norm else vector
