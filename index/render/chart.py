"""A picture of who reports what: one mark per Figure of a Slot, with its outlets.

Figures are placed in the Slot's common unit (`Claim.normalized`: hectares, days, euros).
A hedged figure is drawn as what it says: "at least 8" a dot with an arrow to the open end,
"about 35,000" or "dozens" a bar over the interval it allows, "up to 400" a whisker down to
its lower end. A Slot whose figure changed over days ("update") puts the report date on the
x axis, so a rising toll reads as a line.

The picture is a light-grey card with near-black text: it reads the same on Discord's dark
and light themes (an image keeps its own background), and its type is large enough to
stay legible when Discord shrinks it to a phone's width (1000 px drawn, ~360 px shown).
matplotlib is imported on the first drawing only (Agg: no display needed), never at import
time; drawing takes a few hundred milliseconds, so callers on an event loop use a thread.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import textwrap
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import Slot
from .marks import HEADINGS, Mark, describe, marks, timeline_marks, unit_of

if TYPE_CHECKING:  # matplotlib is imported by the first drawing
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure as Canvas
    from matplotlib.ticker import FuncFormatter

WIDTH_IN, DPI = 10.0, 100  # 1000 px wide: Discord shows an embed image up to ~400-520 px
MIN_HEIGHT_IN = 5.0  # 500 px: at least 800 x 400 whatever the number of figures
ROW_IN = 0.8
BACKGROUND = "#f2f3f5"  # Discord's own light grey: a card on the dark theme, distinct on white
FOREGROUND = "#1e1f22"
MUTED = "#4e5058"
GRID = "#c4c9ce"
# Okabe-Ito colours (told apart with every common colour-vision deficiency), yellow left
# out: it does not read on the light card.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
OUTLET_CHARS = 70  # per line of outlets under a row; two lines at most
CACHED = 64


@dataclass(frozen=True)
class Chart:
    """A drawn chart: PNG bytes, its size, and two texts: `description`, plain (the
    image's alt text), and `caption`, the same as markdown with outlets linked."""

    png: bytes
    width: int
    height: int
    description: str
    caption: str


def draw(slot: Slot, urls: Mapping[str, str] | None = None,
         highlight: float | None = None) -> Chart | None:
    """The chart of a Slot, or None when it has fewer than two numbers to draw.
    `highlight` marks one more value (a message being checked) as a dashed line."""
    shown = marks(slot)
    if len(shown) < 2:
        return None
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as Canvas  # no pyplot: no global state, thread-safe

    timeline = timeline_marks(slot)
    rows = 0 if timeline else len(shown)
    canvas = Canvas(figsize=(WIDTH_IN, max(MIN_HEIGHT_IN, 2.2 + ROW_IN * rows)), dpi=DPI,
                    facecolor=BACKGROUND)
    FigureCanvasAgg(canvas)
    ax = canvas.add_subplot()
    _style(canvas, ax, slot)
    if timeline:
        _draw_timeline(ax, timeline, slot, highlight)
    else:
        _draw_rows(ax, shown, slot, highlight)
    canvas.tight_layout(pad=1.2)
    buffer = io.BytesIO()
    canvas.savefig(buffer, format="png", facecolor=BACKGROUND)
    png = buffer.getvalue()
    # The size as written in the PNG's header (IHDR: width, height at bytes 16-24).
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return Chart(png=png, width=width, height=height,
                 description=describe(slot), caption=describe(slot, urls or {}))


def _style(canvas: Canvas, ax: Axes, slot: Slot) -> None:
    ax.set_facecolor(BACKGROUND)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(MUTED)
    ax.tick_params(colors=FOREGROUND, labelsize=15, length=0)
    heading = f"{slot.about}: {HEADINGS.get(slot.relationship, slot.relationship)}"
    canvas.suptitle(textwrap.shorten(heading, 72, placeholder=" …"), x=0.012, ha="left",
                    fontsize=18, fontweight="bold", color=FOREGROUND)
    if slot.story:
        ax.set_title(textwrap.shorten(f"story: {slot.story.title}", 100, placeholder=" …"),
                     loc="left", fontsize=13, color=MUTED, pad=12)


def _outlets(mark: Mark, width: int = OUTLET_CHARS) -> str:
    text = ", ".join(mark.figure.sources) or "unattributed"
    if mark.figure.authorities:
        text += " — citing " + ", ".join(mark.figure.authorities)
    return "\n".join(textwrap.wrap(text, width, max_lines=2, placeholder=" …"))


def _limit(shown: list[Mark], highlight: float | None) -> float:
    finite = [v for m in shown for v in (m.value, m.low, m.high) if math.isfinite(v)]
    if highlight is not None:
        finite.append(highlight)
    return max(finite, default=1.0) * 1.18 or 1.0


def _draw_rows(ax: Axes, shown: list[Mark], slot: Slot, highlight: float | None) -> None:
    """One row per Figure, top to bottom in the Slot's order; values on the x axis."""
    right = _limit(shown, highlight)
    lowest = min(0.0, *(m.low for m in shown if math.isfinite(m.low)))
    ax.set_xlim(lowest, right)
    ax.set_ylim(-0.9, len(shown) - 0.3)
    ax.set_yticks([len(shown) - 1 - i for i in range(len(shown))],
                  [m.label for m in shown], fontsize=17, fontweight="bold")
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel(unit_of(slot), fontsize=15, color=MUTED)
    ax.xaxis.set_major_formatter(_thousands())
    for i, mark in enumerate(shown):
        y, colour = len(shown) - 1 - i, COLOURS[i % len(COLOURS)]
        ax.axhline(y, color=GRID, linewidth=0.6, zorder=0)
        _interval(ax, mark, y, colour, right, lowest, horizontal=True)
        ax.plot([mark.value], [y], "o", markersize=14, color=colour, zorder=3)
        ax.text(0.005, y - 0.2, _outlets(mark), transform=ax.get_yaxis_transform(),
                ha="left", va="top", fontsize=12.5, color=MUTED)
    if highlight is not None:
        ax.axvline(highlight, color=FOREGROUND, linestyle="--", linewidth=1.6)
        ax.text(highlight, len(shown) - 0.35, f" this message: {_number(highlight)}",
                ha="left", va="bottom", fontsize=13, color=FOREGROUND)


def _interval(ax: Axes, mark: Mark, at: float, colour: str, far: float, near: float, *,
              horizontal: bool) -> None:
    """The hedge: an arrow to the open end, or a bar over the interval it allows."""
    low, high = mark.low, mark.high
    if math.isinf(high):
        start, end = (mark.value, at), (far, at)
    elif low < mark.value or high > mark.value:
        start, end = (max(low, near), at), (high, at)
    else:
        return
    if not horizontal:
        start, end = start[::-1], end[::-1]
    if math.isinf(high):
        ax.annotate("", xy=end, xytext=start, zorder=2,
                    arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 3,
                                "mutation_scale": 22})
    else:
        xs, ys = zip(start, end, strict=True)
        ax.plot(xs, ys, color=colour, linewidth=7, alpha=0.45, solid_capstyle="round",
                zorder=2)


