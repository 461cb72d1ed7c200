"""The registry: words that name events and the people counted in news figures (here); the
words and symbols of figures themselves — units, currencies, number and scale words,
hedges, time anchors (`figures.py`); the words that ask for a figure (`asking.py`); and the
words of sentence structure figures are read by — place kinds, partitives, light verbs
(`grammar.py`). Code reads them from here and holds no vocabulary of its own.

Kept small and general: casualty, detention, displacement and population vocabulary that
recurs across news of every kind. A verb outside the lexicon still makes an event (its
lemma), so a figure about "homes destroyed" forms its own slot without an entry here.
"""

from __future__ import annotations

from . import figures as figures  # units, currencies, number words, hedges

# canonical event -> lemmas (and multi-word phrases) that express it
EVENTS: dict[str, tuple[str, ...]] = {
    "born": ("born", "birth"),
    "revenue": ("revenue", "revenues", "sale", "sales", "turnover"),
    "killed": ("kill", "die", "dead", "death", "deaths", "slay", "perish", "fatality",
               "fatalities", "liquidate", "eliminate", "murder", "execute", "toll",
               "lose their lives", "lost their lives", "lose their life", "lost their life",
               "lost his life", "lost her life", "shoot dead", "loss of life",
               "loss of lives", "lives lost", "lives were lost", "drown"),
    "injured": ("injure", "wound", "hurt", "injury", "injuries", "wounded", "injured",
                "suffer", "treat"),
    "arrested": ("arrest", "detain", "apprehend", "custody", "jail", "imprison", "detention",
                 "round up", "rounded up", "held"),
    "hospitalized": ("hospitalize", "hospitalise", "hospitalized", "hospitalised",
                     "admitted to hospital", "in hospital", "hospital"),
    "intensive care": ("intensive care", "critical condition", "icu", "intensive-care"),
    "missing": ("missing", "unaccounted"),
    "displaced": ("displace", "evacuate", "flee", "homeless", "evacuation", "refugee",
                  "shelter", "shelters", "evacuee", "evacuees", "leave their homes",
                  "leave home", "left their homes", "forced from", "force from", "drive out",
                  "forces from", "driven from", "driven out", "moved out", "move out",
                  "out of their homes", "out of their home",
                  "ordered out", "uproot"),
    "without power": ("power", "electricity", "outage", "outages", "blackout"),
    "rescued": ("rescue", "survive", "survivor", "survivors", "pulled from the water",
                "brought ashore", "rescued"),
    "deployed": ("deploy", "dispatch", "send", "station", "mobilize", "mobilise", "battle",
                 "fight", "tackle"),
    "population": ("population", "inhabitant", "inhabitants", "populous"),
    # "cases" of a disease, not "the case" (a matter before a court: "the discrimination
    # case" had made a tester's date question on realdev ask about infections).
    "infected": ("infect", "infection", "cases", "sicken", "fall ill", "fell ill"),
    "protested": ("protest", "march", "rally", "demonstrate", "demonstration", "gather",
                  "crowd", "take to the streets", "took to the streets", "marcher",
                  "marchers", "taken to the streets", "taking to the streets", "take part",
                  "taken part", "took part", "striker", "strikers"),
    "damage": ("damage", "losses", "loss", "cost"),
    "aid": ("aid", "assistance", "relief", "donation"),
    "turnout": ("turnout",),
    "aboard": ("aboard", "on board", "onboard"),
    "burned": ("burn", "scorch", "consume", "char", "blacken", "ravage", "go up in flames",
               "gone up in flames", "went up in flames", "going up in flames",
               "go up in smoke", "gone up in smoke", "went up in smoke"),
    "destroyed": ("destroy", "raze", "flatten", "obliterate", "gut", "wipe out", "wiped out",
                  "wipe off the map", "wiped off the map", "overrun", "level"),
}
# A quake's word -> which quake a magnitude is of: an aftershock's is another quake's.
QUAKES = {"earthquake": "earthquake", "quake": "earthquake", "tremor": "earthquake",
          "temblor": "earthquake", "aftershock": "aftershock", "foreshock": "foreshock"}
