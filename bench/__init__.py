"""The benchmark: ask, index, scale and cold start measured beside their physical floor.

Not part of the engine: `index/` never imports it, and the `discordant` console script loads
it only for `discordant bench`. `python -m bench`, `discordant bench` and `make bench` run it.
"""
