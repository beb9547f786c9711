"""Launch vehicles and spacecraft the knowledge does not list, found from their shape.

The knowledge files only canonicalise names; a rocket or a satellite nobody listed is still seen:
- a known launcher keeps the variant the text gives ("PSLV" + "-C51", "Ariane" + "5", "Proton" + "8K82K");
- a name before or after a vehicle noun is a vehicle ("the Epsilon-5 launch vehicle", "lanceur Vega");
- a name before or after a craft noun is a craft ("the Thaicom 6 communications satellite",
  "the satellite VINASat-1", "its first satellite, Osumi");
- a designation shaped like a serial ("Amazonia-1", "GSAT-9", "PanAmSat 6") in a sentence that tells
  a launch is a craft.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from spacecoop.extract.context import Actor, SentenceContext
from spacecoop.extract.launch_words import GERMAN_NOUNS

# nouns that say the name beside them is a launch vehicle (English and the other languages of the corpus)
VEHICLE_AFTER = {"rocket", "launcher", "booster", "rakete", "trägerrakete"}
VEHICLE_BEFORE = {
    "rocket",
    "launcher",
    "lanceur",
    "fusée",
    "cohete",
    "cohetes",
    "lanzador",
    "razzo",
    "vettore",
    "lanciatore",
    "foguete",
    "trägerrakete",
    "rakete",
    "missile",
    "mísil",
}
CRAFT_NOUNS = {
    "satellite",
    "satellites",
    "spacecraft",
    "probe",
    "telescope",
    "observatory",
    "rover",
    "lander",
    "orbiter",
    "capsule",
    "nanosatellite",
    "microsatellite",
    "cubesat",
    "satellit",
    "satelliten",
    "satélite",
    "satélites",
    "satellite-",
    "sonde",
    "spaceship",
    "raumschiff",
    "mission",
    "missione",
    "misión",
    "missão",
}
# craft nouns the name may follow ("the satellite called X", "le satellite X")
_NAMING = {"called", "named", "dubbed", "codenamed", "code-named", "baptisé", "baptisée", "genannt", ","}
# capitalised words that are not names of a craft or a rocket
_NOT_NAMES = {
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "this",
    "that",
    "first",
    "second",
    "third",
    "new",
    "flight",
    "vol",
    "flug",
    "launch",
    "mission",
    "complex",
    "pad",
    "phase",
    "block",
    "stage",
    "step",
    "earth",
    "space",
    "observation",
    "communications",
    "communication",
    "navigation",
    "weather",
    "research",
    "science",
    "remote",
    "sensing",
    "reconnaissance",
    "telecommunications",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "gmt",
    "utc",
    "ist",
    "est",
    "edt",
    "pst",
    "cet",
    "cest",
    "jst",
    "le",
    "la",
    "les",
    "der",
    "die",
    "das",
    "el",
    "los",
    "il",
    "lo",
    "o",
    "de",
    "du",
    "des",
    "von",
    "vom",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
}
# a serial after a launcher's name ("-C51", "5", "8K82K", "ECA", "XL", "3SL", "2.1b")
_SERIAL = re.compile(
    r"^(?:\d[\w.]*|[A-Z]{1,4}-\d+[A-Z]?|[A-Z]{1,3}\d*[A-Za-z]?|[A-Z]\d+[A-Z]?|Mk|Mark|[IVX]{1,4})$"
)
_HYPHEN_SERIAL = re.compile(r"^[A-Z]{0,3}\d+[A-Za-z]?$|^[A-Z]{1,3}$")
# a designation with a number: "Amazonia-1", "GSAT-9", "Lapan-A1", "Zhongxing-1A", "AMC-14"
_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]*-(?:[A-Z]{0,2}\d+[A-Za-z]?|[A-Z]\d?)$")
# a name with capitals inside or all capitals ("PanAmSat", "VINASat", "THOR", "SES")
_CAMEL = re.compile(r"^[A-Z][a-z]*[A-Z]\w*$|^[A-Z]{2,}\w*$")
_NUMBER = re.compile(r"^\d{1,4}[A-Za-z]?$")
_NAME_TOKEN = re.compile(r"^[A-Z0-9][\w.\-/αβγ]*$")
_OWNERS = {"ORG", "GPE", "NORP", "LOC", "SITE", "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT"}
_JOIN = {"-", "/"}
# "European", "Chinese", "British", "Thai", "French": a people, not a craft
_DEMONYM = re.compile(r"(?:an|ese|ish|ic|i|ch|sh|ean|ais|oise|isch|ano|ana|ês)$", re.I)
_MAX_NAME = 4
# "the satellite X", "le satellite X": a determiner before the noun makes the next capital a name
_DETERMINERS = {"the", "le", "la", "der", "die", "das", "el", "il", "lo", "o", "a"}


def _owned(token: Token, taken: dict[int, Actor]) -> bool:
    """A token inside an agency, a state, a site or a date is not part of a craft's name."""
    actor = taken.get(token.i)
    if actor is None:
        return False
    if actor.kind is not None:
        return actor.kind not in {"launcher", "spacecraft", "mission", "instrument"}
    # the statistical NER takes unknown craft for peoples or places ("Azurite" as NORP)
    if actor.label == "NORP":
        return bool(_DEMONYM.search(actor.text))
    return actor.label in _OWNERS and actor.label not in {"ORG", "GPE", "LOC"}


