"""Claim extraction on sentences written for these tests (not from the sample corpus)."""

from __future__ import annotations

import math

import pytest

from index.claims.extract import ClaimExtractor
from index.records import Article

pytestmark = pytest.mark.fast


@pytest.fixture(scope="module")
def extractor():
    return ClaimExtractor()


def claims(extractor, text: str, source: str = "Daily Post", date: str | None = "2024-05-02"):
    article = Article(doc_id="doc", source=source, title=None, date=date, url=None, text=text,
                      path="doc.txt", content_hash="h")
    # The Claims the event rules give a slot; every other figure is kept as a weak Claim
    # (see test_every_figure_is_kept_with_its_key_parts).
    return [c for c in extractor.extract(article) if not c.weak]


def one(extractor, text: str):
    found = claims(extractor, text)
    assert len(found) == 1, found
    return found[0]


def test_number_words_and_digits_become_values(extractor):
    assert one(extractor, "Seventeen miners died in the blast.").value == 17
    assert one(extractor, "The blast killed 1,250 people.").value == 1250
    assert one(extractor, "Officials said a dozen soldiers were wounded.").value == 12


def test_the_only_death_is_a_count_of_one(extractor):
    c = one(extractor, "A fisherman who drowned on Monday is so far the only fatality.")
    assert (c.value, c.event) == (1, "killed")
    assert one(extractor, "Hers was the sole death recorded in the district.").value == 1
    assert claims(extractor, "The only road out of the valley was closed, police said.") == []
    assert claims(extractor, "She was the only victim who spoke to reporters.") == []


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


def test_subsets_and_names_are_not_counts_and_an_earlier_year_is_background(extractor):
    found = claims(extractor, "Channel 4 said 20 people died in 2021, including two children.")
    counts = [c for c in found if c.dimension == "count"]
    assert [(c.value, c.event) for c in counts] == [(20, "killed")]
    assert counts[0].background  # a 2024 report about 2021: another event's figure


def test_a_later_year_is_the_story_s_own_plan_not_background(extractor):
    # A 2024 report: the plant shuts in 2025, with its own figure; 2021's cuts are history.
    found = claims(extractor, "The plant will shut in March 2025 with the loss of 900 jobs.")
    counts = [c for c in found if c.dimension == "count"]
    assert [(c.value, c.background) for c in counts] == [(900, False)]
    past = claims(extractor, "The plant cut 900 jobs in March 2021.")
    assert [c.background for c in past if c.dimension == "count"] == [True]
    # A job lost is a person put out of work: counted as people, not as a thing.
    assert counts[0].kind == "civilians"


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
    # Opening the sentence, the event's noun is tagged as a name: it is still no holder.
    turnout = one(extractor, "Turnout was 61.4%, according to the commission.")
    assert (turnout.kind, turnout.event) == ("%", "turnout")


def test_an_estimated_crowd_is_a_protest_figure(extractor):
    c = one(extractor, "Police put the crowd at 40,000, while organisers said more came.")
    assert (c.value, c.event) == (40000, "protested")


def test_ages_are_not_claims_but_distances_are(extractor):
    (walk,) = claims(extractor, "The 81-year-old walked 7,600 kilometres.")
    assert (walk.value, walk.dimension, walk.unit, walk.normalized) == (
        7600, "length", "kilometres", 7600)


def test_areas_in_two_units_share_a_common_unit(extractor):
    ha = one(extractor, "The fire has burned 14,200 hectares of forest, officials said.")
    acres = one(extractor, "The blaze has now scorched about 35,000 acres.")
    assert (ha.dimension, ha.unit, ha.event) == ("area", "hectares", "burned")
    assert (acres.value, acres.unit, acres.event) == (35000, "acres", "burned")
    assert acres.normalized == pytest.approx(14164, abs=1)
    assert acres.norm_low < ha.normalized < acres.norm_high


def test_money_keeps_its_currency_and_a_rate_the_article_gives(extractor):
    c = one(extractor, "The strike cost the economy about €1.1 billion, employers said.")
    assert (c.value, c.dimension, c.event) == (1.1e9, "money:EUR", "damage")
    paired = one(extractor, "The council approved €2.5m (about $2.7 million) in aid.")
    assert paired.dimension == "money:EUR"
    assert paired.equivalents and paired.equivalents[0][0] == "money:USD"
    # Every conversion one parenthesis gives is the same amount, not a second figure.
    both = one(extractor, "The firm sought a further 540bn yen ($5.2bn; £2.77bn) in backing.")
    assert [e[:2] for e in both.equivalents] == [("money:USD", 5.2e9), ("money:GBP", 2.77e9)]
    unknown = Article(doc_id="doc", source="Daily Post", title=None, date="2024-05-02",
                      url=None, text="It spent 59.2 trillion kip ($6.58bn; £3.5bn) on fuel.",
                      path="doc.txt", content_hash="h")
    assert "money:GBP" not in {c.dimension for c in extractor.extract(unknown)}
    # A figure the event rules leave out keeps the rate too: measures compare it.
    (weak,) = [c for c in extractor.extract(unknown) if c.dimension == "money:USD"]
    assert weak.weak and [e[:2] for e in weak.equivalents] == [("money:GBP", 3.5e9)]
    words = one(extractor, "The region asked the government for 120m euros in aid.")
    assert (words.value, words.dimension, words.unit) == (120e6, "money:EUR", "euros")


