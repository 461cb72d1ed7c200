"""Stemming: a verb's irregular forms and its base form are one word to every reader."""

from __future__ import annotations

from index.answers.echo import content_terms
from index.claims.stemming import forms_from_spacy, irregular_verbs, stem


def test_irregular_past_forms_stem_as_their_base_verb():
    for form, base in [("paid", "pay"), ("won", "win"), ("sworn", "swear"),
                       ("swearing", "swear"), ("spent", "spend"), ("left", "leave"),
                       ("sold", "sell"), ("fought", "fight")]:
        assert stem(form) == stem(base), form


def test_a_form_that_is_a_verb_of_its_own_stays_as_written():
    # "found" a company, "wound" a soldier, "saw" wood: not read as find, wind, see.
    assert stem("found") != stem("find")
    assert stem("wound") != stem("wind")
    assert stem("saw") != stem("see")
    assert {"found", "wound", "saw", "lay"}.isdisjoint(irregular_verbs())


def test_regular_forms_are_left_to_snowball():
    # Forms Snowball already brings to their base's stem are not in the table at all.
    assert "killed" not in irregular_verbs() and stem("killed") == stem("kill")
    assert stem("Pages") == stem("page")


def test_a_question_in_the_base_form_shares_the_reports_past_form():
    asked = content_terms("how much did the council pay for the bridge")
    said = content_terms("The council paid $4 million for the bridge.")
    assert stem("pay") in asked & said


def test_a_roles_gendered_and_neutral_forms_are_one_word():
    for form in ("spokesman", "Spokeswoman", "spokesmen", "spokespeople"):
        assert stem(form) == stem("spokesperson"), form
    assert stem("chairwoman") == stem("chairman") != stem("chair")
    # A bare -man ending is no role: "German", "human", "Truman" keep their own stems.
    assert {stem("German"), stem("human"), stem("Truman")}.isdisjoint({stem("spokesman")})
    assert stem("German") == "german"


def test_a_question_about_a_spokesperson_shares_the_reports_spokesman():
    asked = content_terms("who is the harbour board spokesperson quoted on the closure")
    said = content_terms("Ada Brennan, a harbour board spokeswoman, said on Monday.")
    assert stem("spokesperson") in asked & said


def test_the_kept_forms_are_what_the_installed_spacy_model_gives():
    # verb_forms.json is spaCy's table, kept so that answering never imports spaCy; after
    # a spaCy model upgrade, `write_forms()` regenerates it.
    assert irregular_verbs() == forms_from_spacy(), (
        "verb_forms.json is out of date: run "
        "`python -c 'from index.claims.stemming import write_forms; write_forms()'`")
