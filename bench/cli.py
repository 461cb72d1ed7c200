"""`discordant bench` and `python -m bench`: the benchmark's command line.

The corpus engine (`index/`) knows nothing of the benchmark; `bot.cli` imports this module
only when `discordant bench` is asked for, and adds the command to the `discordant` parser
next to `run`. `python -m bench` parses the same options on their own.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from index.cli import closed_pipe, settings_for, with_environment
from index.errors import DiscordantError

HELP = "measure ask, index, scale and cold start (BENCHMARKS.md)"


def add_bench_command(sub: argparse._SubParsersAction) -> None:
    """Register `bench` and its options on a subcommand parser."""
    add_bench_options(sub.add_parser("bench", help=HELP))


def add_bench_options(p: argparse.ArgumentParser) -> None:
    """The benchmark's options, for `discordant bench` and `python -m bench` alike."""
    p.add_argument("--quick", action="store_true", help="a small run (minutes, not an hour)")
    p.add_argument("--scale", help="synthetic corpus sizes in passages (default 10000,100000)")
    p.add_argument("--out", type=Path, default=Path("bench.json"), help="the JSON figures")
    p.add_argument("--report", type=Path, help="a Markdown file to put the figures in")
    p.add_argument("--workdir", type=Path, default=Path(".discordant/bench"),
                   help="scratch folder for corpora and indexes (emptied first)")


def cmd_bench(args: argparse.Namespace, env: dict[str, str]) -> int:
    """Run the benchmark and print each target with its verdict."""
    from .run import plan_from_args, run_bench

    try:
        settings = settings_for(args, env)
    except DiscordantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    command = "discordant " + " ".join(sys.argv[1:]) if sys.argv[1:] else "discordant bench"
    results = run_bench(settings, plan_from_args(args), args.out, args.report,
                        args.workdir, command)
    for target in results["targets"]:
        verdict = "met" if target["met"] else "not measured" if target["met"] is None \
            else f"MISSED {target['miss']}"
        print(f"{target['target']}: {target['measured']} — {verdict}")
    return 0


def run_bench_command(args: argparse.Namespace, env: dict[str, str]) -> int:
    """`cmd_bench`, stopping quietly when the reader of stdout goes away."""
    try:
        return cmd_bench(args, env)
    except BrokenPipeError:
        return closed_pipe()


def main(argv: list[str] | None = None) -> int:
    """`python -m bench`: the benchmark without the `discordant` console script."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=HELP)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    add_bench_options(parser)
    return with_environment(parser.parse_args(argv), run_bench_command)
