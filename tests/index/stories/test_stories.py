"""Stories: the Articles of one event, found at index time, and figures kept inside them."""

from __future__ import annotations

import shutil
from dataclasses import replace

import numpy as np
import pytest

from index.engine import Engine
from index.errors import QuestionError
from index.settings import Settings
from index.stories.cluster import Member, find_stories
from tests.conftest import ROOT, write

pytestmark = pytest.mark.fast

STORIES_CORPUS = ROOT.parent / "shared" / "eval" / "stories"
TWO_FIRES = ROOT / "tests" / "eval" / "two_fires"


def member(doc, vector, entities, date="2025-08-11", pinned=None):
    return Member(doc, f"title of {doc}", date, np.asarray(vector, dtype=np.float32),
                  tuple(entities), pinned)


def near(base: np.ndarray, seed: int, spread: float = 0.5) -> np.ndarray:
    """A report's vector: its story's direction plus its own wording (cosine ~0.8 to
    the story, like reports of one event that are not copies of each other)."""
    noise = np.random.default_rng(seed).normal(size=base.size)
    vector = base / np.linalg.norm(base) + spread * noise / np.linalg.norm(noise)
    return vector / np.linalg.norm(vector)


DIRECTION = np.eye(16)[0]
ALIKE = 0.8 * np.eye(16)[0] + 0.6 * np.eye(16)[1]  # another wildfire: reads alike (cos 0.8)


def test_reports_that_read_alike_but_name_nothing_in_common_are_two_stories():
    # Two wildfires in one week: their texts embed close together, their places differ.
    fire_a = [member(f"a{i}", near(DIRECTION, i), ["norvale", "tolvik", "brisk valley"])
              for i in range(3)]
    fire_b = [member(f"b{i}", near(ALIKE, 10 + i), ["estrana", "porto lume"])
              for i in range(3)]
    stories = find_stories(fire_a + fire_b)
    assert sorted(sorted(s.docs) for s in stories) == [["a0", "a1", "a2"], ["b0", "b1", "b2"]]


def test_reports_months_apart_are_two_stories_even_with_the_same_names():
    names = ["varnia", "kessburg", "fvtu"]
    now = [member(f"n{i}", near(DIRECTION, i), names, date="2025-10-09") for i in range(2)]
    then = [member(f"t{i}", near(DIRECTION, 5 + i), names, date="2019-03-14")
            for i in range(2)]
    assert sorted(sorted(s.docs) for s in find_stories(now + then)) == [["n0", "n1"],
                                                                        ["t0", "t1"]]


def test_the_same_people_four_weeks_later_are_a_new_story_but_a_week_of_updates_is_one():
    names = ["varnia", "kessburg", "fvtu"]
    week = [member(f"w{i}", near(DIRECTION, i), names, date=f"2025-10-{9 + 3 * i:02d}")
            for i in range(3)]  # 9, 12 and 15 October: one story's updates
    assert [sorted(s.docs) for s in find_stories(week)] == [["w0", "w1", "w2"]]
    later = [member(f"l{i}", near(DIRECTION, 7 + i), names, date="2025-11-06")
             for i in range(2)]  # four weeks on: a new development about the same people
    found = sorted(sorted(s.docs) for s in find_stories(week[:1] + later))
    assert found == [["l0", "l1"], ["w0"]]


def test_a_pinned_story_wins_and_its_id_is_the_pin():
    members = [member("a", [1, 0, 0], ["x"], pinned="Harbour fire"),
               member("b", [0, 1, 0], ["y"], pinned="Harbour fire"),
               member("c", [0, 0, 1], ["z"])]
    stories = {s.id: set(s.docs) for s in find_stories(members)}
    assert stories["harbour-fire"] == {"a", "b"}
    assert {"c"} in stories.values()


@pytest.fixture(scope="module")
def four_stories(tmp_path_factory, sample_corpus, real_embedder):
    """The sample corpus and the three-story corpus indexed together: four stories."""
    folder = tmp_path_factory.mktemp("four-stories")
    for source in (sample_corpus, STORIES_CORPUS):
        for path in source.glob("*.txt"):
            shutil.copy(path, folder / path.name)
    engine = Engine(Settings(chroma_path=folder / "db", corpus_dir=folder),
                    embedder=real_embedder)
    engine.index()
    return engine


@pytest.mark.slow
def test_two_corpora_indexed_together_give_four_stories_and_no_cross_story_slot(four_stories):
    stories = four_stories.stories()
    assert len(stories) == 4
    story_of = {doc: s.id for s in stories for doc in s.docs}
    for question in ("how many people were killed", "how many people have been arrested",
                     "how many people were injured"):
        answer = four_stories.ask(question)
        for slot in (*answer.disagreements, *answer.agreements):
            docs = {d for f in slot.figures for d in f.docs}
            assert len({story_of[d] for d in docs}) == 1, (question, slot.about, docs)
    for slot in four_stories.disputes():
        assert len({story_of[d] for f in slot.figures for d in f.docs}) == 1


