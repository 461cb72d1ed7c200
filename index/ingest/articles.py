"""Loading Articles from a folder of `.txt`/`.md` files.

Optional YAML front matter gives `title`, `source`, `date`, `url`; without it the title is
the first non-empty line and the source is the file stem. Text is read as UTF-8, falling
back to cp1252 and then Latin-1 with a warning; empty and binary files are skipped with a
reason. Page furniture is removed by `furniture.strip_furniture`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from ..errors import CorpusError
from ..records import Article, Skipped
from .furniture import strip_furniture

log = logging.getLogger(__name__)

SUFFIXES = {".txt", ".md"}
MAX_BYTES = 5 * 1024 * 1024  # far above any news report; bigger files are dumps, not articles
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def corpus_files(folder: Path) -> list[Path]:
    """The `.txt`/`.md` files of a corpus folder and its subfolders, in a stable order."""
    if not folder.is_dir():
        raise CorpusError(f"The corpus folder {folder} does not exist: set CORPUS_DIR or pass "
                          "--corpus DIR with a folder of .txt/.md articles.")
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())


def decode(raw: bytes, name: str) -> tuple[str, str | None]:
    """Text of a file and a warning when it was not UTF-8."""
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


def looks_binary(raw: bytes) -> bool:
    """NUL bytes or a high share of control characters mean it is not an article."""
    sample = raw[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > 0.05


def split_front_matter(text: str) -> tuple[dict[str, str], str, str | None]:
    """(fields, body, warning) — fields are strings; bad YAML is kept as body with a warning."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, None
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        return {}, text, f"front matter is not valid YAML ({exc.__class__.__name__}); ignored"
    if not isinstance(data, dict):
        return {}, text[match.end():], "front matter is not a mapping; ignored"
    fields = {str(k).lower(): _as_text(v) for k, v in data.items() if v is not None}
    return fields, text[match.end():], None


def _as_text(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return None


def load_article(path: Path, doc_id: str) -> tuple[Article | None, str | None, list[str]]:
    """(article, skip reason, warnings) for one file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})", []
    if not raw.strip():
        return None, "empty file", []
    if len(raw) > MAX_BYTES:
        return None, f"larger than {MAX_BYTES // (1024 * 1024)} MB: split it into articles", []
    if looks_binary(raw):
        return None, "binary file, not text", []
    text, warning = decode(raw, path.name)
    warnings = [warning] if warning else []
    fields, body, fm_warning = split_front_matter(text.replace("\r\n", "\n"))
    if fm_warning:
        warnings.append(f"{path.name}: {fm_warning}")
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


def doc_ids(paths: list[Path], folder: Path) -> dict[Path, str]:
    """The doc id of each file: its stem, or its relative path where stems collide."""
    stems: dict[str, int] = {}
    for p in paths:
        stems[p.stem] = stems.get(p.stem, 0) + 1
    return {p: p.stem if stems[p.stem] == 1 else p.relative_to(folder).with_suffix("").as_posix()
            for p in paths}


def load_corpus(folder: Path) -> Iterator[Article | Skipped | str]:
    """Yield each Article, each Skipped file and each warning (a str), file by file."""
    paths = corpus_files(folder)
    ids = doc_ids(paths, folder)
    for path in paths:
        article, reason, warnings = load_article(path, ids[path])
        for warning in warnings:
            log.warning("%s", warning)
            yield warning
        if article is None:
            log.info("skipped %s: %s", path.name, reason)
            yield Skipped(path=str(path.relative_to(folder)), reason=reason or "unknown")
        else:
            yield article
