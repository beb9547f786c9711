"""Office titles: which titles name one office ("Head", "Chief" and "Director General" of an agency
are all its head), and how a query such as "Head of Roscosmos" splits into office and organisation."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from spacecoop.resolve.names import fold

# One office per line: the label first, then the titles that name it. Titles are folded.
# "president" stays apart from "head": some agencies (CNES until 2005) had both a President and a
# Director General at the same time.
_OFFICE_TABLE = {
    "Head": (
        "head",
        "chief",
        "director general",
        "director-general",
        "general director",
        "dg",
        "administrator",
        "head of agency",
        "agency head",
        "leader",
    ),
    "President": ("president", "chairman", "chairwoman", "chairperson", "chair", "pdg"),
    "Chief Executive": ("chief executive", "chief executive officer", "ceo", "managing director"),
    "Deputy Head": (
        "deputy head",
        "deputy director general",
        "deputy administrator",
        "deputy chief",
        "first deputy head",
        "deputy general director",
    ),
    "Prime Minister": ("prime minister", "premier"),
}
_TITLE_TO_LABEL = {fold(title): label for label, titles in _OFFICE_TABLE.items() for title in titles}
# Offices one person holds at a time: a new holder ends the previous one's term.
EXCLUSIVE_LABELS = frozenset({"Head", "President", "Chief Executive", "Prime Minister"})
_EXCLUSIVE_WORDS = re.compile(r"\b(minister|secretary general|ambassador|governor|king|queen|chancellor)\b")
# Words that make a signatory or participant an office rather than a person's name.
_OFFICE_WORDS = re.compile(
    r"\b(director|minister|president|head|administrator|chairman|chairwoman|chair|secretary|"
    r"ambassador|chief|commissioner|governor|representative|officer|deputy|ceo|prime|king|queen|"
    r"chancellor|delegation|government)\b"
)


@lru_cache(maxsize=8192)
def office_label(role: str, organization_names: tuple[str, ...] = ()) -> str:
    """The office a role title names, as a label: equivalent titles share one label ("Chief" ->
    "Head"); other titles keep their words, the organisation's name removed ("ESA Director
    General" -> "Head"; "Press Officer" -> "Press Officer")."""
    text = fold(role)
    for name in organization_names:
        key = fold(name)
        if key:
            text = re.sub(rf"(^|\s){re.escape(key)}(\s|$)", " ", text).strip()
    text = re.sub(r"\s+of( the)?$", "", text).strip()
    if text in _TITLE_TO_LABEL:
        return _TITLE_TO_LABEL[text]
    # Two titles held together ("Chairman and CEO", "President & CEO"): the first names the office.
    first = _JOINED_TITLES.split(text)[0]
    if first != text and first in _TITLE_TO_LABEL:
        return _TITLE_TO_LABEL[first]
    if not text:
        return role.strip()
    if fold(role) == text:
        return role.strip()[:1].upper() + role.strip()[1:]
    return " ".join(w[:1].upper() + w[1:] for w in text.split())


def is_exclusive(label: str) -> bool:
    """True for offices one person holds at a time (a head, a president, a minister)."""
    return label in EXCLUSIVE_LABELS or bool(_EXCLUSIVE_WORDS.search(fold(label)))


def looks_like_office(surface: str) -> bool:
    """True for "ESA Director General" or "Russian Minister of Foreign Affairs" in a slot for people."""
    return bool(_OFFICE_WORDS.search(fold(surface)))


def split_office_query(text: str, known_title: Callable[[str], str | None] | None = None) -> tuple[str, str]:
    """ "Head of Roscosmos" -> ("Head", "Roscosmos"); "ESA Director General" -> ("Head", "ESA");
    "Roscosmos head" -> ("Head", "Roscosmos"). `known_title` maps a title in another language to its
    English name ("Président" -> "President"), so "Président du CNES" works too. Raises ValueError
    when no office title is found."""

    def label_of(title: str) -> str | None:
        if fold(title) in _TITLE_TO_LABEL:
            return _TITLE_TO_LABEL[fold(title)]
        english = known_title(title) if known_title else None
        return office_label(english) if english else None

    stripped = text.strip()
    match = _OFFICE_OF.match(stripped)
    if match and (label := label_of(match.group("office"))):
        return label, match.group("org").strip()
    if match and (label := label_of(_JOINED_TITLES.split(match.group("office").strip())[0])):
        # "CEO and Chairman of Inmarsat": two titles held together, the first names the office.
        return label, match.group("org").strip()
    words = stripped.split()
    # Longest title at the end ("ESA Director General") or at the start ("Director General ESA").
    for size in range(min(4, len(words) - 1), 0, -1):
        tail, head = " ".join(words[-size:]), " ".join(words[:size])
        if label := label_of(tail):
            return label, " ".join(words[:-size]).removesuffix("'s").strip()
        if label := label_of(head):
            return label, " ".join(words[size:]).strip()
    if match:
        return office_label(match.group("office").strip()), match.group("org").strip()
    raise ValueError(f"{text!r}: no office title found (try 'Head of ORGANISATION')")


_JOINED_TITLES = re.compile(r"\s+(?:and|&|et|und|y|e)\s+|\s*[,/]\s*", re.IGNORECASE)
_OFFICE_OF = re.compile(
    r"^(?P<office>.+?)\s+(?:(?:of|at|for|du|de\s+la|de|des|der|von)\s+|de\s+l['’]\s*)(?:the\s+)?(?P<org>\S.*)$",
    re.IGNORECASE,
)
