"""Numbers as news writes them: digits, number words and scales, on their own.

"1,250", "2.5bn", "forty-two", "a dozen", "half a million", "19 million", and vague amounts
("dozens", "tens of thousands") as intervals. `numbers.py` reads them in a sentence, with the
hedges, ranges and units around them.
"""

from __future__ import annotations

import math
import re

from .lexicon import figures

_SMALL = figures.NUMBER_WORDS
_SCALES = figures.SCALES
MULTIPLIERS = {**_SCALES, **figures.DOZEN}
SUFFIXES = figures.SUFFIXES
NEEDS_CURRENCY = figures.NEEDS_CURRENCY
# Vague words: conventional [low, high]; value is the low end.
_VAGUE_FIXED = figures.VAGUE_FIXED
_VAGUE_BASE = figures.VAGUE_BASE
_ABOVE_HUNDRED = "|".join(w for w, n in _SCALES.items() if n > 100)  # thousand ... trillion

_WORD = "(?:" + "|".join(sorted([*_SMALL, *MULTIPLIERS], key=len, reverse=True)) + r")\b"
# "and" joins number words only after a scale word: "one hundred and five", not "two and three".
WORD_PATTERN = _WORD  # one number word ("six", "forty"): what other patterns build on
_JOIN = r"(?:(?:" + "|".join(f"(?<={w})" for w in _SCALES) + r")\s+and\s+|\s+|-)"
_WORDS = (
    rf"(?<!\w)(?:(?:half\s+)?an?\s+(?=(?:{'|'.join(MULTIPLIERS)})\b))?"
    rf"{_WORD}(?:{_JOIN}{_WORD})*"
)
_VAGUE = (
    r"(?<!\w)(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
    r"|several\s+(?:dozen|hundred(?:\s+thousand)?|thousand|million|billion)"
    r"|a\s+handful|dozens|hundreds|thousands|millions|billions|(?:scores|tens)(?=\s+of\b))\b"
)
# Digits must stand alone: not inside "G7", "1.2.3", "10:30", "5/1", "#4" or "1,2,3".
_DIGITS = (
    r"(?P<digits>(?<![\w.,/#:])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
    r"(?![.,:/]?[0-9]))(?:(?P<suffix>"
    + "|".join(sorted(SUFFIXES, key=len, reverse=True)) + r")(?!\w)|\s+(?P<scale>"
    rf"(?:{'|'.join(MULTIPLIERS)})(?:\s+(?:{_ABOVE_HUNDRED}))?)\b)?"
)
CORE = re.compile(rf"(?P<vague>{_VAGUE})|(?P<words>{_WORDS})|{_DIGITS}", re.I)
# "the only fatality", "its sole death": a count of one (the registry's SOLE_WORDS).
SOLE = re.compile(rf"\b(?:the|its|their|his|her)\s+(?P<sole>{'|'.join(figures.SOLE_WORDS)})\s+"
                  rf"(?=(?:{'|'.join(figures.SOLE_OF)})\b)", re.I)
HINT = re.compile(
    r"[0-9]|\b(?:" + "|".join([*_SMALL, *MULTIPLIERS, "score", "handful"]) + ")", re.I
)
_TOKENS = re.compile(r"[\s-]+")
ARTICLE = re.compile(r"an?\s", re.I)


def may_hold_figure(sentence: str) -> bool:
    """Cheap pre-check: False means find_quantities(sentence) is certainly empty."""
    return HINT.search(sentence) is not None or SOLE.search(sentence) is not None


def parse_number(text: str) -> float | None:
    """The value of one number as written ("1,000", "2.5", "forty-two", "19 million"), or None.

    Vague words ("dozens") and anything that is not exactly one number give None.
    """
    m = CORE.fullmatch(text.strip())
    if m is None or m["vague"]:
        return None
    parsed = value_of(m)
    return parsed[0] if parsed is not None and math.isfinite(parsed[0]) else None


def value_of(m: re.Match[str]) -> tuple[float, float] | None:
    """(value, trailing scale) of a digits-or-words match; NaN if a scale word is unknown."""
    if m["words"]:
        return _words_value(m["words"])
    mult = 1.0
    if m["suffix"]:
        mult = SUFFIXES.get(m["suffix"].casefold(), math.nan)
    elif m["scale"]:
        for word in m["scale"].split():
            mult *= MULTIPLIERS.get(word.casefold(), math.nan)
    return float(m["digits"].replace(",", "")) * mult, mult


def _words_value(text: str) -> tuple[float, float] | None:
    """(value, trailing scale) of "two hundred and five", "a dozen", "half a million".

    None for sequences that are not one number, such as "two three".
    """
    total, current, mult = 0.0, 0.0, 1.0
    for token in _TOKENS.split(text.casefold()):
        if token in ("a", "an"):
            current = current or 1.0  # keeps the 0.5 of "half a million"
        elif token == "half":
            current = 0.5
        elif token in _SMALL:
            small = _SMALL[token]
            hundreds_free = current % 100 == 0  # "hundred and five", "thousand two"
            tens_then_unit = current % 100 >= 20 and current % 10 == 0 and small < 10
            if current and not (hundreds_free or tens_then_unit):
                return None
            current, mult = current + small, 1.0
        elif token in ("hundred", "dozen"):
            mult = MULTIPLIERS[token]
            current = (current or 1.0) * mult
        elif token in _SCALES:
            mult = _SCALES[token]
            total, current = total + (current or 1.0) * mult, 0.0
        elif token != "and":
            return None  # a Unicode look-alike that matched case-insensitively
    return total + current, mult


def vague_interval(text: str) -> tuple[float, float]:
    """[low, high] of a vague figure: "hundreds" is 200..999, "tens of thousands" 2e4..99999."""
    words = text.casefold().split()
    fixed = _VAGUE_FIXED.get(" ".join(words))
    if fixed is not None:
        return fixed
    base = math.prod(_VAGUE_BASE.get(word, 1.0) for word in words)
    return 2 * base, 10 * base - 1