def _draw_timeline(ax: Axes, shown: list[Mark], slot: Slot, highlight: float | None) -> None:
    """Report dates on the x axis, values up: a rising toll reads as a line."""
    import matplotlib.dates as mdates

    top = _limit(shown, highlight)
    ax.set_ylim(0, top)
    first, last = mdates.date2num(shown[0].day), mdates.date2num(shown[-1].day)
    ax.set_xlim(first - 0.2 * (last - first), last + 0.5 * (last - first))  # labels: right
    # Dates are plotted through matplotlib's date converter, which its stubs do not know
    # (and timeline_marks keeps only dated marks): hence the two ignores below.
    ax.plot([m.day for m in shown], [m.value for m in shown],  # type: ignore[arg-type]
            color=MUTED, linewidth=2.5, zorder=1)
    ax.set_xticks(sorted({mdates.date2num(m.day) for m in shown}))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%a %d %b"))
    ax.yaxis.set_major_formatter(_thousands())
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_ylabel(unit_of(slot), fontsize=15, color=MUTED)
    same_day: dict[dt.date | None, int] = {}
    for i, mark in sorted(enumerate(shown), key=lambda im: -im[1].value):
        colour = COLOURS[i % len(COLOURS)]
        _interval(ax, mark, mdates.date2num(mark.day), colour, top, 0.0, horizontal=False)
        ax.plot([mark.day], [mark.value], "o",  # type: ignore[arg-type]  # a date: see above
                markersize=14, color=colour, zorder=3)
        # Below and right of the dot, clear of a rising line; one day's labels stack down.
        k = same_day[mark.day] = same_day.get(mark.day, -1) + 1
        ax.annotate(f"{mark.label}\n{_outlets(mark, 26)}", (mark.day, mark.value),
                    xytext=(14, -12 - 56 * k), textcoords="offset points", ha="left",
                    va="top", fontsize=12.5, color=FOREGROUND)
    if highlight is not None:
        ax.axhline(highlight, color=FOREGROUND, linestyle="--", linewidth=1.6)


def _thousands() -> FuncFormatter:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: _number(value))


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


class ChartCache:
    """Charts drawn once per index generation: the key is the generation's name, the Slot
    and the highlighted value, so asking twice draws once and a re-index draws anew. The
    last CACHED charts are kept (a few hundred kB)."""

    def __init__(self, size: int = CACHED) -> None:
        self.size = size
        self.drawn = 0  # how many charts were drawn (not taken from the cache)
        self._charts: OrderedDict[tuple[str, Slot, float | None], Chart | None] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, generation: str, slot: Slot, urls: Mapping[str, str] | None = None,
            highlight: float | None = None) -> Chart | None:
        key = (generation, slot, highlight)
        with self._lock:
            if key in self._charts:
                self._charts.move_to_end(key)
                return self._charts[key]
        chart = draw(slot, urls, highlight)
        with self._lock:
            self.drawn += 1
            self._charts[key] = chart
            while len(self._charts) > self.size:
                self._charts.popitem(last=False)
        return chart