@pytest.mark.slow
def test_a_background_figure_of_another_event_joins_no_slot(four_stories):
    answer = four_stories.ask("how many people were killed in the Calidria wildfire?")
    shown = {f.value for s in (*answer.disagreements, *answer.agreements) for f in s.figures}
    assert 11 not in shown  # "the 2007 fires killed 11 people"
    ferry = four_stories.ask("what's the death toll from the Stella Marenna sinking now?")
    (slot,) = ferry.disagreements
    assert 94 not in {f.value for f in slot.figures}  # the Agia Sofronia, 1998


@pytest.mark.slow
def test_story_ids_survive_a_reindex_and_an_unchanged_corpus_recomputes_nothing(
        tmp_path, real_embedder, caplog):
    folder = tmp_path / "corpus"
    shutil.copytree(TWO_FIRES, folder)
    engine = Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=folder),
                    embedder=real_embedder)
    engine.index()
    before = {s.id: set(s.docs) for s in engine.stories()}
    with caplog.at_level("INFO", logger="index.indexing"):
        report = engine.index()
    assert report.embedded == 0
    assert "the Stories are kept as they were" in caplog.text
    assert {s.id: set(s.docs) for s in engine.stories()} == before
    write(folder, "zz_extra.txt", "---\ntitle: Unrelated\nsource: X\ndate: 2026-07-20\n---\n"
          "The Ostmark city council approved a new tram line on Monday.\n")
    engine.index()
    after = {s.id: set(s.docs) for s in engine.stories()}
    assert all(after.get(sid) == docs for sid, docs in before.items())


@pytest.mark.slow
def test_a_question_kept_to_one_story_cites_only_it_and_an_unknown_story_names_the_fix(
        four_stories):
    ferry = next(s for s in four_stories.stories() if "ferry" in s.title.lower())
    answer = four_stories.ask("how many people were killed", story=ferry.id)
    assert answer.passages and {p.story.id for p in answer.passages} == {ferry.id}
    assert all(s.story.id == ferry.id for s in (*answer.disagreements, *answer.agreements))
    with pytest.raises(QuestionError, match="discordant stories"):
        four_stories.ask("how many people were killed", story="no-such-story")


def test_two_thousand_syndicated_copies_are_one_story_and_stay_fast():
    import time

    wire = [member(f"copy{i}", near(DIRECTION, i, spread=0.02 + 0.1 * (i % 2)),
                   ["kessburg", "varnia"]) for i in range(2000)]  # cosine 0.995-0.9998
    other = [member(f"other{i}", near(ALIKE, 5000 + i), ["estrana", "porto lume"])
             for i in range(5)]
    started = time.perf_counter()
    stories = find_stories(wire + other)
    assert time.perf_counter() - started < 5  # measured 0.5 s; it was 1.6 s for 13 stories
    assert sorted(len(s.docs) for s in stories) == [5, 2000]


WIDE = np.eye(384)[0]  # as many dimensions as MiniLM: pairs of one event at cosine ~0.73
WIDE_ALIKE = 0.8 * np.eye(384)[0] + 0.6 * np.eye(384)[1]


def test_three_thousand_reports_of_one_event_are_one_story_beside_another_event():
    import time

    event = []
    for i in range(3000):
        draw = np.random.default_rng(100 + i)
        names = [n for n in ("kessburg", "varnia", "river ost", "mayor lind")
                 if draw.random() < 0.7] or ["kessburg"]
        event.append(member(f"r{i}", near(WIDE, 10_000 + i, spread=0.6),
                            [*names, f"witness {i}"], date=f"2025-08-1{i % 5}"))
    other = [member(f"o{i}", near(WIDE_ALIKE, 20_000 + i, spread=0.6),
                    ["estrana", "porto lume"]) for i in range(300)]
    started = time.perf_counter()
    stories = find_stories(event + other)
    assert time.perf_counter() - started < 20  # measured 3.7 s on 2 shared cores
    assert sorted(sorted(s.docs)[0][0] for s in stories) == ["o", "r"]
    assert sorted(len(s.docs) for s in stories) == [300, 3000]


def short(doc, vector, entities, words, date="2025-03-04"):
    return Member(doc, doc, date, np.asarray(vector, dtype=np.float32), tuple(entities),
                  None, "", words, 100)


def test_short_reports_naming_one_thing_each_are_grouped_by_their_event_words():
    words = "miner trap collaps coal mine rescu"
    karvel = [short(f"k{i}", near(WIDE, i), ["karvel"], words + " tunnel")
              for i in range(4)]
    ostra = [short(f"o{i}", near(WIDE_ALIKE, 10 + i), ["ostra"], words + " provinc")
             for i in range(4)]
    vague = [short("v", near(WIDE, 30), [], "men trap tunnel dawn company")]
    (story,) = find_stories(karvel + ostra + vague)
    assert len(story.docs) == 9
    # The same reports as long ones: naming nothing in common still vetoes the link.
    long = [replace(m, chars=5000) for m in karvel + ostra]
    assert sorted(len(s.docs) for s in find_stories(long)) == [4, 4]


