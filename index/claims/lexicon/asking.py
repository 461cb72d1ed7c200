"""The registry's words that ask for a figure: which questions ask for one, and of what
kind (a date, money, a share, a size ...). `claims/questions.py` compiles these patterns
(case-insensitive) and holds no vocabulary of its own.
"""

from __future__ import annotations

# "What is his approval rating": the share of those polled who approve (a tester's question
# on realdev, which no article answers, had been given passages as its answer).
RATINGS = r"(?:approval|favou?rability|popularity) ratings?"
# "the estimated damage", "estimates of the crowd": an estimate is a figure, whatever word
# the question names the amount with ("what's the estimated bill for the damage": a
# tester's question on a synthetic set got passages only; no other question moved).
# "when" asks for a date only as the question's own word ("since when has she led"); after
# it, it opens a clause: "which radio station was he on when he floated quitting". Every
# word DATE asks a date with asks for a figure ("what day did he announce" had not been
# parsed at all: a tester's question on realdev).
QUANTITY = (
    r"^\W*(?:(?:since|until|till|so|and|but) )?when\b|"
    r"\b(how many|how much|number of|how large|how big|toll|population|tally|total|"
    r"count of|figures? for|casualt(y|ies)|turnout|percent(age)?|share of|cost|size of|"
    r"estimated|estimates? (?:of|for)|"
    r"how long|how far|how tall|how high|how deep|how fast|what speed|"
    r"(?:what|which) (?:years?|dates?|days?|months?)|proportion|"
    r"height of|length of|depth of|width of|"
    r"how (?:hot|cold|warm)|temperatures?|magnitude|" + RATINGS + r")\b|%"
)
PERCENT = r"\b(percent(age)?|share|proportion|turnout rate|rate|" + RATINGS + r")\b|%"
MONEY = (
    r"\b(cost|costs|damages?|losses|aid|worth|spen[dt]|paid|pay(?:s|ing)?|"
    r"earn(?:s|ed|ing)?|price|budget|fund(s|ing)?|money|dollars?|euros?|"
    r"pounds?|fine[ds]?|compensation|"
    r"lost output)\b|[$€£]"
    # "how much did Time Warner make in the quarter": what someone makes, asked with no
    # thing named after "how much", is money (a BBC report's question had been read as any
    # measure, and answered with "three months").
    r"|\bhow much (?:did|does|do|will|would|has|have|had)\b[^?]*\bma(?:ke|kes|de|king)\b"
)
# "How much" asks for a span of time only in these words ("how much time did the rescue
# take"): "how much did Time Warner make in the October to December quarter" is not
# answered by the quarter's "three months" (a BBC report; it had been shown as the figure).
TIME_ASKED = {"time"}
# Amounts of money a company, a budget or a court deals in: "what was Velmora's profit"
# asks for a figure though it says neither "how much" nor a currency.
AMOUNTS = (
    r"\b(revenues?|sales|profits?|earnings|income|turnover|deficit|debt|"
    r"salar(y|ies)|wages?|fees?|bail|ransom|valuation|payouts?)\b"
)
# "What do the workers earn", "what did the club pay for him": a what-question whose verb is
# one of earning or paying asks for an amount, though it names no amount (a tester's
# synthetic question had not been parsed, so its passages were shown as an answer).
PAID_ASKED = r"^\W*what\b[^?]*\b(?:earn(?:s|ed)?|pa(?:ys?|id))\b"
# A question led by one of these asks for a person, a reason or a place, not a figure —
# "who did the independent head count of the march" names a count but asks who made it —
# unless it also says "how many" or "how much".
# "did anybody die", "were any firefighters hurt": a yes-or-no question about whether an
# event touched anyone is answered by its count — when the event is one the lexicon knows
# ("did anyone claim responsibility" asks for no figure).
ANYONE = r"\bany(one|body)\b|\bany \w+ (?:been |still )?\w+\b"
NOT_A_FIGURE = r"^\W*(who|whom|whose|why|where)\b(?!.*\bhow (many|much)\b)"
# "How long ago did the suit start" asks when, as "when did the suit start" does (a tester's
# question on realdev, read as a length, ranked "the case started a decade ago" second).
DATE = (
    r"^\s*(?:since |until |till )?when\b|\b(what|which) (year|date|day|month)s?\b"
    r"|\bhow long ago\b"
)
AREA_WORDS = {
    "land",
    "area",
    "forest",
    "hectare",
    "hectares",
    "acre",
    "acres",
    "ground",
    "territory",
    "farmland",
    "woodland",
    "vineyard",
    "vineyards",
    "grove",
    "groves",
}
LENGTH = r"\bhow (far|tall|high|deep|wide)\b|\b(height|length|depth|width) of\b"
SIZE_ASKED = (
    r"\bhow (tall|high|long|deep|wide|far)\b|"
    r"\b(height|length|depth|width|diameter|elevation|altitude|distance) of\b"
)
# "How much did prices rise", "by how much might fuel prices go up": a change, which news
# states as a share as readily as an amount ("raising fuel prices by as much as 30%"). On
# the BBC reports a tester asked about, the 30% had ranked second behind a subsidy's amount.
CHANGE_ASKED = r"\bby how (?:much|many)\b"
CHANGE_VERBS = {"rise", "fall", "increase", "decrease", "drop", "grow", "climb", "jump", "shrink",
                "decline", "soar", "plunge", "slump", "surge", "narrow", "widen", "gain"}
CHANGE_PARTICLES = {"up", "down"}  # "go up", "went down"
# Events news states as a share as often as a count: "turnout was 61.4 per cent" answers
# "what was the turnout" (a tester's synthetic set had the headline's vote count first).
SHARE_EVENTS = {"turnout"}
SIZE_VERBS = {"stand", "measure", "rise", "tower", "stretch", "run", "extend", "reach"}
DURATION_VERBS = {"last", "take", "continue", "stay", "remain", "run", "go"}
# "what was the magnitude of the quake", "how strong was the earthquake": its magnitude.
MAGNITUDE = r"\bmagnitude\b|\bhow (?:strong|powerful|big|large)\b.*"  # + a quake word
# "how hot did it get", "what temperature was recorded": degrees, in whatever scale.
TEMPERATURE = r"\bhow (hot|cold|warm)\b|\btemperatures?\b"
NATIONAL_WORDS = r"\b(nationwide|across the country|national(ly)?|countrywide)\b"
# "What was his last day in office", "what is the date of the vote": a what-question whose
# subject or complement is one of these nouns asks for a date (read on the parse; the
# pattern only says when to parse).
TIME_NOUNS = {"date", "day", "year", "month"}
TIME_NOUN_ASKED = r"^\W*what\b.*\b(?:dates?|days?|years?|months?)\b"
# What a question counts, read on its parse (questions.py): the noun after these
# quantifiers ("how many officers", "were any firefighters hurt"), the object of "of" after
# these nouns ("the number of arrests", "the size of the crowd"), and what a share is of
# after these ("what share of the vote").
QUANTIFIERS = ("many", "much", "any")
COUNT_OF = ("number", "count", "total", "size")
SHARE_NOUNS = ("share", "percentage", "proportion", "percent")
