"""JSON exports from news APIs and scrapers (`.jsonl`, `.json`): one Article per record.

A `.jsonl` file holds one record per line; a `.json` file one record, a list of them, or an
object with the list under `articles`/`results`/`data`/`items` (NewsAPI and the like).
Fields are found under their usual names; a record's doc id is `<file stem>-<record id>`,
the id being the record's own (`id`, `uuid`, `guid`), else a hash of its URL, else its
position, so the same record keeps its id from one export to the next.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..records import Article, Skipped
from .files import UNREADABLE
from .frontmatter import relative_date

SUFFIXES = {".jsonl", ".json"}
MAX_EXPORT_BYTES = 50 * 1024 * 1024  # ~10,000 articles; larger exports: split them
TEXT_KEYS = ("text", "content", "body", "full_text", "article", "description", "summary")
TITLE_KEYS = ("title", "headline")
SOURCE_KEYS = ("source", "outlet", "site_name", "sitename", "publisher", "source_name",
               "domain")
DATE_KEYS = ("date", "published_at", "publishedAt", "published", "pubDate", "datePublished",
             "publication_date")
URL_KEYS = ("url", "link", "canonical_url")
AUTHOR_KEYS = ("author", "authors", "byline", "creator")
ID_KEYS = ("id", "uuid", "guid", "_id", "article_id")
LIST_KEYS = ("articles", "results", "data", "items", "records")
TAG = re.compile(r"<[^>]{0,2000}>")
BLOCK_END = re.compile(r"<\s*(br\s*/?|/p|/div|/h\d|/li)\s*>", re.IGNORECASE)
SAFE_ID = re.compile(r"[^\w.-]+")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")  # "2023-05-01T08:00:00Z" too


def load_export(path: Path, stem_id: str, folder: Path,
                max_bytes: int = MAX_EXPORT_BYTES) -> Iterator[Article | Skipped | str]:
    """The Articles of one export file, a Skipped for each record that has no text, and a
    warning for each relative date ("yesterday"), read against the file's modification day
    as in front matter. An export over `max_bytes` (MAX_EXPORT_MB) is skipped whole before
    it is read."""
    name = path.relative_to(folder).as_posix()
    try:
        with path.open("rb") as file:
            raw = file.read(max_bytes + 1)
    except OSError as exc:
        yield Skipped(name, f"{UNREADABLE} ({exc.strerror or exc})")
        return
    if len(raw) > max_bytes:
        yield Skipped(name, f"larger than {max_bytes / (1024 * 1024):.3g} MB (MAX_EXPORT_MB): "
                      "split it")
        return
    text = raw.decode("utf-8-sig", errors="replace")
    records = _jsonl(text, name) if path.suffix.lower() == ".jsonl" else _json(text, name)
    saved_on = dt.datetime.fromtimestamp(path.stat().st_mtime).date()
    for position, record in enumerate(records, 1):
        if isinstance(record, Skipped):
            yield record
        elif not isinstance(record, dict):
            yield Skipped(f"{name}#{position}", "record is not a JSON object")
        else:
            article = record_article(record, stem_id, position, str(path))
            if article and article.date and not ISO_DATE.match(article.date):
                date, warning = relative_date(article.date, saved_on, "date")
                article = replace(article, date=date)
                yield from [f"{name}#{position}: {warning}"] if warning else []
            yield article or Skipped(f"{name}#{position}", "record has no text")


def _jsonl(text: str, name: str) -> Iterator[Any]:
    # Lines end at \n only: splitlines() would also cut at a control byte inside a string.
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            try:
                yield json.loads(line, strict=False)  # a raw control byte in a string
            except (ValueError, RecursionError):
                yield Skipped(f"{name}:{number}", "line is not valid JSON")


def _json(text: str, name: str) -> Iterator[Any]:
    try:
        data = json.loads(text, strict=False)
    except (ValueError, RecursionError):
        yield Skipped(name, "not valid JSON")
        return
    if isinstance(data, dict):
        found = next((data[k] for k in LIST_KEYS if isinstance(data.get(k), list)), None)
        data = found if found is not None else [data]
    yield from data if isinstance(data, list) else [data]


def record_article(record: dict[str, Any], stem_id: str, position: int,
                   path: str) -> Article | None:
    """One record as an Article, or None when it has no text."""
    body = _text(_first(record, TEXT_KEYS))
    if not body:
        return None
    url = _scalar(_first(record, URL_KEYS))
    return Article(
        doc_id=f"{stem_id}-{_record_id(record, url, position)}",
        source=_scalar(_first(record, SOURCE_KEYS)) or stem_id,
        title=_scalar(_first(record, TITLE_KEYS)), date=_date(_first(record, DATE_KEYS)),
        url=url, text=body, path=path,
        content_hash=hashlib.sha256(json.dumps(record, sort_keys=True, default=str)
                                    .encode()).hexdigest()[:16])


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((record[k] for k in keys if record.get(k) not in (None, "", [], {})), None)


def _scalar(value: Any) -> str | None:
    """Text of a field; `{"name": "BBC"}` (NewsAPI's source) and lists of names too."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("id")
    if isinstance(value, list):
        value = ", ".join(str(_scalar(v)) for v in value[:5] if _scalar(v))
    text = " ".join(str(value).split()) if value not in (None, "") else ""
    return text[:300] or None


def _text(value: Any) -> str:
    """An article body, with HTML markup (common in `content` fields) reduced to text."""
    if not isinstance(value, str):
        return ""
    if TAG.search(value):
        value = html.unescape(TAG.sub("", BLOCK_END.sub("\n\n", value)))
    return "\n".join(line.strip() for line in value.replace("\r\n", "\n").split("\n")).strip()


def _date(value: Any) -> str | None:
    text = _scalar(value)
    if not text:
        return None
    match = ISO_DATE.match(text)
    if not match:
        return text[:40]
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None  # 2022-02-30: no date rather than a wrong one


def _record_id(record: dict[str, Any], url: str | None, position: int) -> str:
    own = _scalar(_first(record, ID_KEYS))
    if own:
        return SAFE_ID.sub("-", own).strip("-")[:64] or str(position)
    if url:
        return hashlib.sha1(url.encode()).hexdigest()[:10]
    return str(position)
