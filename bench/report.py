"""The benchmark's figures as Markdown, and BENCHMARKS.md updated between its markers.

Only the block between `<!-- bench:start -->` and `<!-- bench:end -->` is rewritten, so the
notes around it (what was tried, why a target is missed) stay as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def _ms(stats: dict[str, Any] | None, key: str = "median") -> str:
    return "—" if not stats else f"{stats[key]:.1f}"


def _mb(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def targets_table(targets: list[dict[str, Any]]) -> list[str]:
    lines = ["| target | measured | |", "| --- | --- | --- |"]
    for t in targets:
        verdict = "met" if t["met"] else ("not measured" if t["met"] is None else
                                          f"**missed** ({t['miss']})")
        lines.append(f"| {t['target']} | {t['measured']} | {verdict} |")
    return lines


def ask_table(ask: dict[str, Any]) -> list[str]:
    return [
        f"Sample corpus ({ask['passages']} passages), {ask['questions']} questions × "
        f"{ask['rounds']} rounds, each ask beside its floor on the same question:", "",
        "| | median ms | p95 ms |", "| --- | ---: | ---: |",
        f"| `ask` | {_ms(ask['ask_ms'])} | {_ms(ask['ask_ms'], 'p95')} |",
        f"| floor: embed + Chroma query | {_ms(ask['floor_ms'])} | "
        f"{_ms(ask['floor_ms'], 'p95')} |",
        f"| — embed the question | {_ms(ask['floor_embed_ms'])} | "
        f"{_ms(ask['floor_embed_ms'], 'p95')} |",
        f"| — Chroma query | {_ms(ask['floor_query_ms'])} | "
        f"{_ms(ask['floor_query_ms'], 'p95')} |",
        f"| ratio ask / floor | {ask['ratio_median']:.2f}× | {ask['ratio_p95']:.2f}× |",
    ]


def index_table(index: dict[str, Any]) -> list[str]:
    return [
        f"Synthetic corpus, {index['passages']:,} passages ({index['articles']} articles):",
        "", "| | seconds | passages/s |", "| --- | ---: | ---: |",
        f"| `index` (load, chunk, claims, embed, store) | {index['seconds']:.1f} | "
        f"{index['passages_per_second']:.1f} |",
        f"| raw `encode` of the same passages | {index['raw_encode_seconds']:.1f} | "
        f"{index['raw_passages_per_second']:.1f} |",
        f"| — claim extraction (a worker thread, beside embedding) | "
        f"{index['claims_seconds']:.1f} | {index['claims_share']:.1%} of index time |",
        f"| — of which embedding | {index['embed_seconds']:.1f} | "
        f"{index['embed_seconds'] / index['seconds']:.1%} of index time |",
        f"| ratio index / raw encode | | {index['ratio']:.2f}× |",
        *([f"| `index` with sentence-transformers (`EMBEDDING_BACKEND=torch`) | "
           f"{index['torch_seconds']:.1f} | {index['torch_passages_per_second']:.1f} |",
           f"| ratio index / index with sentence-transformers | | {index['vs_torch']:.2f}× |"]
          if "vs_torch" in index else []),
    ]


def stories_and_lexical(rows: list[dict[str, Any]]) -> list[str]:
    """Stories found in the (multi-story) synthetic corpus and what the lexical index costs."""
    indexed = [r for r in rows if r["mode"] == "embedded" and "stories" in r["index"]]
    if not indexed:
        return []
    lines = ["", "| passages | articles | stories | finding stories s | share of index time | "
             "named entities s (beside embedding) | "
             "lexical index on disk MB | lexical index resident MB |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in indexed:
        idx = r["index"]
        lines.append(f"| {r['passages']:,} | {idx['articles']:,} | {idx['stories']} | "
                     f"{idx['story_seconds']:.1f} | {idx['story_share']:.1%} | "
                     f"{_entity(idx)} | {_mb(idx.get('lexical_disk_mb'))} | "
                     f"{_mb(r['ask'].get('lexical_resident_mb'))} |")
    return lines


def _entity(idx: dict[str, Any]) -> str:
    seconds = idx.get("entity_seconds")
    return "—" if seconds is None else f"{seconds:.1f}"


def scale_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = ["| passages | mode | index s | passages/s | open + warm s | ask median ms | "
             "ask p95 ms | floor median ms | peak RSS index / ask MB | server peak RSS MB "
             "| disk MB |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        idx, ask = r["index"], r["ask"]
        how = "" if idx.get("how", "indexed") == "indexed" else " (loaded¹)"
        lines.append(
            f"| {r['passages']:,} | {r['mode']}{how} | {idx['seconds']:.0f} | "
            f"{idx.get('passages_per_second', '—')} | {ask['open_and_warm_seconds']:.1f} | "
            f"{_ms(ask['ask_ms'])} | {_ms(ask['ask_ms'], 'p95')} | {_ms(ask['floor_ms'])} | "
            f"{_mb(idx.get('peak_rss_mb'))} / {_mb(ask.get('peak_rss_mb'))} | "
            f"{_mb(r.get('server_peak_rss_mb'))} | {_mb(r['disk_mb'])} |")
    lines += stories_and_lexical(rows)
    if any(r["index"].get("how") == "loaded" for r in rows):
        lines += ["", "¹ The server was loaded with the embedded run's Chunks, vectors and "
                  "claims (the store stage alone, timed; its \"index\" RSS is the loader's, "
                  "which holds every record at once); embedding the same passages again would "
                  "take as long as the embedded row's index time."]
    return lines


def cold_table(cold: dict[str, Any]) -> list[str]:
    cli, bot = cold["cli"], cold["bot"]
    bot_cell = (f"{bot['median_s']:.1f} (max {bot['max_s']:.1f}, {bot['runs']} runs)"
                if bot.get("measured") else f"not measured: {bot.get('why')}")
    lines = ["| | seconds |", "| --- | ---: |",
             f"| `discordant ask` to its answer | {cli['median_s']:.1f} (max "
             f"{cli['max_s']:.1f}, {cli['runs']} runs) |"]
    if cli.get("floor"):
        floor = cli["floor"]
        lines += [f"| floor: import chromadb, onnxruntime, tokenizers; load the model; embed; "
                  f"one Chroma query | {floor['median_s']:.1f} (max {floor['max_s']:.1f}) |",
                  f"| ratio ask / floor | {cli['ratio']:.2f}× |"]
    lines.append(f"| `discordant run` to READY on the loopback Discord | {bot_cell} |")
    rest = bot.get("at_rest") if bot.get("measured") else None
    if rest:
        lines += ["", f"The bot's resident memory at rest after answering {rest['questions']} "
                  f"questions: {rest['rss_mb']:,.0f} MB (peak {rest['peak_rss_mb']:,.0f} MB)."]
    return lines


SECTIONS = (("ask", "Ask, warm", ask_table), ("index", "Index", index_table),
            ("scale", "Scale", scale_table), ("cold_start", "Cold start", cold_table))


def render(results: dict[str, Any]) -> str:
    """The figures of a run as Markdown; a run cut short shows what it measured."""
    m = results["machine"]
    state = "" if results.get("complete", True) else " (**incomplete**: the run stopped early)"
    lines = [
        f"Measured {results['finished']} in {results['minutes']:.0f} min{state} with "
        f"`{results['command']}`, on {m['cpu']} ({m['cores']} cores, {m['memory_gb']} GB, "
        f"load average {m['load_before']} before the run), Python {m['python']}, "
        f"torch {m['torch']}, sentence-transformers {m['sentence_transformers']}, "
        f"onnxruntime {m.get('onnxruntime', '—')}, chromadb {m['chromadb']}; embedding with "
        f"{m.get('embed_backend', 'torch')}.", "",
        "### Targets", "", *targets_table(results["targets"]),
    ]
    for key, title, table in SECTIONS:
        if results.get(key):
            lines += ["", f"### {title}", "", *table(results[key])]
    return "\n".join(lines) + "\n"


def update_markdown(path: Path, results: dict[str, Any]) -> None:
    """Put the figures between the markers of `path` (appended when it has none)."""
    block = f"{START}\n{render(results)}{END}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
