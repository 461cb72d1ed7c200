"""The registry's words and symbols of figures: units, currencies, number and scale words,
hedges. `units.py`, `number_words.py` and `numbers.py` build their patterns from these
tables and hold no vocabulary of their own; a currency or a unit news writes that is
missing here is added here, once.
"""

from __future__ import annotations

# (pattern as written after the number, category, pint unit or ISO currency code).
# Longer spellings first: "nautical miles" before "miles", "km/h" before "km".
UNITS: tuple[tuple[str, str, str], ...] = (
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

# Currencies: ISO code -> (symbols and codes written before an amount, words written after
# one in every form news uses). Only the first list is read before a figure ("$5bn",
# "EUR 40m"), only the second after it ("120m euros", "540bn yen").
CURRENCIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "USD": (("$", "US$", "USD"), ("dollar", "dollars", "usd")),
    "EUR": (("€", "EUR"), ("euro", "euros", "eur")),
    "GBP": (("£", "GBP"), ("pound", "pounds", "pound sterling", "pounds sterling", "gbp")),
    "JPY": (("¥",), ("yen",)),
    "INR": (("₹", "Rs", "Rs."), ("rupee", "rupees")),
    "AUD": (("A$",), ()),
    "CAD": (("C$",), ()),
    "HKD": (("HK$",), ()),
    "NZD": (("NZ$",), ()),
    "KZT": (("KZT",), ("tenge", "kzt")),
    "RUB": ((), ("rouble", "roubles", "ruble", "rubles")),
    "CNY": ((), ("yuan", "renminbi")),
    "CHF": ((), ("franc", "francs")),
    "MXN": ((), ("peso", "pesos")),
    "TRY": ((), ("lira",)),
    "AED": ((), ("dirham", "dirhams")),
    "SAR": ((), ("riyal", "riyals")),
    "NOK": ((), ("krone", "kroner")),
    "SEK": ((), ("krona", "kronor")),
    "PLN": ((), ("zloty",)),
    "HUF": ((), ("forint",)),
    "ILS": ((), ("shekel", "shekels")),
    "KRW": ((), ("won",)),
    "ZAR": ((), ("rand",)),
    "NGN": ((), ("naira",)),
    "THB": ((), ("baht",)),
    "MYR": ((), ("ringgit",)),
    "UAH": ((), ("hryvnia",)),
    "BRL": ((), ("reais",)),
    "IDR": ((), ("rupiah",)),
    "BDT": ((), ("taka",)),
}

# Number words and the scales they combine with: "forty-two", "two hundred and five",
# "half a million", "a dozen"; "2.5bn", "40k" with a scale suffix.
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
DOZEN = {"dozen": 12.0}
SUFFIXES = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
NEEDS_CURRENCY = frozenset({"k", "m", "b"})  # "2m" alone may be metres; "$2m" is money
# Vague words: conventional [low, high]; value is the low end.
VAGUE_FIXED = {
    "dozens": (24.0, 99.0), "several dozen": (24.0, 99.0), "scores": (40.0, 99.0),
    "tens": (20.0, 99.0), "a handful": (3.0, 5.0),
}  # fmt: skip
VAGUE_BASE = {
    "tens": 10.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
}  # fmt: skip

# Hedges: qualifier -> the phrases (patterns) that state it, written before a figure ("at
# least 20") or after it ("20 or more"). What interval each allows is numbers.py's.
HEDGES_BEFORE: dict[str, tuple[str, ...]] = {
    "at least": (r"at\s+least", r"not?\s+(?:fewer|less)\s+than", r"a\s+minimum\s+of"),
    "at most": (r"at\s+most", r"not?\s+more\s+than", r"a\s+maximum\s+of"),
    "more than": (r"more\s+than", r"over", r"in\s+excess\s+of", r"upwards\s+of", r"above",
                  r"exceeding"),
    "nearly": (r"nearly", r"almost", r"close\s+to", r"just\s+(?:under|below|shy\s+of)",
               r"approaching"),
    "about": (r"about", r"around", r"approximately", r"approx\.", r"roughly", r"some",
              r"an?\s+estimated", r"estimated"),
    "up to": (r"up\s+to", r"as\s+many\s+as", r"as\s+much\s+as"),
    "fewer than": (r"fewer\s+than", r"less\s+than", r"under", r"below"),
}
HEDGES_AFTER: dict[str, tuple[str, ...]] = {
    "at least": (r"\s+or\s+more\b", r"-plus\b", r"\+(?![\w+])"),
    "about": (r"\s+or\s+so\b", r"-odd\b"),
    "at most": (r"\s+or\s+(?:fewer|less)\b",),
}

# Verbs that state an amount ("reached 40", "totalled $2bn") and that estimate one ("put the
# damage at"), and the words a share is written with.
AMOUNT_VERBS = {"be", "reach", "rise", "fall", "exceed", "stand", "hit", "total", "climb",
                "drop", "top", "surpass", "amount", "increase", "decrease", "jump", "soar",
                "plunge", "double", "grow", "remain", "come", "expect"}
ESTIMATE_VERBS = {"estimate", "put", "value", "peg", "place", "assess", "calculate"}
# Verbs that give a figure rather than say what happened ("the union counts 3,100", "the
# report cites 40 deaths"): with ESTIMATE_VERBS, a figure under one keeps the event of the
# figure it restates ("... while police put the crowd at 92,000").
STATING_VERBS = {"count", "give", "cite", "number", "claim", "record", "include", "comprise",
                 "contain"}
UNIT_WORDS = {"%", "percent", "per", "cent", "pct", "percentage"}

