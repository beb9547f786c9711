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


def _unknown_name_actor(unit, doc, english: bool) -> bool:
    """An organisation or place the NER made up of what reads as a person's name."""
    actor = unit.actor
    return (
        actor is not None
        and unit.code in "OCX"
        and actor.kind is None
        and _name_tokens(doc, unit.start, unit.end, english)
    )


def repair_names(units: list, sentence: SentenceContext, make_unit, office_length) -> list:
    """Units with the people an office announces recognised as P."""
    doc = sentence.sent.doc
    english = sentence.context.language == "en"
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
        if _NAME_EXPECTED.search("".join(u.code for u in out[-8:])):
            if unit.code == "w":
                m = _run_of_words(units, k, doc, english)
                if m:
                    person = _person(doc, units[k].start, units[k + m - 1].end)
                    if person is not None:
                        out.append(make_unit("P", person.start, person.end, person))
                        k += m
                        continue
            elif _unknown_name_actor(unit, doc, english):
                person = _person(doc, unit.start, unit.end)
                if person is not None:
                    out.append(make_unit("P", person.start, person.end, person))
                    k += 1
                    continue
        out.append(unit)
        k += 1
    return _names_before_offices(out, doc, english, make_unit)


def _names_before_offices(units: list, doc, english: bool, make_unit) -> list:
    """ "Claire Vautrin, ministre des Armées": title-case words before a comma and an office."""
    out = list(units)
    for k in range(len(out) - 2, 0, -1):
        if not (out[k].code == "," and out[k + 1].code == "F" and out[k - 1].code == "w"):
            continue
        first = k
        while first > 0 and out[first - 1].code == "w" and k - first < 5:
            first -= 1
        for start in range(first, k - 1):
            if _name_tokens(doc, out[start].start, out[k - 1].end, english):
                person = _person(doc, out[start].start, out[k - 1].end)
                if person is not None:
                    out[start:k] = [make_unit("P", person.start, person.end, person)]
                break
    return out
