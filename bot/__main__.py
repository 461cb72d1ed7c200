"""`python -m bot` does what `discordant run` does (arguments such as --sync-global pass on)."""

import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main(["run", *sys.argv[1:]]))
