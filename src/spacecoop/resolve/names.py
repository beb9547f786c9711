"""Name keys: how two spellings of one name are recognised as the same.

Pure string functions, shared by entity resolution, fact merging and the store queries.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# German spellings without umlauts write them as two letters ("Wörner" -> "Woerner"), so both
# spellings fold to the two-letter form; other accents are simply dropped.
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
_NON_WORD = re.compile(r"[\W_]+")  # letters of every script are kept (Роскосмос)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")

_HONORIFICS_TEXT = "mr mrs ms miss mme mlle m dr prof professor sir dame madam monsieur madame herr frau"
HONORIFICS = frozenset(_HONORIFICS_TEXT.split())
# Lower-case particles that belong to the surname ("Jean-Yves Le Gall", "Charles de Gaulle").
_PARTICLES_TEXT = "le la de du des da di del della van von der den ten ter dos das st"
SURNAME_PARTICLES = frozenset(_PARTICLES_TEXT.split())

# Transliterations and short forms of given names: each group is one name.
_GIVEN_NAME_GROUPS = (
    "yuri yury yuriy iouri youri jurij juri",
    "dmitry dmitri dmitriy dimitri dmitrii",
    "anatoly anatoliy anatoli anatolii",
    "sergey sergei serguei sergej sergiy",
    "alexander aleksandr alexandr alexandre aleksander alex",
    "alexey alexei aleksey aleksei alexej",
    "andrey andrei andrej",
    "nikolay nikolai nicolai",
    "mikhail michail mikhael",
    "evgeny yevgeny evgueni yevgeniy evgeniy eugene",
    "vitaly vitali vitaliy",
    "gennady gennadi gennadiy",
    "valery valeri valeriy",
    "georgy georgi georgiy",
    "vladimir wladimir",
    "pyotr petr pavel",
    "igor igore",
    "jan johann johannes hans",
    "william bill will",
    "robert bob rob",
    "james jim jimmy",
    "michael mike",
    "charles charlie chuck",
    "richard rick dick",
    "thomas tom",
    "joseph joe",
    "steven stephen steve",
    "daniel dan",
    "kenneth ken",
    "christopher chris",
    "jonathan jon",
)
_GIVEN_NAME_CANON = {variant: group.split()[0] for group in _GIVEN_NAME_GROUPS for variant in group.split()}
# Pavel is not Pyotr: keep it out of that group.
_GIVEN_NAME_CANON["pavel"] = "pavel"


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case, accents, umlauts and punctuation folded: the key two spellings of a name share."""
    text = text.translate(_UMLAUTS)
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    for mark in _APOSTROPHES:
        folded = folded.replace(mark, "")
    return _NON_WORD.sub(" ", folded).strip()


def name_key(text: str) -> str:
    """`fold` without a leading article: "the Russian Federal Space Agency" = "Russian federal space agency"."""
    return _LEADING_ARTICLE.sub("", fold(text))


def capitals(text: str) -> int:
    """How many capital letters: the most capitalised spelling of a name is the one shown."""
    return sum(c.isupper() for c in text)


def slug(text: str) -> str:
    return name_key(text).replace(" ", "-") or "unnamed"


def short_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def given_name_key(token: str) -> str:
    """One given name (or hyphenated part) reduced to its group: "yury" -> "yuri"."""
    return _GIVEN_NAME_CANON.get(token, token)


@dataclass(frozen=True)
class PersonName:
    """A person's name split into given names (folded, in order) and surname (folded)."""

    given: tuple[str, ...]
    surname: str

    @property
    def is_full(self) -> bool:
        return bool(self.given)


def parse_person(text: str) -> PersonName:
    """Split a person's name: honorifics dropped, particles kept with the surname, hyphenated
    given names split ("Johann-Dietrich" -> johann, dietrich)."""
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    tokens = [fold(w) for w in words]
    pairs = [(w, t) for w, t in zip(words, tokens, strict=True) if t]
    while pairs and pairs[0][1].replace(" ", "") in HONORIFICS and len(pairs) > 1:
        pairs = pairs[1:]
    if not pairs:
        return PersonName((), "")
    # The surname starts at the first lower-case particle after a given name, else it is the last word.
    start = len(pairs) - 1
    for i in range(1, len(pairs) - 1):
        if pairs[i][1] in SURNAME_PARTICLES:
            start = i
            break
    if len(pairs) == 2 and pairs[0][1] in SURNAME_PARTICLES:
        start = 0
    surname = " ".join(t for _, t in pairs[start:])
    given: list[str] = []
    for _, token in pairs[:start]:
        given.extend(part for part in token.split() if part)
    return PersonName(tuple(given), surname)


def given_names_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when two lists of given names can name the same person: the first names agree
    (same group, or one is an initial of the other), and neither adds a conflicting second one."""
    if not a or not b:
        return True
    first_a, first_b = given_name_key(a[0]), given_name_key(b[0])
    if first_a != first_b and not _initial_of(a[0], b[0]):
        return False
    return all(
        given_name_key(x) == given_name_key(y) or _initial_of(x, y)
        for x, y in zip(a[1:], b[1:], strict=False)
    )


def _initial_of(x: str, y: str) -> bool:
    return (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def same_person_name(a: PersonName, b: PersonName) -> bool:
    """Two full names that name one person: same surname and compatible given names, or the same
    two words in the other order (Japanese family-name-first: "Yamakawa Hiroshi")."""
    if a.surname == b.surname:
        return given_names_compatible(a.given, b.given)
    if len(a.given) == 1 and len(b.given) == 1 and " " not in a.surname and " " not in b.surname:
        return a.surname == b.given[0] and b.surname == a.given[0]
    return False


def person_tokens(name: PersonName) -> frozenset[str]:
    """The words of a full name, given names reduced to their group: a block key order cannot change."""
    return frozenset((*(given_name_key(g) for g in name.given), *name.surname.split()))
