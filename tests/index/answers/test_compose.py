"""Which passages an answer shows when its figures outnumber the passages it may show."""

from __future__ import annotations

from dataclasses import replace

import pytest

from index.answers.compose import choose_passages, named_only
from index.answers.corpus import Corpus
from index.answers.story_choice import choose_stories
from index.claims.questions import Query
from index.records import Claim, Figure, Passage, Slot, StoryRef

pytestmark = pytest.mark.fast


def _passage(doc: str, position: int, text: str) -> Passage:
    return Passage(doc_id=doc, docs=(doc,), source=doc.title(), sources=(doc.title(),),
                   title=None, date=None, position=position, text=text, score=0.5)


def _figure(value: float, doc: str, quote: str) -> Figure:
    return Figure(value=value, qualifier=None, counted="people", docs=(doc,),
                  sources=(doc.title(),), authorities=(), quote=quote, quote_doc=doc,
                  claims=())


def test_each_outlet_gets_a_passage_before_a_second_from_one_already_shown():
    lead = _passage("dispatch", 0, "Nearly 7,000 people were displaced, relief workers said.")
    later = _passage("dispatch", 5, "Thousands of evacuees are sleeping in gyms.")
    other = _passage("coastline", 2, "More than 5,000 people had been evacuated.")
    filler = _passage("sentinel", 1, "The fire spread overnight.")
    slot = Slot(about="people displaced", event="displaced", relationship="conflict", figures=(
        _figure(7000, "dispatch", lead.text), _figure(1000, "dispatch", later.text),
        _figure(5000, "coastline", other.text)))
    shown = choose_passages([lead, later, filler, other], [slot], top_k=2)
    assert shown == [lead, other]


def test_a_second_passage_of_one_outlet_fills_room_left_over():
    lead = _passage("dispatch", 0, "Nearly 7,000 people were displaced, relief workers said.")
    later = _passage("dispatch", 5, "Thousands of evacuees are sleeping in gyms.")
    slot = Slot(about="people displaced", event="displaced", relationship="agree", figures=(
        _figure(7000, "dispatch", lead.text), _figure(1000, "dispatch", later.text)))
    assert choose_passages([later, lead], [slot], top_k=3) == [later, lead]


def _ranked(doc: str, position: int, rank: float) -> Passage:
    return replace(_passage(doc, position, f"{doc} paragraph {position}"), rank=rank)


def test_a_question_without_figures_hears_another_outlet_before_a_second_paragraph():
    first = _ranked("atlas", 0, 0.16)
    second_of_atlas = _ranked("atlas", 4, 0.15)
    courier = _ranked("courier", 7, 0.11)
    chosen = choose_passages([first, second_of_atlas, courier], [], top_k=2)
    assert chosen == [first, courier]


def test_a_second_paragraph_far_ahead_of_other_outlets_keeps_its_place():
    first = _ranked("atlas", 0, 0.16)
    second_of_atlas = _ranked("atlas", 4, 0.15)
    distant = _ranked("courier", 7, 0.05)
    chosen = choose_passages([first, second_of_atlas, distant], [], top_k=3)
    assert chosen == [first, second_of_atlas, distant]


def test_the_outlet_ranked_first_shows_its_next_paragraph_before_a_trailing_one():
    atlas, courier = _ranked("atlas", 0, 0.20), _ranked("courier", 1, 0.15)
    next_of_atlas = _ranked("atlas", 6, 0.10)  # half its outlet's first
    next_of_courier = _ranked("courier", 3, 0.11)  # ranks higher, but trails a weaker first
    chosen = choose_passages([atlas, courier, next_of_courier, next_of_atlas], [], top_k=3)
    assert chosen == [atlas, courier, next_of_atlas]


def _in_story(doc: str, position: int, rank: float, story: str) -> Passage:
    return replace(_ranked(doc, position, rank), story=StoryRef(story, story))


def test_a_small_story_whose_passages_rank_first_comes_before_a_large_one_ranked_below():
    # A rate decision in two reports, a heatwave in three, in one corpus: the question's
    # three best passages are the decision's; the heatwave has seven lower ones.
    rates = [_in_story("wire", i, 0.17 - 0.005 * i, "rates") for i in range(3)]
    heat = [_in_story(f"heat{i}", i, 0.13 - 0.01 * i, "heat") for i in range(7)]
    corpus = Corpus(claims=(), sources=[], lexical=None,
                    story_of={p.doc_id: p.story for p in rates + heat})
    chosen = choose_stories("what is the unemployment rate", None, rates + heat, corpus)
    assert chosen[0].id == "rates"


def test_a_story_with_a_few_weak_passages_gets_no_block_of_its_own():
    strike = [_in_story(f"strike{i}", i, 0.17 - 0.01 * i, "strike") for i in range(7)]
    fire = [_in_story(f"fire{i}", i, 0.09, "fire") for i in range(3)]
    corpus = Corpus(claims=(), sources=[], lexical=None,
                    story_of={p.doc_id: p.story for p in strike + fire})
    chosen = choose_stories("how many people did the police detain", None, strike + fire,
                            corpus)
    assert [s.id for s in chosen] == ["strike"]


