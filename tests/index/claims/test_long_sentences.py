"""Run-on text costs time in proportion to its length, and never stops a run."""

from __future__ import annotations

import pytest

from index.claims.extract import ClaimExtractor
from index.ingest.chunking import MAX_CHARS, PARSE_MAX_CHARS, parse_pieces
from index.records import Article

pytestmark = pytest.mark.fast

UNIT = "officials said 12 people were killed and 30 injured in the attack near the town, "


def article(text: str) -> Article:
    return Article(doc_id="long", source="Wire", title=None, date=None, url=None, text=text,
                   path="long.txt", content_hash="0")


def test_a_sentence_longer_than_spacy_allows_is_cut_and_its_figure_still_found():
    extractor = ClaimExtractor()
    limit = extractor.nlp().max_length
    # One "sentence" past spaCy's max_length (E088 aborted the whole run), one figure at its end.
    text = "and the crowd kept walking " * (limit // 27 + 1000) + \
        "when police said 14 officers were killed."
    assert len(text) > limit
    pieces = parse_pieces(text)
    assert max(map(len, pieces)) <= MAX_CHARS and "".join(pieces).replace(" ", "") == \
        text.replace(" ", "")
    (claim,) = [c for c in extractor.extract(article(text)) if not c.weak]
    assert claim.value == 14 and claim.quote in pieces


def test_a_long_run_on_sentence_gives_the_claims_of_its_pieces():
    text = (UNIT * 1300)[:100_000]  # 100 KB, no full stop: took ~40 s, now a few seconds
    claims = [c for c in ClaimExtractor().extract(article(text)) if not c.weak]
    assert len(claims) > 1000 and {c.value for c in claims} == {12, 30}
    assert max(len(c.quote) for c in claims) <= MAX_CHARS


def test_ordinary_sentences_are_parsed_whole():
    sentence = "At least 13 law enforcement officials died in Almaty, state TV reported. "
    text = sentence * 3 + "A long one, " + "with many clauses, " * 80 + "ends here."
    pieces = parse_pieces(text)
    assert pieces[:3] == [sentence.strip()] * 3 and len(pieces[3]) < PARSE_MAX_CHARS
