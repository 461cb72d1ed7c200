"""The `story` option: suggestions within Discord's limits, and a value turned back into a
Story; a message's text as the check reads it."""

from __future__ import annotations

import pytest

from bot.story_options import MAX_CHOICES, choice_name, resolve_story, story_choices
from index.errors import QuestionError
from index.records import StorySummary

pytestmark = pytest.mark.fast


def story(n: int, title: str | None = None, docs: int = 2) -> StorySummary:
    return StorySummary(id=f"s-{n}", title=title or f"Story number {n}",
                        docs=tuple(f"d{n}-{i}" for i in range(docs)), sources=("A",),
                        first="2025-08-11", last="2025-08-13")


def test_at_most_25_choices_with_names_of_at_most_100_characters():
    stories = [story(n, "Wildfire " + "very long title " * 20) for n in range(40)]
    choices = story_choices(stories, "wild")
    assert len(choices) == MAX_CHOICES
    assert all(len(c.name) <= 100 and c.name.endswith("2 articles, 2025-08-11 to 2025-08-13")
               for c in choices)
    assert {c.value for c in choices} <= {s.id for s in stories}


def test_titles_starting_with_what_was_typed_come_first_then_the_biggest():
    stories = [story(1, "Ferry capsizes off Ithessa"), story(2, "Strike: ferry crews join", 5),
               story(3, "Wildfire")]
    assert [c.value for c in story_choices(stories, "FERRY")] == ["s-1", "s-2"]
    assert [c.value for c in story_choices(stories, "")] == ["s-2", "s-1", "s-3"]
    assert [c.value for c in story_choices(stories, "s-3")] == ["s-3"]


def test_a_story_id_over_100_characters_is_never_offered():
    long_id = StorySummary(id="x" * 101, title="Long", docs=("d",), sources=("A",),
                           first=None, last=None)
    assert story_choices([long_id], "") == []
    assert choice_name(long_id) == "Long · 1 article"


def test_a_value_is_an_id_a_title_or_a_unique_part_of_a_title():
    stories = [story(1, "Ferry capsizes off Ithessa"), story(2, "Strike: ferry crews join")]
    assert resolve_story(stories, "s-2").id == "s-2"
    assert resolve_story(stories, "  ferry CAPSIZES off ithessa ").id == "s-1"
    assert resolve_story(stories, "crews").id == "s-2"
    for value in ("ferry", "volcano"):  # two stories, or none
        with pytest.raises(QuestionError, match="No single story matches"):
            resolve_story(stories, value)


def test_a_forged_story_title_reaches_the_choices_inert():
    forged = story(1, "Flood \u202etoll\u202c\x1b[2J rises\nFORGED line")
    (choice,) = story_choices([forged], "flood")
    assert choice.name.startswith("Flood toll[2J rises FORGED line")
    assert not any(c in choice.name for c in "\u202e\u202c\x1b\n")
