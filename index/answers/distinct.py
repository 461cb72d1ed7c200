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
    here: nothing to tell it from), given the Chunks' Articles and unit vectors. One pass
    over all Articles at once: it runs on every question."""
    if not len(doc_ids):
        return []
    groups: dict[str, int] = {}
    of = np.fromiter((groups.setdefault(doc, len(groups)) for doc in doc_ids), dtype=np.intp,
                     count=len(doc_ids))
    members = np.zeros((len(groups), len(doc_ids)), dtype=np.float32)
    members[of, np.arange(len(doc_ids))] = 1.0
    centres = members @ vectors  # each Article's sum of its Chunks' vectors
    centres /= np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-12)
    centre = centres[of]
    rest = vectors - np.einsum("ij,ij->i", vectors, centre)[:, None] * centre
    asked = query[None, :] - (centre @ query)[:, None] * centre
    norms = np.linalg.norm(rest, axis=1) * np.linalg.norm(asked, axis=1)
    values = np.einsum("ij,ij->i", rest, asked) / np.maximum(norms, 1e-12)
    values[np.bincount(of)[of] < 2] = 0.0
    return values.tolist()
