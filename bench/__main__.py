"""`python -m bench`: the benchmark's own entry, beside the `discordant bench` subcommand."""

import sys

from bench.cli import main

if __name__ == "__main__":
    sys.exit(main())
