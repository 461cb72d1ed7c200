"""Units of measure after a figure, and the figure in a unit every outlet can be compared in.

`unit_after("14,200 hectares of forest", 6)` reads "hectares"; `normalize` turns 35,000 acres
into 14,164 hectares with pint, so "14,200 hectares" and "about 35,000 acres" compare as one
quantity while each outlet's figure is still shown as written. Money keeps its currency: two
amounts in different currencies are compared only where the article itself gives the rate
("€2.5m (about $2.7 million)"), never at a guessed one.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import figures

if TYPE_CHECKING:
    import pint

# The unit every outlet's figure is converted to before comparing, per category.
COMMON = {"area": "hectare", "speed": "kilometer/hour", "length": "kilometer", "mass": "tonne",
          "volume": "liter", "temperature": "degC", "duration": "day", "power": "megawatt",
          "energy": "megawatt_hour"}
# Symbols and codes written before an amount, and currency words written after one -> ISO
# code (the registry's CURRENCIES).
CURRENCY_SYMBOLS = {symbol: code for code, (before, _) in figures.CURRENCIES.items()
                    for symbol in before}
CURRENCY_WORDS = {word: code for code, (_, after) in figures.CURRENCIES.items()
                  for word in after}
_CURRENCY_AFTER = re.compile(
    r"(?:\s+of)?\s+(?:US\s+)?(?P<word>"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+")
               for w in sorted(CURRENCY_WORDS, key=len, reverse=True)) + r")\b", re.I)
_UNITS = tuple((re.compile(rf"(?:\s*|-)(?:of\s+)?(?P<u>{pattern})(?!\w)", re.I), category, unit)
               for pattern, category, unit in figures.UNITS)


@dataclass(frozen=True)
class Unit:
    """What a figure is measured in: `category` ("area", "currency", ...), the unit as the
    outlet `written` it, and its `canonical` name (a pint unit or an ISO currency code)."""

    category: str
    written: str
    canonical: str
    end: int = 0

    @property
    def dimension(self) -> str:
        """What figures must share to be compared: "area", "money:EUR", "%" ..."""
        return f"money:{self.canonical}" if self.category == "currency" else self.category


def unit_after(sentence: str, pos: int) -> Unit | None:
    """The unit of measure written right after position `pos`, if any."""
    if match := _CURRENCY_AFTER.match(sentence, pos):
        code = CURRENCY_WORDS[" ".join(match["word"].lower().split())]
        return Unit("currency", match["word"], code, match.end())
    for pattern, category, unit in _UNITS:
        if match := pattern.match(sentence, pos):
            if category == "temperature" and len(match["u"]) == 1 and match.start("u") != pos:
                continue  # "40 C" is not written; "40C" and "40 °C" are
            return Unit(category, match["u"], unit, match.end())
    return None


def canonical(written: str | None) -> str | None:
    """The unit a Claim's unit as written stands for ("metres" and "m" -> meter), so that
    one unit spelled two ways is not taken for two. A word of size follows it because a
    bare "m" is metres only there."""
    unit = unit_after(f" {written} high", 0) if written else None
    return unit.canonical if unit is not None else written


def currency_before(symbol: str) -> Unit:
    """The currency of a symbol or code written before an amount ("€", "US$", "EUR ")."""
    written = symbol.strip()
    return Unit("currency", written, CURRENCY_SYMBOLS.get(written, "USD"))


@functools.lru_cache(maxsize=1)
def _registry() -> pint.UnitRegistry:
    import pint

    return pint.UnitRegistry()


def normalize(value: float, unit: Unit | None) -> float:
    """`value` in the common unit of its category (hectares, km, tonnes, days ...); amounts of
    money, shares and head-counts are returned as they are."""
    if unit is None or unit.category not in COMMON or not math.isfinite(value):
        return value
    registry = _registry()
    if unit.category == "temperature":  # offset units: converted, never multiplied
        quantity = registry.Quantity(value, unit.canonical)
    else:
        quantity = value * registry(unit.canonical)  # "10*year" for a decade
    return float(quantity.to(COMMON[unit.category]).magnitude)


def common_unit(category: str) -> str | None:
    """The unit figures of a category are compared in, as a reader writes it."""
    return {"area": "hectares", "speed": "km/h", "length": "km", "mass": "tonnes",
            "volume": "litres", "temperature": "°C", "duration": "days", "power": "MW",
            "energy": "MWh"}.get(category)
