"""--db problems each get their own cause and fix; `--rebuild` never moves what is not an
index. Real folders, real Chroma, real `discordant` processes where it is about them."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from index.engine import Engine
from index.errors import IndexPermissionError, IndexUnavailableError
from index.settings import Settings
from tests.conftest import HashEmbedder, write
from tests.unprivileged import as_nobody, open_folder, unprivileged

DISCORDANT = Path(sys.executable).with_name("discordant")
REPORT = "Officials said {n} people were evacuated from {town} after the river burst.\n"


def engine(db: Path, corpus: Path, embedder=None) -> Engine:
    return Engine(Settings(chroma_path=db, corpus_dir=corpus), embedder=embedder or HashEmbedder())


def discordant(*args: str, prefix: tuple[str, ...] = (), **kwargs
               ) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, str(DISCORDANT), *args], capture_output=True, text=True,
                          timeout=300, **kwargs)


@pytest.fixture
def corpus(tmp_path) -> Path:
    write(tmp_path / "corpus", "a.txt", REPORT.format(n=40, town="Ely"))
    return tmp_path / "corpus"


def test_a_db_that_is_a_file_is_named_and_rebuild_leaves_it_alone(tmp_path, corpus):
    notes = write(tmp_path, "notes.txt", "my own notes, not an index\n")
    for rebuild in (False, True):
        with pytest.raises(IndexUnavailableError, match=r"is a file, not an index folder"):
            engine(notes, corpus).index(rebuild=rebuild)
    with pytest.raises(IndexUnavailableError, match=r"is a file, not an index folder"):
        engine(notes, corpus).sources()
    assert notes.read_text() == "my own notes, not an index\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "notes.txt"]


def test_a_folder_that_is_not_an_index_is_never_filled_or_moved(tmp_path, corpus):
    home = tmp_path / "home"
    write(home, "thesis.md", "Years of work.\n")
    for rebuild in (False, True):
        with pytest.raises(IndexUnavailableError, match=r"holds no index .chroma.sqlite3"):
            engine(home, corpus).index(rebuild=rebuild)
    assert sorted(p.name for p in home.iterdir()) == ["thesis.md"]
    assert not any(p.name.startswith("home.broken") for p in tmp_path.iterdir())


def test_a_read_only_index_is_told_as_such_and_rebuild_does_not_move_it(tmp_path, corpus):
    db = tmp_path / "db"
    engine(db, corpus).index()
    for path in [db, *db.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        for args in (["sources"], ["index", "--rebuild", "--corpus", str(corpus)]):
            out = discordant(*args, "--db", str(db), prefix=tuple(unprivileged()))
            assert out.returncode == 2 and out.stderr.count("\n") == 1, out.stderr
            assert out.stderr.startswith("error: No permission to ") and str(db) in out.stderr
            assert "writable" in out.stderr and "--rebuild" not in out.stderr
    finally:
        for path in [db, *db.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert not [p for p in tmp_path.iterdir() if ".broken" in p.name]
    assert [s.doc_id for s in engine(db, corpus).sources()] == ["a"]


def test_permission_errors_are_raised_in_process_too():
    with open_folder() as base:
        db, corpus = base / "db", base / "corpus"
        write(corpus, "a.txt", REPORT.format(n=40, town="Ely"))
        engine(db, corpus).index()
        db.chmod(0o555)
        with as_nobody(), pytest.raises(IndexPermissionError, match="No permission to write"):
            engine(db, corpus).index(rebuild=True)
        assert (db / "chroma.sqlite3").is_file()


def _limit_file_size(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_full_disk_is_named_as_such_and_the_last_index_still_answers(tmp_path, corpus,
                                                                        real_embedder):
    db = tmp_path / "db"
    engine(db, corpus, real_embedder).index()
    for i in range(150):
        write(corpus, f"more-{i}.txt", REPORT.format(n=i, town=f"Town{i}") * 8)
    size = sum(p.stat().st_size for p in db.rglob("*") if p.is_file())
    # A file-size limit stands in for a full disk: writes past it fail as they would there.
    full = discordant("index", "--corpus", str(corpus), "--db", str(db),
                      preexec_fn=_limit_file_size(size + 64 * 1024))
    assert full.returncode == 2 and full.stderr.count("\n") == 1, full.stderr
    assert "the disk is full or a file-size limit" in full.stderr and str(db) in full.stderr
    assert "Traceback" not in full.stderr and "--rebuild" not in full.stderr
    asked = discordant("ask", "--db", str(db), "how many people were evacuated from Ely")
    assert asked.returncode == 0 and "Ely" in asked.stdout
