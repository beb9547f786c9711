"""How a surface form is reduced to the key it is looked up by."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DROP_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018\u02bc`\u00b4")
_NON_WORD = re.compile(r"[\W_]+")  # any script's letters and digits survive
# All-caps forms this short are ordinary words in lower case ("US", "ASI"...), so they match exactly.
_SHORT_ACRONYM = re.compile(r"^[A-Z][A-Z0-9.&-]{0,4}$")
_MAX_EXACT_LETTERS = 4


@lru_cache(maxsize=65536)
def normalise_alias(text: str) -> str:
    """Fold a surface form to its lookup key: accents and case folded, apostrophes dropped
    ("Europe's" -> "europes", as the scorer does), "&" read as "and", other punctuation to
    single spaces, and a leading "the" removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    folded = folded.translate(_DROP_APOSTROPHES).replace("&", " and ")
    key = _NON_WORD.sub(" ", folded).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


def is_short_acronym(alias: str) -> bool:
    """True for all-caps forms of at most four letters ("CSA", "US", "U.S.", "NASA"): these only
    match with exactly the same case, so "us" or "Asi" in running text are not taken for them."""
    if not _SHORT_ACRONYM.match(alias):  # cheap test first: most forms are longer words
        return False
    return 2 <= sum(c.isalpha() for c in alias) <= _MAX_EXACT_LETTERS


def compact_key(text: str) -> str:
    """The lookup key without spaces, so "H2A" meets "H-2A" and "Bepi Colombo" meets "BepiColombo"."""
    return normalise_alias(text).replace(" ", "")
