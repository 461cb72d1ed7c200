"""Stories: the Articles of one event, found at index time, and figures kept inside them."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from index.engine import Engine
from index.errors import QuestionError
from index.settings import Settings
from index.stories.cluster import Member, find_stories
from tests.conftest import ROOT, write

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
    with caplog.at_level("INFO", logger="index.store.indexer"):
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
