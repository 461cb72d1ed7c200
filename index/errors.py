"""Errors a user can act on. Each message says what went wrong and names the fix."""

from __future__ import annotations


class DiscordantError(Exception):
    """Base class: its message is shown to the user as is (CLI stderr, ephemeral reply)."""


class SettingsError(DiscordantError):
    """A setting is missing or malformed."""


class CorpusError(DiscordantError):
    """The corpus folder cannot be read."""


class IndexMismatchError(DiscordantError):
    """The index was built by another embedding model or format."""


class IndexUnavailableError(DiscordantError):
    """The index cannot be opened or reached (corrupt folder, server down)."""


class IndexBusyError(DiscordantError):
    """Another re-index is already running."""


class QuestionError(DiscordantError):
    """The question cannot be answered as asked (blank, too long, no words)."""


class IndexMissingError(IndexUnavailableError):
    """There is no index where one is to be read (a typo in --db, never indexed)."""


class IndexPermissionError(IndexUnavailableError):
    """The index folder cannot be read or written (permissions, a read-only mount)."""


class IndexFullError(IndexUnavailableError):
    """Writing the index failed for lack of space (or a file-size limit)."""


class IndexCorruptError(IndexUnavailableError):
    """The index folder is there but Chroma cannot read it: `--rebuild` moves it aside."""
