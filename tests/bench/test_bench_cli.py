"""The benchmark is a tool beside the product: `discordant` loads it only for `bench`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench import cli as bench_cli
from bot import cli

pytestmark = pytest.mark.fast

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("argv", "bench"), [
    (["bench", "--quick"], True),
    (["-v", "bench"], True),
    (["ask", "bench"], False),
    (["--help"], False),
    ([], False),
])
def test_only_the_bench_subcommand_asks_for_the_benchmark(argv, bench):
    assert cli.asks_for_bench(argv) is bench


def test_the_console_script_imports_no_benchmark_module():
    code = "import sys, bot.cli; print([m for m in sys.modules if m.split('.')[0] == 'bench'])"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"


def test_bench_is_listed_by_help_and_parsed_with_its_options_when_asked(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "bench" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli.main(["bench", "--help"])
    assert "--quick" in capsys.readouterr().out
    assert cli.BENCH_HELP == bench_cli.HELP


def test_python_m_bench_parses_the_same_options(capsys):
    with pytest.raises(SystemExit) as exited:
        bench_cli.main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "python -m bench" in out and "--quick" in out and "--workdir" in out