def _name_tokens(token: Token) -> bool:
    text = token.text
    return (
        bool(_NAME_TOKEN.match(text)) and text.lower() not in _NOT_NAMES and any(c.isalnum() for c in text)
    ) or text in _JOIN


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].text in _JOIN or tokens[0].lower_ in _NOT_NAMES):
        tokens = tokens[1:]
    while tokens and tokens[-1].text in _JOIN:
        tokens = tokens[:-1]
    return tokens


def name_before(doc: Doc, end: int, floor: int, taken: dict[int, Actor]) -> list[Token]:
    """The name-like tokens ending just before `end` ("Epsilon-5" in "Epsilon-5 launch vehicle")."""
    tokens: list[Token] = []
    i = end - 1
    while i >= floor and len(tokens) < _MAX_NAME and _name_tokens(doc[i]) and not _owned(doc[i], taken):
        if (
            doc[i].is_sent_start
            and doc[i].is_title
            and not _CAMEL.match(doc[i].text)
            and "-" not in doc[i].text
        ):
            if not (i + 1 < end and _NUMBER.match(doc[i + 1].text)):
                break  # "Rocket Lab ..." at a sentence start: an ordinary capital
        tokens.insert(0, doc[i])
        i -= 1
    tokens = _trim(tokens)
    return tokens if any(any(c.isupper() for c in t.text) for t in tokens) else []


def name_after(doc: Doc, start: int, ceiling: int, taken: dict[int, Actor]) -> list[Token]:
    """The name-like tokens from `start` on ("VINASat-1" in "the satellite VINASat-1")."""
    tokens: list[Token] = []
    i = start
    while i < ceiling and len(tokens) < _MAX_NAME and _name_tokens(doc[i]) and not _owned(doc[i], taken):
        tokens.append(doc[i])
        if (
            not doc[i].whitespace_
            and i + 1 < ceiling
            and doc[i + 1].text not in _JOIN
            and doc[i].text not in _JOIN
        ):
            break
        i += 1
    tokens = _trim(tokens)
    return tokens if any(any(c.isupper() for c in t.text) for t in tokens) else []


def _actor(tokens: list[Token], label: str, kind: str) -> Actor:
    doc = tokens[0].doc
    span = doc[tokens[0].i : tokens[-1].i + 1]
    text = span.text.strip(" -/,")
    return Actor(text, text, label, kind, span.start, span.end, span.start_char, span.end_char)


def extend_launcher(actor: Actor, doc: Doc, ceiling: int) -> Actor:
    """A known launcher followed by its serial: "PSLV" + "-C51", "Ariane" + "5", "Proton" + "8K82K"."""
    end = actor.end
    while end < ceiling and end - actor.end < 3:
        token = doc[end]
        previous = doc[end - 1]
        if token.text == "-" and end + 1 < ceiling and not previous.whitespace_ and not token.whitespace_:
            if _HYPHEN_SERIAL.match(doc[end + 1].text) or _SERIAL.match(doc[end + 1].text):
                end += 2
                continue
        if previous.whitespace_ and _SERIAL.match(token.text) and token.ent_type_ not in {"DATE", "TIME"}:
            if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in {"%", "percent", "per"}:
                break
            end += 1
            continue
        break
    if end == actor.end:
        return actor
    span = doc[actor.start : end]
    return replace(actor, text=span.text, end=end, end_char=span.end_char)


