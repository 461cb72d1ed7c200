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
from enum import StrEnum


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
    story: str | None = None  # a Story pinned in the front matter (`story:`), for curated corpora


@dataclass(frozen=True)
class Skipped:
    """A corpus file that was not indexed, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure stated in one sentence of one Article.

    `low`/`high` are the interval the hedge allows ("at least 8" -> [8, inf)); `value` is
    the base figure as written ("8"; a date is an ISO string, a year an int). `authority` is
    whom the outlet cites, `source` the outlet itself.

    What the figure measures: `dimension` ("count", "area", "money:EUR", "%", "date" ...),
    `unit` as written ("hectares", "€"), and `normalized`/`norm_low`/`norm_high`, the value
    and interval in the dimension's common unit (14,164 hectares for "about 35,000 acres"),
    which is what figures are compared in. `place` is the scope the sentence gives the
    figure ("kessburg", "national"); `background` marks a figure about another, earlier
    event ("the 2007 fires killed 11"), which joins no slot of this story's event.
    `equivalents` are the same amount in another currency as the article itself gives it
    ("€2.5m (about $2.7 million)"): (dimension, low, high) in that currency.
    `keys` are the short parts of its clause that say what it measures (claims/features.py:
    "noun:page", "verb:receive", "of:email", "role:start"); `weak` is why the event rules
    give it no slot of their own ("no event", "background" ...), "" when they do — a weak
    Claim is still a figure, ranked lower, and measures are learned from every Claim.
    """

    value: float | str
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
    dimension: str = "count"
    unit: str | None = None
    normalized: float | None = None
    norm_low: float | None = None
    norm_high: float | None = None
    place: str | None = None
    background: bool = False
    equivalents: tuple[tuple[str, float, float], ...] = ()
    keys: tuple[str, ...] = ()
    weak: str = ""

    @property
    def span(self) -> tuple[float, float]:
        """The interval compared across outlets: in the common unit when there is one."""
        if self.norm_low is None or self.norm_high is None:
            return self.low, self.high
        return self.norm_low, self.norm_high


@dataclass(frozen=True)
class Chunk:
    """A slice of an Article (about two sentences), as stored and ranked in the index;
    `first`/`count` place it among the Article's sentences, for the passage shown around it."""

    chunk_id: str
    doc_id: str
    source: str
    title: str | None
    date: str | None
    position: int
    text: str
    claims: tuple[Claim, ...] = ()
    first: int = 0
    count: int = 1


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
    rank: float = 0.0  # the fused rank score that ordered it (lexical and dense)
    chunk: str = ""  # the Chunk found inside the shown window
    # Every Chunk found for the question inside the window: the best (`chunk`) and those
    # of the same Article it took in (shown once, in the window around the better one).
    found: tuple[str, ...] = ()
    story: StoryRef | None = None
    url: str | None = None
    # How well what the found Chunks say beyond their Article's topic matches what the
    # question asks beyond it (answers.distinct): orders an Article's own passages.
    distinct: float = 0.0


@dataclass(frozen=True)
class StoryRef:
    """Which Story something belongs to, as JSON and Discord show it."""

    id: str
    title: str


@dataclass(frozen=True)
class StorySummary:
    """One Story as `discordant stories` lists it."""

    id: str
    title: str
    docs: tuple[str, ...]
    sources: tuple[str, ...]
    first: str | None
    last: str | None
    disputed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """One figure of a Slot, with every Article that reports it (claims share a base value);
    `value` is its Claims' (a date figure's is text)."""

    value: float | str
    qualifier: str | None
    counted: str
    docs: tuple[str, ...]
    sources: tuple[str, ...]
    authorities: tuple[str, ...]
    quote: str
    quote_doc: str
    claims: tuple[Claim, ...]


class Relationship(StrEnum):
    """How two Figures of one Slot relate (a closed set). A str: compared, formatted and
    written to JSON as its value ("conflict"), as the `ask --json` contract has it."""

    AGREE = "agree"
    BOUND = "bound"
    CONFLICT = "conflict"
    UPDATE = "update"
    SCOPE = "scope"


@dataclass(frozen=True)
class Relation:
    """How two Figures of one Slot relate: agree, bound, conflict, update or scope."""

    first: int
    second: int
    relationship: Relationship


@dataclass(frozen=True)
class Slot:
    """The figures reported for one thing (event + what is counted) within one Story.

    `relationship` is "agree" when every Figure has the same value; otherwise the strongest
    pairwise relation ("conflict" > "update" > "scope" > "bound").
    """

    about: str
    event: str
    relationship: Relationship
    figures: tuple[Figure, ...]
    relations: tuple[Relation, ...] = ()
    story: StoryRef | None = None
    more: int = 0  # Figures left out of `figures` (a slot lists at most MAX_FIGURES)
    dimension: str = "count"

    @property
    def disputed(self) -> bool:
        """Sources disagree when two figures conflict or one revises another; bounds that
        fit, and counts of different things, are not a disagreement."""
        return any(r.relationship in ("conflict", "update") for r in self.relations)


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
    # With no answer: the passages nearest the question, shown as such (never an answer).
    nearest: tuple[Passage, ...] = ()


@dataclass(frozen=True)
class SourceSummary:
    """One indexed Article as `discordant sources` lists it, with the Story it is in."""

    doc_id: str
    source: str
    title: str | None
    date: str | None
    passages: int
    url: str | None = None
    story: str | None = None
    story_title: str | None = None


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
    stories: int = 0
    # What finding Stories adds to the run: waiting for the named entities, and clustering.
    story_seconds: float = 0.0
    # Reading the named entities, in a worker thread while the Chunks are embedded.
    entity_seconds: float = 0.0