EVENT_PHRASES = sorted(
    ((p, e) for e, ps in EVENTS.items() for p in ps if " " in p),
    key=lambda pe: -len(pe[0]),
)
EVENT_WORDS = {p: e for e, ps in EVENTS.items() for p in ps if " " not in p}
# Verbs with a particle or preposition, looked up as "lemma prep": "force ... from".
EVENT_WORDS.update({p: e for e, ps in EVENTS.items() for p in ps if p.count(" ") == 1})
# "a nation of 19 million": a figure after one of these nouns and "of" is a population.
PLACES = {"nation", "country", "city", "state", "region", "province", "town", "republic",
          "island", "capital", "metropolis", "territory"}

# kind of who is counted -> head words (lemmas or plurals)
KINDS: dict[str, tuple[str, ...]] = {
    "security": ("officer", "police", "policeman", "policemen", "policewoman", "trooper", "cop",
                 "troop", "soldier", "serviceman", "servicemen", "personnel", "guard",
                 "guardsman", "law enforcement", "security", "military", "army", "gendarme",
                 "peacekeeper", "marine", "sailor", "airman", "militiaman", "force"),
    "protesters": ("protester", "protestor", "demonstrator", "rioter", "assailant",
                   "attacker", "militant", "insurgent", "extremist", "terrorist", "looter",
                   "gunman", "gunmen", "rebel", "fighter", "mob", "marcher", "striker"),
    "responders": ("firefighter", "rescuer", "paramedic", "medic", "lifeguard"),
    # "2,750 jobs will be lost": each job is a person put out of work (a synthetic set's
    # "how many people lose their jobs" had been answered with the union's count alone).
    "civilians": ("civilian", "child", "children", "woman", "women", "student", "resident",
                  "bystander", "passenger", "worker", "employee", "job", "journalist", "patient",
                  "migrant", "inhabitant", "villager", "evacuee", "holidaymaker", "tourist",
                  "supporter", "participant", "attendee", "spectator", "mourner", "worshipper",
                  "voter", "visitor", "fan"),
    "homes": ("home", "homes", "household", "households", "house", "houses", "residence",
              "dwelling", "customer", "customers"),
    "people": ("people", "person", "individual", "human", "victim", "casualty", "casualties",
               "member", "man", "men", "others", "life", "lives", "soul", "souls"),
}
# Nouns of events that happen to people, so that their count is a count of people.
PEOPLE_EVENTS = {"death", "deaths", "arrest", "arrests", "injury", "injuries", "casualty",
                 "casualties", "fatality", "fatalities", "case", "cases", "infection",
                 "infections", "evacuation", "evacuations", "rescue", "rescues", "dead",
                 "wounded", "injured", "missing", "survivor", "survivors", "evacuee",
                 "evacuees", "refugee", "refugees", "life", "lives"}
PERSON_KINDS = {"security", "protesters", "civilians", "responders", "people"}
# Authorities that name no one body: a figure is better quoted from a sentence naming one.
GENERIC_AUTHORITIES = {"officials", "official", "authorities", "sources", "source", "media",
                       "reports", "report", "outlet", "outlets", "witnesses", "residents",
                       "people", "observers", "estimates"}
# Reporting verbs whose subject is the authority a figure is attributed to.
REPORTING = {"say", "report", "tell", "announce", "state", "confirm", "claim", "add",
             "estimate", "put", "quote", "cite", "according", "show", "indicate", "write",
             "declare", "publish", "note", "count", "record", "warn", "accord"}
# Nouns that stand for a figure given before ("put the nationwide figure at 480,000"): the
# figure counts what the one before it counted.
GENERIC_MEASURES = {"figure", "number", "total", "count", "estimate", "tally"}
# "forcing 1,500 residents to leave three villages": leaving a place is being displaced.
LEFT_PLACES = {"home", "homes", "house", "houses", "village", "villages", "town", "towns",
               "city", "area", "areas", "region", "zone", "island", "district"}
