"""Tidying an embedded index folder after an index run, in a child process.

Removing the segment folders Chroma leaves behind needs its database's list of segments,
and keeping the folder from growing needs the full-text index merged and a small database
vacuumed (store/folder.py). Both open Chroma's SQLite file with Python's own SQLite; done
in the process where Chroma's (a second SQLite library) has the same file open, a question
read under way failed with "disk I/O error" (measured: asks during a re-index), as two
SQLite libraries in one process drop each other's file locks. A child process is another
process to SQLite, whose locks are honoured: readers wait, nothing breaks.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

from . import folder

log = logging.getLogger(__name__)

TIMEOUT = 300  # seconds: VACUUM of a 64 MB database and the FTS merge take a few at most


def tidy(path: Path, compact: bool) -> list[str]:
    """Remove orphan segment folders (and with `compact`, compact the database) of the
    embedded index at `path` in a child process; the names of the folders removed. Best
    effort: a failure is logged and left to the next run."""
    command = [sys.executable, "-m", "index.store.tidy", str(path)]
    command += ["--compact"] if compact else []
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                              check=True)
        return list(json.loads(done.stdout.strip().splitlines()[-1]))
    except (OSError, subprocess.SubprocessError, ValueError, IndexError) as exc:
        log.warning("could not tidy the index folder %s: %s", path, exc)
        return []


def main(argv: list[str]) -> int:
    """`python -m index.store.tidy PATH [--compact]`: what `tidy` runs in the child."""
    path = Path(argv[0])
    removed = folder.remove_orphan_segments(path)
    if "--compact" in argv[1:]:
        folder.compact_full_text(path)
    print(json.dumps(removed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
