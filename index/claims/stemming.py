"""Stemming: the one form of each word that the lexical index (BM25) and the matching of
questions to sentences and figures (answers.keyparts and its readers) compare. A role's
gendered and neutral forms ("spokesman", "spokesperson") are one word (`_gendered_role`).

Snowball cuts regular endings ("pages"/"page", "leading"/"lead") but leaves a verb's
irregular forms as written, and news reports in the past what a question asks in the base
form: "how much did they pay" / "paid", "who won" / "won", "when will he leave" / "left",
"the swearing-in" / "was sworn in". Each irregular verb form of spaCy's English lemmatizer
(its model package's exception table, kept in verb_forms.json) is therefore read as its
base verb before Snowball cuts it, unless the form is a verb of its own ("found",
"wound", "saw", "lay" are base verbs too): such a form is left as written, as Snowball
reads it.

Measured on realdev, the public files and four sets of questions testers wrote on real
news: MRR up by 0.02-0.03 on three of the testers' sets, one more unanswerable question
unanswered, the public files unchanged; realdev's MRR down by 0.02 on one question ("where
was the server kept" now also meets "she chose not to keep her personal emails").
"""

from __future__ import annotations

import functools
import json
import re
import threading
from pathlib import Path
from typing import Any

from .lexicon import grammar

VERB_FORMS = Path(__file__).with_name("verb_forms.json")  # written by `write_forms`
_LOCAL = threading.local()


@functools.cache
def irregular_verbs() -> dict[str, str]:
    """Irregular verb form -> its base verb ("sworn" -> "swear", "paid" -> "pay"), for the
    forms Snowball does not already bring to the base's stem; read once, on first use, from
    VERB_FORMS (see `forms_from_spacy`)."""
    return json.loads(VERB_FORMS.read_text(encoding="utf-8"))


def forms_from_spacy() -> dict[str, str]:
    """The table VERB_FORMS holds, as spaCy's model gives it: each form of its English
    lemmatizer's verb exceptions that is no base verb itself, whose Snowball stem is not its
    base's. Kept in a file rather than read at run time: importing spaCy costs a cold `ask`
    ~0.6 s in the process that answers (its parser loads in a worker process,
    claims.ahead); a test checks that the file is what this gives."""
    from .extract import SPACY_MODEL
    from .spacy_import import import_spacy

    import_spacy()
    from spacy.lookups import Lookups
    from spacy.util import get_package_path

    folder = next(get_package_path(SPACY_MODEL).glob("*/lemmatizer/lookups"))
    lookups = Lookups().from_disk(folder)
    forms = lookups.get_table("lemma_exc")["verb"]
    verbs = set(lookups.get_table("lemma_index")["verb"])
    snowball = _snowball()
    return dict(sorted((form, bases[0]) for form, bases in forms.items()
                       if form not in verbs and form.isalpha()
                       and snowball.stemWord(form) != snowball.stemWord(bases[0])))


def write_forms() -> None:
    """Regenerate VERB_FORMS from the installed spaCy model (after upgrading it)."""
    VERB_FORMS.write_text(json.dumps(forms_from_spacy(), indent=0) + "\n", encoding="utf-8")


@functools.cache
def _gendered_role() -> re.Pattern[str]:
    """A role's gendered and neutral forms, read as one word: an outlet's "spokesman" or
    "spokeswoman" is the "spokesperson" a question asks about, "chairmen" the "chairpeople".
    Built from the registry's compounds (grammar.GENDERED_COMPOUNDS), so that "German" or
    "human" stay as written. Measured on the testers' sets of real news: one more who-question
    answered in the top 5 ("who is the clinton spokesperson"); no other score moved on any
    file."""
    compounds = "|".join(grammar.GENDERED_COMPOUNDS)
    return re.compile(rf"(?P<role>{compounds})(?:(?:wo)?m[ae]n|persons?|people)")


def _snowball() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


class WordStemmer:
    """Snowball (PyStemmer, as bm25s takes it) after irregular verb forms are read as their
    base verb. Like PyStemmer's, one object is not safe to share between threads."""

    def __init__(self) -> None:
        self._snowball = _snowball()
        self._irregular = irregular_verbs()

    def stemWord(self, word: str) -> str:  # PyStemmer's name: bm25s calls it
        role = _gendered_role().fullmatch(word)
        if role:
            return role.group("role") + "person"
        return self._snowball.stemWord(self._irregular.get(word, word))

    def stemWords(self, words: list[str]) -> list[str]:
        return [self.stemWord(word) for word in words]


def _stemmer() -> WordStemmer:
    """This thread's stemmer (see WordStemmer: questions are answered in several at once)."""
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        stemmer = _LOCAL.stemmer = WordStemmer()
    return stemmer


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word's stem ("pages"/"page", "paid"/"pay"), cached: a Story's figures and
    passages repeat their words."""
    return _stemmer().stemWord(word.lower())
