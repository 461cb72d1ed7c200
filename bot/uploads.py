"""Files the bot uploads: made from bytes in memory (a chart's PNG), never read from disk."""

from __future__ import annotations

import io

import discord

from index import Chart

from .limits import clip

CHART_FILE = "chart.png"


def chart_file(chart: Chart) -> discord.File:
    """The chart as an upload (a new one each time: a File is read once), its text
    description as the attachment's alt text."""
    return discord.File(io.BytesIO(chart.png), filename=CHART_FILE,
                        description=clip(chart.description, 1024))