def _strong(text: str) -> bool:
    """A name by its shape alone: a designation, capitals inside, a serial ("SAC-D/Aquarius")."""
    return bool(
        _DESIGNATION.match(text) or _CAMEL.match(text) or re.search(r"[A-Za-z]-?\d|[A-Z]-[A-Z]", text)
    )


def _accept_after(name: list[Token], noun: Token, lo: int, german: bool) -> bool:
    """Whether the capitals after a craft noun name the craft ("the satellite VINASat-1",
    "satellite called Osumi"), not start a new phrase ("two satellites, Head of the ministry")."""
    doc = noun.doc
    if name[-1].i + 1 < len(doc) and doc[name[-1].i + 1].lower_ in {"of", "de", "der", "des"}:
        return False
    if len(name) == 1 and not _strong(name[0].text):
        # German capitalises every noun; a comma starts any phrase
        closed = name[-1].i + 1 < len(doc) and doc[name[-1].i + 1].text in {",", ")", ".", ";"}
        if german or (doc[noun.i + 1].text == "," and not (closed and name[0].pos_ == "PROPN")):
            return False
    return (
        len(name) > 1
        or _strong(name[0].text)
        or doc[noun.i + 1].lower_ in _NAMING
        or name[0].pos_ == "PROPN"
        or (noun.i > lo and doc[noun.i - 1].lower_ in _DETERMINERS)
    )


def _qualifier(token: Token) -> bool:
    """ "communications", "Earth observation", "star-mapping": a word that says what a craft is for."""
    if token.text == "Earth" or (token.text == "-" and not token.whitespace_):
        return True  # "Earth observation", "star-mapping"
    return (
        token.is_lower
        and not token.is_stop
        and token.pos_ in {"NOUN", "ADJ", "PROPN", "VERB"}
        and token.tag_ not in {"VBD", "VBZ", "VBP", "VB", "MD"}
        and any(c.isalpha() for c in token.text)
    )


PLANETS = {"mars", "moon", "venus", "mercury", "jupiter", "saturn", "sun", "lunar", "earth", "solar"}


def _common_word(name: list[Token], qualified: bool) -> bool:
    """A single word before a craft noun that is no name: a sentence's first word, a planet
    ("Mars orbiter"), a people ("the first Azerbaijani telecommunications satellite")."""
    if len(name) > 1:
        return False
    word = name[0]
    if word.lower_ in PLANETS or (word.is_title and word.is_sent_start):
        return True
    return bool(_DEMONYM.search(word.text)) and (qualified or word.pos_ == "ADJ" or word.ent_type_ == "NORP")


def operator_craft(actor: Actor, doc: Doc, ceiling: int) -> Actor:
    """ "Arabsat 5C", "Intelsat 709", "Turksat 6A": a satellite named after its operator and a serial."""
    known_operator = actor.kind in {"company", "intergovernmental", "organization"}
    if not known_operator or actor.end >= ceiling or not doc[actor.end - 1].whitespace_:
        return actor
    serial = doc[actor.end]
    if not re.match(r"^[1-9]\d{0,2}[A-Z]?$", serial.text) or serial.ent_type_ in {
        "DATE",
        "MONEY",
        "PERCENT",
        "QUANTITY",
    }:
        return actor
    if serial.i + 1 < len(doc) and doc[serial.i + 1].lower_ in {"%", "percent", "million", "billion", "per"}:
        return actor
    span = doc[actor.start : actor.end + 1]
    return Actor(
        span.text, span.text, "MISSION", "spacecraft", span.start, span.end, span.start_char, span.end_char
    )


def _free(tokens: list[Token], taken: dict[int, Actor]) -> bool:
    return all(t.i not in taken for t in tokens)


