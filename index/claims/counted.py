"""What a figure counts, from the dependency parse of its sentence.

"twelve officers" counts officers; "13 members of the security forces" the members of the
security forces; "353 wounded" after "12 officers were killed" the same officers (elided);
"Of these, 400 ..." what the previous figure counted. A figure that is part of another
("including two", "one of the dead") or ends a name ("Khabar 24") counts nothing of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Claim
from . import lexicon
from .attribution import span_text
from .lexicon import grammar

if TYPE_CHECKING:
    from spacy.tokens import Token

NP_DEPS = {"compound", "amod", "nmod", "poss", "case"}


def is_subset(token: Token) -> bool:
    """'including two', 'one of the dead', '54 of them': part of another figure."""
    if any(a.lower_ in grammar.SUBSET_WORDS for a in [token, *list(token.ancestors)[:3]]):
        return True
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is not None and any(c.dep_ == "prep" and c.lower_ == "among" for c in verb.children):
        return True  # "1,400 hectares of olive groves are among the land burned"
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if any(d.dep_ == "nummod" for d in obj.children):
                    return False  # "12 of the 50 passengers": the part of a stated whole
                if obj.pos_ == "PRON" or any(d.dep_ in ("det", "poss") for d in obj.children):
                    return True
    return False


def whole_of_part(token: Token) -> bool:
    """'killed 12 of the 50 passengers', 'taking 168 of the 300 seats': the 50 and the 300
    are the size of the group the figure is a part of; the verb reports the part, so the
    whole is no figure of its event."""
    noun = token.head if token.dep_ == "nummod" else None
    of = noun.head if noun is not None and noun.dep_ == "pobj" else None
    return of is not None and of.lower_ == "of" and of.head.pos_ == "NUM"


def stated_whole(token: Token) -> Token | None:
    """The figure of 'Of the 214 cases, 61 have been confirmed' that 61 is a part of, or
    None: a fronted "of" phrase on the figure's verb holding a number of its own."""
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i < token.i and \
                token.i not in {t.i for t in prep.subtree}:
            whole = next((g for o in prep.children for g in o.children if g.pos_ == "NUM"),
                         None)
            if whole is not None:
                return whole
    return None


def in_name(token: Token) -> bool:
    """'Khabar 24', 'France 24', 'Apollo 11': a number that ends a proper name."""
    head = token.head
    return token.dep_ in ("nummod", "compound", "appos") and head.pos_ == "PROPN" \
        and head.i < token.i


def noun_of(token: Token) -> Token | None:
    """The noun a number counts: its head for 'twelve officers', itself for '353 wounded'."""
    if token.dep_ in ("nummod", "quantmod", "compound") and token.head.pos_ in ("NOUN", "PROPN"):
        noun = token.head
    elif token.pos_ in ("NOUN", "PROPN") or token.dep_ in ("nsubj", "nsubjpass", "dobj",
                                                            "pobj", "conj", "appos", "attr"):
        noun = token
    else:
        return None
    # "13 members of the security forces", "dozens of protesters": the people are after "of".
    if noun.lower_ in grammar.PARTITIVE or noun.i == token.i:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects and objects[0].pos_ in ("NOUN", "PROPN"):
                    return objects[0]
    return None if noun.i == token.i else noun


def phrase(noun: Token) -> list[Token]:
    """The tokens naming who is counted: modifiers, the noun, coordinated nouns."""
    def kept(token: Token) -> bool:
        while token.i != noun.i:
            coordinated = token.dep_ in ("conj", "cc") and token.head.i == noun.i and \
                token.lower_ not in grammar.MEASURES and not any(
                    c.dep_ in ("prep", "nummod") for c in token.children)  # its own figure
            if token.dep_ not in NP_DEPS and token.tag_ != "HYPH" and not coordinated:
                return False
            token = token.head
        return True

    tokens = [t for t in noun.subtree if kept(t) and t.pos_ not in ("NUM", "DET")
              and t.dep_ != "nummod"]
    while tokens and tokens[-1].dep_ in ("cc", "punct"):  # "villages and [the number ...]"
        tokens.pop()
    return tokens


