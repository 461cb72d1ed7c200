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

# (pattern as written after the number, category, pint unit or ISO currency code).
# Longer spellings first: "nautical miles" before "miles", "km/h" before "km".
_TABLE: tuple[tuple[str, str, str], ...] = (
    (r"square\s+(?:kilomet(?:er|re)s?|km)|sq\.?\s?km|km2|km²", "area", "kilometer**2"),
    (r"square\s+miles?|sq\.?\s?mi", "area", "mile**2"),
    (r"square\s+met(?:er|re)s?|sq\.?\s?m|m2|m²", "area", "meter**2"),
    (r"square\s+(?:feet|foot)|sq\.?\s?ft", "area", "foot**2"),
    (r"hectares?|ha", "area", "hectare"),
    (r"acres?", "area", "acre"),
    (r"km/h|kph|kmh|kilomet(?:er|re)s?\s+(?:per|an)\s+hour", "speed", "kilometer/hour"),
    (r"mph|miles?\s+(?:per|an)\s+hour", "speed", "mile/hour"),
    (r"knots?", "speed", "knot"),
    (r"m/s|met(?:er|re)s?\s+per\s+second", "speed", "meter/second"),
    (r"nautical\s+miles?", "length", "nautical_mile"),
    (r"kilomet(?:er|re)s?|km", "length", "kilometer"),
    (r"miles?", "length", "mile"),
    (r"centimet(?:er|re)s?|cm", "length", "centimeter"),
    (r"millimet(?:er|re)s?|mm", "length", "millimeter"),
    (r"met(?:er|re)s?", "length", "meter"),
    # "330 m high": a bare "m" is metres only before a word of size ("1.4m" is a million).
    (r"m(?=\s+(?:high|tall|long|deep|wide|above|below|in\s+(?:height|length|depth|diameter)))",
     "length", "meter"),
    (r"feet|foot|ft", "length", "foot"),
    (r"yards?", "length", "yard"),
    (r"inch(?:es)?", "length", "inch"),
    (r"(?:metric\s+)?tonnes?|metric\s+tons?", "mass", "tonne"),
    (r"tons?", "mass", "ton"),
    (r"kilo(?:gram(?:me)?)?s?|kg", "mass", "kilogram"),
    (r"grams?|grammes?", "mass", "gram"),
    (r"lbs?", "mass", "pound"),
    (r"cubic\s+met(?:er|re)s?|m3|m³", "volume", "meter**3"),
    (r"lit(?:er|re)s?", "volume", "liter"),
    (r"gallons?", "volume", "gallon"),
    (r"barrels?", "volume", "oil_barrel"),
    # An earthquake's size: "a 6.8-magnitude quake", "6.1 on the Richter scale".
    (r"magnitude|on\s+the\s+richter\s+scale", "magnitude", "magnitude"),
    # Power and energy: a grid's demand, a plant's capacity, a country's consumption.
    (r"terawatt[-\s]?hours?|TWh", "energy", "terawatt_hour"),
    (r"gigawatt[-\s]?hours?|GWh", "energy", "gigawatt_hour"),
    (r"megawatt[-\s]?hours?|MWh", "energy", "megawatt_hour"),
    (r"kilowatt[-\s]?hours?|kWh", "energy", "kilowatt_hour"),
    (r"gigawatts?|GW", "power", "gigawatt"),
    (r"megawatts?|MW", "power", "megawatt"),
    (r"kilowatts?|kW", "power", "kilowatt"),
    (r"degrees?\s+(?:celsius|centigrade|c)\b|°\s?c|c(?=\W|$)", "temperature", "degC"),
    (r"degrees?\s+(?:fahrenheit|f)\b|°\s?f|f(?=\W|$)", "temperature", "degF"),
    (r"degrees?", "temperature", "degC"),
    (r"centur(?:y|ies)", "duration", "100*year"),
    (r"decades?", "duration", "10*year"),
    (r"years?|yrs?", "duration", "year"),
    (r"months?", "duration", "month"),
    (r"weeks?", "duration", "week"),
    (r"days?|nights?", "duration", "day"),
    (r"hours?|hrs?", "duration", "hour"),
    (r"minutes?|mins?", "duration", "minute"),
    (r"seconds?|secs?", "duration", "second"),
)
# The unit every outlet's figure is converted to before comparing, per category.
COMMON = {"area": "hectare", "speed": "kilometer/hour", "length": "kilometer", "mass": "tonne",
          "volume": "liter", "temperature": "degC", "duration": "day", "power": "megawatt",
          "energy": "megawatt_hour"}
# Symbols written before an amount and currency words written after it -> ISO code.
CURRENCY_SYMBOLS = {"US$": "USD", "$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD",
                    "NZ$": "NZD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
                    "USD": "USD", "EUR": "EUR", "GBP": "GBP", "KZT": "KZT", "Rs": "INR",
                    "Rs.": "INR"}
CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "tenge": "KZT",
                  "rouble": "RUB", "ruble": "RUB", "yuan": "CNY", "yen": "JPY",
                  "rupee": "INR", "franc": "CHF", "peso": "MXN", "lira": "TRY",
                  "dirham": "AED", "riyal": "SAR", "usd": "USD", "eur": "EUR", "gbp": "GBP",
                  "kzt": "KZT", "krone": "NOK", "kroner": "NOK", "krona": "SEK",
                  "kronor": "SEK", "zloty": "PLN", "forint": "HUF", "shekel": "ILS",
                  "won": "KRW", "rand": "ZAR", "naira": "NGN", "baht": "THB",
                  "ringgit": "MYR", "hryvnia": "UAH", "real": "BRL", "reais": "BRL"}
_CURRENCY_AFTER = re.compile(
    r"(?:\s+of)?\s+(?:US\s+)?(?P<word>dollars?|euros?|pounds?(?:\s+sterling)?|tenge|r[ou]bles?"
    r"|yuan|yen|rupees?|francs?|pesos?|lira|dirhams?|riyals?|kroner|krone|kronor|krona|zloty"
    r"|forint|shekels?|won|rand|naira|baht|ringgit|hryvnia|reais|USD|EUR|GBP|KZT)\b", re.I)
_UNITS = tuple((re.compile(rf"(?:\s*|-)(?:of\s+)?(?P<u>{pattern})(?!\w)", re.I), category, unit)
               for pattern, category, unit in _TABLE)


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
        word = match["word"].lower().split()[0]
        code = CURRENCY_WORDS.get(word) or CURRENCY_WORDS.get(word.rstrip("s"), word.upper())
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
def _registry():
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
