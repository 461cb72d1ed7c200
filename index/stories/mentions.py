"""Names an Article writes that its own NER pass missed, found by the corpus's other reports.

The small spaCy model misses unfamiliar names now and then: in one report "The Bank of
Solvara raised its key rate" yields no entity at all, while the other report of the same
decision yields "bank of solvara". Two reports that share no entity are never put in one
Story (cluster.py), so one missed name split a two-report Story in two. A name the NER found
in any report of the corpus is a name wherever it is written capitalised: each Article's head
is searched for the capitalised phrases it writes, and those some report's NER named join its
entities (only for grouping; the stored entities stay the NER's own).

A word capitalised only because it opens a sentence ("Farmers' union Agrisol said") is not
taken from there: the NER mislabels such words now and then, and a spurious shared name
would let two unrelated reports be linked. A dateline's place ("CASSERA - ") is taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

CONNECTORS = r"(?:of|the|de|del|della|da|di|du|la|le|van|von|der|al|el|bin|y)"
WORD = r"[A-Z](?:[\w’'&-]|\.(?=\w))*"  # "U.S." but not the period that ends a sentence
CONNECTOR = re.compile(CONNECTORS)
RUN = re.compile(rf"{WORD}(?:\s(?:{CONNECTORS}\s)*{WORD})*")
SENTENCE_START = re.compile(r"(?:[.!?][\"'”’)]?\s+|\n\s*|[-–—:]\s+)$")
DATELINE = re.compile(r"^\s*([A-Z][A-Z .'’-]{2,40}?)(?:,[^-–—\n]{0,30})?\s+[-–—]\s", re.M)
POSSESSIVE = re.compile(r"['’]s?$")
MAX_WORDS = 5
SEPARATOR = "|"


def head_mentions(head: str) -> str:
    """The capitalised phrases a head writes, lowercased, joined by SEPARATOR (one string
    per Article: 100k passages keep ~8k of them, not a set of names each)."""
    found = []
    found += [m.group(1).strip().lower() for m in DATELINE.finditer(head)]
    for match in RUN.finditer(head):
        words = match.group(0).split()
        if _opens_sentence(head, match.start()):
            if match.group(0).isupper():
                continue  # a dateline (taken above) or a shouted opening
            words = words[1:]
            while words and CONNECTOR.fullmatch(words[0]):
                words = words[1:]
        if words:
            found.append(" ".join(POSSESSIVE.sub("", w) for w in words).lower())
    return SEPARATOR.join(dict.fromkeys(p for p in found if p))


def _opens_sentence(head: str, start: int) -> bool:
    before = head[max(0, start - 6):start]
    return not head[:start].strip() if start <= 6 else bool(SENTENCE_START.search(before))


def phrases(mentions: str) -> Iterable[str]:
    """Every contiguous run of up to MAX_WORDS words of each phrase that starts and ends
    with a name word ("bank of solvara" -> "bank", "solvara", "bank of solvara")."""
    for phrase in mentions.split(SEPARATOR) if mentions else ():
        words = phrase.split()
        for start in range(len(words)):
            if CONNECTOR.fullmatch(words[start]):
                continue
            for end in range(start + 1, min(len(words), start + MAX_WORDS) + 1):
                if not CONNECTOR.fullmatch(words[end - 1]):
                    yield " ".join(words[start:end])


def with_known_names(entities: Sequence[tuple[str, ...]],
                     mentions: Sequence[str]) -> list[tuple[str, ...]]:
    """Each Article's entities plus the names it writes that some Article's NER found."""
    known = {name for names in entities for name in names if len(name) > 2}
    out = []
    for names, written in zip(entities, mentions, strict=True):
        extra = [p for p in dict.fromkeys(phrases(written)) if p in known and p not in names]
        out.append(tuple(names) + tuple(extra))
    return out
