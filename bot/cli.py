"""The `discordant` console script: the corpus commands plus `run`, which starts the bot.

The corpus commands live in `index.cli` and work without Discord; `run` imports the bot
only when asked for, so `discordant ask` never loads discord.py. `bench` is the benchmark, a
tool beside the product (`bench/`, also `python -m bench`): its parser and code are imported
only when `discordant bench` is asked for.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from index import (
    DiscordantError,
    build_parser,
    configure_logging,
    read_environment,
    run_command,
)

BENCH_HELP = "measure ask, index, scale and cold start (BENCHMARKS.md)"


def asks_for_bench(argv: Sequence[str]) -> bool:
    """Whether the command line's subcommand is `bench` (the only global option, -v, takes
    no value, so the first word that is not an option is the subcommand)."""
    words = [arg for arg in argv if not arg.startswith("-")]
    return bool(words) and words[0] == "bench"


def extra_commands(with_bench: bool):
    """A registrar for `run` (the bot) and `bench` beside the corpus commands; `bench` has
    its real options only when it is the command asked for (listed by --help either way)."""

    def register(sub: argparse._SubParsersAction) -> None:
        run = sub.add_parser("run",
                             help="start the Discord bot (settings from the environment/.env)")
        run.add_argument("--sync-global", action="store_true",
                         help="sync slash commands globally (can take up to an hour to show)")
        if with_bench:
            from bench.cli import add_bench_command

            add_bench_command(sub)
        else:
            sub.add_parser("bench", help=BENCH_HELP)

    return register


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    with_bench = asks_for_bench(words)
    args = build_parser(extra_commands(with_bench)).parse_args(argv)
    configure_logging(args.verbose or args.command == "run")
    try:
        env = read_environment()
    except DiscordantError as exc:  # a .env that is not UTF-8: one line, never a traceback
        print(f"error: {exc}", file=sys.stderr)
        return 1 if args.command == "run" else 2
    if args.command == "run":
        from bot.app import run

        return run(env, sync_global=args.sync_global)
    if args.command == "bench":
        from bench.cli import run_bench_command

        return run_bench_command(args, env)
    return run_command(args, env)
