"""Walking the corpus folder: links never lead out of it, and nothing vanishes unnamed."""

from __future__ import annotations

import os

import pytest

from index.errors import CorpusError
from index.ingest.articles import load_corpus
from index.ingest.files import empty_cause, walk_corpus
from index.records import Article, Skipped
from tests.conftest import write
from tests.unprivileged import as_nobody, open_folder

pytestmark = pytest.mark.fast

BODY = "Floods hit the valley on Monday.\n\nAt least 40 people were evacuated, officials said.\n"


def test_a_link_out_of_the_corpus_is_not_followed_and_is_named(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "good.txt", BODY)
    secret = write(tmp_path, "outside/secret.txt", "The password is 12345678, said nobody.\n")
    (corpus / "x.txt").symlink_to(secret)
    (corpus / "etc").symlink_to(tmp_path / "outside")
    (corpus / "hostname.txt").symlink_to("/etc/hostname")
    items = list(load_corpus(corpus))
    texts = " ".join(i.text for i in items if isinstance(i, Article))
    assert "password" not in texts
    reasons = {s.path: s.reason for s in items if isinstance(s, Skipped)}
    assert reasons == {name: "link to outside the corpus folder: not followed"
                       for name in ("etc", "hostname.txt", "x.txt")}


def test_links_inside_the_corpus_are_followed_and_loops_broken_links_named(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "2024/report.txt", BODY)
    (corpus / "latest.txt").symlink_to(corpus / "2024" / "report.txt")
    (corpus / "2024" / "again").symlink_to(corpus)  # a loop back to the top
    (corpus / "gone.txt").symlink_to(corpus / "deleted.txt")
    (corpus / "self.txt").symlink_to(corpus / "self.txt")
    walk = walk_corpus(corpus)
    assert [p.relative_to(corpus).as_posix() for p in walk.files] == ["2024/report.txt",
                                                                      "latest.txt"]
    assert {s.path: s.reason for s in walk.skipped} == {
        "2024/again": "link loop: not followed",
        "gone.txt": "broken link: its target does not exist",
        "self.txt": "link loop: not followed",
    }


def test_hidden_files_and_folders_are_not_articles(tmp_path):
    write(tmp_path, ".git/notes.txt", BODY)
    write(tmp_path, ".draft.md", BODY)
    write(tmp_path, "real.md", BODY)
    walk = walk_corpus(tmp_path)
    assert [p.name for p in walk.files] == ["real.md"] and not walk.skipped


def test_an_unreadable_subfolder_is_in_the_skip_list():
    with open_folder() as corpus:
        write(corpus, "good.txt", BODY)
        write(corpus, "private/hidden-report.txt", BODY)
        (corpus / "private").chmod(0o000)
        with as_nobody():
            walk = walk_corpus(corpus)
        assert [p.name for p in walk.files] == ["good.txt"]
        assert [(s.path, s.reason) for s in walk.skipped] == [
            ("private/", "folder cannot be read (permission denied)")]


def test_an_unreadable_corpus_folder_says_permission_denied_not_no_articles():
    with open_folder() as base:
        corpus = base / "corpus"
        write(corpus, "good.txt", BODY)
        corpus.chmod(0o000)
        with as_nobody(), pytest.raises(CorpusError, match=r"cannot be read \(permission denied"):
            list(load_corpus(corpus))


@pytest.mark.parametrize(("files", "cause"), [
    ({}, "is empty"),
    ({"notes.pdf": b"%PDF"}, "holds no article files"),
    ({"blank.txt": ""}, "all 1 of its files were skipped"),
])
def test_an_empty_corpus_is_told_apart_by_its_cause(tmp_path, files, cause):
    for name, text in files.items():
        write(tmp_path, name, text)
    skipped = [i for i in load_corpus(tmp_path) if isinstance(i, Skipped)]
    assert cause in empty_cause(tmp_path, skipped)
    assert "does not exist" in empty_cause(tmp_path / "missing", [])


def test_the_corpus_folder_may_itself_be_a_link(tmp_path):
    write(tmp_path, "real/a.txt", BODY)
    os.symlink(tmp_path / "real", tmp_path / "corpus")
    assert [p.name for p in walk_corpus(tmp_path / "corpus").files] == ["a.txt"]
