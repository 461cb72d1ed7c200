"""Loading Articles from a corpus folder: `.txt`/`.md`, saved pages, JSON exports.

Optional YAML front matter (`frontmatter.py`) gives `title`, `source`, `date`, `url`;
without it the title is the first non-empty line and the source is the file stem. Text is
read as UTF-8 (or UTF-16/32 with a byte-order mark), falling back to cp1252 and then
Latin-1 with a warning; empty and binary files are skipped with a reason, and so is any
file whose loading fails for another reason: one bad file never stops a run. A file that
is there but cannot be used now (unreadable, over a size limit) is also an `Unreadable`:
its Articles in the last index are kept. Every Article is `tidy`: cut to its size limit,
its text folded (`chunking.fold_text`), its names storable (`files.safe_name`). Page
furniture is removed by `furniture.strip_furniture`; saved pages go through
`html.extract_page` and exports through `exports.load_export`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..records import Article, Skipped
from . import exports
from .chunking import fold_text
from .files import SUFFIXES, UNREADABLE, safe_name, walk_corpus
from .frontmatter import normalise_newlines, split_front_matter
from .furniture import strip_furniture
from .html import extract_page

log = logging.getLogger(__name__)

HTML_SUFFIXES = {".html", ".htm"}
__all__ = ["SUFFIXES", "Limits", "Unreadable", "corpus_files", "load_article", "load_corpus"]

MAX_BYTES = 5 * 1024 * 1024  # far above any news report; bigger files are dumps, not articles
# One Article's text is cut after this many characters (MAX_ARTICLE_CHARS): the longest
# features run to ~120,000 (20,000 words); a 45 MB export record became ~181,000 Chunks.
# 300,000 is at most ~1,000 Chunks, about 30 s of embedding on two cores.
MAX_ARTICLE_CHARS = 300_000
# Skip reasons that say a file or folder is there but cannot be used now (permissions, a
# mount that hiccups, over a size limit): its Articles in the last index are kept.
KEPT_REASONS = (UNREADABLE, f"folder {UNREADABLE}", "larger than", "could not be loaded")


@dataclass(frozen=True)
class Limits:
    """The size bounds of loading (settings MAX_FILE_MB, MAX_EXPORT_MB, MAX_ARTICLE_CHARS)."""

    max_file_bytes: int = MAX_BYTES
    max_export_bytes: int = exports.MAX_EXPORT_BYTES
    max_article_chars: int = MAX_ARTICLE_CHARS


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Unreadable:
    """A file (or a folder, ending in "/") that is there but cannot be read now: the
    Articles the last index holds from it are kept rather than removed."""

    path: str
    reason: str
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def corpus_files(folder: Path) -> list[Path]:
    """The article files of a corpus folder and its subfolders, in a stable order."""
    return walk_corpus(folder, SUFFIXES).files


def decode(raw: bytes, name: str) -> tuple[str, str | None]:
    """Text of a file and a warning when it was not UTF-8 (a UTF-16/32 BOM is honoured:
    Windows "Unicode" text files are UTF-16)."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), None
            except UnicodeDecodeError:
                break
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, f"{name}: not UTF-8, read as {encoding}"
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def looks_binary(text: str) -> bool:
    """A NUL anywhere, or a high share of control characters, means it is not an article.

    A NUL is never typed into a text file: a file holding one is binary or damaged, and
    quoting damaged text in Discord is worse than naming the file in the skip list.
    """
    if "\x00" in text:
        return True
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\x0c\r")
    return bool(sample) and controls / len(sample) > 0.05


def first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return None


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> tuple[bytes | None, str]:
    """(the file's bytes, "") or (None, why it is skipped: unreadable, empty, too large).
    Never more than `max_bytes` + 1 bytes are read, whatever the file's size."""
    try:
        with path.open("rb") as file:
            raw = file.read(max_bytes + 1)
    except OSError as exc:
        return None, f"{UNREADABLE} ({exc.strerror or exc})"
    if len(raw) > max_bytes:
        return None, f"larger than {max_bytes / (1024 * 1024):.3g} MB"
    if not raw.strip():
        return None, "empty file"
    return raw, ""


