"""Rendering answers, lists and reports as embeds that Discord accepts."""

from __future__ import annotations

import dataclasses

import discord
import pytest
from bot_factories import claim, officers_answer, officers_slot, passage, report
from fake_discord.validate import check_embed, embed_size
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import quotes, render, render_corpus
from bot.limits import ELLIPSIS, clip, defuse, fit_embed
from index.records import Answer, Figure, Relationship, Skipped, Slot, SourceSummary

pytestmark = pytest.mark.fast


def assert_valid(embed: discord.Embed) -> None:
    """What the fake Discord (and Discord) would accept: every part and the total."""
    data = embed.to_dict()
    assert check_embed(data, "embed") == []
    assert embed_size(data) <= 6000


def all_text(embed: discord.Embed) -> str:
    parts = [embed.title or "", embed.description or "", embed.footer.text or ""]
    parts += [f"{f.name}\n{f.value}" for f in embed.fields]
    return "\n".join(parts)


def test_disagreement_shows_every_figure_with_its_outlets_and_authorities():
    text = render.answer_page(officers_answer()).description or ""
    assert "Sources disagree" in text
    for shown in ("**12**", "**at least 8**", "**at least 13**", "24 News HD (AFP), AP",
                  "TheJournal.ie (AFP)", "France 24", "citing interior ministry"):
        assert shown in text
    assert "12 ↔ at least 13: conflict" in text


def test_summary_comes_first_then_the_passages_as_quoted_fields():
    embed = render.answer_page(officers_answer())
    assert (embed.description or "").startswith("**⚠️ Sources disagree: officers killed**")
    assert [f.name for f in embed.fields] == ["1. AFP · 2022-01-06", "2. AFP · 2022-01-06",
                                              "3. AFP · 2022-01-06"]
    assert all((f.value or "").startswith("> ") for f in embed.fields)


def test_agreement_is_shown_as_agreement_not_as_a_dispute():
    answer = Answer(question="population", passages=(passage(),),
                    agreements=officers_answer().agreements, article_count=5)
    embed = render.answer_page(answer)
    assert "✅ Sources agree: population" in (embed.description or "")
    assert "disagree" not in (embed.description or "")
    assert "**19 million**" in (embed.description or "")


def test_the_figure_is_bold_in_the_quoted_passage():
    quoted = quotes.quote_passage(passage(claims=(claim("Twelve"), claim("353", 353))))
    assert quoted.startswith("> **Twelve** security officers")
    assert "**353** wounded" in quoted


def test_the_sentence_found_for_the_question_is_underlined_around_its_bold_figure():
    found = "Twelve officers died."
    text = f"The city was calm on Monday. {found} Shops opened again."
    shown = dataclasses.replace(passage(text=text, claims=(claim("Twelve", quote=found),)),
                                chunk=found)
    assert quotes.quote_passage(shown) == \
        "> The city was calm on Monday. __**Twelve** officers died.__ Shops opened again."
    # A passage that is its found sentence and nothing more has nothing to set apart.
    alone = dataclasses.replace(passage(text=found), chunk=found)
    assert "__" not in quotes.quote_passage(alone)


def test_passages_are_paged_three_at_a_time():
    answer = officers_answer(passages=7)
    pages = render.answer_pages(answer)
    assert [len(p.fields) for p in pages] == [3, 3, 1]
    assert pages[2].fields[0].name.startswith("7. ")
    assert pages[1].footer.text.startswith("Passages 4-6 of 7 · page 2/3")


def test_no_passage_gives_a_plain_none_of_n_articles():
    answer = Answer(question="banana bread", passages=(), article_count=5)
    assert render.nothing_found(answer) == "None of the 5 articles reports this."
    noticed = Answer(question="q", passages=(), article_count=1, notice="Nothing @everyone.")
    assert render.nothing_found(noticed) == "Nothing @\u200deveryone."


def test_no_answer_lists_the_nearest_passages_as_not_answering_it():
    near = passage(text="The council met on **Tuesday** to discuss @everyone's budget.",
                   source="Daily News")
    answer = Answer(question="who won the cup", passages=(), article_count=5, nearest=(near,))
    shown = render.nothing_found(answer)
    assert shown.startswith("None of the 5 articles reports this.")
    assert "they do not answer it" in shown and "1. Daily News" in shown
    assert "\\*\\*Tuesday\\*\\*" in shown and "@everyone" not in shown  # inert article text
    assert len(shown) <= 2000


def test_mentions_in_question_and_articles_never_render_as_mentions():
    text = "@everyone Twelve officers died, says <@123> and @here"
    answer = Answer(question="@everyone how many died?", article_count=1,
                    passages=(passage(text=text, source="@here news"),))
    embed = render.answer_page(answer)
    shown = all_text(embed)
    assert "@everyone" not in shown and "@here" not in shown and "<@123>" not in shown
    assert "@\u200deveryone" in shown


def test_markdown_in_articles_is_shown_literally():
    embed = render.answer_page(Answer(question="q", article_count=1, passages=(
        passage(text="a **bold** claim and __under__ and `code` ||spoiler||"),)))
    value = embed.fields[0].value or ""
    assert "\\*\\*bold\\*\\*" in value and "\\|\\|spoiler\\|\\|" in value


def test_a_long_passage_is_cut_around_its_figure_with_bold_pairs_intact():
    text = "word " * 400 + "Twelve security officers were killed. " + "more " * 400
    quoted = quotes.quote_passage(passage(text=text, claims=(claim("Twelve"),)), 300)
    assert len(quoted) <= 300
    assert "**Twelve**" in quoted and quoted.count("**") == 2
    assert quoted.startswith("> …") and quoted.endswith(ELLIPSIS)