def launch_actors(sentence: SentenceContext) -> list[Actor]:
    """The sentence's actors with launchers' serials attached, plus vehicles and craft found from
    their shape, none overlapping another."""
    doc = sentence.sent.doc
    lo, hi = sentence.sent.start, sentence.sent.end
    german = sentence.context.language == "de"
    actors = [
        extend_launcher(a, doc, hi) if a.label in {"LAUNCHER", "MISSION"} else a for a in sentence.actors
    ]
    actors = [operator_craft(a, doc, hi) for a in actors]
    taken: dict[int, Actor] = {i: a for a in actors for i in range(a.start, a.end)}
    found: list[Actor] = []

    def add(tokens: list[Token], label: str, kind: str) -> None:
        if not tokens:
            return
        # a statistical PERSON/ORG/PRODUCT guess over the name gives way to the shape
        overlapping = {id(taken[t.i]) for t in tokens if t.i in taken}
        for actor in list(actors):
            if id(actor) in overlapping:
                if actor.label in {"LAUNCHER", "MISSION"} or actor.kind is not None:
                    return
                actors.remove(actor)
                for i in range(actor.start, actor.end):
                    taken.pop(i, None)
        new = _actor(tokens, label, kind)
        found.append(new)
        for i in range(new.start, new.end):
            taken[i] = new

    for token in sentence.sent:
        word = token.lower_
        # "the Epsilon-5 launch vehicle", "a Kosmos-3M rocket", "die Falcon-9-Rakete"
        if word in CRAFT_NOUNS and token.is_title and token.i > lo and word not in GERMAN_NOUNS:
            # "the Borealis Space Telescope": the noun closes a name of its own
            begin = token.i
            while (
                begin > lo
                and token.i - begin < 5
                and doc[begin - 1].is_title
                and not _owned(doc[begin - 1], taken)
            ):
                if (
                    doc[begin - 1].lower_ in _DETERMINERS
                    or doc[begin - 1].is_sent_start
                    and doc[begin - 1].lower_ == "the"
                ):
                    break
                begin -= 1
            name = list(doc[begin : token.i + 1])
            # "Remote Sensing Satellite", "Via Satellite": a generic title unless a word has a serial's shape
            science = word in {"telescope", "observatory", "orbiter", "lander", "rover", "probe"}
            if (
                begin < token.i
                and (science or any(_strong(t.text) for t in name[:-1]))
                and not (token.i - begin == 1 and doc[begin].lower_ == "space")
            ):
                add(name, "MISSION", "spacecraft")
            continue
        if not token.is_lower and word not in GERMAN_NOUNS:
            continue  # "Rocket Lab", "Satellite Industries": part of a name, not a noun beside one
        if word in VEHICLE_AFTER or (
            word == "vehicle" and token.i > lo and doc[token.i - 1].lower_ == "launch"
        ):
            end = token.i - (1 if word == "vehicle" else 0)
            if end > lo and doc[end - 1].text == "-":
                end -= 1
            while end > lo and doc[end - 1].lower_ in {"carrier", "space", "heavy-lift", "small-satellite"}:
                end -= 1
            add(name_before(doc, end, lo, taken), "LAUNCHER", "launcher")
        if word in VEHICLE_BEFORE and token.i + 1 < hi:
            start = token.i + 1
            if doc[start].lower_ in {"vom", "de", "del", "of"} and start + 1 < hi:
                start += 1 + (doc[start + 1].lower_ in {"typ", "type", "tipo"})
            add(name_after(doc, start, hi, taken), "LAUNCHER", "launcher")
        if word in CRAFT_NOUNS:
            # "the Thaicom 6 communications satellite": skip the words that qualify the noun
            end = token.i
            while end > lo and token.i - end < 4 and _qualifier(doc[end - 1]):
                end -= 1
            before = name_before(doc, end, lo, taken)
            if german and len(before) == 1 and not _strong(before[0].text):
                before = []  # a capitalised German noun ("Starts", "Inder"), not a name
            if before and not _common_word(before, end < token.i):
                add(before, "MISSION", "spacecraft")
                continue
            # "ESCAPADE, a smallsat Mars orbiter": the name the noun phrase stands beside
            left = end - (len(before) if before else 0)
            while left > lo and token.i - left < 6 and _qualifier(doc[left - 1]):
                left -= 1
            if left - 1 > lo and doc[left - 1].lower_ in {"a", "an"} and doc[left - 2].text == ",":
                appositive = name_before(doc, left - 2, lo, taken)
                if appositive and (len(appositive) > 1 or _strong(appositive[0].text)):
                    add(appositive, "MISSION", "spacecraft")
                    continue
            start = token.i + 1
            # "le satellite argentin X", "la mission océanographique conjointe X"
            after_qualifiers = start
            while (
                after_qualifiers < hi and after_qualifiers - start < 3 and _qualifier(doc[after_qualifiers])
            ):
                after_qualifiers += 1
            if after_qualifiers > start:
                strong = name_after(doc, after_qualifiers, hi, taken)
                if strong and _strong(strong[0].text):
                    add(strong, "MISSION", "spacecraft")
                    continue
            if start < hi and doc[start].lower_ in _NAMING:
                start += 1
            if start < hi and doc[start].text in {'"', "“", "«", "'", "”"}:
                start += 1
            after = name_after(doc, start, hi, taken)
            if after and _accept_after(after, token, lo, german):
                add(after, "MISSION", "spacecraft")
    # designations anywhere in the sentence: "Amazonia-1", "PanAmSat 6"
    for token in sentence.sent:
        holder = taken.get(token.i)
        # a statistical guess ("DFH-1" as ORG) gives way to a designation's shape
        if holder is not None and (
            holder.kind is not None or holder.label in _OWNERS | {"LAUNCHER", "MISSION"}
        ):
            continue
        if _DESIGNATION.match(token.text) and token.text.split("-")[0].lower() not in _NOT_NAMES:
            add([token], "MISSION", "spacecraft")
        elif (
            # "Kestrel-A1" cut by the tokenizer into three pieces
            token.i + 2 < hi
            and re.match(r"^[A-Z][A-Za-z]+$", token.text)
            and token.lower_ not in _NOT_NAMES
            and doc[token.i + 1].text == "-"
            and not token.whitespace_
            and not doc[token.i + 1].whitespace_
            and re.match(r"^[A-Z]{0,2}\d+[A-Za-z]?$", doc[token.i + 2].text)
            and token.i + 2 not in taken
        ):
            add([token, doc[token.i + 1], doc[token.i + 2]], "MISSION", "spacecraft")
        elif (
            _CAMEL.match(token.text)
            and token.i + 1 < hi
            and _NUMBER.match(doc[token.i + 1].text)
            and token.i + 1 not in taken
            and token.whitespace_
            and token.lower_ not in _NOT_NAMES
            and doc[token.i + 1].ent_type_ not in {"DATE", "TIME", "MONEY", "QUANTITY", "PERCENT"}
        ):
            add([token, doc[token.i + 1]], "MISSION", "spacecraft")
    found += series(actors + found, doc, hi)
    return sorted(actors + found, key=lambda a: a.start)


