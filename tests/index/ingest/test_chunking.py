"""Chunking: whole sentences, quotable length, overlap, nothing lost."""

from __future__ import annotations

import itertools
import re

import pytest

from index.ingest.chunking import MAX_CHARS, chunk_article, chunk_texts, split_sentences
from index.records import Article

pytestmark = pytest.mark.fast

TEXT = ("Mr. Smith arrived at 9 a.m. on Jan. 5 with the U.S. delegation. He met the mayor.\n\n"
        + " ".join(f"Sentence {i} says that {i * 7} houses were damaged in the storm." for i in
                   range(1, 40)))


def test_sentences_split_on_stops_but_not_on_abbreviations_or_initials():
    first = [s.text for s in split_sentences(TEXT)][:2]
    assert first == ["Mr. Smith arrived at 9 a.m. on Jan. 5 with the U.S. delegation.",
                     "He met the mayor."]


def test_every_line_break_ends_a_sentence():
    assert [s.text for s in split_sentences("A headline\nBody text here.")] == [
        "A headline", "Body text here."]


def test_chunks_are_short_enough_to_quote_and_hold_whole_sentences():
    chunks = chunk_texts(TEXT)
    sentences = [s.text for s in split_sentences(TEXT)]
    assert len(chunks) > 3
    assert all(len(c) <= MAX_CHARS for c in chunks)
    for chunk in chunks:
        assert re.match(r"^(Mr\. Smith|Sentence \d+|He met)", chunk)
        assert chunk.endswith(".")
    assert all(any(s in c for c in chunks) for s in sentences), "no sentence is lost"


def test_consecutive_chunks_share_their_boundary_sentence():
    chunks = chunk_texts(TEXT)
    for before, after in itertools.pairwise(chunks):
        last = split_sentences(before)[-1].text
        assert after.startswith(last)


def test_a_sentence_longer_than_the_limit_is_cut_at_clause_marks():
    long = "The list of towns hit includes " + ", ".join(f"Town{i}" for i in range(200)) + "."
    chunks = chunk_texts(long)
    assert all(len(c) <= MAX_CHARS for c in chunks)
    assert "Town0" in chunks[0] and "Town199" in chunks[-1]


def test_chunk_ids_are_stable_and_carry_article_metadata():
    article = Article(doc_id="d1", source="Outlet", title="T", date="2024-01-01", url=None,
                      text=TEXT, path="d1.txt", content_hash="h")
    first, again = chunk_article(article), chunk_article(article)
    assert [c.chunk_id for c in first] == [c.chunk_id for c in again]
    assert len({c.chunk_id for c in first}) == len(first)
    assert [c.position for c in first] == list(range(len(first)))
    assert {(c.doc_id, c.source, c.title, c.date) for c in first} == {
        ("d1", "Outlet", "T", "2024-01-01")}
