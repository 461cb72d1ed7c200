"""Which slot a question asks about."""

from __future__ import annotations

import pytest

from index.claims.extract import ClaimExtractor
from index.claims.questions import parse_question

pytestmark = pytest.mark.fast


@pytest.fixture(scope="module")
def nlp():
    return ClaimExtractor().nlp()


@pytest.mark.parametrize(("question", "expected"), [
    ("how many officers died", ("killed", "security", "officers")),
    ("How many people were injured?", ("injured", "people", "people")),
    ("how many protesters were killed", ("killed", "protesters", "protesters")),
    ("what is the death toll", ("killed", "people", "")),
    ("what is the population of Chile", ("population", "people", "")),
    ("how many people are in intensive care", ("intensive care", "people", "people")),
    ("how many homes were destroyed", ("destroyed", "homes", "homes")),
    ("how many residents had to get out of their homes", ("displaced", "civilians",
                                                           "residents")),
    ("how many villages were wiped out", ("destroyed", "village", "villages")),
    ("how many cops were hurt", ("injured", "security", "cops")),
    ("did anybody die in the fire", ("killed", "people", "")),
    ("did anybody lose their life in the fire", ("killed", "people", "")),
    ("were any firefighters hurt?", ("injured", "responders", "firefighters")),
    ("is anyone still missing", ("missing", "people", "")),
])
def test_figure_questions_name_event_and_kind(nlp, question, expected):
    query = parse_question(question, nlp)
    assert (query.event, query.kind, query.counted) == expected


@pytest.mark.parametrize("question", [
    "what started the protests", "who is the president",
    "did anyone claim responsibility",  # "anyone", but no event counted
    "who did the independent head count of the march",  # names a count, asks who
    "why did the number of arrests rise",
])
def test_questions_that_ask_for_no_figure_have_no_slot(nlp, question):
    assert parse_question(question, nlp) is None


@pytest.mark.parametrize(("question", "dimension"), [
    ("how long will the state of emergency last", "duration"),
    ("how much land has the wildfire burned", "area"),
    ("what did the walkout cost the economy", "money"),
    ("when was the bridge opened", "date"),
    ("what year was the company established", "date"),
    ("how far did the ferry sail", "length"),
    ("how fast were the winds", "speed"),
    ("what share of the vote did Smith win", "%"),
    ("how many firefighters were hurt", "count"),
    ("how long did the strike last", "duration"),
    ("how long did the fire burn", "duration"),
    ("how long is the bridge", "length"),
    ("what was Velmora's profit", "money"),
    # "the estimated X" asks for a figure, in whatever words it names the amount.
    ("what's the estimated bill for the damage from the storm", "money"),
    ("what is the estimated size of the crowd", "count"),
    ("how much clean water is delivered each day", "measure"),
    # what someone makes, with no thing named after "how much", is money
    ("how much did the studio make in the quarter", "money"),
    ("how much steel did the plant make", "measure"),
    ("how many hectares have burned", "area"),
    ("how many euros of aid were requested", "money"),
    ("how many tonnes of fuel leaked", "mass"),
    ("how hot did it get in Marlo", "temperature"),
    ("what temperature was recorded at the airport", "temperature"),
    ("what was the magnitude of the earthquake", "magnitude"),
    ("how strong was the quake", "magnitude"),
])
def test_the_kind_of_value_asked_for(nlp, question, dimension):
    assert parse_question(question, nlp).dimension == dimension


def test_a_question_names_its_place_and_another_event_s_year(nlp):
    assert parse_question("how big was the march in Kessburg", nlp).place == "kessburg"
    assert parse_question("how many joined across Varnia", nlp).place == "national"
    assert parse_question("how many died when it sank in 1998", nlp).year == 1998


@pytest.mark.parametrize(("question", "kind", "event"), [
    ("how much damage did the storm cause", "money", "damage"),
    ("what percentage was the turnout", "%", "turnout"),
    ("how many people marched", "people", "protested"),
    ("how much revenue did Velmora report", "money", "revenue"),
    ("how tall is the tower", "tower", "height"),
    ("how far is the epicentre from the city", "people", "distance"),
    ("what is the length of the river", "people", "length"),
])
def test_amount_and_share_questions_ask_for_their_unit(nlp, question, kind, event):
    query = parse_question(question, nlp)
    assert (query.kind, query.event) == (kind, event)


@pytest.mark.parametrize(("question", "loose"), [
    ("what years was she secretary of state", True),  # no event: the learned measures only
    ("which dates did the festival take place", False),
    ("when was the bridge opened", False),
    ("how long ago did the strike start", False),  # when, not a length
    ("what was the minister's last day in office", True),
    ("what is the date of the runoff vote", True),
    ("what day did the mayor announce she was running", False),  # any word DATE asks with
    ("which month did the factory close", True)])
