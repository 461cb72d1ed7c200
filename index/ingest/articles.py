"""Loading Articles from a corpus folder: `.txt`/`.md`, saved pages, JSON exports.

Optional YAML front matter (`frontmatter.py`) gives `title`, `source`, `date`, `url`;
without it the title is the first non-empty line and the source is the file stem. Text is
read as UTF-8 (or UTF-16/32 with a byte-order mark), falling back to cp1252 and then
Latin-1 with a warning; empty and binary files are skipped with a reason, and so is any
file whose loading fails for another reason: one bad file never stops a run. Page
furniture is removed by `furniture.strip_furniture`. Saved pages (`.html`/`.htm`) go
through `html.extract_page` and exports (`.jsonl`/`.json`) through `exports.load_export`.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path

from ..records import Article, Skipped
from . import exports
from .files import SUFFIXES, walk_corpus
from .frontmatter import normalise_newlines, split_front_matter
from .furniture import strip_furniture
from .html import extract_page

log = logging.getLogger(__name__)

HTML_SUFFIXES = {".html", ".htm"}
__all__ = ["SUFFIXES", "corpus_files", "load_article", "load_corpus"]

MAX_BYTES = 5 * 1024 * 1024  # far above any news report; bigger files are dumps, not articles
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


def read_bytes(path: Path) -> tuple[bytes | None, str]:
    """(the file's bytes, "") or (None, why it is skipped: unreadable, empty, too large)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"
    if not raw.strip():
        return None, "empty file"
    if len(raw) > MAX_BYTES:
        return None, f"larger than {MAX_BYTES // (1024 * 1024)} MB"
    return raw, ""


def read_text(path: Path) -> tuple[str | None, str | None, list[str]]:
    """(text, skip reason, warnings) of one file, decoded with LF line endings."""
    raw, problem = read_bytes(path)
    if raw is None:
        large = problem.startswith("larger")  # a text file that large holds many articles
        return None, f"{problem}: split it into articles" if large else problem, []
    text, warning = decode(raw, path.name)
    if looks_binary(text):
        return None, "binary file, not text", []
    if not text.strip():
        return None, "empty file", []
    return text, None, [warning] if warning else []


def load_article(path: Path, doc_id: str) -> tuple[Article | None, str | None, list[str]]:
    """(article, skip reason, warnings) for one file."""
    text, reason, warnings = read_text(path)
    if text is None:
        return None, reason, warnings
    fields, body, fm_warnings = split_front_matter(normalise_newlines(text))
    warnings += [f"{path.name}: {w}" for w in fm_warnings]
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


def load_html(path: Path, doc_id: str) -> tuple[Article | None, str | None, list[str]]:
    """(article, skip reason, warnings) for a saved web page."""
    raw, problem = read_bytes(path)
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

    stems = counts([p.stem for p in paths])
    plain = {p: p.relative_to(folder).with_suffix("").as_posix() for p in paths}
    plains = counts(list(plain.values()))
    return {p: p.stem if stems[p.stem] == 1 else
            plain[p] if plains[plain[p]] == 1 else p.relative_to(folder).as_posix()
            for p in paths}


def load_file(path: Path, doc_id: str, folder: Path) -> Iterator[Article | Skipped | str]:
    """The Articles (an export holds many), skips and warnings of one file."""
    suffix = path.suffix.lower()
    if suffix in exports.SUFFIXES:
        yield from exports.load_export(path, doc_id, folder)
        return
    loader = load_html if suffix in HTML_SUFFIXES else load_article
    article, reason, warnings = loader(path, doc_id)
    yield from warnings
    if article is None:
        log.info("skipped %s: %s", path.name, reason)
        yield Skipped(path=str(path.relative_to(folder)), reason=reason or "unknown")
    else:
        yield article


def _load_safely(path: Path, doc_id: str, folder: Path) -> list[Article | Skipped | str]:
    """load_file, with any unexpected failure turned into a skip naming the cause."""
    try:
        return list(load_file(path, doc_id, folder))
    except Exception as exc:  # one bad file must never stop the run
        log.info("loading %s failed", path, exc_info=True)
        return [Skipped(path=str(path.relative_to(folder)), reason=f"could not be loaded "
                        f"({type(exc).__name__}: {str(exc)[:200]})")]


def load_corpus(folder: Path) -> Iterator[Article | Skipped | str]:
    """Yield each Article, each Skipped file and each warning (a str), file by file."""
    walk = walk_corpus(folder, SUFFIXES)
    yield from walk.skipped
    ids = doc_ids(walk.files, folder)
    taken: dict[str, str] = {}
    for path in walk.files:
        for item in _load_safely(path, ids[path], folder):
            if isinstance(item, str):
                log.warning("%s", item)
            elif isinstance(item, Article) and item.doc_id in taken:
                item = Skipped(path=str(path.relative_to(folder)), reason=f"doc id "
                               f"{item.doc_id!r} is already {taken[item.doc_id]}'s: rename it")
            elif isinstance(item, Article):
                taken[item.doc_id] = str(path.relative_to(folder))
            yield item
