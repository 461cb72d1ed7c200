"""What a figure is about, as short key parts read from its clause's dependency parse.

Every figure the parser reads is kept as a Claim, whether or not the event rules give it a
slot: what tells one quantity from another is carried as `keys`, strings of the form
"part:lemma" — the counted noun ("noun:page"), its modifiers ("mod:printed"), the verb
("verb:receive"), its subject when that is not what is counted ("subj:primary"), the
objects of prepositions on the noun and the verb ("of:email", "for:ad"), names in the
clause ("name:brooke"), a date's role in a span ("role:start" for "from 1966", "role:end"
for "to 1978" or "ends in 2019"), a year the clause names ("time:2019": the period of
"2,000 were cut in 2019") and the other content words of the clause ("w:senate").
Measures are matched on these short parts, never on the whole sentence (see
answers/measures.py): whole-clause similarity confuses the distinguishing modifier
(federal / state, one night / the previous one).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

CONTENT = {"NOUN", "PROPN", "VERB", "ADJ", "ADV"}
CLAUSES = {"ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "parataxis"}
MAX_WORDS = 12  # clause words kept per figure: enough for a clause, bounded for storage
PARENT_LEVELS = 2  # subjects of the reporting clauses above ("Republicans said ... 16")
YEAR = re.compile(r"1[89][0-9]{2}|20[0-9]{2}")


def figure_keys(token: Token, noun: Token | None = None) -> tuple[str, ...]:
    """The key parts of the figure whose number is `token` (see the module docstring)."""
    keys: dict[str, None] = {}
    if noun is not None:
        keys[f"noun:{_lemma(noun)}"] = None
        for child in noun.children:
            if child.dep_ in ("compound", "amod") and child.pos_ in CONTENT:
                keys[f"mod:{_lemma(child)}"] = None
    verb = governing_verb(token)
    if verb is not None:
        keys[f"verb:{_lemma(verb)}"] = None
        for subject in verb.children:  # "the primary would be held on April 30"
            if subject.dep_ in ("nsubj", "nsubjpass") and subject.pos_ in ("NOUN", "PROPN") \
                    and subject.i != token.i and (noun is None or subject.i != noun.i):
                keys[f"subj:{_lemma(subject)}"] = None
    for node in (n for n in (token, noun, verb) if n is not None):
        for prep in node.children:
            if prep.dep_ in ("prep", "agent"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.pos_ in CONTENT and obj.i != token.i:
                        keys[f"{prep.lower_}:{_lemma(obj)}"] = None
    role = time_role(token, verb)
    if role:
        keys[f"role:{role}"] = None
    for year in clause_years(token, verb):
        keys[f"time:{year}"] = None
    for day in clause_days(token, verb):
        keys[f"day:{day}"] = None
    for word in clause_words(token, verb):
        prefix = "name" if word.pos_ == "PROPN" else "w"
        keys[f"{prefix}:{_lemma(word)}"] = None
    return tuple(keys)


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def governing_verb(token: Token) -> Token | None:
    """The verb of the figure's clause: the nearest verb above it ("took the 35-word oath":
    took)."""
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


def time_role(token: Token, verb: Token | None) -> str | None:
    """'from 1966', 'since 2002' start a span; 'to 1978', 'until 2019', 'ends in 2018',
    'his final day will be Feb. 28' end one (the registry's TIME_ROLES say which words do)."""
    head = token.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        role = lexicon.TIME_ROLES.get(head.lower_)
        if role:
            return role
    if verb is None:
        return None
    role = lexicon.TIME_ROLES.get(_lemma(verb))
    return role or next((lexicon.TIME_ROLES[m.lower_] for noun in _subjects(verb)
                         for m in noun.children
                         if m.dep_ == "amod" and m.lower_ in lexicon.TIME_ROLES), None)


def _subjects(verb: Token) -> list[Token]:
    """The verb's subjects; for a clause with none under a verb of saying ("indicates his
    final day will be Feb. 28"), the object the parser hung on that verb before it."""
    found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not found and verb.dep_ == "ccomp":
        found = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
    return found


def clause_years(token: Token, verb: Token | None) -> list[str]:
    """Years the figure's own clause names ("2,000 were cut in 2019"; not "Completed in
    1876, it carries the line on 23 arches", where the year is another clause's): the
    period the figure is of."""
    if verb is None:
        return []
    return [t.text for t in _own_clause(verb, token) if t.i != token.i and
            YEAR.fullmatch(t.text) and t.head.i != token.i]


def clause_days(token: Token, verb: Token | None) -> list[str]:
    """Days the figure's own clause is anchored to ("87 were arrested on Wednesday", "the
    previous night"): the registry's DAY_WORDS, and "night" after "previous" or "last"."""
    if verb is None:
        return []
    out = []
    for word in _own_clause(verb, token):
        if _of_another_figure(word, token, verb):
            continue  # "87 arrested, up from 112 the previous night": the 112's night
        lower = word.lower_
        if lower in lexicon.DAY_WORDS:
            out.append(lower)
        elif lower in ("night", "evening", "morning") and any(
                c.lower_ in ("previous", "last", "same") for c in word.children):
            out.append(" ".join(t.lower_ for t in word.subtree if t.pos_ != "DET"))
    return out


def _of_another_figure(word: Token, token: Token, verb: Token) -> bool:
    """Whether a word hangs from another number of the clause before its verb."""
    for head in word.ancestors:
        if head.i in (token.i, verb.i):
            return False
        if any(n.like_num and n.i != token.i for n in (head, *head.children)):
            return True  # "up from 112 the previous night": the night is the 112's
    return False


def clause_words(token: Token, verb: Token | None) -> list[Token]:
    """Content words of the figure's own clause (its verb's subtree, nested clauses left
    out), then the subjects of the clauses it is reported in."""
    if verb is None:
        return []
    inside = _own_clause(verb, token)
    words = [t for t in inside if t.pos_ in CONTENT and not t.is_stop and t.i != token.i
             and t.is_alpha]
    above = verb
    for _ in range(PARENT_LEVELS):
        if above.dep_ not in CLAUSES or above.head.i == above.i:
            break
        above = above.head
        if above.dep_ == "relcl" or above.pos_ in ("NOUN", "PROPN"):
            words.append(above)  # "Edward Brooke, who served ...": what the clause is about
        words += [t for c in above.children if c.dep_ in ("nsubj", "nsubjpass")
                  for t in c.subtree if t.pos_ in CONTENT and not t.is_stop and t.is_alpha]
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        words.append(verb.head)
    return words[:MAX_WORDS]


def _own_clause(verb: Token, token: Token) -> list[Token]:
    """The tokens of a verb's clause, without the clauses nested in it that do not hold the
    figure."""
    keep: list[Token] = []
    path = {a.i for a in token.ancestors} | {token.i}
    stack = [verb]
    while stack:
        node = stack.pop()
        keep.append(node)
        stack += [c for c in node.children
                  if c.dep_ not in CLAUSES or c.i in path or _verbless(c)]
    return sorted(keep, key=lambda t: t.i)


def _verbless(node: Token) -> bool:
    """A predicate adjective the parser hangs as a clause of its own ("8,700 ballots had
    been set aside as invalid": an adverbial clause of "set"): with no verb of its own it
    says what the clause's verb makes of what is counted, and belongs to that clause."""
    return node.pos_ == "ADJ" and not any(c.pos_ in ("VERB", "AUX") for c in node.subtree)