def test_clip_marks_the_cut_with_an_ellipsis():
    assert clip("short", 10) == "short"
    assert clip("a" * 20, 10) == "a" * 9 + ELLIPSIS
    assert clip("twelve officers were killed", 20) == "twelve officers…"


def test_defuse_puts_a_zero_width_joiner_after_every_at_sign():
    assert defuse("@everyone <@1>") == "@\u200deveryone <@\u200d1>"


def test_fit_embed_shrinks_an_oversized_embed_until_discord_accepts_it():
    embed = discord.Embed(title="t" * 400, description="d" * 5000)
    embed.set_footer(text="f" * 3000)
    for _ in range(30):
        embed.add_field(name="n" * 300, value="v" * 2000)
    assert_valid(fit_embed(embed))


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=3000)
names = st.text(min_size=1, max_size=300)


@st.composite
def answers(draw) -> Answer:
    figures = st.builds(Figure, value=st.floats(0, 1e9, allow_nan=False), qualifier=st.none()
                        | names, counted=names, docs=st.tuples(names),
                        sources=st.lists(names, max_size=8).map(tuple),
                        authorities=st.lists(names, max_size=4).map(tuple), quote=texts,
                        quote_doc=names, claims=st.just(()))
    slots = st.builds(Slot, about=names, event=names,
                      relationship=st.sampled_from(list(Relationship)),
                      figures=st.lists(figures, min_size=1, max_size=6).map(tuple))
    passages = st.builds(passage, text=texts, source=names, title=st.none() | names,
                         claims=st.lists(st.builds(claim, figure=names), max_size=5).map(tuple))
    return Answer(question=draw(st.text(min_size=1, max_size=300)),
                  passages=tuple(draw(st.lists(passages, min_size=1, max_size=8))),
                  disagreements=tuple(draw(st.lists(slots, max_size=5))),
                  agreements=tuple(draw(st.lists(slots, max_size=3))),
                  article_count=draw(st.integers(0, 10**6)),
                  notice=draw(st.none() | texts))


@settings(max_examples=60, deadline=None)
@given(answers())
def test_any_answer_renders_to_embeds_discord_accepts(answer: Answer):
    for embed in render.answer_pages(answer):
        assert_valid(embed)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.builds(SourceSummary, doc_id=names, source=names, title=st.none() | texts,
                          date=st.none() | names, passages=st.integers(0, 10**4)),
                min_size=1, max_size=80))
def test_any_source_list_renders_to_pages_discord_accepts(sources):
    pages = render_corpus.sources_pages(sources)
    for embed in pages:
        assert_valid(embed)
    assert sum((p.description or "").count("\n") + 1 for p in pages) == len(sources)


def test_disputes_are_one_line_each():
    pages = render_corpus.disputes_pages([officers_slot(), officers_slot()])
    lines = (pages[0].description or "").split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("• **officers killed** — **12** (24 News HD (AFP), AP)")
    assert "**at least 8** (TheJournal.ie (AFP))" in lines[0] and lines[0].endswith("*conflict*")


def test_sources_list_says_outlet_title_date_and_passages():
    pages = render_corpus.sources_pages([SourceSummary("000", "AFP", "12 troops killed",
                                                       "2022-01-06", 13)])
    assert pages[0].description == "` 1.` **AFP** — 12 troops killed · 2022-01-06 · 13 passages"
    assert pages[0].footer.text == "1 article, 13 passages · page 1/1"


def test_index_report_is_a_diff_of_articles_passages_and_seconds():
    embed = render_corpus.index_report(report(skipped=(Skipped("x.bin", "not text"),)))
    assert "**5 articles**, **56 passages** (10 embedded, 46 reused) in **3.2 s**" in (
        embed.description or "")
    assert "+1 added · ~1 changed · -1 removed" in (embed.description or "")
    assert [(f.name, f.value) for f in embed.fields] == [
        ("Added (1)", "`005_new`"), ("Changed (1)", "`001_a65`"), ("Removed (1)", "`004_old`"),
        ("Skipped (1)", "`x.bin`: not text")]
    assert_valid(embed)


def test_index_progress_names_the_stage_and_share():
    assert render_corpus.index_progress("embed", 120, 450, 12.4) == (
        "⏳ Re-indexing… Embedding passages: 120/450 (26%) · 12 s")


def test_index_progress_without_a_known_total_shows_only_the_count():
    assert render_corpus.index_progress("load", 305, 0, 2.2) == (
        "⏳ Re-indexing… Reading articles: 305 · 2 s")


def test_only_the_figures_the_answer_is_about_are_bold_in_its_passages():
    twelve, wounded = claim("Twelve"), claim("353", 353)
    slot = officers_slot()
    figures = (dataclasses.replace(slot.figures[0], claims=(twelve,)), *slot.figures[1:])
    answer = Answer(question="q", article_count=1, passages=(passage(claims=(twelve, wounded)),),
                    disagreements=(Slot(slot.about, slot.event, slot.relationship, figures),))
    value = render.answer_page(answer).fields[0].value or ""
    assert "**Twelve**" in value and "**353**" not in value and "353" in value


def test_vague_figures_read_as_written_and_one_outlet_is_not_an_agreement():
    dozens = claim("dozens", 24)
    figure = Figure(value=24, qualifier="vague", counted="protesters", docs=("a",),
                    sources=("AFP",), authorities=("police",), quote=dozens.quote,
                    quote_doc="a", claims=(dozens,))
    slot = Slot(about="protesters killed", event="killed", relationship="agree", figures=(figure,))
    answer = Answer(question="q", passages=(passage(),), agreements=(slot,), article_count=5)
    text = render.answer_page(answer).description or ""
    assert "**dozens**" in text and "vague" not in text
    assert "One source reports" in text and "Sources agree" not in text
