"""The domain records shared by the corpus engine and the Discord shell.

Every record is a frozen dataclass so it can cross threads (the bot runs the engine in
worker threads) without anyone mutating it under somebody else's feet.

Words, used the same in code, logs and UI:
- Article: one news report as loaded from the corpus folder.
- Chunk: a quotable slice of an Article, as stored in the index.
- Passage: a Chunk returned for a question, with its similarity score; identical or
  near-identical Chunks from several Articles (syndicated copy) are one Passage.
- Claim: a figure stated in a sentence, with what it counts, its hedge, the Article's
  source (the outlet) and the authority the outlet cites.
- Disagreement / agreement: a Slot (event + what is counted) and the figures reported for it.
- Answer: what one question gets back.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """A news report loaded from the corpus folder."""

    doc_id: str
    source: str
    title: str | None
    date: str | None
    url: str | None
    text: str
    path: str
    content_hash: str


@dataclass(frozen=True)
class Skipped:
    """A corpus file that was not indexed, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Claim:
    """A figure stated in one sentence of one Article.

    `low`/`high` are the interval the hedge allows ("at least 8" -> [8, inf)); `value` is
    the base figure as written ("8"). `authority` is whom the outlet cites, `source` the
    outlet itself.
    """

    value: float
    low: float
    high: float
    qualifier: str | None
    figure: str
    counted: str
    kind: str
    event: str
    authority: str | None
    doc_id: str
    source: str
    date: str | None
    quote: str
    revision: bool = False


@dataclass(frozen=True)
class Chunk:
    """A quotable slice of an Article, as stored in the index."""

    chunk_id: str
    doc_id: str
    source: str
    title: str | None
    date: str | None
    position: int
    text: str
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class Passage:
    """A Chunk retrieved for a question; `docs`/`sources` list every Article carrying it."""

    doc_id: str
    docs: tuple[str, ...]
    source: str
    sources: tuple[str, ...]
    title: str | None
    date: str | None
    position: int
    text: str
    score: float
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class Figure:
    """One figure of a Slot, with every Article that reports it (claims share a base value)."""

    value: float
    qualifier: str | None
    counted: str
    docs: tuple[str, ...]
    sources: tuple[str, ...]
    authorities: tuple[str, ...]
    quote: str
    quote_doc: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Relation:
    """How two Figures of one Slot relate: agree, bound, conflict, update or scope."""

    first: int
    second: int
    kind: str


@dataclass(frozen=True)
class Slot:
    """The figures reported for one thing (event + what is counted).

    `kind` is "agree" when every Figure has the same base value; otherwise the strongest
    pairwise relation ("conflict" > "update" > "scope" > "bound").
    """

    about: str
    event: str
    kind: str
    figures: tuple[Figure, ...]
    relations: tuple[Relation, ...] = ()

    @property
    def disputed(self) -> bool:
        return self.kind != "agree"


@dataclass(frozen=True)
class Wording:
    """A disagreement that is not a number: one person described with roles of opposite
    gender ("spokesman" / "spokeswoman"); each role with the outlets that use it."""

    name: str
    roles: tuple[str, ...]
    sources: tuple[tuple[str, ...], ...]
    docs: tuple[tuple[str, ...], ...]
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    """Everything one question gets back."""

    question: str
    passages: tuple[Passage, ...]
    disagreements: tuple[Slot, ...] = ()
    agreements: tuple[Slot, ...] = ()
    article_count: int = 0
    notice: str | None = None
    wording: tuple[Wording, ...] = ()


@dataclass(frozen=True)
class SourceSummary:
    """One indexed Article as `discordant sources` lists it."""

    doc_id: str
    source: str
    title: str | None
    date: str | None
    passages: int


@dataclass(frozen=True)
class IndexReport:
    """What an index run did; the CLI prints it and `/reindex` shows it as a diff."""

    articles: int
    chunks: int
    embedded: int
    reused: int
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    seconds: float = 0.0
    warnings: tuple[str, ...] = field(default_factory=tuple)