def counted_phrase(token: Token, same_sentence: list[Claim], earlier: list[Claim]
                   ) -> tuple[str, str]:
    """(what is counted as written, its kind) for a number token."""
    noun = counted_noun(token)
    if noun is None:
        # Elided: "12 officers were killed and 353 wounded" -> officers; "Of these, 400 ..."
        source = elided_source(same_sentence) or antecedent(token, earlier)
        if source is not None and source.dimension == "count":
            return source.counted, source.kind
        return "", "people"
    return noun_phrase(noun, token)


def changed_object(token: Token) -> Token | None:
    """The Y of 'raise Y to 66', 'put Y at 480,000', 'cut Y from 10 to 8'."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in ("to", "at", "from"):
        return None
    verb = prep.head
    while verb.dep_ == "prep" and verb.head.i != verb.i:  # "from 63 to 66"
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    thing = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                  and c.pos_ == "NOUN"), None)
    if thing is not None and thing.lower_ in grammar.MEASURES:  # "put the number of evacuees at"
        inner = next((g for c in thing.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
        return inner or thing
    return thing


def counted_noun(token: Token) -> Token | None:
    """The noun a figure counts, wherever the sentence puts it (None when elided)."""
    return noun_of(token) or measured_subject(token) or changed_object(token) or \
        preceding_measure(token)


def preceding_measure(token: Token) -> Token | None:
    """'... and the number of people forced from their homes climbed to 3,200': a figure
    after "rose/climbed to" whose verb lost its subject to the parser counts the X of the
    nearest "the number of X" before it."""
    if token.dep_ != "pobj" or token.head.lower_ != "to":
        return None
    for word in reversed(token.doc[token.sent.start:token.i]):
        if word.lower_ in grammar.MEASURES:
            return next((g for c in word.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
    return None


def noun_phrase(noun: Token, token: Token | None = None) -> tuple[str, str]:
    """(the counted phrase as written, its kind) for the noun a figure counts."""
    tokens = phrase(noun)
    group = noun.head.head
    if token is not None and noun.head.lower_ == "of" and group.lower_ in grammar.PARTITIVE \
            and group.i > token.i:
        tokens = [group, noun.head, *tokens]  # "13 members of the security forces"
    text = span_text(tokens) if tokens else noun.text
    words = [t.lemma_.lower() for t in tokens] + [t.lower_ for t in tokens]
    kind = lexicon.kind_of(words)
    if kind not in lexicon.PERSON_KINDS and kind != "homes":
        kind = noun.lemma_.lower()  # a thing: its head noun ("villages" -> "village")
    return text, lexicon.with_status(kind, words)


def measured_subject(token: Token) -> Token | None:
    """The X of 'the number/toll/total of X ... rose to N' (the verb's subject)."""
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if verb else []
    if not subjects or subjects[0].lower_ not in grammar.MEASURES:
        return None
    for prep in subjects[0].children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
            if objects:
                return objects[0]
    return None


def antecedent(token: Token, earlier: list[Claim]) -> Claim | None:
    """The figure "Of these, ..." / "These ..." refers back to, at the start of a sentence."""
    words = [t.lower_ for t in token.sent[:3]]
    starts_back = words[:1] in (["these"], ["those"]) or (
        words[:1] == ["of"] and words[1:2] in (["these"], ["those"], ["them"], ["whom"]))
    return earlier[-1] if starts_back and earlier else None


def elided_source(same_sentence: list[Claim]) -> Claim | None:
    """The figure an elided one ("... and 353 wounded", "including 350,000 in the capital")
    shares its noun with: the nearest earlier count of people in the sentence, else the
    nearest count."""
    counts = [c for c in same_sentence if c.dimension == "count"]
    people = [c for c in counts if c.kind in lexicon.PERSON_KINDS]
    found = people or counts
    return found[-1] if found else None
