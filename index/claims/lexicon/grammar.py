"""The registry's words of sentence structure that figures are read by: kinds of place and
the words that scope a figure to a nation, partitives and measure nouns, light verbs,
pronouns, words of difference, generic nouns of quantity, gendered titles. The modules
named beside each table read it; none holds a vocabulary of its own.
"""

from __future__ import annotations

# Read by claims/context.py.
NATIONAL = {"nationwide", "countrywide", "nationally", "national", "worldwide", "globally"}
NATION_NOUNS = {"country", "nation"}
PLACE_PREPS = {"in", "across", "throughout"}
WHOLE_PREPS = {"across", "throughout"}
# Nouns that name a place without naming which one ("the capital"): they stand for the one
# named local place a story scopes its figures to (see answers/slots.py).
GENERIC_PLACES = {"capital", "city"}
RELATIVE = {"which", "who", "that"}
# Words that name a kind of place before its name ("the province of Mangystau").
PLACE_KINDS = {"province", "region", "town", "village", "district", "state", "county",
               "municipality", "island", "port", "area"}

# Read by claims/counted.py.
PARTITIVE = {"member", "members", "group", "number", "total", "dozens", "hundreds",
             "thousands", "millions", "scores", "tens", "handful", "body", "bodies"}
MEASURES = {"number", "toll", "total", "count", "tally", "figure"}
SUBSET_WORDS = {"including", "among", "includes", "include"}

# Read by claims/events.py.
# Verbs that carry no event of their own: the event is in their subject or complement.
LIGHT_VERBS = {"be", "have", "do", "get", "remain", "stand", "reach", "rise", "climb",
               "increase", "grow", "jump", "total", "number", "exceed", "top", "bring"}

# Read by claims/attribution.py.
PRONOUNS = {"it", "he", "she", "they", "we", "i", "you", "this", "that", "these", "those",
            "which", "who"}

# Read by claims/frames.py.
# "two degrees short of the record", "5C warmer than", "rose by 3 degrees": a difference.
DIFFERENCE_WORDS = {"short", "higher", "lower", "warmer", "cooler", "colder", "hotter", "by"}

# Read by claims/figure_frame.py.
IGNORED_HEADS = {"time", "times", "way", "type", "kind", "side", "part", "percent"}

# Read by answers/slots.py.
GENERIC_WORDS = {"people", "person", "land", "area", "money", "amount", "number", "total",
                 "figure", "sum", "value", "size", "toll"}

# Read by answers/wording.py.
# Compounds of -man/-woman that English really uses ("spokesman", "chairwoman"); a bare
# "-man" suffix would also match "German", "human" or "Truman".
GENDERED_COMPOUNDS = ("spokes", "chair", "congress", "police", "fire", "business", "sales",
                      "council", "alder", "anchor", "camera", "assembly", "committee", "news",
                      "weather", "country", "frontier", "tribes", "states", "ombuds")
FEMALE = {"actress", "princess", "queen", "mrs", "ms", "madam", "duchess", "empress",
          "countess", "baroness", "heiress", "hostess", "stewardess", "waitress"}
MALE = {"actor", "prince", "king", "mr", "sir", "duke", "emperor", "count", "baron", "heir",
        "host", "steward", "waiter"}

# Read by claims/number_patterns.py.
# "one" is a pronoun, not a count, after these ("no one", "the one who") or before these
# ("one of them", "one day", "one who"): patterns, case-insensitive.
ONE_PRONOUN_BEFORE = ("no", "any", "every", "each", "the", "this", "that", "which", "such")
ONE_PRONOUN_AFTER = ("of", "another", "day", "time", "way", "thing", "side", "hand", "point",
                     "who", "that", "which", "can", "could", "may", "might", "must", "should",
                     "would", "will", "has", "had", "is", "was", "does", "did", "and", "or",
                     "in", "on", "at", "by", "for", "to", "with", "from", "as", "but")
