"""YAML front matter: small, flat, and read without running anything costly.

Front matter gives an Article's `title`, `source`, `date`, `url`, `story` and `author`. It is
read with a loader that keeps every scalar as text (no dates, integers or floats are built,
so `2022-02-30` or a 5,000-digit number cannot raise), refuses aliases (a 541-byte "billion
laughs" file expanded to 3.4 GB) and nesting deeper than a few levels, and only looks at the
first MAX_CHARS characters. Lists, mappings and unknown keys are reported as warnings,
never turned into repr text. A relative date ("today", "yesterday", "3 days ago", "last
Tuesday") is read against the day the file was last written — when a saved report says
"yesterday", that is the day before it was saved — with a warning; without that day it is
dropped with a warning rather than kept as text no date comparison can use.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml
from yaml.composer import ComposerError
from yaml.events import AliasEvent

KNOWN_KEYS = ("title", "source", "date", "url", "story", "author")
MAX_CHARS = 8192  # a real front matter is a few hundred characters; this is 20 times that
MAX_DEPTH = 4  # a flat mapping is depth 1; anything deeper is not front matter
MAX_VALUE_CHARS = 1000  # a title or URL longer than this is not a title or URL
# The closing line is searched line by line (no DOTALL backtracking over a whole file).
FRONT_MATTER = re.compile(r"\A---[ \t]*\n((?:.*\n)*?)---[ \t]*(?:\n|\Z)")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})\b")
NULLS = {"", "~", "null", "Null", "NULL"}


class Refused(ComposerError):
    """Front matter that is YAML but not the small flat kind (aliases, deep nesting)."""


class FlatLoader(yaml.BaseLoader):
    """BaseLoader (every scalar stays a string) that refuses aliases and deep nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: yaml.Node | int | None,
                     ) -> yaml.Node:
        if self.check_event(AliasEvent):
            raise Refused(None, None, "aliases (*name) are not allowed in front matter",
                                self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise Refused(None, None, f"nested deeper than {MAX_DEPTH} levels",
                                    self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def normalise_newlines(text: str) -> str:
    """CRLF and CR-only (old Mac) line endings as LF, so front matter and paragraphs show."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, saved_on: dt.date | None = None
                       ) -> tuple[dict[str, str], str, list[str]]:
    """(fields, body, warnings) of a text with LF line endings; fields are known keys only;
    a relative date is read against `saved_on` (the file's modification day)."""
    fields, body, warnings = _split(text)
    if "date" in fields and not ISO_DATE.match(fields["date"]):
        day, warning = relative_date(fields["date"], saved_on)
        warnings += [warning] if warning else []
        if day:
            fields["date"] = day
        else:
            del fields["date"]
    return fields, body, warnings


def _split(text: str) -> tuple[dict[str, str], str, list[str]]:
    match = FRONT_MATTER.match(text) if text.startswith("---") else None
    if not match:
        return {}, text, []
    body = text[match.end():]
    if len(match.group(1)) > MAX_CHARS:
        return {}, text, [f"front matter longer than {MAX_CHARS} characters; read as text"]
    try:
        data = yaml.load(match.group(1), Loader=FlatLoader)  # strings, lists, dicts: nothing else
    except Refused as exc:
        return {}, body, [f"front matter refused ({exc.problem}); ignored"]
    except yaml.YAMLError as exc:
        # `title: Blast: 158 dead` is not YAML, but its meaning is plain: read it line by line.
        problem = getattr(exc, "problem", None) or exc.__class__.__name__
        fields, warnings = _known_fields(lenient(match.group(1)))
        return fields, body, [f"front matter is not valid YAML ({problem}); read line by "
                              "line", *warnings]
    if data is None:
        return {}, body, []
    if not isinstance(data, dict):
        return {}, body, ["front matter is not a mapping; ignored"]
    fields, warnings = _known_fields(data)
    return fields, body, warnings


LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


def lenient(block: str) -> dict[str, str]:
    """`key: value` lines, the value taken whole (colons and all), quotes removed."""
    fields: dict[str, str] = {}
    for line in block.split("\n"):
        match = LINE.match(line)
        if match:
            value = match.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            fields[match.group(1)] = value
    return fields


def _known_fields(data: dict) -> tuple[dict[str, str], list[str]]:
    fields: dict[str, str] = {}
    warnings: list[str] = []
    unknown = sorted(str(k) for k in data if str(k).lower() not in KNOWN_KEYS)
    if unknown:
        warnings.append(f"front matter keys not used: {', '.join(unknown)[:200]}")
    for key, value in data.items():
        key = str(key).lower()
        if key not in KNOWN_KEYS:
            continue
        if not isinstance(value, str):
            warnings.append(f"front matter {key} is a {type(value).__name__}, not text; ignored")
            continue
        value = " ".join(value.split())
        if value in NULLS:
            continue
        problem = _value_problem(key, value)
        if problem:
            warnings.append(f"front matter {key} {problem}; ignored")
            continue
        fields[key] = value
    return fields, warnings


def _value_problem(key: str, value: str) -> str | None:
    if len(value) > MAX_VALUE_CHARS:
        return f"is longer than {MAX_VALUE_CHARS} characters"
    if key == "date":
        match = ISO_DATE.match(value)
        if match:
            try:
                dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return f"{value[:40]!r} is not a real date"
    return None


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
AMOUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10}
TODAY = re.compile(r"(?:today|tonight|now|just now|this (?:morning|afternoon|evening)|"
                   r"(?:an? |\d+ )?(?:hours?|minutes?) ago)$")
AGO = re.compile(r"(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten) "
                 r"(day|week)s? ago$")
WEEKDAY = re.compile(rf"(?:last |on )?({'|'.join(WEEKDAYS)})$")


def _days_back(phrase: str, saved_on: dt.date) -> int | None:
    """How many days before `saved_on` a relative date phrase means, or None."""
    if TODAY.match(phrase):
        return 0
    if phrase in ("yesterday", "last night"):
        return 1
    if phrase == "the day before yesterday":
        return 2
    if match := AGO.match(phrase):
        amount = AMOUNTS.get(match[1]) or int(match[1])
        return amount * (7 if match[2] == "week" else 1)
    if match := WEEKDAY.match(phrase):
        back = (saved_on.weekday() - WEEKDAYS.index(match[1])) % 7
        return back or (7 if phrase.startswith("last ") else 0)
    return None


def relative_date(value: str, saved_on: dt.date | None, field: str = "front matter date"
                  ) -> tuple[str | None, str | None]:
    """(the date to keep, a warning): a relative date as the ISO day it names, counted from
    `saved_on`; any other text date is kept as written."""
    phrase = " ".join(value.lower().strip(" .").split())
    if saved_on is None:
        back = _days_back(phrase, dt.date(2000, 1, 3))
        return (value, None) if back is None else (
            None, f"{field} {value[:40]!r} is relative and the file's date is unknown; "
                  "ignored")
    back = _days_back(phrase, saved_on)
    if back is None:
        return value, None
    day = (saved_on - dt.timedelta(days=back)).isoformat()
    return day, (f"{field} {value[:40]!r} read as {day}, counted from the day the file was "
                 f"last written ({saved_on.isoformat()})")
