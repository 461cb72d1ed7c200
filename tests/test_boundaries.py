"""The import boundaries between the engine's stages, the bot and the benchmark.

`index/` is a pipeline of stages, lowest first (what each imports, it imports from below):

    ingest -> claims -> stories -> store -> indexing -> answers -> render
    -> adding -> engine -> cli -> __main__ -> the package's published surface

An article is read (ingest), its figures become Claims (claims), reports are grouped into
Stories (stories), all of it is written to the index (store; the write pipeline, once moved
out of store/, in indexing/), a question reads it back (answers) and the answer is written
for people (render). The top-level modules compose the stages: `adding` and `engine` drive
them, `cli` drives the engine. `records`, `errors` and `settings` are the shared vocabulary:
anything may import them, and they import only each other.

Checked here, by reading every module's imports (function-level and TYPE_CHECKING ones too):
no stage imports a higher one; `index/` imports neither `bot` nor `bench`; `bot/` imports
only the names `index/__init__.py` publishes, and never `bench` when it is imported itself.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import index

pytestmark = pytest.mark.fast

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("ingest", "claims", "stories", "store", "indexing", "answers", "render",
          "adding", "engine", "cli", "__main__")
SHARED = frozenset({"records", "errors", "settings"})  # imported from anywhere
PUBLISHED_RANK = len(STAGES)  # `from index import ...`: above every stage


@dataclass(frozen=True)
class Import:
    """One import statement: the importing file, its line, the absolute module imported
    and the names taken from it (empty for `import x`); `top` for a module-level one."""

    path: str
    line: int
    module: str
    names: tuple[str, ...]
    top: bool

    def __str__(self) -> str:
        names = f" ({', '.join(self.names)})" if self.names else ""
        return f"{self.path}:{self.line} imports {self.module}{names}"


def module_name(path: Path) -> str:
    """The dotted module name of a file under ROOT (a package's `__init__` is the package)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(path: Path) -> str:
    name = module_name(path)
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def absolute(node: ast.ImportFrom, path: Path) -> str:
    """The module a `from ... import` names, relative dots resolved."""
    if not node.level:
        return node.module or ""
    base = package_of(path).split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(path: Path, source: str | None = None) -> list[Import]:
    """Every import in a file, at any depth; `from pkg import mod` counts as importing
    pkg.mod when pkg/mod.py exists."""
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    top = set(map(id, tree.body))
    rel = path.relative_to(ROOT).as_posix()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(rel, node.lineno, a.name, (), id(node) in top) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = absolute(node, path)
            names = tuple(a.name for a in node.names)
            folder = ROOT.joinpath(*module.split("."))
            subs = [n for n in names if (folder / f"{n}.py").exists()
                    or (folder / n / "__init__.py").exists()]
            found += [Import(rel, node.lineno, f"{module}.{n}", (), id(node) in top)
                      for n in subs]
            if len(subs) < len(names):
                rest = tuple(n for n in names if n not in subs)
                found.append(Import(rel, node.lineno, module, rest, id(node) in top))
    return found


def rank(module: str) -> int | None:
    """A module of `index`'s place in the stage order; None for a shared one (and for a
    module outside `index`)."""
    parts = module.split(".")
    if parts[0] != "index":
        return None
    if len(parts) == 1:
        return PUBLISHED_RANK
    if parts[1] in SHARED:
        return None
    return STAGES.index(parts[1])


def upward(imp: Import, importer: str) -> bool:
    """Whether an import of `index` reaches a higher stage than the importing module's
    (anything may import a shared module; a shared one imports only shared ones)."""
    if imp.module.split(".")[0] != "index" or rank(imp.module) is None:
        return False
    own = rank(importer)
    return own is None or rank(imp.module) > own


def stage_violations(path: Path, source: str | None = None) -> list[str]:
    """Imports of a module in `index/` that go up the stage order or into bot/bench."""
    importer = module_name(path)
    if importer == "index":  # the published surface imports what it publishes
        return []
    found = []
    for imp in imports_of(path, source):
        root = imp.module.split(".")[0]
        if root in ("bot", "bench"):
            found.append(f"{imp}: the engine never imports the {root}")
        elif upward(imp, importer):
            found.append(f"{imp}: a higher stage than {importer}")
    return found


def bot_violations(path: Path, source: str | None = None) -> list[str]:
    """Imports of a bot module into `index` beyond its published names, and a module-level
    import of the benchmark."""
    found = []
    for imp in imports_of(path, source):
        root = imp.module.split(".")[0]
        if root == "bench" and imp.top:
            found.append(f"{imp}: the benchmark is loaded only when asked for")
        if root != "index":
            continue
        unpublished = [n for n in imp.names if n not in index.__all__]
        if imp.module != "index" or unpublished:
            found.append(f"{imp}: not published by index/__init__.py "
                         f"({', '.join(unpublished) or imp.module})")
    return found


def files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_every_index_module_belongs_to_a_stage_or_is_shared():
    for path in files("index"):
        name = module_name(path)
        if name != "index":
            assert rank(name) is not None or name.split(".")[1] in SHARED, path


def test_no_index_module_imports_a_higher_stage_or_the_bot_or_the_benchmark():
    found = [v for path in files("index") for v in stage_violations(path)]
    assert found == []


def test_the_bot_imports_only_what_index_publishes_and_not_the_benchmark():
    found = [v for path in files("bot") for v in bot_violations(path)]
    assert found == []


def test_every_published_name_resolves_and_matches_its_type_checking_import():
    published = {n for names in index.PUBLISHED.values() for n in names}
    assert sorted(published) == sorted(index.__all__)
    tree = ast.parse((ROOT / "index" / "__init__.py").read_text(encoding="utf-8"))
    typed = {(f"index.{n.module}", a.name) for n in ast.walk(tree)
             if isinstance(n, ast.ImportFrom) and n.level == 1 for a in n.names}
    assert typed == {(f"index.{m}", n) for m, names in index.PUBLISHED.items() for n in names}


def test_importing_index_imports_no_module_of_it(tmp_path):
    import subprocess
    import sys

    code = ("import sys, index; print(sorted(m for m in sys.modules "
            "if m.startswith(('index.', 'chromadb', 'spacy', 'discord'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"


# -- the checks themselves fail on what they must catch --------------------------------
def fake(path: str) -> Path:
    return ROOT / path


@pytest.mark.parametrize(("path", "source"), [
    ("index/answers/check.py", "from ..engine import Engine\n"),  # a stage into the engine
    ("index/answers/check.py", "def f():\n    from ..engine import MAX\n"),  # lazily too
    ("index/adding.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                        "    from .engine import Engine\n"),  # the old circle
    ("index/ingest/files.py", "from ..claims.numbers import find_quantities\n"),
    ("index/store/chroma.py", "from index.answers.search import retrieve\n"),
    ("index/claims/units.py", "from .. import engine\n"),
    ("index/records.py", "from .ingest.files import walk_corpus\n"),  # shared stays below
    ("index/answers/check.py", "from index import Engine\n"),  # the published surface
    ("index/engine.py", "import bot.app\n"),
    ("index/render/text.py", "from bench.run import run_bench\n"),
])
def test_the_stage_check_catches(path, source):
    assert stage_violations(fake(path), source)


@pytest.mark.parametrize(("path", "source"), [
    ("index/answers/check.py", "from ..records import Claim\nfrom .search import retrieve\n"),
    ("index/stories/entities.py", "from ..claims.extract import SPACY_MODEL\n"),
    ("index/engine.py", "from .adding import add_url\nfrom .settings import Settings\n"),
    ("index/settings.py", "from .errors import SettingsError\n"),
])
def test_the_stage_check_lets_through(path, source):
    assert stage_violations(fake(path), source) == []


@pytest.mark.parametrize("source", [
    "from index.engine import Engine\n",
    "from index.answers.check import CheckResult\n",
    "from index import Engine, compose_answer\n",
    "import index.render.text\n",
    "from bench.cli import add_bench_command\n",
])
def test_the_bot_check_catches(source):
    assert bot_violations(fake("bot/cogs/ask.py"), source)


def test_the_bot_check_lets_through_published_names_and_a_lazy_benchmark():
    source = ("from index import Engine, QuestionError\n"
              "def bench():\n    from bench.cli import add_bench_command\n")
    assert bot_violations(fake("bot/cli.py"), source) == []
