"""Text from articles and feeds made inert before a terminal or Discord shows it.

An outlet name, a title or a quote comes from whoever wrote the page or the feed, and a
control character in it can forge what is shown: ESC starts a terminal colour or cursor
sequence, a right-to-left override (U+202E) reverses what follows, an embedded newline
starts a line that looks like ours. `printable` drops control characters (C0, DEL, C1)
and the bidirectional formatting characters, and turns line and paragraph breaks and tabs
into spaces; `inert` does it to every string inside a record. The text output and the
Discord embeds use them; JSON output keeps the characters, escaped (`json_line`).
"""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from pathlib import PurePath
from typing import TypeVar

T = TypeVar("T")
BREAKS = "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029"
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@cache
def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {code: None for code in (*range(0x20), *range(0x7F, 0xA0))}
    table.update({ord(c): " " for c in BREAKS})
    table.update({ord(c): None for c in BIDI})
    return table


def printable(text: str) -> str:
    """`text` without control or bidi formatting characters; breaks and tabs as spaces."""
    return text if text.isprintable() else text.translate(_table())


def inert(value: T) -> T:
    """`value` (a record, tuple, list, dict or string) with every string in it `printable`;
    the same object when nothing needed it, so clean records cost one pass."""
    if isinstance(value, str):
        return printable(value)  # type: ignore[return-value]
    if isinstance(value, tuple | list):
        items = [inert(item) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
    if isinstance(value, dict):
        return {inert(k): inert(v) for k, v in value.items()}  # type: ignore[return-value]
    if isinstance(value, PurePath):
        text = str(value)
        return value if text.isprintable() else type(value)(printable(text))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _inert_record(value)
    return value


@cache
def _fields(kind: type) -> tuple[tuple[str, bool], ...]:
    return tuple((f.name, f.init) for f in dataclasses.fields(kind))


def _inert_record(record: T) -> T:
    changed = {}
    kind: type = type(record)
    for name, init in _fields(kind):
        old = getattr(record, name)
        new = inert(old)
        if new is not old and init:
            changed[name] = new
    # T is a dataclass here (`inert` checked it), which a TypeVar cannot say.
    return dataclasses.replace(record, **changed) if changed else record  # type: ignore[type-var]


@cache
def _escapes() -> dict[int, str]:
    codes = [*range(0x7F, 0xA0), *map(ord, BIDI), 0x2028, 0x2029]
    return {code: f"\\u{code:04x}" for code in codes}


def json_line(value: object) -> str:
    """`value` as one JSON line, non-ASCII letters kept as they are but every control and
    bidi formatting character escaped (json itself escapes only C0): a JSON line printed to
    a terminal cannot be forged by what it carries, and parses back to the same text."""
    return json.dumps(value, ensure_ascii=False).translate(_escapes())
