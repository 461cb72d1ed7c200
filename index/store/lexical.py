"""The lexical index beside the vectors: BM25 over a generation's Chunks (bm25s).

Dense vectors find paraphrases ("cops" for "police officers"); exact words find what a
small embedding model blurs — names, rare nouns, figures ("Agia Sofronia", "hectares").
Chroma's own sparse index is Cloud-only, so each generation gets a bm25s index, built at
index time and saved beside it (or, for a Chroma server, in a local cache), loaded
memory-mapped on first use, and rebuilt from the generation's Chunks if it is missing.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np

from ..claims.stemming import WordStemmer
from ..ingest.chunking import fold_text
from .chunk_table import ChunkTable, ChunkTableWriter, best_first

if TYPE_CHECKING:  # bm25s is imported on first use
    import bm25s

    from .reading import Reading

log = logging.getLogger(__name__)

IDS_FILE = "chunk_ids.json"
# How texts are cut into words; an index saved by another version is rebuilt on load.
TOKENS_FILE = "tokens.json"
TOKENS_VERSION = 4  # 2: hyphenated words also written solid; 3: irregular verb forms;
# 4: a role's gendered forms as one word ("spokeswoman" / "spokesperson")
# "Wal-Mart" is also "walmart", "e-mail" also "email": the same word is written solid and
# hyphenated by different outlets and readers.
HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
# Words of a question that say what kind of answer is wanted, not what it is about.
QUESTION_WORDS = ["how", "many", "much", "what", "which", "who", "whom", "whose", "when",
                  "where", "why", "did", "does", "do", "was", "were", "is", "are", "has",
                  "have", "had", "so", "far", "now", "really", "still", "get", "got"]


def _bm25s() -> ModuleType:
    """bm25s, imported on first use; it sets its own logger to DEBUG on import, which would
    print index internals on every run: keep it at WARNING."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


def _stemmer() -> WordStemmer:
    """Snowball, with a verb's irregular forms read as its base (see claims.stemming)."""
    return WordStemmer()


def _stopwords() -> list[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return [*STOPWORDS_EN, *QUESTION_WORDS]


class LexicalIndex:
    """BM25 over Chunk texts, answering with Chunk ids and scores."""

    def __init__(self, retriever: bm25s.BM25, ids: list[str],
                 table: ChunkTable | None = None) -> None:
        self._retriever = retriever
        self.ids = ids
        self.table = table  # where each Chunk is, and its vector (see store.chunk_table)
        self._stemmer = _stemmer()
        self._stopwords = _stopwords()
        self._lock = threading.Lock()  # bm25s keeps per-call state in numpy buffers

    @classmethod
    def build(cls, ids: Sequence[str], texts: Sequence[str]) -> LexicalIndex:
        bm25s = _bm25s()

        retriever = bm25s.BM25()
        if texts:
            tokens = bm25s.tokenize([lexical_text(t) for t in texts], stopwords=_stopwords(),
                                    stemmer=_stemmer(), show_progress=False)
            retriever.index(tokens, show_progress=False)
        return cls(retriever, list(ids))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self.ids:
            self._retriever.save(str(folder), show_progress=False)
        (folder / IDS_FILE).write_text(json.dumps(self.ids), encoding="utf-8")
        (folder / TOKENS_FILE).write_text(json.dumps({"version": TOKENS_VERSION}),
                                          encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex | None:
        """The index saved in `folder`, or None when there is none (or it is unreadable)."""
        bm25s = _bm25s()

        try:
            if _tokens_version(folder) != TOKENS_VERSION:
                log.info("the lexical index in %s cuts words another way: rebuilding it", folder)
                return None
            ids = json.loads((folder / IDS_FILE).read_text(encoding="utf-8"))
            retriever = bm25s.BM25.load(str(folder), mmap=True, show_progress=False) \
                if ids else bm25s.BM25()
        except (OSError, ValueError) as exc:
            log.info("no usable lexical index in %s (%s)", folder, exc)
            return None
        return cls(retriever, ids, ChunkTable.load(folder, ids))

    def search(self, question: str, k: int) -> list[tuple[str, float]]:
        """Up to k (chunk id, BM25 score) best first; only Chunks sharing a word."""
        bm25s = _bm25s()

        if not self.ids:
            return []
        tokens = bm25s.tokenize([lexical_text(question)], stopwords=self._stopwords,
                                stemmer=self._stemmer, return_ids=False, show_progress=False)
        known = [[t for t in tokens[0] if t in self._retriever.vocab_dict]]
        if not known[0]:
            return []
        with self._lock:
            scores = self._retriever.get_scores(known[0])
        return [(self.ids[int(i)], float(scores[i])) for i in top_scoring(scores, k)]

    def knows(self, word: str) -> bool:
        """Whether a stemmed word (as `words` gives it) is in some Chunk."""
        return word in self._retriever.vocab_dict

    def words(self, question: str) -> list[str]:
        """The question's content words as the index stems them (stopwords dropped)."""
        bm25s = _bm25s()

        tokens = bm25s.tokenize([lexical_text(question)], stopwords=self._stopwords,
                                stemmer=self._stemmer, return_ids=False, show_progress=False)
        return list(tokens[0])


def lexical_text(text: str) -> str:
    """A text as the index cuts it into words: folded (chunking.fold_text), each hyphenated
    word also written solid."""
    text = fold_text(text)
    joined = [m.group().replace("-", "") for m in HYPHENATED.finditer(text)]
    return f"{text} {' '.join(joined)}" if joined else text


def _tokens_version(folder: Path) -> int | None:
    try:
        return json.loads((folder / TOKENS_FILE).read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None


def top_scoring(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest positive scores, best first (ties by index).

    bm25s's own top-k runs `argpartition` over every Chunk's score, and most are 0 (a
    Chunk shares no word with the question); on such an array numpy's selection degrades:
    13 ms at 100k Chunks, against ~1 ms on varied scores (measured on this machine). The
    positive ones are taken first, so selection runs over the few that share a word."""
    return best_first(scores, np.flatnonzero(scores > 0), k)


def build_lexical(store: Reading, name: str, folder: Path,
                  block: int = 1000) -> LexicalIndex | None:
    """A generation's lexical index and Chunk table from its records in Chroma (for one
    built elsewhere: on a shared Chroma server), saved in `folder` and loaded from it."""
    ids: list[str] = []
    texts: list[str] = []
    metas: list[dict[str, Any]] = []
    vectors: list[Any] = []
    with ChunkTableWriter(folder) as table:
        for cid, text, meta, vector in store.records(name, include_embeddings=True):
            ids.append(cid)
            texts.append(text)
            metas.append(meta)
            vectors.append(vector)
            if len(metas) == block:
                table.add(metas, vectors)
                metas, vectors = [], []
        table.add(metas, vectors)
    LexicalIndex.build(ids, texts).save(folder)
    return LexicalIndex.load(folder)
