"""People the statistical NER missed where an office says a name follows.

The English model reads French, German, Spanish and Italian poorly: it takes "Pjotr Dubrow" for an
organisation, "Kosmonauten Anton Schkaplerow" for one person, and leaves "Kayla Barron" unmarked.
An office, though, is followed by its holder's name; and a list that starts with a name continues
with names ("die Astronauten A, B und C"). These repairs run on the unit string of a sentence
(extract/units.py) before constructions are read.
"""

from __future__ import annotations

import re

from spacecoop.extract.context import Actor, SentenceContext, clean_person

# words that make a capitalised run an organisation or a place, not a person
_NOT_NAME_WORDS = {
    "agency",
    "agence",
    "agencia",
    "agenzia",
    "agentur",
    "space",
    "spatiale",
    "espacial",
    "spaziale",
    "ministry",
    "ministère",
    "ministerio",
    "ministero",
    "ministerium",
    "centre",
    "center",
    "centro",
    "zentrum",
    "institute",
    "institut",
    "instituto",
    "istituto",
    "university",
    "université",
    "universidad",
    "università",
    "universität",
    "corporation",
    "company",
    "group",
    "council",
    "commission",
    "station",
    "mission",
    "republic",
    "république",
    "república",
    "repubblica",
    "republik",
    "national",
    "nacional",
    "nazionale",
    "nationale",
    "international",
    "internacional",
    "internazionale",
    "government",
    "gouvernement",
    "gobierno",
    "governo",
    "regierung",
    "federal",
    "state",
    "office",
    "board",
    "department",
    "administration",
    "organisation",
    "organization",
    "raumfahrt",
    "s.a.",
    "inc",
    "ltd",
    "division",
    "directorate",
    "science",
    "sciences",
    "research",
    "exploration",
    "technology",
    "programme",
    "program",
    "affairs",
    "relations",
    "operations",
    "weltraumorganisation",
    "europäischen",
    "tecnologia",
    "tecnología",
    "exploração",
    "aeroespacial",
    "norte-americana",
}
_PARTICLES = {
    "de",
    "da",
    "van",
    "von",
    "der",
    "le",
    "la",
    "del",
    "di",
    "du",
    "dos",
    "das",
    "y",
    "al",
    "el",
    "bin",
}
# where a name is due: right after an office ("Direktor Hans Weber"), after an office of a body
# and a comma ("el director de la CONAE, Conrado Varotto"), and further on in a list of names
_NAME_EXPECTED = re.compile(r"(?:F(?:ot?[OC]s?)?,?|FP(?:[,&]+P)*[,&]+)$")


def _name_like(token) -> bool:
    return (
        token.is_alpha
        and token.text[:1].isupper()
        and not token.is_upper
        and token.lower_ not in _NOT_NAME_WORDS
    ) or (token.text.endswith(".") and len(token.text) == 2 and token.text[0].isupper())


def _name_tokens(doc, start: int, end: int, english: bool = False) -> bool:
    """Two to six title-case words, particles allowed inside ("Rosa María Ramírez de Arellano").
    In English, where the tagger is reliable, each word must also be tagged a proper noun (a
    headline's "Visits Tokyo" is not a name)."""
    words = doc[start:end]
    if not 2 <= len(words) <= 6:
        return False
    if english and any(t.pos_ != "PROPN" for t in words if t.lower_ not in _PARTICLES):
        return False
    if not (_name_like(words[0]) and _name_like(words[-1])):
        return False
    return all(_name_like(t) or t.lower_ in _PARTICLES or t.text in {"-", "‑"} for t in words)


def reads_as_a_name(name: str) -> bool:
    """A person's name: no word of an organisation's name, no nationality noun before it."""
    words = name.split()
    if not words or any(w.lower().strip(".,") in _NOT_NAME_WORDS for w in words):
        return False
    return not (len(words) > 2 and words[0].lower().startswith(("amerikaner", "deutsche", "russe")))


def _person(doc, start: int, end: int) -> Actor | None:
    span = doc[start:end]
    name = clean_person(span.text)
    if not name:
        return None
    return Actor(span.text, name, "PERSON", None, start, end, span.start_char, span.end_char)


def trailing_name(doc, start: int, end: int) -> Actor | None:
    """The name at the end of a span: "de l'Économie Emmanuel Macron" -> Emmanuel Macron."""
    first = end
    while first > start and (_name_like(doc[first - 1]) or doc[first - 1].lower_ in _PARTICLES):
        first -= 1
    while first < end and not _name_like(doc[first]):
        first += 1
    return _person(doc, first, end) if first < end else None


def _run_of_words(units, k: int, doc, english: bool) -> int:
    """How many 'w' units from k make a name (0 when they do not)."""
    n = 0
    while k + n < len(units) and units[k + n].code == "w" and n < 6:
        n += 1
    for m in range(n, 1, -1):
        if _name_tokens(doc, units[k].start, units[k + m - 1].end, english):
            return m
    return 0


_HYPHENS = {"-", "‑"}


def _name_word(token, english: bool) -> bool:
    if not _name_like(token) or len(token.text) == 2 and token.text.endswith("."):
        return False
    # the English tagger knows a proper noun; the NER's guess of a kind counts as one too
    return not english or token.pos_ == "PROPN" or token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}