def read_text(path: Path, max_bytes: int = MAX_BYTES
              ) -> tuple[str | None, str | None, list[str]]:
    """(text, skip reason, warnings) of one file, decoded with LF line endings."""
    raw, problem = read_bytes(path, max_bytes)
    if raw is None:
        large = problem.startswith("larger")  # a text file that large holds many articles
        return None, f"{problem}: split it into articles" if large else problem, []
    text, warning = decode(raw, path.name)
    if looks_binary(text):
        return None, "binary file, not text", []
    if not text.strip():
        return None, "empty file", []
    return text, None, [warning] if warning else []


def load_article(path: Path, doc_id: str, limits: Limits = DEFAULT_LIMITS
                 ) -> tuple[Article | None, str | None, list[str]]:
    """(article, skip reason, warnings) for one file."""
    text, reason, warnings = read_text(path, limits.max_file_bytes)
    if text is None:
        return None, reason, warnings
    fields, body, fm_warnings = split_front_matter(normalise_newlines(text), _saved_on(path))
    warnings += [f"{safe_name(path.name)}: {w}" for w in fm_warnings]
    body = strip_furniture(body)
    if not body.strip():
        return None, "no article text after removing page furniture", warnings
    article = Article(
        doc_id=doc_id, source=fields.get("source") or path.stem,
        title=fields.get("title") or first_line(body), date=fields.get("date") or None,
        url=fields.get("url") or None, text=body, path=str(path),
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        story=fields.get("story") or None,
    )
    return article, None, warnings


def _saved_on(path: Path) -> dt.date | None:
    """The day a file was last written (what a relative front matter date is read from)."""
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).date()
    except (OSError, ValueError, OverflowError):
        return None


def load_html(path: Path, doc_id: str, limits: Limits = DEFAULT_LIMITS
              ) -> tuple[Article | None, str | None, list[str]]:
    """(article, skip reason, warnings) for a saved web page."""
    raw, problem = read_bytes(path, limits.max_file_bytes)
    if raw is None:
        return None, problem, []
    page = extract_page(raw)
    if page is None:
        return None, "no article text found in the page", []
    return Article(doc_id=doc_id, source=page.source or path.stem,
                   title=page.title or first_line(page.text), date=page.date, url=page.url,
                   text=page.text, path=str(path),
                   content_hash=hashlib.sha256(raw).hexdigest()[:16]), None, []