# A status that makes a count another quantity: suspected cases are not confirmed ones.
UNCERTAIN = {"suspected", "probable", "possible", "presumed", "potential", "unconfirmed",
             "alleged"}
# So is an increment: "23 new cases in the past 24 hours" are not the outbreak's total.
INCREMENTS = {"new", "additional", "fresh", "further"}
# Words of size -> the size they state ("324 metres tall", "a length of 980 kilometres").
SIZES = {"tall": "height", "high": "height", "height": "height", "long": "length",
         "length": "length", "deep": "depth", "depth": "depth", "wide": "width",
         "width": "width", "diameter": "diameter", "elevation": "height",
         "altitude": "height", "far": "distance", "distance": "distance"}
# "in a separate attack", "in a second blast": an incident other than the story's own.
INCIDENTS = {"attack", "blast", "bombing", "explosion", "incident", "crash", "accident",
             "quake", "earthquake", "fire", "storm", "shooting", "raid", "clash", "collision",
             "flood", "outbreak", "derailment", "stampede", "landslide", "strike"}
OTHER_ONES = {"separate", "second", "another", "earlier", "previous", "different",
              "unrelated", "third"}
# Words of forecasting: a figure hanging from one is a prediction, not a report.
PREDICTION_NOUNS = {"expectation", "forecast", "prediction", "projection", "consensus"}
PREDICTION_VERBS = {"expect", "forecast", "predict", "project", "anticipate"}
# A count of these is a count of people: "police put the crowd at 20,000".
CROWDS = {"crowd", "crowds", "audience", "turnout", "gathering"}
# Gatherings whose size is the number of people in them ("how big was the march").
GATHERINGS = {"crowd", "march", "rally", "protest", "demonstration", "gathering",
              "procession", "turnout", "vigil"}
# Time anchors: the words that make a date the start or the end of a span ("served from
# 1966 to 1978", "has led since 2002", "her term ends in 2019"). A question's own words say
# which end it asks about ("when did he start", "when does it end").
TIME_ROLES = {
    **dict.fromkeys(("from", "since", "begin", "start", "join", "enter", "first", "launch",
                     "open", "found", "establish", "began", "started", "joined"), "start"),
    **dict.fromkeys(("to", "until", "till", "through", "end", "leave", "quit", "resign",
                     "expire", "retire", "finish", "close", "last", "final", "leaving",
                     "ends", "ended", "left"), "end"),
}
# Words that say nothing of what a figure measures: a question's function words and the
# verbs of saying and being ("how many were there", "what did they say it cost"). Matching
# a question to a figure's clause skips them.
FUNCTION_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "but", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "has",
    "have", "had", "how", "many", "much", "what", "which", "when", "who", "whom", "whose",
    "why", "where", "will", "would", "could", "should", "can", "may", "might", "there",
    "their", "they", "them", "it", "its", "this", "that", "these", "those", "as", "so", "than",
    "then", "into", "out", "over", "about", "up", "down", "any", "some", "all", "just",
    "actually", "anyway", "really", "get", "got", "say", "said", "tell", "told",
})
# Days a figure's clause may be anchored to ("arrested on Wednesday", "the previous night",
# "yesterday"): two figures anchored to different days are of two periods, not one quantity
# reported twice.
DAY_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "yesterday", "today", "tonight", "overnight",
})
REVISION = ("rose to", "risen to", "rise to", "climbed to", "increased to", "jumped to",
            "revised", "updated", "now stands at", "has reached", "reached", "grew to")


def kind_of(words: list[str]) -> str:
    """The kind of who is counted, from the words of the counted phrase (lemmas, lowercase).

    The most specific kind wins: "members of the security forces" is security, not people.
    """
    text = " ".join(words)
    for kind in ("security", "responders", "protesters", "civilians", "homes"):
        for word in KINDS[kind]:
            if " " in word and word in text:
                return kind
            # Suffixes carry the kind: "paratroopers", "policemen", "counter-protesters".
            if any(w == word or (len(word) > 4 and w.endswith(word)) for w in words):
                return kind
    # "41 deaths", "300 arrests": the event names people without a noun for them.
    if not words or any(w in KINDS["people"] or w in PEOPLE_EVENTS or w in CROWDS
                        for w in words):
        return "people"
    return words[0]


