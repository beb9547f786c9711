"""Countries named in French, German, Spanish, Italian or Portuguese ("Nigéria", "Tschechien",
"Estados Unidos"), read from CLDR territory names (babel) and mapped to the knowledge's state."""

from __future__ import annotations

import re
from functools import lru_cache

LANGUAGES = ("fr", "de", "es", "it", "pt")


@lru_cache(maxsize=1)
def _english_codes() -> dict[str, str]:
    from babel import Locale  # imported late: only foreign documents need it

    return {code: name for code, name in Locale("en").territories.items() if code.isalpha()}


@lru_cache(maxsize=8)
def names_for(language: str, knowledge) -> dict[str, str]:
    """Lower-cased local name -> the knowledge's canonical name of the state."""
    from babel import Locale

    if language not in LANGUAGES or knowledge is None:
        return {}
    local = Locale(language).territories
    out = {}
    for code, english in _english_codes().items():
        entry = knowledge.lookup(english)
        if entry is None or entry.type != "government" or code not in local:
            continue
        out[local[code].lower()] = entry.name
    return out


def countries_in(text: str, language: str, knowledge) -> list[tuple[int, str]]:
    """(character offset, state) for each country the text names in its own language."""
    names = names_for(language, knowledge)
    if not names:
        return []
    found = []
    words = [(m.start(), m.group(0)) for m in re.finditer(r"[\w-]+", text)]
    i = 0
    while i < len(words):
        if not words[i][1][:1].isupper():
            i += 1
            continue
        # the longest name from here: "Estados Unidos", "República Checa", "Emirats arabes unis"
        for size in range(min(4, len(words) - i), 0, -1):
            state = names.get(" ".join(w for _, w in words[i : i + size]).lower())
            if state:
                found.append((words[i][0], state))
                i += size - 1
                break
        i += 1
    return found
