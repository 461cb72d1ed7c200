"""Claim extraction on sentences written for these tests (not from the sample corpus)."""

from __future__ import annotations

import math

import pytest

from index.claims.extract import ClaimExtractor
from index.records import Article


@pytest.fixture(scope="module")
def extractor():
    return ClaimExtractor()


def claims(extractor, text: str, source: str = "Daily Post", date: str | None = "2024-05-02"):
    article = Article(doc_id="doc", source=source, title=None, date=date, url=None, text=text,
                      path="doc.txt", content_hash="h")
    return extractor.extract(article)


def one(extractor, text: str):
    found = claims(extractor, text)
    assert len(found) == 1, found
    return found[0]


def test_number_words_and_digits_become_values(extractor):
    assert one(extractor, "Seventeen miners died in the blast.").value == 17
    assert one(extractor, "The blast killed 1,250 people.").value == 1250
    assert one(extractor, "Officials said a dozen soldiers were wounded.").value == 12


def test_hedges_become_intervals(extractor):
    c = one(extractor, "At least 40 villagers were killed in the attack, police said.")
    assert (c.value, c.low, c.high, c.qualifier) == (40, 40, math.inf, "at least")
    c = one(extractor, "More than 300 people were arrested overnight.")
    assert (c.low, c.qualifier) == (301, "more than")
    c = one(extractor, "Nearly 90 people were injured.")
    assert c.qualifier == "nearly" and c.low < 90 == c.high


def test_vague_quantities_are_claims_with_a_range(extractor):
    c = one(extractor, "Dozens of demonstrators were detained by riot police.")
    assert c.qualifier == "vague" and c.event == "arrested" and c.kind == "protesters"


def test_what_is_counted_and_its_kind(extractor):
    c = one(extractor, "Nine border guards died in the ambush.")
    assert (c.counted, c.kind, c.event) == ("border guards", "security", "killed")
    c = one(extractor, "Six members of the armed forces were killed.")
    assert c.counted == "members of the armed forces" and c.kind == "security"


def test_an_elided_count_inherits_what_the_sentence_counted_before(extractor):
    first, second = claims(extractor, "Eight soldiers were killed and 40 injured, the army said.")
    assert (first.event, second.event) == ("killed", "injured")
    assert second.counted == "soldiers" and second.kind == "security"


@pytest.mark.parametrize(("sentence", "authority"), [
    ("Twenty people died, according to the regional health office.", "regional health office"),
    ("The interior ministry said 15 people were arrested.", "interior ministry"),
    ("Local television reported that 11 people were killed.", "Local television"),
    ("Four people were injured, citing the fire department.", "fire department"),
    ("Five people died, according to officials quoted by the broadcaster.", "officials"),
])
def test_attribution_patterns_name_the_cited_authority(extractor, sentence, authority):
    assert one(extractor, sentence).authority == authority


def test_a_sentence_without_attribution_has_no_authority(extractor):
    assert one(extractor, "Thirty homes were destroyed by the flood.").authority is None


def test_the_nearest_reporting_verb_is_the_authority(extractor):
    c = one(extractor, "According to local media, the health ministry said 70 people died.")
    assert c.authority == "health ministry"


def test_subsets_years_and_names_are_not_claims(extractor):
    found = claims(extractor, "Channel 4 said 20 people died in 2021, including two children.")
    assert [(c.value, c.event) for c in found] == [(20, "killed")]


def test_claims_carry_source_date_and_the_verbatim_sentence(extractor):
    text = "Rescuers searched the rubble.\n\nAt least 12 people are missing, the mayor said."
    c = one(extractor, text)
    assert (c.source, c.date, c.event) == ("Daily Post", "2024-05-02", "missing")
    assert c.quote == "At least 12 people are missing, the mayor said."
    assert c.figure in c.quote


def test_revisions_are_marked(extractor):
    c = one(extractor, "The death toll rose to 57 people on Friday, officials said.")
    assert c.revision and c.event == "killed"


def test_population_figures(extractor):
    c = one(extractor, "The vote was held across the island nation of 5 million.")
    assert c.event == "population" and c.value == 5_000_000


def test_money_is_claimed_for_what_it_measures(extractor):
    c = one(extractor, "Insurers put the damage at $2.1 billion.")
    assert (c.kind, c.event, c.figure) == ("money", "damage", "$2.1 billion")
    c = one(extractor, "The government pledged $50 million in aid.")
    assert (c.kind, c.event) == ("money", "aid")


def test_shares_are_kept_apart_per_holder(extractor):
    smith, jones = claims(extractor, "Smith won 52% of the vote. Jones took 45% of the vote.")
    assert smith.kind == "%|smith" and smith.event == "vote"
    assert jones.kind != smith.kind
    turnout = one(extractor, "Turnout was 61 percent, the election commission said.")
    assert (turnout.kind, turnout.event) == ("%", "turnout")


def test_an_estimated_crowd_is_a_protest_figure(extractor):
    c = one(extractor, "Police put the crowd at 40,000, while organisers said more came.")
    assert (c.value, c.event) == (40000, "protested")


def test_distances_and_ages_are_not_claims(extractor):
    assert claims(extractor, "The 81-year-old walked 7,600 kilometres.") == []
