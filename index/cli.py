"""The terminal interface: `discordant index | ask | sources | disputes`.

Its output is a contract other tools rely on (see README): `ask --json` prints one JSON
object per question, in order. Settings are read once here and passed down.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .engine import Engine
from .errors import DiscordantError, QuestionError, SettingsError
from .records import Answer, IndexReport, SourceSummary, StorySummary
from .render.inert import json_line
from .render.serialize import answer_to_json, slot_to_json, wording_to_json
from .render.text import (
    render_added,
    render_answer,
    render_disputes,
    render_feed_line,
    render_report,
    render_sources,
    render_stories,
)
from .settings import MAX_TOP, MIN_TOP, Settings, read_environment

log = logging.getLogger(__name__)

Listed = TypeVar("Listed", SourceSummary, StorySummary)  # what `sources`, `stories` print


def top_count(raw: str) -> int:
    """--top: a whole number of passages between MIN_TOP and MAX_TOP."""
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--top takes a whole number, not {raw!r}") from None
    if not MIN_TOP <= value <= MAX_TOP:
        raise argparse.ArgumentTypeError(
            f"--top must be between {MIN_TOP} and {MAX_TOP} passages, not {value}")
    return value


def add_index_commands(sub: argparse._SubParsersAction) -> None:
    """Register the corpus commands on a subparser set (the bot's CLI adds `run`)."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", type=Path, help="index folder (default: CHROMA_PATH)")
    p = sub.add_parser("index", parents=[db], help="build or update the index")
    p.add_argument("--corpus", type=Path, help="folder of .txt/.md articles (default: CORPUS_DIR)")
    p.add_argument("--rebuild", action="store_true",
                   help="ignore the existing index and embed everything again")
    p.add_argument("--allow-empty", action="store_true",
                   help="let a corpus with no articles empty a non-empty index")
    p = sub.add_parser("ask", parents=[db], help="answer questions from the index")
    p.add_argument("--json", action="store_true", help="one JSON object per question")
    p.add_argument("--top", type=top_count,
                   help=f"passages per answer, {MIN_TOP}-{MAX_TOP} (default: TOP_K)")
    p.add_argument("--story", help="answer from this Story only (an id from `stories`)")
    p.add_argument("--chart", type=Path, metavar="FILE",
                   help="write a PNG chart of the first disagreement (or update) to FILE")
    p.add_argument("question", nargs="+", help="one or more questions, each quoted")
    p = sub.add_parser("add", parents=[db], help="fetch an article page into the corpus and "
                       "index it")
    p.add_argument("--corpus", type=Path, help="corpus folder to save it in (default: CORPUS_DIR)")
    p.add_argument("url", help="the article's http(s) address")
    p = sub.add_parser("feeds", parents=[db], help="add the new entries of the FEEDS")
    p.add_argument("--corpus", type=Path, help="corpus folder to save them in (default: "
                   "CORPUS_DIR)")
    p.add_argument("--once", action="store_true",
                   help="poll once and exit (default: every FEED_POLL_MINUTES until stopped)")
    p = sub.add_parser("sources", parents=[db], help="list the indexed articles")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("disputes", parents=[db], help="list every figure sources disagree on")
    p.add_argument("--json", action="store_true")
    p.add_argument("--story", help="only this Story's disputes (an id from `stories`)")
    p = sub.add_parser("stories", parents=[db],
                       help="list the Stories: the articles that report one event")
    p.add_argument("--json", action="store_true")


def build_parser(extra: Callable[[argparse._SubParsersAction], None] | None = None,
                 ) -> argparse.ArgumentParser:
    """The `discordant` parser; `extra` registers more subcommands (the bot's `run`)."""
    parser = argparse.ArgumentParser(
        prog="discordant", description="Answers over news articles, showing where sources "
        "disagree.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True)
    add_index_commands(sub)
    if extra:
        extra(sub)
    return parser


def settings_for(args: argparse.Namespace, env: dict[str, str]) -> Settings:
    settings = Settings.from_env(env)
    if getattr(args, "db", None):
        settings = dataclasses.replace(settings, chroma_path=args.db, chroma_host=None)
    if getattr(args, "corpus", None):
        settings = dataclasses.replace(settings, corpus_dir=args.corpus)
    return settings


def configure_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "chromadb", "sentence_transformers", "transformers", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _progress_bar() -> tuple[Callable[[str, int, int], None] | None, Callable[[], None]]:
    """A progress callback drawing a bar on a terminal, or None when not on one."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=0, unit="passage", file=sys.stderr, leave=False)

    def progress(stage: str, done: int, total: int) -> None:
        bar.set_description(stage)
        if total and bar.total != total:
            bar.reset(total=total)
        bar.n = done
        bar.refresh()

    return progress, bar.close


def cmd_index(engine: Engine, args: argparse.Namespace) -> int:
    progress, close = _progress_bar()
    try:
        report: IndexReport = engine.index(engine.settings.corpus_dir, progress=progress,
                                           rebuild=args.rebuild, allow_empty=args.allow_empty)
    finally:
        close()
    print(render_report(report))
    return 0 if report.articles else 1


def _ask_one(engine: Engine, question: str, top: int | None,
             story: str | None = None) -> tuple[Answer | None, str | None]:
    try:
        return engine.ask(question, top_k=top, story=story), None
    except QuestionError as exc:  # index problems end the command: one line, exit 2
        return None, str(exc)


def write_chart(engine: Engine, answers: list[Answer], path: Path) -> None:
    """`ask --chart FILE`: the chart of the first disagreement (or update) of the answers;
    a note on stderr when none has one."""
    slot = next((s for a in answers for s in a.disagreements), None)
    chart = engine.chart(slot) if slot else None
    if chart is None:
        print("no chart: no answer has figures that differ", file=sys.stderr)
        return
    try:
        path.write_bytes(chart.png)
    except OSError as exc:
        raise DiscordantError(f"cannot write the chart to {path}: {exc.strerror or exc}; "
                              "pick a writable file with --chart") from None
    print(f"chart: {path} ({chart.width}x{chart.height}) — {chart.description}",
          file=sys.stderr)


def cmd_ask(engine: Engine, args: argparse.Namespace) -> int:
    engine.parse_ahead(args.question)  # on the second core while the index opens
    engine.check_ready()
    failed = 0
    answered: list[Answer] = []
    for question in args.question:
        answer, error = _ask_one(engine, question, args.top, args.story)
        failed += error is not None
        answered += [answer] if answer else []
        if args.json:
            out: dict[str, Any] = (answer_to_json(answer) if answer else
                                   {"question": question, "passages": [], "disagreements": [],
                                    "agreements": [], "error": error})
            print(json_line(out), flush=True)
        elif answer:
            print(render_answer(answer), end="\n\n", flush=True)
        else:
            print(f"{question}\n  error: {error}", end="\n\n", file=sys.stderr)
    if args.chart:
        write_chart(engine, answered, args.chart)
    return 1 if failed else 0


def _print_records(records: list[Listed], render: Callable[[list[Listed]], str],
                   as_json: bool) -> int:
    """Frozen records as JSON lines (`--json`), or rendered for the terminal."""
    if as_json:
        for record in records:
            print(json_line(dataclasses.asdict(record)))
    else:
        print(render(records))
    return 0


def cmd_sources(engine: Engine, args: argparse.Namespace) -> int:
    engine.check_ready()
    return _print_records(engine.sources(), render_sources, args.json)


def cmd_disputes(engine: Engine, args: argparse.Namespace) -> int:
    engine.check_ready()
    slots = engine.disputes(args.story)
    wordings = [] if args.story else engine.wording()
    if args.json:
        for item in [*map(slot_to_json, slots), *map(wording_to_json, wordings)]:
            print(json_line(item))
    else:
        print(render_disputes(slots, wordings))
    return 0


def cmd_stories(engine: Engine, args: argparse.Namespace) -> int:
    return _print_records(engine.stories(), render_stories, args.json)


def cmd_add(engine: Engine, args: argparse.Namespace) -> int:
    print(render_added(engine.add_url(args.url)))
    return 0


def cmd_feeds(engine: Engine, args: argparse.Namespace) -> int:
    minutes = engine.settings.feed_poll_minutes
    if not engine.settings.feeds:
        raise SettingsError("FEEDS is empty: list RSS/Atom URLs (or a file of them) in .env")
    while True:
        report = engine.poll_feeds()
        for feed in report.feeds:
            print(render_feed_line(feed), flush=True)
        if report.report:
            print(render_report(report.report), flush=True)
        if args.once or not minutes:
            return 0
        time.sleep(minutes * 60)


COMMANDS = {"index": cmd_index, "ask": cmd_ask, "sources": cmd_sources,
            "disputes": cmd_disputes, "stories": cmd_stories, "add": cmd_add,
            "feeds": cmd_feeds}


def run_command(args: argparse.Namespace, env: dict[str, str]) -> int:
    """Run one corpus command; user-facing errors become one line on stderr."""
    try:
        engine = Engine(settings_for(args, env))
        return COMMANDS[args.command](engine, args)
    except DiscordantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: the last complete index is still in place", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return closed_pipe()


def closed_pipe() -> int:
    """The reader of stdout went away (`discordant ask ... | head -1`): stop quietly.

    stdout is pointed at /dev/null so the interpreter's final flush cannot raise again;
    the exit code is the one a process killed by SIGPIPE would have.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141


def main(argv: list[str] | None = None) -> int:
    return with_environment(build_parser().parse_args(argv), run_command)


def with_environment(args: argparse.Namespace,
                     command: Callable[[argparse.Namespace, dict[str, str]], int]) -> int:
    """Run a parsed command with logging set up and the environment read once (a broken
    .env is one error line and exit code 2)."""
    configure_logging(args.verbose)
    try:
        env = read_environment()
    except DiscordantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return command(args, env)
