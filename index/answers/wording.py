"""Disagreements that are not numbers: outlets that describe one person differently.

The method is narrow on purpose so that it carries over to any news: a gendered role word
("spokesman"/"spokeswoman", "chairman"/"chairwoman", "actor"/"actress", "Mr"/"Ms") placed
right before or after a full name. When different Articles give the same name roles of
opposite gender, at least one of them is wrong, and the answer shows each wording with its
outlets instead of silently picking one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..claims.lexicon import grammar
from ..ingest.chunking import split_sentences
from ..records import Wording

COMPOUND = rf"(?:{'|'.join(grammar.GENDERED_COMPOUNDS)})"  # "spokes" of "spokeswoman"
ROLE = (rf"(?:{COMPOUND}(?:wo)?m[ae]n|"
        + "|".join(sorted(grammar.FEMALE | grammar.MALE, key=len, reverse=True)) + r")")
NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}"
# The role word in any case ("Spokesman", "spokesman"); the name capitalised as written.
BEFORE = re.compile(rf"\b(?P<role>(?i:{ROLE}))\.?\s+(?P<name>{NAME})")
AFTER = re.compile(rf"(?P<name>{NAME}),\s+(?:(?i:a|an|the)\s+)?(?:[\w-]+\s+){{0,3}}"
                   rf"(?P<role>(?i:{ROLE}))\b")


@dataclass(frozen=True)
class Mention:
    """One Article's wording for one person, with the sentence it stands in."""

    name: str
    role: str
    gender: str
    doc_id: str
    source: str
    quote: str


def gender(role: str) -> str:
    word = role.lower().rstrip(".")
    if word in grammar.FEMALE or re.search(r"wom[ae]n$", word):
        return "female"
    return "male"


def mentions(text: str, doc_id: str, source: str) -> list[Mention]:
    """Every role+name mention in a text, sentence by sentence."""
    return list(_mentions(text, doc_id, source))


# Every question scans ~40 candidate passages, and the same passages come back question
# after question: scanning each once saves ~3 ms of a ~12 ms ask (measured on 2 cores).
@functools.lru_cache(maxsize=2048)
def _mentions(text: str, doc_id: str, source: str) -> tuple[Mention, ...]:
    found = []
    for sentence in split_sentences(text):
        for pattern in (BEFORE, AFTER):
            for match in pattern.finditer(sentence.text):
                name, role = " ".join(match.group("name").split()), match.group("role")
                found.append(Mention(name, role.lower(), gender(role), doc_id, source,
                                     sentence.text))
    return tuple(found)


def passages_wording(passages: Iterable, shown: Iterable) -> tuple[Wording, ...]:
    """Wording disputes among candidate passages about people named in the shown ones."""
    found = [m for p in passages for m in mentions(p.text, p.doc_id, p.source)]
    texts = [p.text for p in shown]
    return tuple(w for w in wording_disputes(found) if any(w.name in t for t in texts))


def wording_disputes(found: Iterable[Mention]) -> list[Wording]:
    """Names given roles of opposite gender by at least two Articles."""
    by_name: dict[str, list[Mention]] = {}
    for mention in found:
        by_name.setdefault(mention.name, []).append(mention)
    disputes = []
    for name, group in sorted(by_name.items()):
        if len({m.gender for m in group}) < 2 or len({m.doc_id for m in group}) < 2:
            continue
        roles = list(dict.fromkeys(m.role for m in group))
        of = [[m for m in group if m.role == r] for r in roles]
        disputes.append(Wording(
            name=name, roles=tuple(roles),
            sources=tuple(tuple(dict.fromkeys(m.source for m in ms)) for ms in of),
            docs=tuple(tuple(dict.fromkeys(m.doc_id for m in ms)) for ms in of),
            quotes=tuple(ms[0].quote for ms in of)))
    return disputes
