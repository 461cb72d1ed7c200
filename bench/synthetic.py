"""A deterministic synthetic corpus grown from the sample articles, for the scale benchmark.

Each synthetic Article is a sample Article rewritten with its own random generator (seeded
by the corpus seed and the Article's number, so the same seed gives byte-identical files on
any machine): figures nudged up or down (or kept, so that sources still agree sometimes),
number words swapped, another outlet, a date within a month, paragraphs in another order
and the sentences of some paragraphs rotated. Every Passage is therefore new text that the
model really embeds; nothing is cached or copied between Articles.

Articles are written as `.txt` files with front matter until their Chunks (counted with the
indexer's own loader and chunker) reach the number of passages asked for.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import re
from dataclasses import dataclass
from pathlib import Path

from index.ingest.articles import load_article, load_corpus
from index.ingest.chunking import chunk_article, split_sentences
from index.records import Article

log = logging.getLogger(__name__)

OUTLETS = (
    "Almaty Herald", "Steppe Dispatch", "Caspian Wire", "Daily Meridian", "Eurasia Monitor",
    "Northern Courier", "Silk Road Times", "Continental Post", "Morning Ledger",
    "Global Desk", "Central Asia Report", "Evening Standard Review", "Capital Observer",
    "Frontier News Agency", "Metro Chronicle", "World Briefing", "Regional Tribune",
    "Harbour Gazette", "The Daily Record", "Union Telegraph", "Independent Bulletin",
    "Pacific Sentinel", "Atlantic Journal", "The Evening Echo",
)
WIRES = ("", "", "", " (AFP)", " (Reuters)", " (AP)")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "twenty")
FACTORS = (1.0, 1.0, 1.0, 0.8, 0.9, 1.1, 1.25)  # at most five figures per figure reported
# Stand-alone digit figures: "8", "353", "1,000" (not years, times, dates or codes).
DIGITS = re.compile(r"(?<![\w.,/:#-])(\d{1,3}(?:,\d{3})*)(?![\w/:%-]|[.,]\d)")
WORDS = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class SyntheticCorpus:
    """A generated corpus folder and what it holds."""

    path: Path
    articles: int
    passages: int
    seed: int


def sample_articles(corpus_dir: Path) -> list[Article]:
    """The Articles of the sample corpus, in file order (the seed material)."""
    articles = [a for a in load_corpus(corpus_dir) if isinstance(a, Article)]
    if not articles:
        raise ValueError(f"no articles to grow a synthetic corpus from in {corpus_dir}")
    return articles


def _nudge(match: re.Match, rng: random.Random) -> str:
    """A figure kept (so that sources still agree) or moved to one of a few others, as
    reports of one event differ: not a new number per article, which no news corpus has."""
    value = int(match.group(1).replace(",", ""))
    factor = rng.choice(FACTORS)
    if value == 0 or factor == 1.0:
        return match.group(1)
    return f"{max(1, round(value * factor)):,}"


def _swap_word(match: re.Match, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return match.group(1)
    word = rng.choice(NUMBER_WORDS)
    return word.capitalize() if match.group(1)[0].isupper() else word


def vary_figures(text: str, rng: random.Random) -> str:
    """The text with its figures changed: digits scaled, number words swapped."""
    text = DIGITS.sub(lambda m: _nudge(m, rng), text)
    return WORDS.sub(lambda m: _swap_word(m, rng), text)


def reorder(text: str, rng: random.Random) -> str:
    """The first line (the headline) kept, the other paragraphs shuffled, and the
    sentences of about a third of them rotated."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    head, body = paragraphs[:1], paragraphs[1:]
    rng.shuffle(body)
    out = []
    for paragraph in body:
        sentences = [s.text for s in split_sentences(paragraph)]
        if len(sentences) > 1 and rng.random() < 0.35:
            cut = rng.randrange(1, len(sentences))
            sentences = sentences[cut:] + sentences[:cut]
        out.append(" ".join(sentences))
    return "\n\n".join(head + out)


def synthetic_text(base: Article, number: int, seed: int) -> str:
    """The file text (front matter and body) of synthetic Article `number`."""
    rng = random.Random(f"discordant-synthetic:{seed}:{number}")
    source = rng.choice(OUTLETS) + rng.choice(WIRES)
    day = dt.date.fromisoformat((base.date or "2022-01-06")[:10])
    date = (day + dt.timedelta(days=rng.randint(-3, 27))).isoformat()
    title = vary_figures(base.title or "Report", rng)
    body = reorder(vary_figures(base.text, rng), rng)
    # JSON strings are valid YAML scalars: titles with colons or quotes stay intact.
    return (f"---\ntitle: {json.dumps(title)}\nsource: {json.dumps(source)}\ndate: {date}\n"
            f"---\n{body}\n")


def generate(samples: list[Article], passages: int, out_dir: Path,
             seed: int = 0) -> SyntheticCorpus:
    """Write synthetic Articles into `out_dir` until they hold at least `passages` Chunks."""
    out_dir.mkdir(parents=True, exist_ok=True)
    total = number = 0
    while total < passages:
        base = samples[number % len(samples)]
        path = out_dir / f"{number // 1000:03d}" / f"syn-{number:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(synthetic_text(base, number, seed), encoding="utf-8")
        article, _, _ = load_article(path, path.stem)
        total += len(chunk_article(article)) if article else 0
        number += 1
    log.info("synthetic corpus: %d articles, %d passages in %s", number, total, out_dir)
    return SyntheticCorpus(path=out_dir, articles=number, passages=total, seed=seed)
