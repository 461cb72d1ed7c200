"""👍/👎 feedback on answers, kept in a local SQLite file (FEEDBACK_DB).

One row per (answer message, voter): voting again replaces the earlier vote, so a
mis-click can be corrected and nobody counts twice. Each call opens its own connection,
so the store can be used from worker threads (`asyncio.to_thread`) without sharing one.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from index import SettingsError

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    message_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    question TEXT NOT NULL,
    asker_id INTEGER NOT NULL,
    guild_id INTEGER,
    channel_id INTEGER,
    page INTEGER NOT NULL,
    docs TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (message_id, user_id)
)
"""


@dataclass(frozen=True)
class Vote:
    """One person's 👍 (+1) or 👎 (-1) on one answer, with what the answer showed."""

    message_id: int
    user_id: int
    vote: int
    question: str
    asker_id: int
    guild_id: int | None
    channel_id: int | None
    page: int
    docs: tuple[str, ...]


class FeedbackStore:
    """The SQLite file of votes; `open` creates it (and its folder) if missing."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def open(cls, path: Path) -> FeedbackStore:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            store = cls(path)
            with store._connect() as db:
                db.execute(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise SettingsError(
                f"Cannot open the feedback database {str(path)!r} ({exc}): set FEEDBACK_DB "
                "to a writable file path"
            ) from exc
        return store

    def _connect(self) -> closing[sqlite3.Connection]:
        return closing(sqlite3.connect(self.path, timeout=10))

    def record(self, vote: Vote) -> None:
        """Store `vote`, replacing the same person's earlier vote on the same answer."""
        with self._connect() as db, db:
            db.execute(
                "INSERT OR REPLACE INTO feedback VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (vote.message_id, vote.user_id, vote.vote, vote.question, vote.asker_id,
                 vote.guild_id, vote.channel_id, vote.page, "\n".join(vote.docs), time.time()),
            )

    def tally(self, message_id: int) -> tuple[int, int]:
        """(👍, 👎) counts for one answer message."""
        with self._connect() as db:
            row = db.execute(
                "SELECT COALESCE(SUM(vote = 1), 0), COALESCE(SUM(vote = -1), 0)"
                " FROM feedback WHERE message_id = ?", (message_id,),
            ).fetchone()
        return int(row[0]), int(row[1])

    def votes(self) -> list[Vote]:
        """Every stored vote, oldest first (for export and tests)."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT message_id, user_id, vote, question, asker_id, guild_id, channel_id,"
                " page, docs FROM feedback ORDER BY at"
            ).fetchall()
        return [Vote(message_id, user_id, vote, question, asker, guild, channel, page,
                     docs=tuple(filter(None, docs.split("\n"))))
                for message_id, user_id, vote, question, asker, guild, channel, page, docs
                in rows]