def _saying(doc: str, rank: float, story: str, text: str) -> Passage:
    return replace(_in_story(doc, 0, rank, story), text=text)


@pytest.mark.parametrize(("question", "stories"), [
    ("how many people were arrested during the inauguration protests", ["inauguration"]),
    ("how many people were arrested", ["inauguration", "strike"])])
def test_another_story_gets_a_block_only_when_the_question_describes_it_too(question, stories):
    inauguration = [_saying(f"inaug{i}", 0.16 - 0.01 * i, "inauguration",
                            "More than 200 people were arrested during inauguration protests.")
                    for i in range(3)]
    strike = [_saying(f"strike{i}", 0.15 - 0.01 * i, "strike",
                      "Police arrested 87 people during the strike protests.")
              for i in range(3)]
    corpus = Corpus(claims=(), sources=[], lexical=None,
                    story_of={p.doc_id: p.story for p in inauguration + strike})
    chosen = choose_stories(question, None, inauguration + strike, corpus)
    assert [s.id for s in chosen] == stories


def test_a_name_the_best_storys_passages_use_does_not_send_the_question_elsewhere():
    # "Democrats" is among the leadership vote's names, not the inauguration's; the
    # inauguration's reports, ranked first, say how many Democrats stayed away.
    inauguration = [_saying(f"inaug{i}", 0.17 - 0.01 * i, "inauguration",
                            "About 60 House Democrats boycotted the swearing-in.")
                    for i in range(3)]
    leadership = [_saying(f"vote{i}", 0.12 - 0.01 * i, "leadership",
                          "House Democrats re-elected their leader.") for i in range(3)]
    corpus = Corpus(claims=(), sources=[], lexical=None,
                    entities={"leadership": {"democrats", "house"}, "inauguration": {"trump"}},
                    story_of={p.doc_id: p.story for p in inauguration + leadership})
    chosen = choose_stories("how many Democrats skipped the swearing-in", None,
                            inauguration + leadership, corpus)
    assert chosen[0].id == "inauguration"
    # A name only one Story's passages use still chooses it, whatever the ranks.
    only = [_saying("vote9", 0.10, "leadership", "Tim Ryan lost the vote to lead them.")]
    chosen = choose_stories("how many votes did Tim Ryan get", None,
                            inauguration + only, Corpus(
                                claims=(), sources=[], lexical=None,
                                entities={"leadership": {"tim ryan"}},
                                story_of={p.doc_id: p.story for p in inauguration + only}))
    assert [s.id for s in chosen] == ["leadership"]


def _money(quote: str, event: str, keys: tuple[str, ...]) -> Claim:
    return Claim(value=5e9, low=5e9, high=5e9, qualifier=None, figure="$5bn",
                 counted="money", kind="money", event=event, authority=None, doc_id="atlas",
                 source="Atlas", date="2024-03-01", quote=quote, dimension="money:USD",
                 unit="$", keys=keys)


def _slot_of(claim: Claim) -> Slot:
    figure = replace(_figure(claim.value, claim.doc_id, claim.quote), claims=(claim,))
    return Slot(about="pay (money)", event="pay", relationship="agree", figures=(figure,))


PAYING = Query(event="pay", kind="money", counted="money", dimension="money",
               names=("orvant", "kessler"))
PAID = "how much is Orvant paying Kessler for the plant"


def test_a_figure_standing_in_for_the_event_on_the_storys_names_alone_is_no_answer():
    backing = _money("Kessler sought $5bn in fresh backing.", "backing",
                     ("verb:seek", "w:fresh", "w:backing", "name:kessler"))
    assert named_only(PAID, PAYING, _slot_of(backing), {})


def test_a_stand_in_for_a_question_naming_no_event_must_share_more_than_names():
    # "how big is orvant's jobs plan in dollars": the best passage also taxes incomes of
    # "more than $1 million", a figure of no word of the question
    plan = Query(event=None, kind="money", counted="money", dimension="money",
                 words=("job", "plan"), names=("orvant",))
    question = "how big is orvant's jobs plan in dollars"
    income = _money("It would be paid for by taxing incomes of more than $1 million.",
                    "income", ("verb:pay", "w:taxis", "w:income", "name:orvant"))
    assert named_only(question, plan, _slot_of(income), {})
    cost = _money("Orvant's jobs plan would cost $5bn.", "cost",
                  ("verb:cost", "subj:plan", "w:job", "name:orvant"))
    assert not named_only(question, plan, _slot_of(cost), {})


def test_a_stand_in_sharing_a_word_with_the_question_or_of_its_event_may_answer():
    price = _money("Orvant agreed a $5bn price for the plant.", "price",
                   ("verb:agree", "w:price", "for:plant", "name:orvant"))
    assert not named_only(PAID, PAYING, _slot_of(price), {})
    paid = _money("Orvant will pay $5bn.", "pay", ("verb:pay", "name:orvant"))
    assert not named_only("how much did Kessler get", PAYING, _slot_of(paid), {})
