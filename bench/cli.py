"""`discordant bench`: the benchmark's subcommand, registered by the console script.

The corpus engine (`index/`) knows nothing of the benchmark; `bot.cli` adds this command
to the `discordant` parser next to `run`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from index.cli import settings_for
from index.errors import DiscordantError


def add_bench_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="measure ask, index, scale and cold start (BENCHMARKS.md)")
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
