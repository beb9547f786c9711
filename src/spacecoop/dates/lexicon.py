"""The words of temporal expressions, as data: names, numbers, units and modifiers per language.

English is written out here; for other languages month and weekday names come from dateparser's
locale data (it knows many languages), and a few relative phrases are listed by hand.
"""

from __future__ import annotations

from functools import lru_cache

# Month number -> English spellings (capitalised forms; the grammar also accepts all caps).
EN_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("January", "Jan."),
    2: ("February", "Feb."),
    3: ("March", "Mar."),
    4: ("April", "Apr."),
    5: ("May",),
    6: ("June", "Jun."),
    7: ("July", "Jul."),
    8: ("August", "Aug."),
    9: ("September", "Sept.", "Sep."),
    10: ("October", "Oct."),
    11: ("November", "Nov."),
    12: ("December", "Dec."),
}
# Months that are also ordinary words: matched alone only with a supporting word around them.
AMBIGUOUS_MONTHS = frozenset({"May", "March"})

# ISO weekday number (Monday=1) -> spellings.
EN_WEEKDAYS: dict[int, tuple[str, ...]] = {
    1: ("Monday", "Mon."),
    2: ("Tuesday", "Tues.", "Tue."),
    3: ("Wednesday", "Wed."),
    4: ("Thursday", "Thurs.", "Thu."),
    5: ("Friday", "Fri."),
    6: ("Saturday", "Sat."),
    7: ("Sunday", "Sun."),
}

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a hundred": 100, "one hundred": 100, "a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2,
    "a dozen": 12, "half a": 0.5, "half an": 0.5,
}  # fmt: skip
# Quantities TimeML writes as X ("several years" -> PXY).
VAGUE_NUMBERS = ("a few", "few", "several", "many", "some", "dozens of", "hundreds of", "a number of")

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "final": 4, "last": -1,
}  # fmt: skip

# Unit word (singular) -> (TimeML duration letter, multiplier, is a time unit under 'T').
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True),
    "minute": ("M", 1, True),
    "hour": ("H", 1, True),
    "day": ("D", 1, False),
    "night": ("D", 1, False),
    "week": ("W", 1, False),
    "fortnight": ("W", 2, False),
    "month": ("M", 1, False),
    "quarter": ("Q", 1, False),
    "year": ("Y", 1, False),
    "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
}
UNIT_PLURALS = {"century": "centuries"}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# Parts of the day -> TimeML codes, used after a day ("Friday morning", "tonight").
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip

# Modifier words before an expression -> TimeML mod.
MODIFIERS: dict[str, str] = {
    "early": "START", "the early": "START", "the beginning of": "START", "the start of": "START",
    "the end of": "END", "late": "END", "the late": "END", "the latter part of": "END",
    "mid": "MID", "mid-": "MID", "the middle of": "MID", "the mid": "MID", "the mid-": "MID",
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "nearly": "APPROX", "almost": "APPROX", "some": "APPROX",
    "more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "earlier": "", "later": "", "the rest of": "", "the remainder of": "",
}  # fmt: skip

# Single words with a fixed reference value.
REFERENCE_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "at the moment": "PRESENT_REF", "these days": "PRESENT_REF",
    "the present": "PRESENT_REF", "right now": "PRESENT_REF", "today's": "PRESENT_REF",
    "current": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "recent years": "PAST_REF", "recent months": "PAST_REF", "recent weeks": "PAST_REF",
    "recent days": "PAST_REF", "recent times": "PAST_REF", "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF", "a later date": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
}  # fmt: skip
# Words such as "once", "earlier", "soon", "previously" are left out: in news they are far more
# often conjunctions or vague adverbs than temporal expressions an annotator would mark.

# Day words relative to the anchor: offset in days.
DAY_WORDS: dict[str, int] = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}

# Frequency words -> SET value.
SET_WORDS: dict[str, str] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "hourly": "PT1H",
    "twice a year": "P6M", "every year": "P1Y",
}  # fmt: skip

# Fixed-date holidays -> MM-DD.
HOLIDAYS: dict[str, str] = {
    "Christmas": "12-25",
    "Christmas Day": "12-25",
    "Christmas Eve": "12-24",
    "New Year's Day": "01-01",
    "New Year's Eve": "12-31",
    "Independence Day": "07-04",
    "Halloween": "10-31",
    "Valentine's Day": "02-14",
    "Bastille Day": "07-14",
}
# Holidays on the n-th weekday of a month: name -> (month, ISO weekday, n).
MOVABLE_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "Thanksgiving": (11, 4, 4), "Thanksgiving Day": (11, 4, 4), "Labor Day": (9, 1, 1),
    "Memorial Day": (5, 1, -1), "Martin Luther King Day": (1, 1, 3),
}  # fmt: skip

# Words around an expression that say which way it points, for bare weekdays and months.
FUTURE_CUES = (
    "will", "'ll", "shall", "going to", "scheduled", "plans", "plan", "planned", "planning",
    "expected", "expects", "expect", "is to", "are to", "upcoming", "next", "coming", "intends",
    "aims", "due", "set to", "forthcoming", "would", "hopes", "hope", "to be held", "is set",
    "will be", "won't", "starting", "begins", "opens", "ahead", "supposed to", "as soon as", "might",
    "effective", "payable", "until",
)  # fmt: skip
PAST_CUES = (
    "was", "were", "had", "did", "said", "told", "ago", "last", "earlier", "previously", "took",
    "went", "came", "met", "won", "lost", "began", "fell", "rose", "made", "gave", "held", "saw",
    "sold", "signed", "launched", "has been", "have been", "reported", "announced",
)  # fmt: skip