@pytest.mark.parametrize(("sentence", "dimension", "value"), [
    ("Winds reached 70 km/h on Monday.", "speed", 70),
    ("Temperatures hit 41 degrees Celsius in the city.", "temperature", 41),
    ("The state of emergency will last two weeks.", "duration", 2),
    ("The ship was carrying 5,000 tonnes of grain.", "mass", 5000),
])
def test_measures_of_every_kind_are_claims(extractor, sentence, dimension, value):
    (c,) = [c for c in claims(extractor, sentence) if c.dimension != "date"]
    assert (c.dimension, c.value) == (dimension, value)


def test_dates_and_years_are_claims_with_what_happened_then(extractor):
    found = claims(extractor, "The company was founded in 1933 by two brothers.", date=None)
    (c,) = [c for c in found if c.dimension == "date"]
    assert (c.value, c.event, c.counted) == (1933, "found", "company")
    (d,) = claims(extractor, "The bridge was opened on January 5, 2022.", date=None)
    assert (d.value, d.unit) == ("2022-01-05", "day")


def test_a_figure_the_sentence_says_was_replaced_is_not_a_claim(extractor):
    found = claims(extractor, "The toll has risen to 112, up from the 87 announced on Monday.")
    assert [c.value for c in found if c.dimension == "count"] == [112]
    change = claims(extractor, "The plan would raise the retirement age from 63 to 66.")
    assert [c.value for c in change if c.dimension == "count"] == [66]


def test_places_scope_figures_of_one_quantity(extractor):
    found = claims(extractor, "The ministry counted 92,000 marchers in Kessburg and 480,000 "
                              "across the country.")
    assert [(c.value, c.place) for c in found] == [(92000, "kessburg"), (480000, "national")]


def test_a_possibility_is_not_a_report(extractor):
    assert claims(extractor, "As many as 17 more people might also be missing.") == []


@pytest.mark.parametrize("sentence", [
    "Its net profit came in at $610m, ahead of analysts' expectations of $580m.",
    "The company now expects annual revenue of around $16.5bn.",
    "Forecasters predict that about 300 mm of rain will fall by Friday.",
])
def test_a_forecast_is_not_a_report(extractor, sentence):
    assert [c.value for c in claims(extractor, sentence)] == (
        [610_000_000] if "610" in sentence else [])


def test_a_baseline_a_figure_is_compared_with_does_not_make_it_background(extractor):
    revenue = one(extractor, "Velmora reported third-quarter revenue of $4.2 billion on "
                             "Wednesday, up 8% from a year earlier.")
    assert revenue.value == 4_200_000_000 and revenue.event == "revenue"
    assert not revenue.background
    (earlier,) = claims(extractor, "A year earlier, the plant had employed 900 people.")
    assert earlier.background


def test_an_uncertain_status_makes_a_count_another_quantity(extractor):
    confirmed, suspected = claims(extractor, "Health officials reported 120 confirmed cases "
                                             "and 300 suspected cases on Monday.")
    assert confirmed.kind == "people" and suspected.kind == "people|suspected"


def test_homes_left_without_power_are_not_people_leaving_their_homes(extractor):
    left = one(extractor, "The storm left about 220,000 homes without power.")
    fled = one(extractor, "About 1,500 residents fled their homes in the valley.")
    assert left.event == "without power" and fled.event == "displaced"


def test_new_cases_are_an_increment_and_a_part_of_a_stated_whole_is_no_total(extractor):
    found = claims(extractor, "Of the 214 cases, 61 have been confirmed by laboratory tests, "
                              "the department said. Twenty-three new cases were recorded "
                              "in the past 24 hours.")
    assert [(c.value, c.kind, c.authority) for c in found] == [
        (214, "people", "department"), (23, "people|new", None)]


def test_an_elided_count_takes_its_own_verb_as_its_event(extractor):
    killed, sickened = claims(extractor, "The outbreak has killed nine people and sickened "
                                         "214 since late February.")
    assert (killed.event, sickened.event, sickened.kind) == ("killed", "infected", "people")


@pytest.mark.parametrize("sentence, size, value", [
    ("The river is 1,200 km long.", "length", 1200),
    ("It has a length of 980 kilometres.", "length", 980),
    ("The tower stands 330 m high.", "height", 330),
    ("It is 324 metres tall.", "height", 324),
])
def test_a_size_is_filed_under_the_size_whatever_the_verb(extractor, sentence, size, value):
    found = one(extractor, sentence)
    assert (found.event, found.value, found.dimension) == (size, value, "length")


