"""The embedded index's folder: is it there, is it an index, can it be read and written.

Chroma's own errors say little ("attempt to write a readonly database", "Error in
compaction"), and the old advice for all of them (`--rebuild`) renamed a user's file aside
or moved a good read-only index away. These checks name the actual cause and its fix before
Chroma is opened, and `diagnose` turns a failure during use into the same messages.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import (
    IndexCorruptError,
    IndexFullError,
    IndexMissingError,
    IndexPermissionError,
    IndexUnavailableError,
)

log = logging.getLogger(__name__)

DATABASE = "chroma.sqlite3"  # every Chroma folder has it; nothing else is treated as an index
LOW_SPACE = 64 * 1024 * 1024  # below this a write failure is put down to a full disk
# SQLite says "disk is full" on ENOSPC and "disk I/O error" when a write fails otherwise
# (EFBIG); Chroma's Rust side says "Error in compaction". Measured with a file-size limit.
FULL_MARKERS = ("no space left", "disk is full", "file too large", "error in compaction",
                "quota exceeded", "disk i/o error")
READ_ONLY_MARKERS = ("readonly database", "read-only", "permission denied")
# Chroma names each collection's vector segment folder by the segment's UUID.
# Chroma's full-text index of the Chunks (SQLite FTS5): deletes leave tombstones in it until
# FTS5 merges, which made the database grow ~20% over the second run before settling.
FULL_TEXT = "embedding_fulltext_search"
# A database this small is rewritten whole after each swap (VACUUM: ~0.3 s at this size; a
# question that reads meanwhile waits, Chroma's busy timeout being 5 s).
VACUUM_MAX_BYTES = 64 * 1024 * 1024
SEGMENT_FOLDER = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def stamp(path: Path) -> tuple[int, ...] | None:
    """When Chroma's database in an index folder last changed, and its size: (mtime in ns,
    size) of chroma.sqlite3, then of its write-ahead log when there is one; None when the
    database cannot be read. Any write to the index, by any process, changes it."""
    try:
        main = (path / DATABASE).stat()
    except OSError:
        return None
    try:
        log = (path / f"{DATABASE}-wal").stat()
    except OSError:
        return (main.st_mtime_ns, main.st_size)
    return (main.st_mtime_ns, main.st_size, log.st_mtime_ns, log.st_size)


def is_index_folder(path: Path) -> bool:
    """True for a folder that Chroma created (it holds chroma.sqlite3)."""
    return path.is_dir() and (path / DATABASE).is_file()


def not_a_folder(path: Path) -> IndexUnavailableError:
    return IndexUnavailableError(
        f"{path} is a file, not an index folder: pass --db (or set CHROMA_PATH to) a folder; "
        "`discordant index --db DIR` creates one.")


def no_permission(path: Path, doing: str) -> IndexPermissionError:
    return IndexPermissionError(
        f"No permission to {doing} the index at {path} (read-only or owned by another user; "
        "Chroma writes even to answer): make the folder and its files writable by this user "
        "(chown/chmod, or mount it read-write), or pass --db a writable folder.")


def disk_full(path: Path, detail: str) -> IndexFullError:
    try:
        free = f"{shutil.disk_usage(path).free // (1024 * 1024)} MB free"
    except OSError:
        free = "free space unknown"
    return IndexFullError(
        f"Writing the index at {path} failed ({detail}; {free} there): the disk is full or a "
        "file-size limit (`ulimit -f`) was hit, or the disk failed. Free some space and run "
        "`discordant index` again; the last complete index is still in place.")


def check_readable(path: Path) -> None:
    """Before a read-only command opens the index: raise the error that names the fix."""
    if not path.exists():
        raise IndexMissingError(f"No index at {path}: run `discordant index --db {path}` "
                                "(or set CHROMA_PATH to the folder you indexed into).")
    if not path.is_dir():
        raise not_a_folder(path)
    if not (path / DATABASE).is_file():
        raise IndexMissingError(f"No index at {path} (the folder holds no {DATABASE}): run "
                                f"`discordant index --db {path}`.")
    for target in (path, path / DATABASE):
        _probe(target, "read")


def prepare_for_writing(path: Path) -> None:
    """Before an index run: the folder exists, is an index (or empty) and is writable.

    A non-empty folder without chroma.sqlite3 is refused rather than filled: it is someone's
    folder, not an index, and `--rebuild` must never move it aside.
    """
    if path.exists() and not path.is_dir():
        raise not_a_folder(path)
    if path.is_dir() and not (path / DATABASE).exists() and _has_entries(path):
        raise IndexUnavailableError(
            f"{path} is a folder that holds no index ({DATABASE} is missing) but other files: "
            "pass --db a new or empty folder, so that nothing of yours is mixed with the index.")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except PermissionError as exc:
        raise no_permission(path, "create") from exc
    except OSError as exc:
        raise diagnose(path, exc) from exc
    _probe_write(path)
    if (path / DATABASE).is_file():
        _probe(path / DATABASE, "write")


def _has_entries(path: Path) -> bool:
    try:
        with os.scandir(path) as entries:
            return any(True for _ in entries)
    except PermissionError as exc:
        raise no_permission(path, "read") from exc


def _probe(target: Path, doing: str) -> None:
    """Open a file (or list a folder) the way Chroma will, to see the real permission."""
    try:
        if target.is_dir():
            with os.scandir(target):
                pass
        else:
            with target.open("r+b" if doing == "write" else "rb"):
                pass
    except PermissionError as exc:
        raise no_permission(target.parent if target.is_file() else target, doing) from exc
    except OSError as exc:
        if exc.errno == errno.EROFS:
            raise no_permission(target, doing) from exc
        raise diagnose(target, exc) from exc


def _probe_write(folder: Path) -> None:
    """Create and remove a small file in the folder: permissions, read-only mounts, no space."""
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".discordant-probe-"):
            pass
    except (PermissionError, OSError) as exc:
        if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
            raise no_permission(folder, "write") from exc
        raise diagnose(folder, exc) from exc


def diagnose(path: Path, exc: BaseException) -> IndexUnavailableError:
    """The error for a failure of the index at `path`: space, permission, or corruption."""
    detail = f"{type(exc).__name__}: {exc}"
    text = detail.lower()
    codes = {getattr(e, "errno", None) for e in _chain(exc)}
    if codes & {errno.ENOSPC, errno.EFBIG, errno.EDQUOT} or any(m in text for m in FULL_MARKERS):
        return disk_full(path, detail)
    if codes & {errno.EACCES, errno.EPERM, errno.EROFS} or any(
            m in text for m in READ_ONLY_MARKERS):
        return no_permission(path, "write")
    try:
        if shutil.disk_usage(path if path.exists() else path.parent).free < LOW_SPACE:
            return disk_full(path, detail)
    except OSError:
        pass
    return IndexCorruptError(
        f"The index at {path} cannot be used ({detail}): run `discordant index --rebuild` "
        "(the unreadable folder is moved aside, never deleted).")


def _chain(exc: BaseException | None) -> Iterator[BaseException]:
    while exc is not None:
        yield exc
        exc = exc.__cause__ or exc.__context__


def remove_orphan_segments(path: Path) -> list[str]:
    """Delete the segment folders of an embedded index that no segment of its database
    names any more, and return their names.

    Chroma (1.x) deletes a collection's rows but leaves its HNSW folder on disk, so each
    index run left two folders behind (4 runs of one corpus: 33 MB -> 100 MB). Only folders
    named like a segment and unknown to chroma.sqlite3 are removed: a live generation's
    folder is always named there. Best effort: a folder that cannot be removed now is
    removed by the next run.
    """
    database = path / DATABASE
    if not database.is_file():
        return []
    try:
        with contextlib.closing(sqlite3.connect(database.as_uri() + "?mode=ro",
                                                uri=True, timeout=5)) as conn:
            known = {str(row[0]) for row in conn.execute("SELECT id FROM segments")}
        entries = list(path.iterdir())
    except (sqlite3.Error, OSError) as exc:
        log.warning("could not look for unused segment folders in %s: %s", path, exc)
        return []
    removed = []
    for entry in entries:
        if SEGMENT_FOLDER.fullmatch(entry.name) and entry.name not in known and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    return removed


def compact_full_text(path: Path) -> None:
    """Merge Chroma's full-text index after a swap (FTS5 'optimize'), so the dropped
    generation's rows leave it now rather than many runs later, and rewrite a small database
    whole (VACUUM, up to VACUUM_MAX_BYTES) so its free pages go too.

    Measured on 40 reports over 16 runs: without either the database grew ~20% past its size
    after the second run before settling; with the merge alone ~5%; with both it never
    passes it. The merge takes ~0.3 s at 10,000 passages, VACUUM ~30 ms at 1.5 MB; a larger
    database keeps its free pages for the next run (SQLite reuses them). Best effort.
    """
    database = path / DATABASE
    try:
        with contextlib.closing(sqlite3.connect(database, timeout=2,
                                                isolation_level=None)) as conn:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                            (FULL_TEXT,)).fetchone():
                conn.execute(f"INSERT INTO {FULL_TEXT}({FULL_TEXT}) VALUES('optimize')")
            if database.stat().st_size <= VACUUM_MAX_BYTES:
                conn.execute("VACUUM")
    except (sqlite3.Error, OSError) as exc:
        log.warning("could not compact the index database of %s: %s", path, exc)
