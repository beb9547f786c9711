"""Words that tell a launch and its tense in the languages of the corpus (English, French, German,
Spanish, Italian, Portuguese), beyond the shared lexicon."""

from __future__ import annotations

# verbs and nouns that report a launch
LAUNCH_TRIGGERS = {
    # French
    "lancera",
    "lanceront",
    "lancer",
    "décolle",
    "décollera",
    "décollé",
    # German
    "gestartet",
    "startete",
    "starteten",
    "starten",
    "startet",
    "abheben",
    "abhebt",
    "raketenstart",
    # Spanish
    "lanzamiento",
    "lanzamientos",
    "lanzó",
    "lanzado",
    "lanzada",
    "lanzados",
    "lanzadas",
    "lanzará",
    "lanzar",
    "despegó",
    "despegue",
    "colocación",
    # Italian
    "lanciati",
    "lanciate",
    "lancerà",
    # Portuguese
    "lançamento",
    "lançado",
    "lançada",
    "lançados",
    "lançou",
    "lançará",
    "lançar",
    # English
    "lofted",
    "blasts",
    "lifts",
}
# "put into orbit", "mis sur orbite", "puesto en órbita", "ins All gebracht": the place reached
ORBIT_WORDS = {
    "orbit",
    "orbite",
    "órbita",
    "orbita",
    "all",
    "weltall",
    "weltraum",
    "espacio",
    "espaço",
    "cosmos",
}
ORBIT_PREPOSITIONS = {"into", "to", "in", "en", "sur", "ins", "al", "em", "na", "dans", "nel"}
# German nouns are capitalised: these still say what the name beside them is
GERMAN_NOUNS = {"satellit", "satelliten", "rakete", "trägerrakete", "raumschiff", "sonde", "start"}
FUTURE_WORDS = {
    "soll",
    "sollen",
    "wird",
    "werden",
    "será",
    "serán",
    "programado",
    "programada",
    "prevista",
    "previsto",
    "lancera",
    "lanceront",
    "lanzará",
    "lancerà",
    "lançará",
    "décollera",
    "devrait",
    "usará",
    "llevará",
    "espera",
    "slated",
    "targeted",
    "tentative",
}
PAST_WORDS = {
    "fue",
    "fueron",
    "foi",
    "foram",
    "wurden",
    "startete",
    "lanzó",
    "lançou",
    "stato",
    "stata",
    "erfolgte",
}
