"""Loading articles: front matter, fallbacks, encodings, skips, page furniture."""

from __future__ import annotations

import pytest

from index.ingest.articles import load_corpus
from index.records import Article, Skipped
from tests.conftest import write

pytestmark = pytest.mark.fast

BODY = "Floods hit the valley on Monday.\n\nAt least 40 people were evacuated, officials said.\n"


def _load(folder):
    items = list(load_corpus(folder))
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, Skipped)],
            [i for i in items if isinstance(i, str)])


def test_front_matter_gives_title_source_date_and_url(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: Valley floods\nsource: River Times\ndate: 2024-03-01\n"
          "url: https://example.org/a\n---\n" + BODY)
    (article,), _, _ = _load(tmp_path)
    assert (article.title, article.source, article.date) == ("Valley floods", "River Times",
                                                             "2024-03-01")
    assert article.url == "https://example.org/a"
    assert article.text.startswith("Floods hit the valley")


def test_without_front_matter_title_is_first_line_and_source_is_file_stem(tmp_path):
    write(tmp_path, "river-times.txt", "\n\n" + BODY)
    (article,), _, _ = _load(tmp_path)
    assert article.title == "Floods hit the valley on Monday."
    assert article.source == "river-times"
    assert article.doc_id == "river-times"


def test_cp1252_file_is_read_with_a_warning(tmp_path):
    write(tmp_path, "old.txt", "Café owners said “twelve” shops closed.".encode("cp1252"))
    (article,), _, warnings = _load(tmp_path)
    assert "Café owners said “twelve” shops closed." in article.text
    assert any("not UTF-8" in w for w in warnings)


def test_empty_and_binary_files_are_skipped_with_a_reason(tmp_path):
    write(tmp_path, "empty.txt", "  \n\n")
    write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(tmp_path, "good.txt", BODY)
    articles, skipped, _ = _load(tmp_path)
    assert [a.doc_id for a in articles] == ["good"]
    reasons = {s.path: s.reason for s in skipped}
    assert reasons == {"empty.txt": "empty file", "image.txt": "binary file, not text"}


def test_other_file_types_are_ignored_and_subfolders_are_read(tmp_path):
    write(tmp_path, "notes.pdf", b"%PDF-1.4")
    write(tmp_path, "2024/march/report.md", BODY)
    articles, skipped, _ = _load(tmp_path)
    assert [a.doc_id for a in articles] == ["report"] and not skipped


def test_same_stem_in_two_folders_gets_distinct_doc_ids(tmp_path):
    write(tmp_path, "a/report.txt", BODY)
    write(tmp_path, "b/report.txt", BODY + "More.")
    articles, _, _ = _load(tmp_path)
    assert sorted(a.doc_id for a in articles) == ["a/report", "b/report"]


def test_invalid_front_matter_keeps_the_text_and_warns(tmp_path):
    write(tmp_path, "bad.md", "---\ntitle: [unclosed\n---\n" + BODY)
    (article,), _, warnings = _load(tmp_path)
    assert "Floods hit the valley" in article.text
    assert any("front matter" in w for w in warnings)


def test_a_txt_and_an_md_with_one_stem_both_get_their_own_id(tmp_path):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "a.md", BODY.replace("40", "41"))
    write(tmp_path, "b.txt", BODY)
    articles, _, _ = _load(tmp_path)
    assert sorted(a.doc_id for a in articles) == ["a.md", "a.txt", "b"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_files_with_a_byte_order_mark_are_read(tmp_path, encoding):
    text = "---\ntitle: Crue à Lyon\n---\n" + BODY
    raw = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        raw = ("\ufeff" + text).encode(encoding)
    write(tmp_path, "windows.txt", raw)
    (article,), skipped, warnings = _load(tmp_path)
    assert article.title == "Crue à Lyon" and "evacuated" in article.text
    assert not skipped and not warnings


def test_a_nul_byte_anywhere_skips_the_file_as_binary(tmp_path):
    write(tmp_path, "late-nul.txt", (BODY * 200).encode() + b"\x00tail")
    _, skipped, _ = _load(tmp_path)
    assert [(s.path, s.reason) for s in skipped] == [("late-nul.txt", "binary file, not text")]


def test_cr_only_line_endings_still_show_the_front_matter(tmp_path):
    write(tmp_path, "mac.md", "---\rtitle: Valley floods\rsource: River Times\r---\r"
          + BODY.replace("\n", "\r"))
    (article,), _, warnings = _load(tmp_path)
    assert (article.title, article.source) == ("Valley floods", "River Times")
    assert article.text.startswith("Floods hit the valley on Monday.\n") and not warnings


def test_ligatures_and_full_width_forms_are_folded_but_fractions_and_units_kept(tmp_path):
    write(tmp_path, "pdf.txt", "The ﬁre service said ﬁve ﬂats burned; ４０ people were "
          "evacuated from Cafe\u0301 Row.\n\nAbout 2½ km² of scrub burned, officials said.\n")
    (article,), _, _ = _load(tmp_path)
    assert "The fire service said five flats burned; 40 people" in article.text
    assert "Café Row" in article.text and "2½ km²" in article.text
    assert article.title == "The fire service said five flats burned; 40 people were " \
        "evacuated from Café Row."


def test_control_bytes_in_a_text_file_with_no_nul_are_dropped(tmp_path):
    write(tmp_path, "esc.txt", "Officials said \x1b[31m40\x1b[0m people were evacuated.\n"
          + "Rescue crews worked through the night in the valley. " * 20)
    (article,), _, _ = _load(tmp_path)
    assert article.text.startswith("Officials said [31m40[0m people were evacuated.")
