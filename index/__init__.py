"""The corpus engine's published surface: what the bot (and any other caller) may import.

`from index import Engine, Answer, QuestionError, Settings, ...` — everything listed in
`__all__` and nothing deeper: the modules behind these names are the engine's own and may
move (tests/test_boundaries.py holds the bot to this list). Nothing is imported until a name
is first used (`__getattr__`), so `import index` costs nothing and a process that only
needs the errors never loads the model, Chroma or spaCy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# module (relative to this package) -> the names it publishes
PUBLISHED: dict[str, tuple[str, ...]] = {
    "engine": ("Engine", "Progress"),
    "answers.question_text": ("MAX_QUESTION_CHARS", "clean_question"),
    "records": ("Answer", "Article", "Chunk", "Claim", "Figure", "IndexReport", "Passage",
                "Relation", "Skipped", "Slot", "SourceSummary", "StoryRef", "StorySummary",
                "Wording"),
    "errors": ("CorpusError", "DiscordantError", "IndexBusyError", "IndexCorruptError",
               "IndexFullError", "IndexMismatchError", "IndexMissingError",
               "IndexPermissionError", "IndexUnavailableError", "QuestionError",
               "SettingsError"),
    "settings": ("Settings", "read_environment"),
    "adding": ("Added", "FeedsReport"),
    "answers.check": ("AGREE", "BOUND", "DISAGREE", "SCOPE", "UNREPORTED", "UNREPORTED_NOTE",
                      "CheckResult", "CheckedFigure"),
    # How the engine writes for people, shared so the bot words things the same way.
    "render.chart": ("Chart",),
    "render.inert": ("inert", "printable"),
    "render.links": ("doc_links", "outlet_links", "safe_url"),
    "render.figures": ("figure_label", "format_number", "slot_heading"),
    "render.text": ("render_feed_line", "wording_line"),
    # The terminal interface, which the `discordant` console script extends with `run`.
    "cli": ("build_parser", "closed_pipe", "configure_logging", "run_command"),
}

_MODULE_OF = {name: module for module, names in PUBLISHED.items() for name in names}

__all__ = [  # the same names as PUBLISHED (a test keeps them equal)
    "AGREE",
    "BOUND",
    "DISAGREE",
    "MAX_QUESTION_CHARS",
    "SCOPE",
    "UNREPORTED",
    "UNREPORTED_NOTE",
    "Added",
    "Answer",
    "Article",
    "Chart",
    "CheckResult",
    "CheckedFigure",
    "Chunk",
    "Claim",
    "CorpusError",
    "DiscordantError",
    "Engine",
    "FeedsReport",
    "Figure",
    "IndexBusyError",
    "IndexCorruptError",
    "IndexFullError",
    "IndexMismatchError",
    "IndexMissingError",
    "IndexPermissionError",
    "IndexReport",
    "IndexUnavailableError",
    "Passage",
    "Progress",
    "QuestionError",
    "Relation",
    "Settings",
    "SettingsError",
    "Skipped",
    "Slot",
    "SourceSummary",
    "StoryRef",
    "StorySummary",
    "Wording",
    "build_parser",
    "clean_question",
    "closed_pipe",
    "configure_logging",
    "doc_links",
    "figure_label",
    "format_number",
    "inert",
    "outlet_links",
    "printable",
    "read_environment",
    "render_feed_line",
    "run_command",
    "safe_url",
    "slot_heading",
    "wording_line",
]


def __getattr__(name: str) -> object:
    """A published name, imported from its module on first use (then cached here)."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # the same names, for type checkers and editors (kept equal by a test)
    from .adding import Added, FeedsReport
    from .answers.check import (
        AGREE,
        BOUND,
        DISAGREE,
        SCOPE,
        UNREPORTED,
        UNREPORTED_NOTE,
        CheckedFigure,
        CheckResult,
    )
    from .answers.question_text import MAX_QUESTION_CHARS, clean_question
    from .cli import build_parser, closed_pipe, configure_logging, run_command
    from .engine import Engine, Progress
    from .errors import (
        CorpusError,
        DiscordantError,
        IndexBusyError,
        IndexCorruptError,
        IndexFullError,
        IndexMismatchError,
        IndexMissingError,
        IndexPermissionError,
        IndexUnavailableError,
        QuestionError,
        SettingsError,
    )
    from .records import (
        Answer,
        Article,
        Chunk,
        Claim,
        Figure,
        IndexReport,
        Passage,
        Relation,
        Skipped,
        Slot,
        SourceSummary,
        StoryRef,
        StorySummary,
        Wording,
    )
    from .render.chart import Chart
    from .render.figures import figure_label, format_number, slot_heading
    from .render.inert import inert, printable
    from .render.links import doc_links, outlet_links, safe_url
    from .render.text import render_feed_line, wording_line
    from .settings import Settings, read_environment
