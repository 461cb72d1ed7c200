"""Storing 👍/👎 votes in the local SQLite file."""

from __future__ import annotations

import pytest

from bot.feedback import FeedbackStore, Vote
from index.errors import SettingsError

pytestmark = pytest.mark.fast


def vote(user_id: int, value: int, message_id: int = 1) -> Vote:
    return Vote(message_id=message_id, user_id=user_id, vote=value, question="q", asker_id=1,
                guild_id=2, channel_id=3, page=0, docs=("000", "001"))


def test_votes_are_stored_and_tallied_per_answer(tmp_path):
    store = FeedbackStore.open(tmp_path / "deep" / "feedback.sqlite3")
    store.record(vote(10, 1))
    store.record(vote(11, -1))
    store.record(vote(12, 1, message_id=2))
    assert store.tally(1) == (1, 1)
    assert store.tally(2) == (1, 0)
    assert store.votes()[0] == vote(10, 1)


def test_voting_again_replaces_the_earlier_vote(tmp_path):
    store = FeedbackStore.open(tmp_path / "feedback.sqlite3")
    store.record(vote(10, 1))
    store.record(vote(10, -1))
    assert store.tally(1) == (0, 1)


def test_votes_survive_reopening_the_file(tmp_path):
    FeedbackStore.open(tmp_path / "f.sqlite3").record(vote(10, 1))
    assert FeedbackStore.open(tmp_path / "f.sqlite3").tally(1) == (1, 0)


def test_an_unwritable_path_names_the_setting(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SettingsError, match="FEEDBACK_DB"):
        FeedbackStore.open(blocker / "feedback.sqlite3")
