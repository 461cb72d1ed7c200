"""A question as the engine accepts it: its text with invisible characters removed and
whitespace folded, within MAX_QUESTION_CHARS (the Discord option's own limit), and the Story
it is kept to, if any, one the index holds.

It lives below the engine so that every stage that turns text into a question (`Engine.ask`,
the message check) applies the same limit without importing the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..errors import QuestionError

if TYPE_CHECKING:
    from .corpus import Corpus

MAX_QUESTION_CHARS = 300


def clean_question(question: str) -> str:
    """The question with invisible characters removed and whitespace folded.

    Raises QuestionError for a blank question or one without a single letter or digit,
    and for one longer than MAX_QUESTION_CHARS (the Discord option's own limit).
    """
    # Zero-width and other format characters are not printable: they go here too.
    text = "".join(ch for ch in question if ch.isprintable() or ch.isspace())
    text = " ".join(text.split())
    if not text:
        raise QuestionError("The question is empty: ask something, e.g. `how many officers died`.")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"The question is {len(text)} characters long; keep it under {MAX_QUESTION_CHARS}."
        )
    if not any(ch.isalnum() for ch in text):
        raise QuestionError("The question has no words in it: ask it in words.")
    return text


def accepted(questions: Iterable[str]) -> Iterator[str]:
    """The questions that clean_question accepts, cleaned (the rest get its error later)."""
    for question in questions:
        try:
            yield clean_question(question)
        except QuestionError:
            continue


def known_story(corpus: Corpus, story: str | None) -> str | None:
    """A Story id the index holds (None for none asked); an unknown one names the fix."""
    if story is None or any(s.id == story for s in corpus.stories()):
        return story
    raise QuestionError(f"No story has the id {story!r}: list them with `discordant stories`.")
