"""Every figure is a Claim, with the key parts of its clause (sentences written for these
tests)."""

from __future__ import annotations

import pytest

from index.claims.extract import ClaimExtractor
from index.claims.numbers import find_quantities
from index.records import Article

pytestmark = pytest.mark.fast


@pytest.fixture(scope="module")
def extractor():
    return ClaimExtractor()


def every(extractor, text: str, date: str = "2024-05-02"):
    article = Article(doc_id="doc", source="Daily Post", title=None, date=date, url=None,
                      text=text, path="doc.txt", content_hash="h")
    return extractor.extract(article)


def test_a_figure_of_any_verb_carries_its_noun_and_verb(extractor):
    found = every(extractor, "The council has approved 23 ordinances that limit parking.")
    (claim,) = [c for c in found if c.value == 23]
    assert "noun:ordinance" in claim.keys and "verb:approve" in claim.keys


def test_a_part_is_kept_weak_beside_the_figure_it_is_part_of(extractor):
    found = every(extractor, "Police said 20 people died, including two children.")
    strong = [(c.value, c.event) for c in found if not c.weak]
    assert strong == [(20, "killed")]
    assert [(c.value, c.weak) for c in found if c.weak] == [(2, "part")]


def test_key_parts_hold_the_objects_of_prepositions_and_names(extractor):
    found = every(extractor, "Archivists received 42,000 pages of letters from Mayor Odell.")
    (claim,) = [c for c in found if c.value == 42000]
    assert {"noun:page", "verb:receive", "of:letter"} <= set(claim.keys)
    assert any(k.startswith("name:") for k in claim.keys)


def test_a_predicate_adjective_belongs_to_the_figures_clause(extractor):
    """The parser hangs "as invalid" as a clause of its own; with no verb it is what the
    clause says of what is counted, and a question asking for the invalid votes matches it."""
    text = "Officials said 4,300 votes had been set aside as invalid in the northern district."
    (claim,) = [c for c in every(extractor, text) if c.dimension == "count"]
    assert "w:invalid" in claim.keys


def test_a_span_of_years_gives_each_end_its_role(extractor):
    found = every(extractor, "Ms. Varga, who chaired the board from 1984 to 1991, died.")
    roles = {c.value: [k for k in c.keys if k.startswith("role:")] for c in found
             if c.dimension == "date"}
    assert roles == {1984: ["role:start"], 1991: ["role:end"]}


def test_a_date_ending_something_has_the_end_role(extractor):
    found = every(extractor, "Her contract with the orchestra expires in 2031.")
    (claim,) = [c for c in found if c.dimension == "date"]
    assert "role:end" in claim.keys


@pytest.mark.parametrize("text", [
    "The coach said her last game in charge will be on June 14.",
    "The mayor's letter indicates his final day at city hall will be June 14."])
def test_a_date_of_a_final_day_has_the_end_role_and_the_nearest_year(extractor, text):
    (claim,) = [c for c in every(extractor, text, date="2024-12-20") if c.dimension == "date"]
    assert "role:end" in claim.keys and claim.value == "2025-06-14"


def test_a_hyphenated_count_counts_its_noun(extractor):
    (claim,) = [c for c in every(extractor, "The judge issued a 48-page ruling on Friday.")
                if c.dimension == "count"]
    assert claim.value == 48 and "noun:page" in claim.keys


@pytest.mark.parametrize(("text", "value"), [
    ("Overnight lows of -12C were recorded.", -12),
    ("It fell to minus 7 degrees overnight.", -7),
])
def test_figures_below_zero_keep_their_sign(text, value):
    (q,) = find_quantities(text)
    assert q.value == value and q.low == q.high == value


@pytest.mark.parametrize("text", ["a three-judge panel", "the COVID-19 wards",
                                  "a 30-year-old man was", "won 3-2 at home"])
def test_hyphenated_words_that_are_no_counts_stay_out(text):
    assert [q.unit for q in find_quantities(text)] in ([], ["age"])


def test_a_day_belongs_to_the_figure_whose_clause_names_it(extractor):
    found = every(extractor, "Police said 87 people were arrested on Wednesday night, up "
                             "from 112 the previous night.")
    days = {c.value: sorted(k for k in c.keys if k.startswith("day:")) for c in found}
    assert days[87] == ["day:wednesday"]
    assert "day:previous night" in days[112]


def test_a_year_of_another_clause_is_not_the_figure_s_period(extractor):
    found = every(extractor, "Completed in 1876, the viaduct carries the line on 23 arches. "
                             "The company cut 2,000 jobs in 2019.")
    times = {c.value: [k for k in c.keys if k.startswith("time:")] for c in found
             if c.dimension == "count"}
    assert times == {23: [], 2000: ["time:2019"]}


@pytest.mark.parametrize("text", ["losses of 1e299 billion dollars", "a 2.5E+6 figure"])
def test_scientific_notation_is_no_figure(text):
    assert find_quantities(text) == []
