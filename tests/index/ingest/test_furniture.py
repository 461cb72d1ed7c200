"""Page furniture is removed by general rules; article sentences stay."""

from __future__ import annotations

import pytest

from index.ingest.furniture import strip_furniture

pytestmark = pytest.mark.fast

PAGE = """Storm closes ports

Storm closes ports
Published: 09:15 AM, 3 Feb, 2024
Get it on Google Play
Download the Harbour Daily app for breaking news
Caption: Waves break over the sea wall in Dover.–AFP

Three ferries were cancelled on Saturday, the port authority said.

Waves break over the harbour wall
Waves break over the harbour wall in Dover on Saturday (Jane Smith / AP)

Forecasters expect the wind to ease by Monday.

Sign up to our newsletter for the morning briefing
Your donations help us keep reporting. Support us today

About Peter Jones

Check Also

Ten tips for winter sailing
Reading time: 3 minutes Sailing in winter is ...
"""


def test_promos_captions_plugs_and_teasers_are_dropped():
    text = strip_furniture(PAGE)
    assert text.splitlines() == [
        "Storm closes ports", "",
        "Three ferries were cancelled on Saturday, the port authority said.", "",
        "Forecasters expect the wind to ease by Monday.",
    ]


def test_leave_a_comment_form_is_cut_from_the_end():
    body = "\n\n".join(f"Sentence number {i} of the report." for i in range(6))
    page = body + "\n\nLeave a Comment\n\nYour email address will not be published."
    assert strip_furniture(page) == body


def test_long_paragraphs_that_mention_apps_or_newsletters_are_kept():
    paragraph = ("The ministry said it would download data from the tracking app and publish "
                 "a weekly newsletter for the 2,000 families affected, officials said on Monday "
                 "at a briefing in the capital, adding that the figures would be checked.")
    assert strip_furniture(paragraph) == paragraph


def test_a_trailer_word_early_in_the_article_does_not_cut_it():
    page = "Related\n\nThe council met on Monday.\n\nIt approved the plan.\n\nVoting ends soon."
    assert "It approved the plan." in strip_furniture(page)
