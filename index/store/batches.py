"""How a write to Chroma is cut into requests: consecutive rows, at most the server's batch
size and about BATCH_BYTES each, so a server never refuses one as too large.

Apart from `chroma.py` because it is plain arithmetic on the rows (it does not import
chromadb: only `chroma.py` does).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence, Sized
from typing import Any

# A Chroma server refuses a request over its payload limit ("Payload too large"; measured
# with chroma 1.5.9: 32 MB accepted, 48 MB refused), which Article records — whole texts and
# their Claims — reach within a few hundred rows. 8 MB per request leaves room for the JSON
# the client writes around what is estimated here.
BATCH_BYTES = 8_000_000
FLOAT_BYTES = 20  # a float of a vector, as JSON


def batches(texts: Sequence[str], metadatas: Sequence[dict[str, Any]],
            vectors: Sequence[Sized], rows: int) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive rows, at most `rows` and about BATCH_BYTES each."""
    start, size = 0, 0
    for end in range(len(texts)):
        row = len(texts[end].encode()) + len(json.dumps(metadatas[end])) + \
            FLOAT_BYTES * len(vectors[end])
        if end > start and (end - start >= rows or size + row > BATCH_BYTES):
            yield start, end
            start, size = end, 0
        size += row
    if start < len(texts):
        yield start, len(texts)