_SERIES_ITEM = re.compile(r"^[-–]?([A-Z]?\d{1,3}[A-Za-z]?)$")
_SERIES_JOIN = {",", "and", "et", "y", "und", "e", "&", "-", "–"}


def series(actors: list[Actor], doc: Doc, ceiling: int) -> list[Actor]:
    """ "Lapan-A1, -A2 and -A3", "SkySat-4, 5, 6 et 7", "GSat 30 et 31": one stem, several craft."""
    out: list[Actor] = []
    for actor in actors:
        if actor.label != "MISSION":
            continue
        match = re.match(r"^(.*?[-\s–]?)([A-Z]?\d{1,3}[A-Za-z]?)$", actor.text)
        if not match or not match.group(1).strip(" -–"):
            continue
        stem = match.group(1)
        i, joined = actor.end, False
        while i < ceiling:
            token = doc[i]
            item = _SERIES_ITEM.match(token.text)
            if item and joined and token.ent_type_ not in {"DATE", "TIME", "MONEY", "QUANTITY"}:
                name = stem + item.group(1)
                out.append(
                    Actor(name, name, "MISSION", "series", i, i + 1, token.idx, token.idx + len(token))
                )
                i, joined = i + 1, False
            elif token.text in _SERIES_JOIN:
                i, joined = i + 1, True
            else:
                break
    return out


def with_launch_actors(sentence: SentenceContext) -> SentenceContext:
    return replace(sentence, actors=launch_actors(sentence))
