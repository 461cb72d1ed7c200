"""Saving a fetched page into the corpus folder: the file's permissions are a normal file's."""

from __future__ import annotations

import os
import stat

import pytest

from index.ingest.html import Page
from index.ingest.web import save_page

pytestmark = pytest.mark.fast

PAGE = Page(text="Twenty-six police officers were killed, the ministry said.", title="Toll",
            source="Steppe Herald", date="2022-01-07", url="https://example.org/a", author=None)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_saved_page_gets_the_mode_of_any_new_file(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        path, replaced = save_page(PAGE, PAGE.url, tmp_path / "corpus")
        again, replaced_again = save_page(PAGE, PAGE.url, tmp_path / "corpus")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == mode and again == path
    assert (replaced, replaced_again) == (False, True)
    assert [p.name for p in (tmp_path / "corpus").iterdir()] == [path.name]
    assert "source: Steppe Herald" in path.read_text(encoding="utf-8")
