"""`python -m index`: the corpus commands without the Discord bot."""

import sys

from .cli import main

sys.exit(main())
