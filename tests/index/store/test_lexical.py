"""The lexical index: built and swapped per generation, rebuilt where it is missing."""

from __future__ import annotations

import shutil

from index.engine import Engine
from index.settings import Settings
from index.store.lexical import LexicalIndex
from tests.conftest import HashEmbedder, write


def test_exact_words_rank_the_chunk_that_holds_them_and_nothing_matches_nothing(tmp_path):
    index = LexicalIndex.build(["a", "b", "c"], [
        "The blaze had now burned 14,200 hectares.", "Police arrested 87 people nationwide.",
        "The Agia Sofronia sank in 1998 with the loss of 94 lives."])
    index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    assert loaded.search("how many hectares has it burned?", 5)[0][0] == "a"
    assert loaded.search("Agia Sofronia", 5)[0][0] == "c"
    assert loaded.search("sourdough bread recipe", 5) == []
    assert LexicalIndex.load(tmp_path / "missing") is None


def test_each_generation_has_its_own_lexical_index_and_a_missing_one_is_rebuilt(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Officials said 30 homes were destroyed by the flood in Ravel.\n")
    engine = Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=corpus),
                    embedder=HashEmbedder())
    engine.index()
    first = engine.store.active_name()
    assert (engine.store.lexical_dir(first) / "chunk_ids.json").is_file()
    write(corpus, "b.txt", "Rescuers in Ravel pulled 12 people from the water.\n")
    engine.index()
    second = engine.store.active_name()
    assert second != first and (engine.store.lexical_dir(second) / "chunk_ids.json").is_file()
    shutil.rmtree(engine.store.lexical_dir(second))  # e.g. an index built on another machine
    fresh = Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=corpus),
                   embedder=HashEmbedder())
    assert [cid for cid, _ in fresh.corpus().lexical.search("rescuers water", 3)]
    assert (fresh.store.lexical_dir(second) / "chunk_ids.json").is_file()


def test_the_best_chunks_are_those_bm25s_itself_ranks_first():
    # Most Chunks share no word with a question (a score of 0); the top k is taken among
    # the others, and must be what the library's own top-k gives.
    texts = [f"filler text number {i} about harbours and ferries" for i in range(3000)]
    texts += [f"{n} officers died in the clashes, police said" for n in range(1, 40)]
    texts += ["officers were hurt", "the protesters died"]
    index = LexicalIndex.build([f"c{i}" for i in range(len(texts))], texts)
    found = index.search("how many officers died", 25)
    tokens = [t for t in index.words("how many officers died")
              if t in index._retriever.vocab_dict]
    _, scores = index._retriever.retrieve([tokens], k=25, show_progress=False, n_threads=0)
    assert sorted(round(s, 5) for _, s in found) == sorted(round(float(s), 5)
                                                          for s in scores[0])
    assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
    assert all("officers died" in texts[int(cid[1:])] for cid, _ in found[:20])
    assert index.search("ferries", 5000)[-1][1] > 0  # only Chunks that share a word


def test_ligatures_and_full_width_letters_match_either_way(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "The ﬁreﬁghters said the ﬂames reached ＲＥＤＷＯＯＤ ridge.\n")
    write(corpus, "b.txt", "Officials said 30 homes were destroyed by the flood in Ravel.\n")
    engine = Engine(Settings(chroma_path=tmp_path / "db", corpus_dir=corpus),
                    embedder=HashEmbedder())
    engine.index()
    index = LexicalIndex.load(engine.store.lexical_dir(engine.store.active_name()))
    found = {question: [cid for cid, _ in index.search(question, 5)] for question in (
        "firefighters flames", "ﬁreﬁghters ﬂames", "Redwood ridge", "ＲＥＤＷＯＯＤ")}
    (chunk,) = found["firefighters flames"]  # a's one Chunk; b shares none of these words
    assert all(ids == [chunk] for ids in found.values()), found


def test_a_hyphenated_word_is_found_written_solid_and_hyphenated(tmp_path):
    index = LexicalIndex.build(["a", "b"], ["Lawyers for Wal-Mart argued the e-mail was lost.",
                                            "The mall opened a new store on Tuesday."])
    assert index.search("walmart lawyers", 5)[0][0] == "a"
    assert [cid for cid, _ in index.search("email", 5)] == ["a"]
    assert index.knows(index.words("walmart")[0])
    solid = LexicalIndex.build(["a"], ["She sent the email from Walmart headquarters."])
    assert [cid for cid, _ in solid.search("wal-mart e-mail", 5)] == ["a"]


def test_an_index_saved_with_words_cut_another_way_is_rebuilt(tmp_path):
    from index.store.lexical import TOKENS_FILE

    LexicalIndex.build(["a"], ["Lawyers for Wal-Mart argued."]).save(tmp_path / "lex")
    assert LexicalIndex.load(tmp_path / "lex") is not None
    (tmp_path / "lex" / TOKENS_FILE).unlink()  # saved before words were cut this way
    assert LexicalIndex.load(tmp_path / "lex") is None  # the engine rebuilds it


def test_a_question_in_the_base_form_finds_the_past_form():
    # News reports in the past what a question asks in the base form: "who won" / "won",
    # "when was he sworn in" / "the swearing-in".
    index = LexicalIndex.build(["a", "b"], [
        "The mayor was sworn in on Monday before a crowd of 300.",
        "The council met on Monday to debate the budget for the bridge."])
    assert index.search("when was the swearing-in", 5)[0][0] == "a"
    assert index.search("how much did the county pay", 5) == []
    paid = LexicalIndex.build(["p", "q"], ["The county paid $4 million.", "The county met."])
    assert paid.search("how much did the county pay", 5)[0][0] == "p"