def test_a_date_question_names_its_type_whatever_the_plural(nlp, question, loose):
    query = parse_question(question, nlp)
    assert query.dimension == "date" and query.loose is loose


def test_a_time_noun_outside_the_subject_asks_for_no_date(nlp):
    assert parse_question("what happened on the day of the vote", nlp) is None
    assert parse_question("what was the death toll on the first day", nlp).dimension == "count"


@pytest.mark.parametrize("question", [
    "which radio station was he on when he floated quitting",
    "what tv show was the senator on when he called her a hypocrite"])
def test_when_opening_a_clause_asks_for_no_date(nlp, question):
    assert parse_question(question, nlp) is None


@pytest.mark.parametrize(("question", "unknown", "expected"), [
    ("who won the super bowl in 2016", {"super", "bowl"}, True),
    ("how many died in the las vegas concert shooting", {"las", "vegas", "concert"}, True),
    ("did anybody lose their life in the fire", {"anybody", "lose"}, False),  # a verb
    ("how much have farmers lost because of the heat", {"lost", "because"}, False),
    ("who won the super bowl in 2016", {"super"}, False),  # the thing is named somewhere
    # A participle describes a measure, it names no thing.
    ("what was his combined margin in the three states", {"combined", "margin"}, False),
    ("how big is the projected deficit", {"projected", "deficit"}, False)])
def test_a_question_about_a_thing_no_article_names(nlp, question, unknown, expected):
    from index.claims.questions import names_unknown_thing

    assert names_unknown_thing(nlp(question), unknown) is expected


@pytest.mark.parametrize("question", [
    "by how much might fuel prices go up",
    "how much did the company's shares rise",
    "how much did sales fall last year",
    "how much will fares go up"])
def test_an_amount_asked_as_a_change_is_answered_by_a_share_too(nlp, question):
    assert parse_question(question, nlp).or_share


@pytest.mark.parametrize("question", [
    "how much rain fell in the valley",  # "much" of a noun: the rain, not a change
    "how much did it cost to set up the server",  # a particle, not of a verb of change
    "how much money did the committee raise",
    "how many people were killed"])
def test_an_amount_or_count_of_a_thing_asks_no_change(nlp, question):
    assert not parse_question(question, nlp).or_share


def test_a_turnout_is_answered_by_a_share_unless_asked_as_a_head_count(nlp):
    assert parse_question("what was the turnout in the election", nlp).or_share
    assert not parse_question("how many people voted in the election", nlp).or_share


def test_a_case_in_court_is_no_count_of_infections(nlp):
    # "cases" of a disease are infections; "the case" is a matter before a court.
    assert parse_question("how many women are part of the discrimination case",
                          nlp).event != "infected"
    assert parse_question("how many new cases were confirmed", nlp).event == "infected"


def test_an_approval_rating_asks_for_a_share(nlp):
    assert parse_question("what is the governor's approval rating with voters",
                          nlp).dimension == "%"


def test_how_many_units_of_time_asks_a_duration(nlp):
    assert parse_question("how many days did the strike last", nlp).dimension == "duration"
    assert parse_question("how many years did she serve as minister",
                          nlp).dimension == "duration"


def test_a_month_s_name_is_no_event(nlp):
    query = parse_question("what profit did the airline report for the year to March 2005", nlp)
    assert query.event == "profit"
    assert parse_question("how many people joined the march", nlp).event == "protested"


@pytest.mark.parametrize("question", [
    "what do the mill's workers earn on average",
    "what did the club pay for the striker"])
def test_a_what_question_about_earning_or_paying_asks_for_an_amount(nlp, question):
    assert parse_question(question, nlp).dimension == "money"


def test_a_what_question_about_paying_as_a_topic_asks_for_no_amount(nlp):
    assert parse_question("what did the minister say about paying the nurses", nlp) is None


def test_much_at_the_root_of_a_parse_is_no_verb_of_change():
    # spaCy hands out a new Token object on every access: "much" that heads its own parse
    # is told by its index, not by identity, and is read as no verb with a particle.
    import spacy
    from spacy.tokens import Doc

    from index.claims.value_kind import _change

    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words=["much", "up"], heads=[0, 0], deps=["ROOT", "prt"])
    assert not _change("much up", doc)
    rose = Doc(vocab, words=["how", "much", "did", "sales", "go", "up"],
               heads=[1, 4, 4, 4, 4, 4], deps=["advmod", "dobj", "aux", "nsubj", "ROOT", "prt"])
    assert _change("how much did sales go up", rose)
