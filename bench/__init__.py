"""The benchmark: ask, index, scale and cold start measured beside their physical floor.

Not part of the engine: `index/` never imports it. `discordant bench` / `make bench` run it.
"""
