"""JSON exports: one Article per record, each with a stable id and the usual fields."""

from __future__ import annotations

import json

import pytest

from index.ingest.articles import load_corpus
from index.records import Article, Skipped
from tests.conftest import write

pytestmark = pytest.mark.fast

TEXT = "At least {n} people were evacuated from the valley, the fire service said on Monday."


def _load(folder):
    items = list(load_corpus(folder))
    return ({a.doc_id: a for a in items if isinstance(a, Article)},
            {s.path: s.reason for s in items if isinstance(s, Skipped)})


def test_jsonl_records_become_articles_with_ids_from_the_record(tmp_path):
    rows = [
        {"id": "a-1", "title": "Flood: 40 evacuated", "text": TEXT.format(n=40),
         "source": "Valley Courier", "published_at": "2023-05-01T08:00:00Z",
         "url": "https://valley.example/1"},
        {"headline": "Flood, day two", "content": "<p>" + TEXT.format(n=45) + "</p><p>More.</p>",
         "outlet": "River Times", "date": "2023-05-02", "link": "https://river.example/2"},
        {"title": "No body here"},
    ]
    write(tmp_path, "wire.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    articles, skipped = _load(tmp_path)
    first = articles["wire-a-1"]
    assert (first.title, first.source, first.date, first.url) == (
        "Flood: 40 evacuated", "Valley Courier", "2023-05-01", "https://valley.example/1")
    (second,) = [a for d, a in articles.items() if d != "wire-a-1"]
    assert second.doc_id.startswith("wire-") and second.source == "River Times"
    assert second.text == TEXT.format(n=45) + "\n\nMore." and second.date == "2023-05-02"
    assert skipped == {"wire.jsonl#3": "record has no text", "wire.jsonl:4": "line is not "
                       "valid JSON"}
    again, _ = _load(tmp_path)
    assert sorted(again) == sorted(articles), "ids are stable from one load to the next"


def test_a_newsapi_style_json_export_is_read(tmp_path):
    export = {"status": "ok", "articles": [
        {"source": {"id": None, "name": "BBC News"}, "author": "J. Doe",
         "title": "Valley floods", "description": "Short.", "url": "https://bbc.example/f",
         "publishedAt": "2023-05-03T10:00:00Z", "content": TEXT.format(n=50)}]}
    write(tmp_path, "newsapi.json", json.dumps(export))
    articles, skipped = _load(tmp_path)
    (article,) = articles.values()
    assert (article.source, article.title, article.date) == ("BBC News", "Valley floods",
                                                            "2023-05-03")
    assert article.doc_id.startswith("newsapi-") and not skipped


def test_control_bytes_in_record_fields_are_dropped_and_the_rest_kept(tmp_path):
    record = json.dumps({"id": "c", "title": "Flood\x1b]0;pwned\x07 update",
                         "text": TEXT.format(n=40) + "\x00\x0bMore\x1e here.\x85"},
                        ensure_ascii=False)
    for escape, raw in (("\\u0000", "\x00"), ("\\u001b", "\x1b"), ("\\u0007", "\x07"),
                        ("\\u000b", "\x0b"), ("\\u001e", "\x1e")):
        record = record.replace(escape, raw)
    write(tmp_path, "raw.jsonl", json.dumps({"id": "a", "text": TEXT.format(n=1)}) + "\n"
          + record + "\r\n")
    articles, skipped = _load(tmp_path)
    assert not skipped
    assert articles["raw-c"].text == TEXT.format(n=40) + "More here."
    assert articles["raw-c"].title == "Flood]0;pwned update"


def test_an_export_over_max_export_bytes_is_skipped_before_it_is_read(tmp_path):
    from index.ingest.articles import Limits

    write(tmp_path, "big.jsonl", json.dumps({"id": "a", "text": TEXT.format(n=1) * 200}))
    items = list(load_corpus(tmp_path, Limits(max_export_bytes=4096)))
    (skip,) = [i for i in items if isinstance(i, Skipped)]
    assert skip.path == "big.jsonl" and skip.reason.startswith("larger than 0.00391 MB")


def test_a_relative_record_date_is_read_against_the_export_file_day(tmp_path):
    import os
    import time

    path = write(tmp_path, "feed.jsonl", "\n".join(json.dumps(r) for r in (
        {"id": "a", "text": TEXT.format(n=1), "date": "yesterday"},
        {"id": "b", "text": TEXT.format(n=2), "published": "3 days ago"},
        {"id": "c", "text": TEXT.format(n=3), "date": "March 5, 2024"})))
    saved = time.mktime((2024, 3, 10, 15, 0, 0, 0, 0, -1))
    os.utime(path, (saved, saved))
    items = list(load_corpus(tmp_path))
    dates = {a.doc_id: a.date for a in items if isinstance(a, Article)}
    assert dates == {"feed-a": "2024-03-09", "feed-b": "2024-03-07", "feed-c": "March 5, 2024"}
    assert any("feed.jsonl#1" in w and "2024-03-09" in w for w in items if isinstance(w, str))
