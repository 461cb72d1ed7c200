"""A question's text as the engine accepts it: invisible characters removed, whitespace
folded, within MAX_QUESTION_CHARS (the Discord option's own limit).

It lives below the engine so that every stage that turns text into a question (`Engine.ask`,
the message check) applies the same limit without importing the engine.
"""

from __future__ import annotations

from ..errors import QuestionError

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
