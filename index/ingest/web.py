"""Pages fetched from the web, saved into the corpus folder so a later re-index keeps them.

A page is saved as the article trafilatura found in it: a `.md` file with front matter
(title, source, date, url, author) and the main text, named after its title and a hash of
its URL, so adding the same URL again replaces the file instead of adding a copy.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path

import yaml

from ..errors import CorpusError
from .html import Page

SLUG = re.compile(r"[^a-z0-9]+")


def page_name(page: Page, url: str) -> str:
    """`<slug of the title>-<8 hex of the URL>`: readable, and one file per URL."""
    slug = SLUG.sub("-", (page.title or url.rsplit("/", 1)[-1] or "page").lower()).strip("-")
    digest = hashlib.sha1((page.url or url).encode()).hexdigest()[:8]
    return f"{slug[:60].rstrip('-') or 'page'}-{digest}"


def page_markdown(page: Page, url: str) -> str:
    fields = {"title": page.title, "source": page.source, "date": page.date,
              "url": page.url or url, "author": page.author}
    head = yaml.safe_dump({k: v for k, v in fields.items() if v}, allow_unicode=True,
                          sort_keys=False, width=10_000)
    return f"---\n{head}---\n{page.text.strip()}\n"


def save_page(page: Page, url: str, corpus: Path) -> tuple[Path, bool]:
    """Write the page into the corpus folder (atomically); (path, True if it replaced one)."""
    path = corpus / f"{page_name(page, url)}.md"
    existed = path.exists()
    try:
        corpus.mkdir(parents=True, exist_ok=True)
        tmp = _write_new(corpus, page_markdown(page, url))
        try:
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise CorpusError(
            f"The page cannot be saved into the corpus folder {corpus} ({exc.strerror or exc}): "
            "make the folder writable by the bot (a read-only mount cannot take new articles)."
        ) from None
    return path, existed


def _write_new(folder: Path, text: str) -> Path:
    """A new hidden file in `folder` holding `text`, created 0666 less the umask (0644
    usually) like any saved file, so whoever indexes or serves the corpus can read it
    (a temporary file would be 0600)."""
    path = folder / f".adding-{secrets.token_hex(8)}.tmp"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(text)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path
