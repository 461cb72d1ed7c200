"""The benchmark's targets and their verdicts: each figure a run measured beside its limit,
met or missed and by how much, or not measured.

Apart from `run.py`, which measures: this module only reads a run's results (the JSON
`run.py` saves), so the verdicts can be judged, and tested, without measuring anything.
"""

from __future__ import annotations

from typing import Any

from .measure import QUESTIONS

TARGET_RATIO_ASK = 1.5  # issues 11 and 13: warm ask at most 1.5x its floor
TARGET_RATIO_INDEX = 0.7
TARGET_ASK_MS_100K = 50.0
TARGET_RSS_MB_100K = 1200.0
TARGET_STORY_SHARE = 0.10  # issue 9: finding stories adds at most 10% to index time
TARGET_VS_TORCH = 1.5  # issue 13: index throughput 1.5x the torch-embedding index
TARGET_COLD_RATIO = 2.0  # a cold `discordant ask` beside its floor (issue 13)
TARGET_BOT_READY_S = 3.0
TARGET_BOT_RSS_MB = 400.0  # at rest, after 20 answers
BOT_QUESTIONS = tuple(QUESTIONS[i % len(QUESTIONS)] for i in range(20))


def evaluate(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target: what was measured, met or not, and by how much it is missed."""
    ask, index = results.get("ask"), results.get("index")
    largest = max((r for r in results.get("scale", []) if r["mode"] == "embedded"),
                  key=lambda r: r["passages"], default=None)
    out = []
    if ask:
        out.append(_target(
            f"ask, warm ≤ {TARGET_RATIO_ASK}× floor", ask["ratio_median"], TARGET_RATIO_ASK,
            "×", note=f"{ask['ask_ms']['median']:.1f} vs {ask['floor_ms']['median']:.1f} ms"))
    if index:
        out.append(_target(
            f"index ≥ {TARGET_RATIO_INDEX}× raw encode", index["ratio"], TARGET_RATIO_INDEX,
            "×", lower=False, note=f"{index['passages_per_second']:.0f} vs "
                                   f"{index['raw_passages_per_second']:.0f} passages/s"))
        if "vs_torch" in index:
            out.append(_target(
                f"index ≥ {TARGET_VS_TORCH}× the sentence-transformers backend",
                index["vs_torch"], TARGET_VS_TORCH, "×", lower=False,
                note=f"{index['passages_per_second']:.0f} vs "
                     f"{index['torch_passages_per_second']:.0f} passages/s"))
    if largest:
        size = f"{largest['passages']:,} passages"
        rss = max(largest["index"]["peak_rss_mb"] or 0, largest["ask"]["peak_rss_mb"] or 0)
        out += [_target(f"ask median ≤ {TARGET_ASK_MS_100K:.0f} ms at {size}",
                        largest["ask"]["ask_ms"]["median"], TARGET_ASK_MS_100K, " ms"),
                _target(f"peak RSS ≤ {TARGET_RSS_MB_100K:.0f} MB at {size} (index, ask)",
                        rss, TARGET_RSS_MB_100K, " MB")]
        if largest["index"].get("story_share") is not None:
            out.append(_target(
                f"finding stories ≤ {TARGET_STORY_SHARE:.0%} of index time at {size}",
                round(100 * largest["index"]["story_share"], 1), 100 * TARGET_STORY_SHARE,
                "%", note=f"{largest['index']['stories']} stories; "
                          f"{largest['index']['story_seconds']:.0f} s added to the run, "
                          f"named entities read in "
                          f"{largest['index'].get('entity_seconds', 0):.0f} s beside embedding"))
    cold_fig = results.get("cold_start")
    return out + (cold_targets(cold_fig) if cold_fig else [])


def cold_targets(cold_fig: dict[str, Any]) -> list[dict[str, Any]]:
    cli, bot = cold_fig["cli"], cold_fig["bot"]
    out = []
    if "ratio" in cli:
        out.append(_target(f"cold `ask` to first answer ≤ {TARGET_COLD_RATIO}× floor (CLI)",
                           cli["ratio"], TARGET_COLD_RATIO, "×",
                           note=f"{cli['median_s']:.2f} vs {cli['floor']['median_s']:.2f} s"))
    else:
        out.append(_target("cold `ask` to first answer (CLI, no floor measured)",
                           None, TARGET_COLD_RATIO, "×"))
    measured = bot.get("measured")
    out.append(_target(f"cold start to ready ≤ {TARGET_BOT_READY_S:.0f} s (bot)",
                       bot["median_s"] if measured else None, TARGET_BOT_READY_S, " s"))
    rest = bot.get("at_rest") if measured else None
    out.append(_target(f"bot resident memory at rest ≤ {TARGET_BOT_RSS_MB:.0f} MB "
                       f"(after {len(BOT_QUESTIONS)} answers)",
                       rest["rss_mb"] if rest else None, TARGET_BOT_RSS_MB, " MB"))
    return out


def _target(name: str, value: float | None, limit: float, unit: str, lower: bool = True,
            note: str = "") -> dict[str, Any]:
    if value is None:
        return {"target": name, "measured": "—", "met": None, "miss": ""}
    met = value <= limit if lower else value >= limit
    miss = abs(value / limit - 1)
    measured = f"{value:,.2f}{unit}" + (f" ({note})" if note else "")
    return {"target": name, "value": value, "limit": limit, "measured": measured, "met": met,
            "miss": "" if met else f"by {miss:.0%}"}