# Time anchors: the period a figure covers ("quarterly", "Q3", "the second quarter"), and
# phrases placing a sentence's figures in an earlier year ("last year", "decades ago").
PERIODS = {"quarter": "quarter", "quarterly": "quarter", "half": "half", "annual": "year",
           "annually": "year", "yearly": "year", "year": "year", "month": "month",
           "monthly": "month", "week": "week", "weekly": "week", "daily": "day",
           "hourly": "hour"}
ORDINALS = {"first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"}
# A figure stated per period is a rate ("1.8 million machines a year", "30 flights per day"),
# never the same quantity as a total ("has made more than 40 million machines").
RATE_WORDS = ("a", "an", "per", "each", "every")
RATE_PERIODS = ("year", "quarter", "month", "week", "day", "hour")
RATE_NOT_BEFORE = ("ago", "earlier", "before", "later", "after")  # "up 8% from a year ago"
RATE_NOT_AFTER = ("for", "than", "in", "within", "over")  # "for more than a week": a span
RATE_ADVERBS = {word: per for word, per in PERIODS.items() if word.endswith("ly")}  # "annually"
QUARTERS = {"q1": "first", "q2": "second", "q3": "third", "q4": "fourth"}
# A figure compared with another is not of the sentence's own time: "up 8% from a year
# earlier", "than the same period last year" (the words a baseline follows), "up from",
# "compared with" (those an earlier value follows).
BASELINE_WORDS = ("from", "than", "with", "on", "over", "versus", r"vs\.?")
EARLIER_VALUE_WORDS = (r"(?:up|down)\s+from", r"compared\s+(?:with|to)")
# A bare four-digit number is a year after these, even when a noun follows ("in 2007
# fires", "the 1998 floods", "'98"); before a plural noun (or one of COUNT_NOUNS) with none
# of them it is a count ("2000 protesters"), unless a verb or pronoun follows
# (NOT_COUNT_WORDS: "in 2019 was ...").
YEAR_LEADS = ("in", "since", "until", "till", "during", "by", "of", "from", "before", "after",
              "the", "a", "fiscal", "early", "late", "mid", "spring", "summer", "autumn",
              "fall", "winter")
COUNT_NOUNS = ("people", "police", "personnel", "staff", "children", "men", "women", "cattle",
               "livestock")
NOT_COUNT_WORDS = ("was", "is", "has", "as", "its", "this", "thus", "his", "does", "always",
                   "says")
# "the only fatality", "its sole death": a count of one stated without a numeral, the way
# news reports a first death. Deaths alone: "the only road" or "the only victim" (hurt or
# killed?) say nothing countable as surely.
SOLE_WORDS = ("only", "sole", "lone")
SOLE_OF = ("fatality", "death")
PAST_ANCHORS = (r"\blast\s+year\b", r"\ba\s+year\s+(?:ago|earlier)\b",
                r"\byears\s+(?:ago|earlier)\b", r"\bdecades?\s+(?:ago|earlier)\b",
                r"\bthe\s+previous\s+year\b", r"\bthe\s+year\s+before\b")

# What makes a number no count of anything, or a figure of another kind, read around each
# one by claims/numbers.py and claims/number_kinds.py (patterns, case-insensitive unless said):
# "raise the age from 63 to 66", "rose from 87 to 112": after a verb of change (its stem),
# "from ... to" is a change, not a range of values.
CHANGE_STEMS = ("rais", "ris", "rose", "increas", "cut", "lower", "fell", "fall", "drop",
                "grow", "grew", "climb", "jump", "reduc", "extend", "chang", "boost", "hik",
                "push", "mov", "shift", "revis", "bring", "brought", "lift", "doubl", "soar",
                "plung")
# "No. 1", "Article 5", "Flight 370": a number that names something.
ID_WORDS = ("No", "Nos", "Number", "Article", "Section", "Chapter", "Resolution", "Flight",
            "Route", "Page", "Level", "Phase")
# A person's age: "aged 81", "at the age of 70", "who turned 70"; "81-year-old".
AGE_BEFORE = ("aged", r"age(?:\s+of)?", "ages", r"who\s+(?:is|was|turns|turned)")
AGE_AFTER = r"[\s-]years?[\s-]old\b"
PERCENT_AFTER = (r"\s?%", r"\s*(?:per\s?cent|percent|percentage\s+points?|pct)\b")
# "a magnitude 6.8 earthquake", "at magnitude 7.0", "a quake of magnitude 5.9": the scale
# written before the figure (after it, "6.8-magnitude", it is read as a unit). Case-sensitive.
MAGNITUDE_BEFORE = ("[Mm]agnitude", "M")
# Ordinals and decades (2nd, 19th, 1990s), clock times (10am, 10 p.m., 14:00 GMT).
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th", "'?s")
CLOCK_AFTER = (r"\s*[ap]\.?m\.?(?!\w)", r"\s*(?:GMT|UTC)\b")
# "about six times the company's figure", "three times as many", "arrested three times": a
# multiplier or a count of occasions, never a count of a thing.
MULTIPLIER_WORDS = ("times",)
# "one in five" is a ratio; "3 in 10 days" is not (a span of these).
RATIO_SPANS = ("days", "weeks", "months", "years", "hours")
# Month names as news writes them. Case-sensitive where read: "may" and "march" are verbs.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
          "Jul", "Aug", "Sept?", "Oct", "Nov", "Dec")
# A four-digit figure after these is a year, whatever follows ("in 2019", "fiscal 2024").
NUMBER_YEAR_LEADS = ("in", "since", "until", "till", "during", "fiscal")
