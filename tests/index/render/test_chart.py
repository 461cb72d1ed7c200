"""Charts of a Slot's figures: drawn with matplotlib, read back as pixels."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from index.answers.disagreements import build_slot
from index.records import Claim, StoryRef
from index.render.chart import COLOURS, ChartCache, draw
from index.render.links import link, safe_url
from index.render.marks import describe

DISCORDANT = Path(sys.executable).with_name("discordant")


def claim(value: float, date: str, source: str, qualifier: str | None = None,
          doc: str | None = None) -> Claim:
    high = float("inf") if qualifier == "at least" else value
    return Claim(value=value, low=value, high=high, qualifier=qualifier,
                 figure=f"{qualifier + ' ' if qualifier else ''}{value:g}", counted="people",
                 kind="people", event="killed", authority="coast guard",
                 doc_id=doc or f"{source}-{date}", source=source, date=date,
                 quote=f"{value:g} people died, the coast guard said.", normalized=value,
                 norm_low=value, norm_high=high)


def rising_toll():
    return build_slot("people killed", "killed", [
        claim(12, "2025-11-18", "Atlas"), claim(27, "2025-11-19", "Chronicle"),
        claim(38, "2025-11-20", "Courier")], StoryRef("ferry", "Ferry capsizes"))


def pixels(png: bytes, colour: str) -> list[tuple[int, int]]:
    """Every pixel of one colour (within a small tolerance for anti-aliasing)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    want = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    width, height = image.size
    data = image.load()
    return [(x, y) for x in range(width) for y in range(height)
            if sum(abs(a - b) for a, b in zip(data[x, y], want, strict=True)) < 12]


def centre(points: list[tuple[int, int]]) -> tuple[float, float]:
    return (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))


@pytest.mark.fast
def test_a_rising_toll_is_drawn_against_the_report_date_as_a_line():
    slot = rising_toll()
    assert slot.relationship == "update"
    chart = draw(slot)
    image = Image.open(io.BytesIO(chart.png))
    assert image.format == "PNG" and image.size == (chart.width, chart.height)
    assert image.size[0] >= 800 and image.size[1] >= 400
    # Latest first in the slot; drawn oldest first: COLOURS follow the date order.
    dots = [centre(pixels(chart.png, colour)) for colour in COLOURS[:3]]
    assert [x for x, _ in dots] == sorted(x for x, _ in dots)  # later to the right
    assert [y for _, y in dots] == sorted((y for _, y in dots), reverse=True)  # higher up
    assert "12 on 18 Nov 2025 (Atlas)" in chart.description
    assert "38 on 20 Nov 2025 (Courier)" in chart.description


def test_a_bound_is_drawn_open_ended_to_the_right_edge(sample_engine):
    slot = sample_engine.ask("how many officers died").disagreements[0]
    assert [f.qualifier for f in slot.figures] == ["at least", None, None]
    chart = draw(slot)
    bound, exact = pixels(chart.png, COLOURS[0]), pixels(chart.png, COLOURS[1])
    assert max(x for x, _ in bound) > 0.85 * chart.width  # the arrow runs to the edge
    assert max(x for x, _ in exact) - min(x for x, _ in exact) < 40  # a dot
    for text in ("at least 8 (24 News HD (AFP)", "12 (24 News HD (AFP), AP report",
                 "13 (CNN (republished), France 24)", "drawn as arrows"):
        assert text in chart.description


@pytest.mark.fast
def test_one_figure_or_dates_draw_no_chart():
    lone = build_slot("people killed", "killed", [claim(12, "2025-11-18", "Atlas")])
    assert draw(lone) is None


@pytest.mark.fast
def test_a_chart_is_drawn_once_per_generation_and_slot():
    cache, slot = ChartCache(), rising_toll()
    first = cache.get("gen-1", slot)
    assert cache.get("gen-1", slot) is first and cache.drawn == 1
    cache.get("gen-2", slot)
    cache.get("gen-2", slot, highlight=30.0)
    assert cache.drawn == 3


def test_the_engine_draws_an_answer_chart_once(sample_engine):
    slot = sample_engine.ask("how many officers died").disagreements[0]
    before = sample_engine._charts.drawn
    first = sample_engine.chart(slot)
    again = sample_engine.ask("how many officers died").disagreements[0]
    assert sample_engine.chart(again) is first
    assert sample_engine._charts.drawn == before + 1


@pytest.mark.fast
def test_outlets_with_an_address_are_linked_in_the_caption():
    slot = rising_toll()
    caption = describe(slot, {"Atlas-2025-11-18": "https://atlas.example/ferry_(1)",
                              "Courier-2025-11-20": "https://courier.example/a b"})
    assert "12 on 18 Nov 2025 ([Atlas](https://atlas.example/ferry_%281%29))" in caption
    assert "38 on 20 Nov 2025 (Courier)" in caption  # an address with a space: no link
    assert "(Chronicle)" in caption  # no address: no link
    assert "](" not in describe(slot)  # the plain description (alt text) has no markdown


@pytest.mark.fast
@pytest.mark.parametrize(("url", "linked"), [
    ("https://example.com/a?b=1#c", "https://example.com/a?b=1#c"),
    ("https://medium.com/@everyone/post", "https://medium.com/%40everyone/post"),
    ("javascript:alert(1)", None), ("ftp://example.com/x", None), ("https://", None),
    ("https://example.com/x y", None), ("https://example.com/" + "a" * 600, None)])
def test_only_plain_web_addresses_become_links(url, linked):
    assert safe_url(url) == linked
    assert link("Outlet", url) == (f"[Outlet]({linked})" if linked else "Outlet")


@pytest.mark.fast
def test_matplotlib_is_not_imported_until_a_chart_is_drawn():
    code = ("import sys, index.engine, index.cli, index.render.chart, bot.app; "
            "assert 'matplotlib' not in sys.modules, 'imported at import time'")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_ask_chart_writes_the_png_of_the_first_disagreement(sample_db, tmp_path):
    out = subprocess.run([str(DISCORDANT), "ask", "--db", str(sample_db), "--chart",
                          str(tmp_path / "c.png"), "how many officers died"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert Image.open(tmp_path / "c.png").size == (1000, 500)
    assert f"chart: {tmp_path / 'c.png'} (1000x500)" in out.stderr
    none = subprocess.run([str(DISCORDANT), "ask", "--db", str(sample_db), "--chart",
                           str(tmp_path / "none.png"), "what is the population"],
                          capture_output=True, text=True, timeout=300)
    assert none.returncode == 0 and not (tmp_path / "none.png").exists()
    assert "no chart" in none.stderr