def _initial(token) -> bool:
    """ "K", "K.", "A S": initials Indian and other names carry before the name."""
    return (len(token.text) == 1 and token.text.isupper() and token.is_alpha) or (
        len(token.text) == 2 and token.text[0].isupper() and token.text.endswith(".")
    )


def scan_name(doc, start: int, end: int, english: bool, taken: set[int]) -> int:
    """Where a name that starts at token `start` ends (start when none does): initials, then
    title-case words with particles and inner hyphens ("A S Kiran Kumar", "Jean-Yves Le Gall")."""
    i, words, last_word_end = start, 0, start
    while i < end and i not in taken and _initial(doc[i]) and i - start < 3:
        i += 1
    while i < end and i not in taken:
        token = doc[i]
        if _name_word(token, english):
            words += 1
            i += 1
            last_word_end = i
        elif (
            token.text in _HYPHENS
            and not doc[i - 1].whitespace_
            and not token.whitespace_
            and words
            or token.lower_ in _PARTICLES
            and words
            and i + 1 < end
            and _name_word(doc[i + 1], english)
        ):
            i += 1
        else:
            break
        if words > 5:
            return start
    if words == 0 or (words == 1 and last_word_end - start < 2):
        return start
    return last_word_end


def _unknown_name_actor(unit, doc, english: bool) -> bool:
    """An organisation or place the NER made up of what reads as a person's name."""
    actor = unit.actor
    return (
        actor is not None
        and unit.code in "OCX"
        and actor.kind is None
        and _name_tokens(doc, unit.start, unit.end, english)
    )


_HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "mme",
    "m",
    "sir",
    "lic",
    "ing",
    "dott",
    "dra",
    "sr",
    "sra",
    "hon",
}


def _after_honorific(doc, i: int) -> bool:
    return i > 0 and doc[i - 1].lower_.rstrip(".") in _HONORIFICS


def _known(unit) -> bool:
    return unit.actor is not None and unit.actor.kind is not None


def _units_of_name(units: list, k: int, doc, english: bool, taken: set[int]) -> int:
    """How many units from k a name covers, whole units only (0 when no name starts there)."""
    end = scan_name(doc, units[k].start, units[-1].end, english, taken)
    if units[k].code == "P" and end <= units[k].end:
        return 0  # a name the NER found whole
    m = 0
    while k + m < len(units) and units[k + m].end <= end:
        m += 1
    if m == 0 or any(_known(u) for u in units[k : k + m]):
        return 0
    last = units[k + m - 1].end
    return m if last > units[k].start + 1 or units[k].actor is not None else 0


def repair_names(units: list, sentence: SentenceContext, make_unit, office_length) -> list:
    """Units with the people an office announces recognised as P."""
    doc = sentence.sent.doc
    english = sentence.context.language == "en"
    # tokens of things the knowledge names, and of offices, are never part of a name
    taken = {i for u in units if u.code == "F" or _known(u) for i in range(u.start, u.end)}
    out = []
    k = 0
    while k < len(units):
        unit = units[k]
        # "Kosmonauten Anton Schkaplerow": an office the NER put inside the name
        if unit.code == "P" and unit.actor is not None and unit.end - unit.start >= 3:
            length = office_length(doc, unit.start, unit.end - 2)
            if length:
                person = _person(doc, unit.start + length, unit.end)
                if person is not None:
                    out.append(make_unit("F", unit.start, unit.start + length, None))
                    out.append(make_unit("P", person.start, person.end, person))
                    k += 1
                    continue
        expected = _NAME_EXPECTED.search("".join(u.code for u in out[-8:])) or _after_honorific(
            doc, unit.start
        )
        if expected and unit.code in "wtOCXP":
            m = _units_of_name(units, k, doc, english, taken)
            if m:
                person = _person(doc, units[k].start, units[k + m - 1].end)
                if person is not None:
                    out.append(make_unit("P", person.start, person.end, person))
                    k += m
                    continue
        out.append(unit)
        k += 1
    return _names_before_offices(out, doc, english, make_unit)


def _names_before_offices(units: list, doc, english: bool, make_unit) -> list:
    """ "Claire Vautrin, ministre des Armées", "Jean-Yves Le Gall, Président du CNES": a name
    before a comma and an office, where the NER saw none."""
    out = list(units)
    for k in range(len(out) - 2, 0, -1):
        if not (out[k].code == "," and out[k + 1].code == "F" and out[k - 1].code in "wtOCX,"):
            continue
        if out[k - 1].code != "w" and not (out[k - 1].actor is not None and out[k - 1].actor.kind is None):
            continue
        for start in range(max(0, k - 7), k):
            if out[start].code not in "wtOCX" or _known(out[start]) or start and out[start - 1].code == "P":
                continue
            if any(_known(u) or u.code not in "wtOCX," for u in out[start:k]):
                continue
            if scan_name(doc, out[start].start, out[k].start, english, set()) == out[k].start:
                person = _person(doc, out[start].start, out[k - 1].end)
                if person is not None:
                    out[start:k] = [make_unit("P", person.start, person.end, person)]
                break
    return out