def test_a_length_placing_one_place_from_another_is_a_distance_not_the_event_s(extractor):
    downstream, crest = claims(extractor, "In Selna, 25 kilometres downstream, the river "
                                          "crested at 4.2 metres on Wednesday.")
    assert (downstream.event, crest.event) == ("distance", "crest")
    for sentence in ("The quake struck 40 km north of the city.",
                     "The fire is burning 20 miles from the town."):
        assert claims(extractor, sentence)[0].event == "distance", sentence


def test_dates_of_a_shared_subject_and_of_a_parenthesis_are_claims(extractor):
    completed = claims(extractor, "It is 324 metres tall and was completed in 1974.")[-1]
    born = one(extractor, "Ida Kall (born 12 March 1921 in Porta) was a chemist.")
    assert (completed.event, completed.value) == ("complete", 1974)
    assert born.event == "born" and born.dimension == "date"


def test_an_authority_named_with_a_hyphenated_apposition_is_the_name_alone(extractor):
    found = claims(extractor, "Velmora, the Norvik-based maker of pumps, said it would cut "
                              "1,200 jobs.")
    assert [c.authority for c in found] == ["Velmora"]


def test_a_figure_of_another_incident_is_background(extractor):
    forty, five = claims(extractor, "Forty people died in Monday's bombing, and a further five "
                                    "in a second blast nearby.")
    separate = one(extractor, "In a separate attack on Tuesday, five people died in the north.")
    assert not forty.background and five.background and separate.background


def test_the_value_a_toll_rose_from_is_not_a_claim(extractor):
    assert [c.value for c in claims(extractor, "The death toll rose to 40 from 32, officials "
                                               "said.")] == [40]


def test_a_temperature_is_a_reading_whatever_the_subject_and_a_difference_is_none(extractor):
    found = claims(extractor, "On Monday the thermometer in Marlo reached 115F (46.1C), a "
                              "national record. Temperatures in Cassera reached 44.3C on "
                              "Monday, two degrees short of the record.")
    assert [(c.value, c.event, c.place) for c in found] == [
        (115, "temperature", "marlo"), (44.3, "temperature", "cassera")]
    assert found[0].normalized == pytest.approx(46.1, abs=0.05)  # "(46.1C)": the same reading


def test_a_dateline_does_not_change_how_the_sentence_is_read(extractor):
    sentence = ("Temperatures in the southern city of Marlo reached 46.1C on Monday, the "
                "highest ever recorded.")
    plain, dated = one(extractor, sentence), one(extractor, "MARLO - " + sentence)
    assert (dated.value, dated.event, dated.place) == (plain.value, plain.event, "marlo")


def test_power_in_gigawatts_and_megawatts_is_one_quantity(extractor):
    gw = one(extractor, "Electricity demand hit a record 41.2 gigawatts on Monday.")
    mw = one(extractor, "Demand on the grid peaked at 41,200 megawatts on Monday.")
    assert gw.dimension == mw.dimension == "power"
    assert gw.normalized == pytest.approx(mw.normalized)


def test_a_magnitude_is_its_quake_s_and_an_aftershock_is_another_quake(extractor):
    found = claims(extractor, "A magnitude 6.8 earthquake struck on Tuesday. The USGS "
                              "measured the quake at magnitude 7.0. A 5.9-magnitude "
                              "aftershock hit on Friday. Magnitude 4 events are common.")
    assert [(c.value, c.dimension, c.kind) for c in found] == [
        (6.8, "magnitude", "earthquake"), (7.0, "magnitude", "earthquake"),
        (5.9, "magnitude", "aftershock")]


def test_the_part_of_a_stated_whole_is_the_figure_and_the_whole_is_none(extractor):
    found = claims(extractor, "The crash killed 12 of the 50 passengers on board. The "
                              "party won the election, winning 168 of the 300 seats.")
    assert [(c.value, c.event) for c in found] == [(12, "killed"), (168, "win")]


def test_on_board_says_who_they_were_unless_they_are_the_whole_of_a_part(extractor):
    assert (one(extractor, "Twelve passengers on board died.").event,
            one(extractor, "The plane had 150 people on board.").event) == ("killed", "aboard")
    found = claims(extractor, "Of the eleven men aboard, three survived.")
    assert [(c.value, c.event) for c in found] == [(11, "aboard"), (3, "rescued")]


def test_a_relative_clause_takes_the_place_of_what_it_describes(extractor):
    found = one(extractor, "The cuts fall on plants in Marsport and Tessel, which together "
                           "employ 3,100 people.")
    assert (found.value, found.place) == (3100, "marsport")
    assert one(extractor, "Borlo employs 18,000 people worldwide.").place == "national"