@lru_cache(maxsize=16)
def foreign_names(language: str) -> tuple[dict[str, int], dict[str, int]]:
    """Month and weekday names (lower case) -> number for `language`, from dateparser's locales.

    Names shorter than three letters (weekdays: five) are dropped: they collide with ordinary words.
    """
    from dateparser.languages.loader import default_loader  # imported late: it is slow to load

    info = default_loader.get_locale(language).info
    month_keys = ("january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december")  # fmt: skip
    weekday_keys = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    months: dict[str, int] = {}
    for number, key in enumerate(month_keys, start=1):
        for name in info.get(key, []):
            if len(name.rstrip(".")) >= 3:
                months[name.lower()] = number
    weekdays: dict[str, int] = {}
    for number, key in enumerate(weekday_keys, start=1):
        for name in info.get(key, []):
            # abbreviations are ordinary words: German "die", "mit", French "mer", Portuguese "qui"
            if len(name.rstrip(".")) >= 5:
                weekdays[name.lower()] = number
    return months, weekdays


# Relative phrases in other languages, regex -> (kind, amount): kind is year/month/week/day.
FOREIGN_RELATIVE: dict[str, dict[str, tuple[str, int]]] = {
    "fr": {
        r"l'année (?:dernière|passée)|l'an dernier|l'an passé": ("year", -1),
        r"cette année": ("year", 0),
        r"l'année prochaine|l'an prochain": ("year", 1),
        r"le mois (?:dernier|passé)": ("month", -1),
        r"ce mois-ci": ("month", 0),
        r"le mois prochain": ("month", 1),
        r"la semaine (?:dernière|passée)": ("week", -1),
        r"cette semaine": ("week", 0),
        r"la semaine prochaine": ("week", 1),
        r"hier": ("day", -1),
        r"aujourd'hui": ("day", 0),
        r"demain": ("day", 1),
    },
    "de": {
        r"letztes Jahr|im vergangenen Jahr|voriges Jahr": ("year", -1),
        r"dieses Jahr|in diesem Jahr": ("year", 0),
        r"nächstes Jahr|im nächsten Jahr": ("year", 1),
        r"gestern": ("day", -1),
        r"heute": ("day", 0),
        r"morgen": ("day", 1),
    },
    "it": {
        r"l'anno scorso|lo scorso anno": ("year", -1),
        r"quest'anno": ("year", 0),
        r"l'anno prossimo|il prossimo anno": ("year", 1),
        r"ieri": ("day", -1),
        r"oggi": ("day", 0),
        r"domani": ("day", 1),
    },
}
# "il y a 50 ans", "vor 50 Jahren", "50 anni fa": (regex with a <n> and a <unit>, unit words).
FOREIGN_AGO: dict[str, tuple[str, dict[str, str]]] = {
    "fr": (r"il y a (?P<n>\d+) (?P<unit>ans?|années?|mois|semaines?|jours?)",
           {"an": "year", "ans": "year", "année": "year", "années": "year", "mois": "month",
            "semaine": "week", "semaines": "week", "jour": "day", "jours": "day"}),
    "de": (r"vor (?P<n>\d+) (?P<unit>Jahren|Monaten|Wochen|Tagen)",
           {"Jahren": "year", "Monaten": "month", "Wochen": "week", "Tagen": "day"}),
    "it": (r"(?P<n>\d+) (?P<unit>anni|mesi|settimane|giorni) fa",
           {"anni": "year", "mesi": "month", "settimane": "week", "giorni": "day"}),
}  # fmt: skip
# Words before a month named alone that make it a date ("en mai"), with the TimeML mod some carry.
FOREIGN_MONTH_WORDS: dict[str, dict[str, str]] = {
    "fr": {"en": "", "depuis": "", "jusqu'en": "", "début": "START", "fin": "END", "mi-": "MID", "courant": ""},
    "de": {"im": "", "seit": "", "bis": "", "Anfang": "START", "Ende": "END", "Mitte": "MID"},
    "it": {"a": "", "ad": "", "da": "", "nel mese di": "", "entro": "", "inizio": "START", "fine": "END",
           "metà": "MID"},
    "es": {"en": "", "desde": "", "hasta": "", "a principios de": "START", "a finales de": "END",
           "a mediados de": "MID"},
    "pt": {"em": "", "desde": "", "até": "", "no início de": "START", "no final de": "END"},
}  # fmt: skip
# Words after a French date pointing back or forward ("le 16 mai dernier").
FOREIGN_DIRECTION: dict[str, dict[str, str]] = {
    "fr": {"dernier": "past", "passé": "past", "prochain": "future"},
    "de": {},
    "it": {"scorso": "past", "prossimo": "future"},
    "es": {"pasado": "past", "próximo": "future"},
    "pt": {"passado": "past", "próximo": "future"},
}
