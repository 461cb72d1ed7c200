"""Generations dropped after a swap: only those not kept, however `keep` is given."""

from __future__ import annotations

from index.settings import Settings
from index.store.chroma import Store
from tests.conftest import write
from tests.index.store.test_folder import REPORT, engine


def test_the_kept_generation_and_its_articles_survive_a_drop_given_an_iterator(tmp_path):
    corpus = write(tmp_path / "corpus", "a.txt", REPORT.format(n=40, town="Ely")).parent
    engine(tmp_path / "db", corpus).index()
    store = Store.open(Settings(chroma_path=tmp_path / "db"))
    active = store.active_name()
    assert active is not None
    assert store.drop_stale(iter([active])) == []
    assert store.active_name() == active and store.count(active) > 0
    assert store.article_texts(active, ["a"])  # its Articles' collection is still there
