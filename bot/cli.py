"""The `discordant` console script: the corpus commands plus `run`, which starts the bot.

The corpus commands live in `index.cli` and work without Discord; `run` imports the bot
only when asked for, so `discordant ask` never loads discord.py; `bench` is the benchmark.
"""

from __future__ import annotations

import argparse
import sys

from bench.cli import add_bench_command, cmd_bench
from index.cli import build_parser, closed_pipe, configure_logging, run_command
from index.errors import DiscordantError
from index.settings import read_environment


def add_run_command(sub: argparse._SubParsersAction) -> None:
    """Register `run` (the bot) and `bench` (the benchmark) beside the corpus commands."""
    run = sub.add_parser("run", help="start the Discord bot (settings from the environment/.env)")
    run.add_argument("--sync-global", action="store_true",
                     help="sync slash commands globally (can take up to an hour to show)")
    add_bench_command(sub)


def main(argv: list[str] | None = None) -> int:
    args = build_parser(add_run_command).parse_args(argv)
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
        try:
            return cmd_bench(args, env)
        except BrokenPipeError:
            return closed_pipe()
    return run_command(args, env)
