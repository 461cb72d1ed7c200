"""Permission tests that hold as root (CI runs as root, which every permission lets in).

As root, a subprocess runs without the capabilities that override file permissions
(`unprivileged()`, util-linux's setpriv: root then meets modes like any owner), and code in
this process runs as `nobody` for a moment (`as_nobody()`, effective ids only; folders that
user must reach are made with `open_folder()`, outside pytest's private temporary tree).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

NOBODY = 65534


def unprivileged() -> list[str]:
    """A command prefix that makes file permissions apply to the command, even as root."""
    if os.geteuid() != 0:
        return []
    return [shutil.which("setpriv") or "setpriv",
            "--bounding-set=-dac_override,-dac_read_search", "--"]


@contextlib.contextmanager
def as_nobody() -> Iterator[None]:
    """Check permissions as an ordinary user would meet them, for the block's duration."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@contextlib.contextmanager
def open_folder() -> Iterator[Path]:
    """A temporary folder every user can reach (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="discordant-perm-"))
    path.chmod(0o777)
    try:
        yield path
    finally:
        for sub in [path, *path.rglob("*")]:
            with contextlib.suppress(OSError):
                if not sub.is_symlink():
                    sub.chmod(0o777 if sub.is_dir() else 0o666)
        shutil.rmtree(path, ignore_errors=True)
