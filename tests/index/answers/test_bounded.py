"""Relations and figures shown stay bounded however large the corpus (reliability item 7)."""

from __future__ import annotations

import json

from index.engine import Engine
from index.render.serialize import answer_to_json
from index.settings import Settings
from tests.conftest import HashEmbedder, write


def test_an_answer_over_hundreds_of_tolls_lists_a_bounded_slot(tmp_path):
    corpus = tmp_path / "corpus"
    for n in range(300):  # one story (pinned), every report with its own toll
        write(corpus, f"r{n:03d}.txt", f"---\ntitle: Flood report {n}\nsource: Outlet {n}\n"
              f"date: 2024-05-{1 + n % 28:02d}\nstory: river flood\n---\n"
              f"Officials said {100 + n} people died in the river flood on Monday.\n")
    engine = Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=corpus),
                    embedder=HashEmbedder())
    engine.index()
    answer = engine.ask("how many people died in the river flood")
    (slot,) = answer.disagreements
    assert len(slot.figures) == 8 and slot.more == 292
    assert len(slot.relations) == 8 * 7 // 2
    printed = json.dumps(answer_to_json(answer))
    assert len(printed) < 20_000 and '"more": 292' in printed
    (dispute,) = engine.disputes()
    assert len(dispute.figures) == 8
