"""Property tests: the chunker never crashes, respects its limit and loses no text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.ingest.chunking import MAX_CHARS, chunk_texts, split_sentences

pytestmark = pytest.mark.fast

WORDS = st.sampled_from(["The", "police", "said", "12", "people", "died.", "Mr.", "U.S.",
                         "“Yes,”", "he", "added!", "Why?", "—", "a", "long-running", "1,000",
                         "x" * 50, "\n", "\n\n", "…", "(AP)"])
TEXTS = st.one_of(st.text(max_size=3000), st.lists(WORDS, max_size=400).map(" ".join))


def _words(text: str) -> list[str]:
    return text.split()


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_chunks_respect_the_limit_and_cover_every_word_in_order(text):
    chunks = chunk_texts(text)
    assert all(len(c) <= MAX_CHARS for c in chunks)
    covered = [w for s in split_sentences(text) for w in _words(s.text)]
    assert covered == _words(text), "sentences keep every word, in order"
    joined = " ".join(chunks)
    for sentence in split_sentences(text):
        for word in _words(sentence.text):
            assert word in joined


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_sentences_are_verbatim_slices_of_the_text(text):
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.start + len(sentence.text)] == sentence.text
