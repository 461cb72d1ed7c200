"""The named places, people, organisations and events of an Article (spaCy NER).

Two reports share a story when they name the same things: "Serra Lunga", "Calidria",
"Elena Marchetti" — outlets' own names and bylines aside. Only the head of an Article (its
title and first paragraphs) is read: that is where news names who, what and where, and it
keeps the cost per Article flat however long the report.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..claims.extract import SPACY_MODEL
from ..claims.lexicon import figures
from ..records import Article

if TYPE_CHECKING:  # spaCy is imported with the pipeline, on first use
    from spacy.language import Language

# The title and lead paragraphs: who, what, where. NER reads about twice as many reports a
# second at 1,200 characters as at 2,500 (27 vs 14 on 2 cores, with the tagger), and the
# public corpora and ours (14 stories, 44 reports) group the same at both; at 800 one
# report of the strike lost its story.
HEAD_CHARS = 1200
LABELS = {"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"}
MAX_ENTITIES = 40
# A figure the small model takes for a name ("Twelve men are trapped": "twelve", ORG) names
# nothing: two reports sharing it share no place, person or thing.
_WORDS = "|".join([*figures.NUMBER_WORDS, *(f"{scale}s?" for scale in
                                              [*figures.SCALES, *figures.DOZEN])])
NUMBER = re.compile(rf"(?:[\d.,]+|{_WORDS}|[\s-])+")  # the registry's number and scale words


class EntityReader:
    """Reads named entities; its spaCy pipeline (NER alone) loads on first use."""

    def __init__(self) -> None:
        self._nlp: Language | None = None
        self._lock = threading.Lock()

    def _pipeline(self) -> Language:
        with self._lock:
            if self._nlp is None:
                from ..claims.spacy_import import import_spacy

                # The small model's NER has its own embedding layer: without the shared
                # tok2vec and the tagger it finds the same entities 1.6x faster (measured:
                # 41 vs 25 heads a second, identical entities).
                self._nlp = import_spacy().load(SPACY_MODEL, exclude=[
                    "tok2vec", "tagger", "parser", "lemmatizer", "attribute_ruler", "senter"])
            return self._nlp

    def load(self) -> None:
        """Load the pipeline and run it once, in the calling thread: what it imports on
        first use is imported here, not in a worker thread beside other imports."""
        with self._lock:
            loaded = self._nlp is not None
        if not loaded:
            list(self._pipeline().pipe(["Warm up in Paris."]))

    def entities(self, articles: Iterable[Article]) -> list[list[str]]:
        """Per Article, its distinct entity names (lowercased), most mentioned first, without
        the outlet's own name (an outlet reports many stories)."""
        articles = list(articles)
        heads = [entity_head(a) for a in articles]
        out = []
        for article, doc in zip(articles, self._pipeline().pipe(heads, batch_size=32),
                                strict=True):
            own = article.source.lower()
            counts: dict[str, int] = {}
            for ent in doc.ents:
                name = " ".join(ent.text.lower().split()).removeprefix("the ")
                if ent.label_ in LABELS and len(name) > 2 and name not in own and \
                        not NUMBER.fullmatch(name):
                    counts[name] = counts.get(name, 0) + 1
            out.append(sorted(counts, key=lambda n: -counts[n])[:MAX_ENTITIES])
        return out


def entity_head(article: Article) -> str:
    """The part of an Article its names are read from: title and lead (see HEAD_CHARS)."""
    return f"{article.title or ''}\n{article.text[:HEAD_CHARS]}"
