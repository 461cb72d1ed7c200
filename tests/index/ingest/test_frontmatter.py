"""Front matter is small and flat: hostile or odd YAML costs nothing and stops nothing."""

from __future__ import annotations

import pytest

from index.ingest import articles
from index.ingest.articles import load_corpus
from index.ingest.frontmatter import MAX_CHARS, split_front_matter
from index.records import Article, Skipped
from tests.conftest import write

pytestmark = pytest.mark.fast

BODY = "Floods hit the valley on Monday.\n\nAt least 40 people were evacuated, officials said.\n"
LAUGHS = "\n".join(
    ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]" for i in range(1, 10)]
    + ["title: *lol9"])


def _load(folder):
    items = list(load_corpus(folder))
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, Skipped)],
            [i for i in items if isinstance(i, str)])


def test_yaml_aliases_are_refused_so_a_billion_laughs_costs_nothing(tmp_path):
    write(tmp_path, "laughs.md", f"---\n{LAUGHS}\n---\n{BODY}")
    (article,), _, warnings = _load(tmp_path)
    assert article.title == "Floods hit the valley on Monday." and len(article.text) < 1000
    assert any("laughs.md" in w and "aliases" in w for w in warnings)


@pytest.mark.parametrize(("line", "problem"), [
    ("date: 2022-02-30", "is not a real date"),
    ("date: 2022-13-45", "is not a real date"),
    ("title: [2022-01-06, 2022-01-07]", "title is a list, not text"),
    ("source: {name: AFP}", "source is a dict, not text"),
    ("date: " + "9" * 5000, "longer than 1000 characters"),
    ("title: " + "[" * 60 + "]" * 60, "nested deeper"),
])
def test_an_odd_value_drops_that_key_with_a_warning_naming_the_file(tmp_path, line, problem):
    write(tmp_path, "odd.md", f"---\n{line}\nurl: https://example.org/a\n---\n{BODY}")
    (article,), skipped, warnings = _load(tmp_path)
    assert not skipped and any(w.startswith("odd.md: ") and problem in w for w in warnings)
    assert "datetime" not in (article.title or "") and "[" not in (article.title or "")
    if "nested" not in problem:  # the rest of the front matter is still read
        assert article.url == "https://example.org/a"


def test_known_keys_are_text_and_the_rest_are_reported(tmp_path):
    fields, body, warnings = split_front_matter(
        "---\ntitle: 12 dead\nstory: kz-unrest\nauthor: Jane Roe\ndate: 2022-01-06\n"
        "tags: [a, b]\nviews: 12\n---\nText.\n")
    assert fields == {"title": "12 dead", "story": "kz-unrest", "author": "Jane Roe",
                      "date": "2022-01-06"}
    assert body == "Text.\n" and warnings == ["front matter keys not used: tags, views"]


def test_an_oversized_front_matter_is_read_as_text(tmp_path):
    text = "---\n" + "".join(f"k{i}: v\n" for i in range(MAX_CHARS // 5)) + "---\n" + BODY
    fields, body, warnings = split_front_matter(text)
    assert fields == {} and body == text and "longer than" in warnings[0]


def test_any_failure_while_loading_one_file_skips_it_and_the_run_goes_on(tmp_path,
                                                                         monkeypatch):
    write(tmp_path, "good.txt", BODY)
    write(tmp_path, "cursed.txt", "This text breaks the furniture rules.\n")
    strip = articles.strip_furniture

    def failing(text):
        if "breaks" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return strip(text)

    monkeypatch.setattr(articles, "strip_furniture", failing)
    (article,), (skipped,), _ = _load(tmp_path)
    assert article.doc_id == "good"
    assert skipped.path == "cursed.txt" and "RecursionError" in skipped.reason


@pytest.mark.parametrize(("date", "read_as"), [
    ("yesterday", "2024-03-09"), ("Today", "2024-03-10"), ("3 days ago", "2024-03-07"),
    ("two weeks ago", "2024-02-25"), ("last Friday", "2024-03-08"), ("Sunday", "2024-03-10"),
    ("last Sunday", "2024-03-03"), ("this morning", "2024-03-10"), ("5 hours ago", "2024-03-10"),
])
def test_a_relative_date_is_read_against_the_day_the_file_was_written(tmp_path, date, read_as):
    import os
    import time

    path = write(tmp_path, "a.md", f"---\ndate: {date}\n---\n{BODY}")
    saved = time.mktime((2024, 3, 10, 15, 0, 0, 0, 0, -1))  # a Sunday afternoon, local time
    os.utime(path, (saved, saved))
    (article,), _, warnings = _load(tmp_path)
    assert article.date == read_as
    assert any("a.md" in w and read_as in w and "last written" in w for w in warnings)


def test_a_relative_date_without_a_file_date_is_dropped_and_a_text_date_kept():
    fields, _, warnings = split_front_matter(f"---\ndate: yesterday\n---\n{BODY}")
    assert "date" not in fields and any("relative" in w for w in warnings)
    fields, _, warnings = split_front_matter(f"---\ndate: 6 January 2022\n---\n{BODY}")
    assert fields["date"] == "6 January 2022" and not warnings
