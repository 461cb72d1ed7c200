"""`discordant add` given a malformed URL: one line saying what is wrong, exit code 2.

Each case runs the real command in a subprocess, as a user would type it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

DISCORDANT = Path(sys.executable).with_name("discordant")


@pytest.mark.parametrize(("url", "says"), [
    ("http://[::1", "not a valid URL"),
    ("http://[::1/x", "not a valid URL"),
    ("http://exa mple.org/news", "a space or a character a host name cannot hold"),
    ("http://example.org:99999/news", "not a valid URL"),
    ("http://example.org:-1/news", "not a valid URL"),
    ("", "No URL given"),
    ("http://example.org/" + "x" * 10_000, "characters long"),
    ("http://" + "b" * 10_000 + ".org/", "characters long"),
    ("http://\u0000example.org/", "control character"),
    ("https://bad..dots.org/", "cannot be used"),
    ("http://[::1]:8080:9090/", "not a valid URL"),
])
def test_a_malformed_url_is_one_line_and_exit_code_2(tmp_path, url, says):
    if "\u0000" in url:
        url = url.replace("\u0000", "\u0007")  # argv cannot carry NUL; BEL is as foreign
    done = subprocess.run([str(DISCORDANT), "add", url, "--db", str(tmp_path / "db"),
                           "--corpus", str(tmp_path / "corpus")], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "ALLOW_PRIVATE_URLS": "1"})
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], lines
    assert len(lines[0]) < 400
    assert not (tmp_path / "corpus").exists() and not (tmp_path / "db").exists()
