"""Walking a corpus folder: which files are articles, and which are skipped and why.

The walk never leaves the corpus folder: a symbolic link is followed only when its target
lies inside the folder (a link to `/etc/hostname` would otherwise be indexed and quoted in
Discord). Hidden files and folders (`.git`, `.DS_Store`) are not articles. Folders that
cannot be read, broken links and link loops are reported as Skipped, so a file that is
missing from the index is always named somewhere. A name that is not UTF-8 is read as
cp1252 (`safe_name`), so that it can be stored, printed and hashed.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CorpusError
from ..records import Skipped

# Plain text, saved web pages, JSON exports: what `articles.load_file` reads.
SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl", ".json"}
# Reasons a folder or file is unreadable for now (permissions, a mount that hiccups) rather
# than gone: the Articles the last index holds from it are kept (articles.py, indexing/guards.py).
UNREADABLE = "cannot be read"


def safe_name(name: str) -> str:
    """A file name as text that can be stored, printed and hashed.

    A name that is not valid UTF-8 (a Latin-1 `café.txt` from an old archive) reaches Python
    with each undecodable byte as a lone surrogate, which no encoder accepts. Each such byte
    is read as cp1252 (`caf\udce9` -> `café`); the five bytes cp1252 leaves undefined are
    written `%81`, never as an invisible control character.
    """
    if not any("\udc80" <= ch <= "\udcff" for ch in name):
        return name
    return "".join(_byte_char(ord(ch) - 0xDC00) if "\udc80" <= ch <= "\udcff" else ch
                   for ch in name)


def _byte_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return f"%{byte:02X}"


@dataclass
class Walk:
    """The article files of a corpus folder (sorted) and what was skipped on the way."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    seen_any: bool = False  # any entry at all, article or not: tells "empty" from "no articles"


def corpus_problem(folder: Path) -> str | None:
    """Why a corpus folder cannot be read (missing, not a folder, permission denied), or None."""
    try:
        with os.scandir(folder):
            return None
    except FileNotFoundError:
        return "does not exist"
    except NotADirectoryError:
        return "is a file, not a folder"
    except PermissionError:
        return "cannot be read (permission denied)"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"


def check_corpus(folder: Path) -> None:
    """Raise CorpusError naming the fix when the corpus folder cannot be read at all."""
    problem = corpus_problem(folder)
    if problem:
        raise CorpusError(f"The corpus folder {folder} {problem}: set CORPUS_DIR or pass "
                          "--corpus DIR with a readable folder of .txt/.md articles.")


def walk_corpus(folder: Path, suffixes: set[str] | None = None) -> Walk:
    """Every article file under `folder`, never following a link out of it."""
    check_corpus(folder)
    suffixes = suffixes or SUFFIXES
    root = folder.resolve()
    walk = Walk()
    _walk(folder, root, {root}, suffixes, walk, folder)
    walk.files.sort()
    walk.skipped.sort(key=lambda s: s.path)
    return walk


def _relative(path: Path, folder: Path) -> str:
    return safe_name(path.relative_to(folder).as_posix())


def _walk(current: Path, root: Path, visiting: set[Path], suffixes: set[str], walk: Walk,
          folder: Path) -> None:
    try:
        with os.scandir(current) as entries:
            listed = sorted(entries, key=lambda e: e.name)
    except OSError as exc:
        reason = (f"folder {UNREADABLE} (permission denied)" if isinstance(exc, PermissionError)
                  else f"folder {UNREADABLE} ({exc.strerror or exc})")
        walk.skipped.append(Skipped(path=_relative(current, folder) + "/", reason=reason))
        return
    for entry in listed:
        walk.seen_any = True
        if entry.name.startswith("."):
            continue  # hidden: version control, editor and OS files
        path = Path(entry.path)
        if entry.is_symlink():
            _link(path, root, visiting, suffixes, walk, folder)
        elif entry.is_dir(follow_symlinks=False):
            _walk(path, root, visiting | {path.resolve()}, suffixes, walk, folder)
        elif entry.is_file(follow_symlinks=False) and path.suffix.lower() in suffixes:
            walk.files.append(path)


def _link(path: Path, root: Path, visiting: set[Path], suffixes: set[str], walk: Walk,
          folder: Path) -> None:
    """Follow a symbolic link only when it stays inside the corpus folder."""
    name = _relative(path, folder)
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop this way
        walk.skipped.append(Skipped(path=name, reason="link loop: not followed"))
        return
    except OSError as exc:
        loop = exc.errno == errno.ELOOP
        walk.skipped.append(Skipped(path=name, reason="link loop: not followed" if loop
                                    else "broken link: its target does not exist"))
        return
    if target != root and root not in target.parents:
        walk.skipped.append(Skipped(path=name, reason="link to outside the corpus folder: "
                                    "not followed"))
    elif target.is_dir():
        if target in visiting:
            walk.skipped.append(Skipped(path=name, reason="link loop: not followed"))
        else:
            _walk(path, root, visiting | {target}, suffixes, walk, folder)
    elif target.is_file() and path.suffix.lower() in suffixes:
        walk.files.append(path)


def empty_cause(folder: Path, skipped: list[Skipped]) -> str:
    """Why a corpus folder gave no Article, in words: what an admin checks first."""
    problem = corpus_problem(folder)
    if problem:
        return problem
    walk = walk_corpus(folder)
    if skipped:
        return f"gave no article: all {len(skipped)} of its files were skipped (see the list)"
    if not walk.seen_any:
        return "is empty (an unmounted volume, or a Docker -v to a missing host folder?)"
    return "holds no article files (.txt, .md, .html, .jsonl, .json)"
