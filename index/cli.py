"""The terminal interface: `discordant index | ask | sources | disputes`.

Its output is a contract other tools rely on (see README): `ask --json` prints one JSON
object per question, in order. Settings are read once here and passed down.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .engine import Engine
from .errors import DiscordantError
from .records import Answer, IndexReport
from .render.serialize import answer_to_json, slot_to_json, wording_to_json
from .render.text import render_answer, render_disputes, render_report, render_sources
from .settings import Settings, read_environment

log = logging.getLogger(__name__)


def add_index_commands(sub: argparse._SubParsersAction) -> None:
    """Register the corpus commands on a subparser set (the bot's CLI adds `run`)."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", type=Path, help="index folder (default: CHROMA_PATH)")
    p = sub.add_parser("index", parents=[db], help="build or update the index")
    p.add_argument("--corpus", type=Path, help="folder of .txt/.md articles (default: CORPUS_DIR)")
    p.add_argument("--rebuild", action="store_true",
                   help="ignore the existing index and embed everything again")
    p = sub.add_parser("ask", parents=[db], help="answer questions from the index")
    p.add_argument("--json", action="store_true", help="one JSON object per question")
    p.add_argument("--top", type=int, help="passages per answer (default: TOP_K)")
    p.add_argument("question", nargs="+", help="one or more questions, each quoted")
    p = sub.add_parser("sources", parents=[db], help="list the indexed articles")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("disputes", parents=[db], help="list every figure sources disagree on")
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
    for noisy in ("httpx", "chromadb", "sentence_transformers", "transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _progress_bar():
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
                                           rebuild=args.rebuild)
    finally:
        close()
    print(render_report(report))
    return 0 if report.articles else 1


def _ask_one(engine: Engine, question: str, top: int | None) -> tuple[Answer | None, str | None]:
    try:
        return engine.ask(question, top_k=top), None
    except DiscordantError as exc:
        return None, str(exc)


def cmd_ask(engine: Engine, args: argparse.Namespace) -> int:
    failed = 0
    for question in args.question:
        answer, error = _ask_one(engine, question, args.top)
        failed += error is not None
        if args.json:
            out: dict[str, Any] = (answer_to_json(answer) if answer else
                                   {"question": question, "passages": [], "disagreements": [],
                                    "agreements": [], "error": error})
            print(json.dumps(out, ensure_ascii=False), flush=True)
        elif answer:
            print(render_answer(answer), end="\n\n", flush=True)
        else:
            print(f"{question}\n  error: {error}", end="\n\n", file=sys.stderr)
    return 1 if failed else 0


def cmd_sources(engine: Engine, args: argparse.Namespace) -> int:
    sources = engine.sources()
    if args.json:
        for s in sources:
            print(json.dumps(dataclasses.asdict(s), ensure_ascii=False))
    else:
        print(render_sources(sources))
    return 0


def cmd_disputes(engine: Engine, args: argparse.Namespace) -> int:
    slots, wordings = engine.disputes(), engine.wording()
    if args.json:
        for item in [*map(slot_to_json, slots), *map(wording_to_json, wordings)]:
            print(json.dumps(item, ensure_ascii=False))
    else:
        print(render_disputes(slots, wordings))
    return 0


COMMANDS = {"index": cmd_index, "ask": cmd_ask, "sources": cmd_sources,
            "disputes": cmd_disputes}


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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose)
    return run_command(args, read_environment())
