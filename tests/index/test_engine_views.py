"""Views the engine builds once per index generation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_stories_are_built_once_per_generation(sample_engine):
    first = sample_engine.stories()
    assert sample_engine.stories() is first
    (story,) = first
    assert len(story.docs) == 5 and "people arrested" in story.disputed

