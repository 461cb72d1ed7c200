"""How much an embedding setting changes what `ask` returns: top-5 passage overlap.

`python -m bench.rankings [QUESTION_FILE ...]` (default: every question file in
../shared/eval) indexes each set's corpus and asks its questions once per embedding
variant — sentence-transformers (`EMBEDDING_BACKEND=torch`, the reference), the ONNX
export, and the ONNX export with int8 weights (`EMBEDDING_QUANTIZED=1`) — through the real
`discordant` CLI, then prints, per file and variant, the share of the reference's top-5
passages each variant returns, and how often the whole list, or its first passage, is the
same.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .cold import ROOT, child_env, discordant_command

VARIANTS = {"torch": {"EMBEDDING_BACKEND": "torch"}, "onnx": {"EMBEDDING_BACKEND": "onnx"},
            "int8": {"EMBEDDING_BACKEND": "onnx", "EMBEDDING_QUANTIZED": "1"}}
TOP = 5


def corpus_of(question_file: Path, spec: Any, into: Path) -> Path:
    """The set's corpus as one folder (a list of folders is copied into `into`)."""
    names = spec if isinstance(spec, list) else [spec]
    folders = [(question_file.parent / name).resolve() for name in names]
    if len(folders) == 1:
        return folders[0]
    into.mkdir()
    for folder in folders:
        for path in folder.iterdir():
            if path.is_file():
                shutil.copyfile(path, into / path.name)
    return into


def top_passages(corpus: Path, questions: list[str], env: dict[str, str],
                 work: Path) -> list[list[str]]:
    """The top passages (Article and opening words) `discordant ask --json` returns for
    each question."""
    db = work / "db"
    shutil.rmtree(db, ignore_errors=True)
    command = discordant_command()
    subprocess.run([*command, "index", "--corpus", str(corpus), "--db", str(db)], env=env,
                   cwd=work, check=True, capture_output=True)
    asked = subprocess.run([*command, "ask", "--json", "--top", str(TOP), "--db", str(db),
                            *questions], env=env, cwd=work, capture_output=True, text=True)
    answers = [json.loads(line) for line in asked.stdout.splitlines() if line.strip()]
    return [[f"{p['doc']}: {p['text'][:60]}" for p in answer["passages"]] for answer in answers]


def compare(reference: list[list[str]], other: list[list[str]]) -> dict[str, Any]:
    # Two empty lists (nothing relevant, both times) agree fully.
    overlaps = [len(set(a) & set(b)) / max(len(a), len(b)) if a or b else 1.0
                for a, b in zip(reference, other, strict=True)]
    return {"questions": len(overlaps), "mean_top5_overlap": round(statistics.mean(overlaps), 3),
            "min_top5_overlap": round(min(overlaps), 2),
            "same_top5_list": sum(a == b for a, b in zip(reference, other, strict=True)),
            "same_first": sum(a[:1] == b[:1] for a, b in zip(reference, other, strict=True))}


def measure(question_file: Path) -> dict[str, Any]:
    spec = yaml.safe_load(question_file.read_text(encoding="utf-8"))
    found: dict[str, list[list[str]]] = {name: [] for name in VARIANTS}
    with tempfile.TemporaryDirectory() as tmp:
        for number, one in enumerate(spec["sets"]):
            corpus = corpus_of(question_file, one["corpus"], Path(tmp) / f"corpus-{number}")
            questions = [q["ask"] for q in one["questions"]]
            for name, extra in VARIANTS.items():
                found[name] += top_passages(corpus, questions, child_env(**extra), Path(tmp))
    return {name: compare(found["torch"], found[name]) for name in VARIANTS if name != "torch"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rankings")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = args.files or sorted((ROOT.parent / "shared" / "eval").glob("*.yaml"))
    results = {str(f): measure(f) for f in files}
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