def with_status(kind: str, words: list[str]) -> str:
    """'suspected cases' -> 'people|suspected', 'new cases' -> 'people|new': a count under
    an uncertain status, or of an increment, is a quantity of its own, asked about only by
    name."""
    status = next((w for w in words if w in UNCERTAIN or w in INCREMENTS), None)
    return f"{kind}|{status}" if status else kind


def compatible(asked: str, reported: str) -> bool:
    """Whether a figure about `reported` answers a question about `asked`.

    "people" covers every kind of person (a question about people injured takes officers
    and protesters in); a specific kind takes only itself.
    """
    if asked == reported:
        return True
    return asked == "people" and reported in PERSON_KINDS

# A person's age, as questions ask it ("how old is she", "what age was he", "his age") and
# as news states it beside the name: "Mattis, 68,", "the 76-year-old Pelosi", "at age 70".
# A person's age is no figure of an event (the extraction skips it); the answer reads it.
# Only a person's age: "the new pension age" asks for a policy's.
AGE_ASKED = r"\bhow old\b|\b(?:his|her|their|\w+['’]s) age\b"
AGE_AFTER_NAME = r"\b([A-Z][\w'’-]+), (\d{1,3}),"  # "Mattis, 68,"
AGE_BEFORE_NAME = r"\b(\d{1,3})-year-old (?:[a-z]+ )?([A-Z][\w'’-]+)"  # "76-year-old Pelosi"
AGE_IN_SENTENCE = r"\b(?:at )?aged? (\d{1,3})\b"  # "at age 70": the sentence names whom
# A question naming the person by a description, not a name ("how old is the interim
# senator the governor picked"): the age of a person in a sentence it shares words with.
AGE_OF_DESCRIBED = r"\bhow old (?:is|was|are|were) (?:the|a|an|this|that)\b"

# A question asking for a count in so many words; "what was the turnout", "the toll" leave
# the type open (a share of voters is as good an answer as a head-count).
COUNT_ASKED = r"\bhow many\b|\bnumber of\b"

# A vote's tally, as questions ask it ("what was the vote", "the senate vote count", "how
# did the committee vote") and as news states it: two numbers, in digits or words, joined
# ("396-9", "134 to 63", "a 134-to-63 vote", "six votes to three") in a sentence about a
# vote, or a tally without numbers ("unanimously", "by voice vote").
TALLY_ASKED = (r"\bvote (?:count|tally|totals?|breakdown|margin)\b|"
               r"\bwhat was the (?:final )?(?:vote|count|tally)\b|\bhow did (?:the )?\w+ vote\b")
TALLY_JOIN = r"\s*(?:-to-|-|–|—| to )\s*|\s+votes?\s+to\s+"
TALLY_WORDS = r"\bunanimous(?:ly)?\b|\bvoice vote\b|\bwithout (?:a )?dissent\b"
VOTING = frozenset({"vote", "votes", "voted", "voting", "ballot", "ballots", "won", "win",
                    "wins", "passed", "pass", "approved", "confirmed", "elected", "victory",
                    "defeated", "rejected", "margin", "tally"})

# A reason, as questions ask for it ("why did she resign", "what caused the flood", "for
# what reason") and as news states one: a causal connective or a purpose ("because",
# "due to", "blaming falling demand", "in protest", "would best protect", "is needed").
REASON_ASKED = (r"^\W*(?:why\b|for what reasons?\b|what (?:was|is|were|are) the reasons?\b|"
                r"what (?:caused|prompted|led to|triggered)\b)")
REASON_WORDS = (r"\b(?:because|due to|owing to|as a result|in order to|so that|so as to|"
                r"reasons?|blam(?:e|ed|es|ing)|citing|cited|in protest|to protect|to ensure|"
                r"to prevent|needed|necessary|aimed at|intended to|meant to|"
                r"would (?:best |help |allow |protect |ensure )|"
                r"concerns? (?:about|over|that)|argu(?:e|ed|es|ing) that)\b")
