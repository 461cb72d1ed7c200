"""Saved web pages: the article and its metadata, none of the page around it."""

from __future__ import annotations

import pytest

from index.ingest.articles import load_corpus
from index.ingest.html import extract_page
from index.records import Article, Skipped
from tests.conftest import write
from tests.pages import FURNITURE, OFFICERS

pytestmark = pytest.mark.fast


def test_a_page_gives_its_text_title_outlet_date_url_and_author_without_furniture():
    page = extract_page(OFFICERS)
    assert page.title == "Kazakhstan unrest: 26 police officers killed, ministry says"
    assert (page.source, page.date, page.author) == ("Steppe Herald", "2022-01-07",
                                                     "Aigerim Bek")
    assert page.url == "https://steppe-herald.example/kz-officers"
    assert "Twenty-six police officers were killed" in page.text
    assert not [phrase for phrase in FURNITURE if phrase in page.text]


def test_html_files_in_the_corpus_are_articles_and_empty_pages_are_skipped(tmp_path):
    write(tmp_path, "saved/officers.html", OFFICERS)
    write(tmp_path, "menu.htm", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    items = list(load_corpus(tmp_path))
    (article,) = [i for i in items if isinstance(i, Article)]
    assert (article.doc_id, article.source, article.date) == ("officers", "Steppe Herald",
                                                              "2022-01-07")
    assert [(s.path, s.reason) for s in items if isinstance(s, Skipped)] == [
        ("menu.htm", "no article text found in the page")]