def test_short_reports_of_another_mine_naming_two_other_places_are_another_story():
    words = "miner trap collaps coal mine rescu"
    karvel = [short(f"k{i}", near(WIDE, i), ["karvel"], words) for i in range(4)]
    dunmore = [short(f"d{i}", near(WIDE, 10 + i), ["dunmore", "pella"], words)
               for i in range(3)]
    later = [short(f"l{i}", near(WIDE, 20 + i), ["ostra"], words, date="2025-03-20")
             for i in range(2)]
    groups = sorted(sorted(s.docs) for s in find_stories(karvel + dunmore + later))
    assert groups == [["d0", "d1", "d2"], ["k0", "k1", "k2", "k3"], ["l0", "l1"]]


MINE = [
    ("Karvel Post", "2025-03-04", "Twelve miners are trapped after a tunnel collapsed at the "
     "Karvel coal mine, the operator said on Tuesday."),
    ("Ostra Daily", "2025-03-04", "Rescuers are trying to reach 40 miners trapped underground "
     "in Ostra province after a collapse."),
    ("Wire One", "2025-03-04", "A mine collapse in northern Ostra has left 12 workers trapped. "
     "Rescue teams are drilling a shaft."),
    ("Mining Weekly", "2025-03-05", "At least 40 miners remain trapped at Karvel, the provincial "
     "governor said. Air is being pumped into the tunnel."),
    ("City Herald", "2025-03-05", "Families gathered at the Karvel pit head overnight as "
     "rescuers worked to free the trapped miners."),
    ("Global News", "2025-03-05", "Forty coal miners are trapped in a collapsed mine in Ostra, "
     "officials said on Wednesday."),
    ("The Courier", "2025-03-04", "Governor Ana Brel said 12 miners were trapped and rescue "
     "crews had reached the second level."),
    ("Evening Star", "2025-03-05", "The operator of the Karvel mine said contact had been made "
     "with the 12 trapped miners."),
    ("Press Agency", "2025-03-05", "Rescue teams in Ostra province said 40 miners were still "
     "trapped underground after Tuesday's collapse."),
    ("Local FM", "2025-03-04", "A collapse at a coal mine near Dovra trapped twelve workers on "
     "Tuesday morning."),
    ("Bulletin", "2025-03-05", "Drilling continued at the collapsed Karvel coal mine where "
     "miners have been trapped since Tuesday."),
]


@pytest.mark.slow
def test_short_reports_of_one_mine_collapse_are_one_story_showing_12_against_40(
        tmp_path, real_embedder):
    folder = tmp_path / "corpus"
    shutil.copytree(STORIES_CORPUS, folder, ignore=shutil.ignore_patterns("*.md"))
    for number, (source, date, text) in enumerate(MINE):
        write(folder, f"mine{number:02d}.md", f"---\ntitle: {text.split('.')[0][:70]}\n"
              f"source: {source}\ndate: {date}\n---\n{text}\n")
    engine = Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=folder),
                    embedder=real_embedder)
    engine.index()
    groups = sorted(sorted(s.docs) for s in engine.stories())
    assert len(groups) == 4
    assert [f"mine{n:02d}" for n in range(len(MINE))] in groups
    answer = engine.ask("how many miners are trapped?")
    assert {12, 40} <= {f.value for s in answer.disagreements for f in s.figures}


BRIDGE = ("---\ntitle: Bridge collapse in Tarvos kills four\nsource: Valley Gazette\n"
          "date: 2025-11-19\n---\nA road bridge over the Lenna river collapsed in Tarvos on "
          "Wednesday, killing four people and injuring nine, the city's fire department said."
          "\n\nTwo cars and a delivery van fell into the river when the central span gave way "
          "during the morning rush hour.\n")


@pytest.mark.slow
def test_a_lone_article_on_its_own_event_is_a_story_and_first_for_questions_about_it(
        tmp_path, real_embedder):
    folder = tmp_path / "corpus"
    shutil.copytree(STORIES_CORPUS, folder, ignore=shutil.ignore_patterns("*.md"))
    write(folder, "tarvos_bridge.md", BRIDGE)
    engine = Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=folder),
                    embedder=real_embedder)
    engine.index()
    (bridge,) = [s for s in engine.stories() if s.docs == ("tarvos_bridge",)]
    for question in ("how many people died when the bridge collapsed?",
                     "how many were injured when the bridge gave way?"):
        answer = engine.ask(question)
        assert answer.passages[0].story.id == bridge.id, question
        figures = {f.value for s in (*answer.disagreements, *answer.agreements)
                   if s.story.id == bridge.id for f in s.figures}
        assert figures & {4, 9}, question
    ferry = engine.ask("what's the death toll from the Stella Marenna sinking now?")
    assert bridge.id not in {p.story.id for p in ferry.passages}
