"""What documents say about names themselves: "the Russian Federal Space Agency (Roscosmos)",
"Centre national d'études spatiales (CNES)", "Roscosmos, or the Federal Space Agency",
"GIFAS, the French aerospace industries association".

`find_document_aliases(text)` is pure: it returns pairs of surfaces the text declares equivalent.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from spacecoop.models import Document
from spacecoop.resolve.names import capitals, fold, name_key

# Words an organisation's or a place's full name ends with; an apposition or a bracketed
# expansion must end with one of them to count as a name and not as an ordinary phrase.
_ORG_HEADS_TEXT = """agency agencies administration association authority board bureau center centre centres
    commission committee company consortium corporation cosmodrome council department directorate
    federation foundation group institute institution laboratory ministry office organisation
    organization programme program society spaceport station union university"""
ORG_HEADS = frozenset(_ORG_HEADS_TEXT.split())
_FUNCTION_WORDS_TEXT = "of for the and de d du des la le et on in und fur für dell della di y"
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
_WORD = re.compile(r"[^\s,;:()\[\]\"“”]+")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.-]{1,11}$")
_PAREN = re.compile(r"\(([^()]{2,60})\)")
# NAME, [or|also known as|known as] the DESCRIPTION  (ended by punctuation or a clause word)
_APPOSITION = re.compile(
    r"(?P<name>\b[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4}),\s+"
    r"(?P<link>or\s+|also\s+known\s+as\s+|known\s+as\s+|formerly\s+|previously\s+)?"
    r"(?P<article>the|its)\s+(?P<desc>[^,.;:()\n]{3,80}?)(?=\s*(?:[,.;:()\n]|\s(?:in|at|on|to|which|who|and|with)\s))"
)
_MAX_NAME_WORDS = 10


@dataclass(frozen=True)
class DocumentAlias:
    """Two surfaces one document declares equivalent. `kind`: 'expansion' (a bracketed acronym or
    name), 'alternative' ("X, or the Y"), 'former' ("X, formerly the Y"), 'description'
    ("X, the Y"). `offset` is where the declaration starts in the text."""

    name: str
    alias: str
    kind: str
    offset: int


def find_document_aliases(text: str) -> list[DocumentAlias]:
    """Every alias declaration in a document's clean text, in text order."""
    found = [*_bracketed(text), *_appositions(text)]
    return sorted(set(found), key=lambda a: (a.offset, a.name, a.alias))


def _bracketed(text: str) -> list[DocumentAlias]:
    found: list[DocumentAlias] = []
    for match in _PAREN.finditer(text):
        inner = match.group(1).strip()
        before = text[max(0, match.start() - 200) : match.start()]
        words = [(m.group(0), m.start()) for m in _WORD.finditer(before)]
        base = match.start() - len(before)
        if _ACRONYM.match(inner) and " " not in inner:
            # "Full Name (ACR)": the name is the run of words before the bracket.
            name_words = _expansion_for(inner, [w for w, _ in words])
            if name_words:
                start = words[len(words) - len(name_words)][1] + base
                found.append(DocumentAlias(" ".join(name_words), inner, "expansion", start))
        elif words and _ACRONYM.match(words[-1][0]):
            # "ACR (Full Name)": the bracket spells the acronym out.
            acronym = words[-1][0]
            if _initials_match(acronym, inner.split()):
                found.append(DocumentAlias(inner, acronym, "expansion", words[-1][1] + base))
    return found


def _expansion_for(acronym: str, words: list[str]) -> list[str] | None:
    """The last words before a bracketed acronym that spell it, or a capitalised name that ends
    with an organisation word ("Guiana Space Centre (CSG)")."""
    tail = words[-_MAX_NAME_WORDS:]
    for size in range(1, len(tail) + 1):
        candidate = tail[len(tail) - size :]
        if fold(candidate[0]) in _FUNCTION_WORDS:
            continue
        if _initials_match(acronym, candidate):
            return candidate
    run: list[str] = []
    for word in reversed(tail):
        if fold(word) in ("the", "a", "an"):
            break  # "officials of the Russian Federal Space Agency": the name starts after the article
        if word[:1].isupper() or (run and fold(word) in _FUNCTION_WORDS):
            run.insert(0, word)
        else:
            break
    while run and fold(run[0]) in _FUNCTION_WORDS:
        run.pop(0)
    if len(run) >= 2 and fold(run[-1]) in ORG_HEADS and fold(" ".join(run)) != fold(acronym):
        return run
    return None


def _initials_match(acronym: str, words: list[str]) -> bool:
    letters = fold(acronym).replace(" ", "")
    if len(letters) < 2 or len(words) < 2:
        return False
    folded = [fold(re.sub(r"^[dl]['\u2019]", "", w)) for w in words]
    folded = [w for w in folded if w]
    every = "".join(w[0] for w in folded)
    content = "".join(w[0] for w in folded if w not in _FUNCTION_WORDS)
    return letters in (every, content)


def _appositions(text: str) -> list[DocumentAlias]:
    found: list[DocumentAlias] = []
    for match in _APPOSITION.finditer(text):
        desc = match.group("desc").strip()
        desc_words = desc.split()
        if not desc_words or len(desc_words) > 7 or fold(desc_words[-1]) not in ORG_HEADS:
            continue
        if len(desc_words) < 3 and not any(w[:1].isupper() for w in desc_words):
            continue  # "NASA, the agency," or "the space agency": a common noun, not another name
        link = (match.group("link") or "").strip().split(" ")[0].lower()
        kind = {"or": "alternative", "also": "alternative", "known": "alternative"}.get(link, "description")
        if link in ("formerly", "previously"):
            kind = "former"
        found.append(DocumentAlias(match.group("name").strip(), desc, kind, match.start()))
    return found


def declared_aliases(documents: Iterable[Document]) -> list[tuple[str, str, str]]:
    """Every (name, alias, kind) the documents declare, sorted; the spelling of a description
    taken from a document that writes it as a proper name."""
    documents = list(documents)
    found = set()
    for document in documents:
        for alias in find_document_aliases(document.text):
            found.add((alias.name, alias.alias, alias.kind))
    # A description given to several different names ("the national space agency") is a common
    # noun phrase, not a name: it joins nothing.
    named: dict[str, set[str]] = defaultdict(set)
    for name, alias, kind in found:
        if kind in ("description", "alternative"):
            named[name_key(alias)].add(name_key(name))
    found = {
        f for f in found if f[2] not in ("description", "alternative") or len(named[name_key(f[1])]) == 1
    }
    spelled = _proper_spellings({alias for _, alias, kind in found if kind == "description"}, documents)
    return sorted((name, spelled.get(alias, alias), kind) for name, alias, kind in found)


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|for|and|de|du|des))+")


def _proper_spellings(descriptions: set[str], documents: list[Document]) -> dict[str, str]:
    """ "the Russian federal space agency" is also written "the Russian Federal Space Agency"
    elsewhere: the capitalised spelling, where some document uses it, is the one to show. One pass
    over each document's capitalised word runs, whatever the number of descriptions."""
    wanted = {name_key(d): d for d in descriptions if d != d.title()}
    if not wanted:
        return {}
    sizes = {len(key.split()) for key in wanted}
    best: dict[str, str] = {}
    for document in documents:
        for match in _CAPITALISED_RUN.finditer(document.text):
            words = match.group(0).split()
            for size in sizes:
                for start in range(len(words) - size + 1):
                    form = " ".join(words[start : start + size])
                    key = name_key(form)
                    if key in wanted and capitals(form) > capitals(best.get(key, wanted[key])):
                        best[key] = form
    return {wanted[key]: form for key, form in best.items()}