def doc_ids(paths: list[Path], folder: Path) -> dict[Path, str]:
    """The doc id of each file: its stem (what the evaluation scores by), its relative path
    where stems collide, and the path with its suffix where even that collides (`a.txt`
    beside `a.md`), so that no Article silently replaces another."""
    def counts(keys: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for key in keys:
            out[key] = out.get(key, 0) + 1
        return out

    stem = {p: safe_name(p.stem) for p in paths}
    stems = counts(list(stem.values()))
    plain = {p: safe_name(p.relative_to(folder).with_suffix("").as_posix()) for p in paths}
    plains = counts(list(plain.values()))
    return {p: stem[p] if stems[stem[p]] == 1 else
            plain[p] if plains[plain[p]] == 1 else safe_name(p.relative_to(folder).as_posix())
            for p in paths}


def load_file(path: Path, doc_id: str, folder: Path, limits: Limits = DEFAULT_LIMITS
              ) -> Iterator[Article | Skipped | str]:
    """The Articles (an export holds many), skips and warnings of one file."""
    suffix = path.suffix.lower()
    if suffix in exports.SUFFIXES:
        yield from exports.load_export(path, doc_id, folder, limits.max_export_bytes)
        return
    loader = load_html if suffix in HTML_SUFFIXES else load_article
    article, reason, warnings = loader(path, doc_id, limits)
    yield from warnings
    if article is None:
        log.info("skipped %s: %s", safe_name(path.name), reason)
        yield Skipped(path=_name(path, folder), reason=reason or "unknown")
    else:
        yield article


def _name(path: Path, folder: Path) -> str:
    return safe_name(str(path.relative_to(folder)))


def _load_safely(path: Path, doc_id: str, folder: Path,
                 limits: Limits) -> list[Article | Skipped | str]:
    """load_file, with any unexpected failure turned into a skip naming the cause."""
    try:
        return list(load_file(path, doc_id, folder, limits))
    except Exception as exc:  # one bad file must never stop the run
        log.info("loading %s failed", safe_name(str(path)), exc_info=True)
        return [Skipped(path=_name(path, folder), reason=f"could not be loaded "
                        f"({type(exc).__name__}: {safe_name(str(exc))[:200]})")]


def tidy(article: Article, limits: Limits) -> tuple[Article, list[str]]:
    """An Article as it is indexed: names that can be stored, text folded (fold_text) and
    cut to `limits.max_article_chars`, with a warning when it was cut."""
    text, warnings = article.text, []
    if len(text) > limits.max_article_chars:  # cut first: folding 45 MB costs seconds
        cut = text.rfind(" ", 0, limits.max_article_chars + 1)
        text = text[:cut if cut > limits.max_article_chars // 2 else limits.max_article_chars]
        warnings.append(f"{safe_name(article.path)} ({article.doc_id}): article text of "
                        f"{len(article.text):,} characters cut to its first {len(text):,} "
                        "(MAX_ARTICLE_CHARS)")
    text = fold_text(text)
    fields: dict[str, Any] = {k: fold_text(safe_name(v)) if v else v for k, v in (
        ("source", article.source), ("title", article.title), ("date", article.date),
        ("url", article.url), ("story", article.story))}
    fields.update(doc_id=safe_name(article.doc_id), path=safe_name(article.path))
    if text != article.text:  # a text cut at another length is another text
        digest = f"{article.content_hash}:{limits.max_article_chars}:{len(text)}"
        fields["content_hash"] = hashlib.sha256(digest.encode()).hexdigest()[:16]
    return replace(article, text=text, **fields), warnings


def _kept(item: Skipped, there: bool) -> Unreadable | None:
    """An Unreadable for a skip whose file or folder is still `there` but cannot be used
    now; a file really gone has its Articles leave the index."""
    if there and item.reason.startswith(KEPT_REASONS):
        return Unreadable(item.path, item.reason)
    return None


def load_corpus(folder: Path, limits: Limits = DEFAULT_LIMITS
                ) -> Iterator[Article | Skipped | Unreadable | str]:
    """Yield each Article, each Skipped file, an Unreadable for each skipped file or folder
    whose Articles are kept from the last index, and each warning (a str), file by file."""
    walk = walk_corpus(folder, SUFFIXES)
    for skipped in walk.skipped:
        yield skipped
        yield from filter(None, [_kept(skipped, there=True)])  # listed a moment ago
    ids = doc_ids(walk.files, folder)
    taken: dict[str, str] = {}
    for path in walk.files:
        if safe_name(path.name) != path.name:
            yield f"{_name(path, folder)}: file name is not UTF-8, read as cp1252"
        for item in _load_safely(path, ids[path], folder, limits):
            if isinstance(item, str):
                item = safe_name(item)
                log.warning("%s", item)
            elif isinstance(item, Skipped):
                item = replace(item, path=safe_name(item.path))
                yield from filter(None, [_kept(item, os.path.lexists(path))])
            else:
                item, warnings = tidy(item, limits)
                if item.doc_id in taken:
                    item = Skipped(path=_name(path, folder), reason=f"doc id {item.doc_id!r} "
                                   f"is already {taken[item.doc_id]}'s: rename it")
                else:
                    yield from warnings
                    taken[item.doc_id] = _name(path, folder)
            yield item
