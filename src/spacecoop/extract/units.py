"""A sentence as a string of one-letter units, so constructions read as short patterns.

P person · O organisation · C country or state · F office · X other named thing ·
o of/for/at · s possessive 's · , comma · & and · t determiner · v copula or "as" · ( ) · w word
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacecoop.extract.context import Actor, SentenceContext
from spacecoop.extract.lexicon import OFFICES
from spacecoop.extract.role_names import repair_names, trailing_name
from spacecoop.extract.role_words import (
    ABBREVIATED_OFFICES,
    FOREIGN_DEMONYMS,
    FOREIGN_FUNCTION_WORDS,
    FOREIGN_OFFICES,
    MINISTERIAL_HEADS,
    MORE_OFFICES,
)

# offices as the tokenizer splits them ("director-general" -> director, -, general)
_OFFICE_PHRASES = sorted(
    {tuple(re.findall(r"\w+|[^\w\s]", o)) for o in OFFICES + FOREIGN_OFFICES + MORE_OFFICES},
    key=len,
    reverse=True,
)
_MAX_OFFICE = max(len(p) for p in _OFFICE_PHRASES)
_OFFICE_SET = set(_OFFICE_PHRASES)
_SIMPLE = {
    "of": "o",
    "for": "o",
    "at": "o",
    "du": "o",
    "de": "o",
    "des": "o",
    "in": "o",
    "to": "o",
    "'s": "s",
    "’s": "s",
    "'": "s",
    ",": ",",
    "and": "&",
    "&": "&",
    "et": "&",
    "the": "t",
    "a": "t",
    "an": "t",
    "its": "t",
    "his": "t",
    "her": "t",
    "their": "t",
    "le": "t",
    "la": "t",
    "l'": "t",
    "first": "t",
    "new": "t",
    "then": "t",
    "former": "t",
    "current": "t",
    "as": "v",
    "is": "v",
    "was": "v",
    "became": "v",
    "becomes": "v",
    "remains": "v",
    "who": "v",
    "named": "v",
    "appointed": "v",
    "(": "(",
    ")": ")",
    "—": ",",
    "–": ",",
    "-": ",",
}
# verbs of heading an organisation: "X, who heads Roscosmos"
_SIMPLE.update(
    dict.fromkeys(
        (
            "heads",
            "headed",
            "leads",
            "led",
            "chairs",
            "chaired",
            "presided",
            "presides",
            "directs",
            "directed",
        ),
        "h",
    )
)
_SIMPLE["over"] = "o"
_SIMPLE["by"] = "b"
_SIMPLE["from"] = "o"
# "the agency": the agency the text named last (resolved by the role extractor)
_SIMPLE["agency"] = "a"
# honorifics carry no structure: "the Minister ... Prof. Isa Pantami" reads as office + name
_SKIPPED = {"prof.", "prof", "dr.", "dr", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir"} | {
    "lic.",
    "lic",
    "ing.",
    "ing",
    "dott.",
    "dott",
    "dra.",
    "sr.",
    "sra.",
    "mme",
    "m.",
    "hon.",
    "hon",
}
# words that join an office to its portfolio: "Minister of Defence", "ministre des Armées"
_JOINERS = {
    "of",
    "for",
    "and",
    "&",
    "de",
    "des",
    "du",
    "del",
    "della",
    "dell'",
    "dell’",
    "für",
    "da",
    "do",
    "y",
    "e",
}
# an envoy's office names the host state, not the sender: "Philippine Ambassador to Japan"
_ENVOYS = {"ambassador", "envoy", "consul", "ambassadors", "commissioner"} | {
    "ambasciatore",
    "ambasciatrice",
    "ambassadeur",
    "ambassadrice",
    "embajador",
    "embajadora",
    "botschafter",
    "botschafterin",
    "embaixador",
    "embaixadora",
}
# "the ambassador of Italy in Buenos Aires", "l'ambasciatore d'Italia a Buenos Aires": the host
_HOST_PREPOSITIONS = {"in", "a", "en", "à", "au", "aux", "to", "nach", "em", "no", "na"}


@dataclass(frozen=True)
class Unit:
    code: str
    start: int  # token indices in the Doc
    end: int
    actor: Actor | None = None

    def text(self, sentence: SentenceContext) -> str:
        return sentence.sent.doc[self.start : self.end].text


_OFFICE_HEADS = {phrase[-1] for phrase in _OFFICE_PHRASES}


def actor_code(actor: Actor) -> str:
    if actor.is_person:
        return "P"
    if actor.kind == "office":
        return "F"  # "Directeur" the NER took for a name, found in the knowledge's offices
    # "Astromaterials Curator" taken for an organisation is a title
    if actor.kind is None and actor.label == "ORG" and actor.text.split()[-1].lower() in _OFFICE_HEADS:
        return "F"
    if actor.is_org:
        return "O"
    if actor.is_country:
        return "C"
    return "X"


def _state_actor(token, country: str) -> Actor:
    """A state named by an adjective the NER did not mark ("el ministro argentino")."""
    return Actor(
        token.text, country, "NORP", "government", token.i, token.i + 1, token.idx, token.idx + len(token)
    )


def _joins_compound(token) -> bool:
    """The hyphen of "ESA-Astronaut", "CNES-Präsident": an organisation qualifying an office."""
    doc = token.doc
    return (
        token.text in {"-", "‑"}
        and not token.whitespace_
        and token.i > 0
        and not doc[token.i - 1].whitespace_
        and token.i + 1 < len(doc)
    )


def office_length(doc, i: int, end: int) -> int:
    """How many tokens from i name an office (0 when none does)."""
    for n in range(min(_MAX_OFFICE, end - i), 0, -1):
        if tuple(t.lower_ for t in doc[i : i + n]) in _OFFICE_SET:
            return n
    return 0


def _hides_an_office(actor: Actor, doc) -> bool:
    """An unknown organisation or place whose words include an office ("la ministra de Defensa",
    "Directeur" taken for a nationality)."""
    if actor.kind is not None or actor.is_person:
        return False
    return any(office_length(doc, i, actor.end) for i in range(actor.start, actor.end))


_ELISION = re.compile(r"^(?:dell|dall|nell|sull|all|del|d|l)['’](?P<rest>\w.*)$", re.IGNORECASE)


def _elided_office(token) -> bool:
    match = _ELISION.match(token.text)
    return match is not None and (match["rest"].lower(),) in _OFFICE_SET


def _elided_body(token, knowledge) -> Actor | None:
    """The organisation or state in "dell’Agenzia"-like tokens, when the knowledge knows it or it
    reads as a name (capitalised)."""
    match = _ELISION.match(token.text)
    if match is None or knowledge is None:
        return None
    rest = match["rest"]
    known = knowledge.lookup(rest)
    start = token.idx + match.start("rest")
    if known is not None and known.type in {"agency", "company", "organization", "government", "ministry"}:
        label = "GPE" if known.type == "government" else "ORG"
        return Actor(rest, known.name, label, known.type, token.i, token.i + 1, start, start + len(rest))
    if rest[:1].isupper() and (rest.isupper() or rest.istitle()) and len(rest) > 2:
        return Actor(rest, rest, "ORG", None, token.i, token.i + 1, start, start + len(rest))
    return None


def _junk_in_other_language(actor: Actor, foreign: bool) -> bool:
    """The English model's guesses on other languages: "el jueves", "Der" as organisations."""
    if not foreign or actor.kind is not None or actor.is_person:
        return False
    return actor.text[:1].islower() or actor.text.lower() in {"der", "die", "das", "el", "la", "le", "il"}


def tidy_person(actor: Actor, doc) -> Actor | None:
    """A person span the NER ran over other words: "la presencia de la ministra de Defensa" is read
    word by word, "de Thomas Pesquet" is Thomas Pesquet."""
    if not actor.is_person:
        return actor
    if actor.text.lower().rstrip(".") in {h.rstrip(".") for h in _SKIPPED}:
        return None  # "Lic." taken for a name
    if any(office_length(doc, i, actor.end) for i in range(actor.start + 1, actor.end)):
        return None
    if doc[actor.start].is_lower:
        return trailing_name(doc, actor.start, actor.end)
    return actor


def split_state_qualifier(actor: Actor | None, doc, knowledge) -> Actor | None:
    """ "Australian Industry" or "Peruvian Foreign Affairs" taken for an organisation before an
    office: the state's adjective, then the portfolio (read word by word)."""
    if actor is None or actor.kind is not None or actor.label != "ORG" or actor.end - actor.start < 2:
        return actor
    if not office_length(doc, actor.end, min(len(doc), actor.end + _MAX_OFFICE)) and not (
        actor.end < len(doc) and doc[actor.end].text == ","
    ):
        return actor
    first = doc[actor.start]
    known = knowledge.lookup(first.text) if knowledge is not None else None
    if known is None or known.type != "government":
        return actor
    return Actor(
        first.text, known.name, "NORP", "government", first.i, first.i + 1, first.idx, first.idx + len(first)
    )


def sentence_units(sentence: SentenceContext) -> list[Unit]:
    doc = sentence.sent.doc
    knowledge = sentence.context.knowledge
    tidied = [split_state_qualifier(tidy_person(a, doc), doc, knowledge) for a in sentence.actors]
    by_start = {a.start: a for a in tidied if a is not None}
    foreign = sentence.context.language != "en"
    units: list[Unit] = []
    i = sentence.sent.start
    while i < sentence.sent.end:
        actor = by_start.get(i)
        if (
            actor is not None
            and actor.kind is None
            and actor.label in {"NORP", "GPE"}
            and actor.text.islower()
        ):
            actor = None  # "dem", "sowie": the English model's guesses on other languages
        if actor is not None and actor.kind == "office" and office_length(doc, i, sentence.sent.end):
            actor = None  # "Directeur général": the longest office phrase is read below
        if actor is not None and _ELISION.match(actor.text) and not actor.is_person:
            actor = None  # "d'Eutelsat" as one organisation: read as "of" + the body below
        if actor is not None and (_hides_an_office(actor, doc) or _junk_in_other_language(actor, foreign)):
            actor = None  # "la ministra de Defensa" taken for an organisation: read it word by word
        if actor is not None:
            units.append(Unit(actor_code(actor), actor.start, actor.end, actor))
            i = actor.end
            continue
        token = doc[i]
        office_inside = _elided_office(token)
        if office_inside:
            units.append(Unit("F", i, i + 1))  # "l’ambasciatore"
            i += 1
            continue
        elided = _elided_body(token, knowledge)
        if elided is not None:
            # "dell’ASI", "d'Eutelsat": the English tokenizer keeps the elided "of the" on the name
            units += [Unit("o", i, i + 1), Unit(actor_code(elided), i, i + 1, elided)]
            i += 1
            continue
        if token.text in ABBREVIATED_OFFICES:
            units.append(Unit("F", i, i + 1))
            i += 1
            continue
        if token.is_lower and token.lower_ in FOREIGN_DEMONYMS:
            units.append(Unit("C", i, i + 1, _state_actor(token, FOREIGN_DEMONYMS[token.lower_])))
            i += 1
            continue
        office_len = office_length(doc, i, sentence.sent.end)
        if office_len:
            units.append(Unit("F", i, i + office_len))
            i += office_len
            continue
        if not token.is_space and token.lower_ not in _SKIPPED:
            code = _SIMPLE.get(token.lower_, "w")
            if foreign and code == "w":
                code = FOREIGN_FUNCTION_WORDS.get(token.lower_, "w")
            if code == "," and _joins_compound(token) and units and units[-1].code in "OC":
                code = "s"
            units.append(Unit(code, i, i + 1))
        i += 1
    units = _fold(units, sentence)
    return _fold(repair_names(units, sentence, Unit, office_length), sentence)


def _fold(units: list[Unit], sentence: SentenceContext) -> list[Unit]:
    # to a fixed point: "the Agency of the Russian Federation (Roscosmos)" takes two steps
    while True:
        folded = collapse(units, sentence)
        if len(folded) == len(units):
            return folded
        units = folded


def codes(units: list[Unit]) -> str:
    return "".join(u.code for u in units)


def _known(unit: Unit) -> bool:
    return unit.actor is not None and unit.actor.kind is not None


def _portfolio_before_office(units: list[Unit], k: int, doc) -> int:
    """How many units from k make "Science and Technology Minister" (capitalised words, commas and
    "and" ending in a minister's office); 0 when they do not."""
    n = 0
    while k + n < len(units) and n < 8:
        unit = units[k + n]
        if unit.code == "F":
            ministerial = any(t.lower_ in MINISTERIAL_HEADS for t in doc[unit.start : unit.end])
            return n if n and ministerial and units[k + n - 1].code in "wO" else 0
        capitalised = unit.code == "w" and doc[unit.start].text[:1].isupper()
        if not (capitalised or unit.code in ",&" or (unit.code == "O" and not _known(unit))):
            return 0
        n += 1
    return 0


def _long_form_before_acronym(units: list[Unit], i: int, doc) -> int:
    """How many units from i spell out the acronym in the parentheses after them: a state or a
    capitalised word, then capitalised words (with of/for/and), then "(ACRONYM)"; 0 if none."""
    first = units[i]
    if not (first.code == "C" or (first.code == "w" and doc[first.start].text[:1].isupper())):
        return 0
    n = 1
    while i + n < len(units) and n < 8:
        unit = units[i + n]
        word = doc[unit.start]
        if (
            unit.code == "w"
            and word.text[:1].isupper()
            or unit.code in "o&"
            and word.lower_ in {"of", "for", "and", "on"}
        ):
            n += 1
        else:
            break
    if n < 2 or units[i + n - 1].code != "w" or codes(units[i + n : i + n + 3]) != "(O)":
        return 0
    acronym = units[i + n + 1]
    return n if acronym.actor is not None and doc[acronym.start].text.isupper() else 0


def _name_after_remit(units: list[Unit], office: Unit, i: int, j: int, end: int, doc) -> tuple[int, int]:
    """Give back the last two words of a folded remit when they read as the holder's name: three
    or more capitalised words after the joiner, the last two tagged proper nouns, and no comma or
    parenthesis after them (a remit in apposition is followed by one)."""
    if j - i < 4 or j >= len(units) + 1:
        return j, end
    run = units[j - 3 : j]
    if any(u.code != "w" for u in run):
        return j, end
    if j < len(units) and units[j].code in ",(":
        return j, end
    if all(doc[u.start].pos_ == "PROPN" for u in run[-2:]) and doc[run[-2].start].ent_type_ != "ORG":
        return j - 2, units[j - 3].end
    return j, end


def _remit_before_name(units: list[Unit], k: int) -> int:
    """Where a remit of plain words ends when a person's name follows it directly (0 if not)."""
    n = k
    while n < len(units) and n - k < 7 and units[n].code in "w&o" and units[n].actor is None:
        n += 1
    if not (n > k and n < len(units) and units[n - 1].code == "w"):
        return 0
    holder = units[n]
    # the NER may take the holder for an organisation: "for science Nicola Fox"
    unknown_name = (
        holder.code in "OCX"
        and holder.actor is not None
        and holder.actor.kind is None
        and 2 <= holder.end - holder.start <= 3
        and holder.actor.text.istitle()
    )
    return n if holder.code == "P" or unknown_name else 0


def foreign_remit(units: list[Unit], k: int, doc, allowed: bool) -> int:
    """Where a minister's remit in another language ends (0 when none starts at k): words of any
    case up to a comma, a name or a known body ("Minister für wirtschaftliche Entwicklung und
    Technologie")."""
    if not allowed:
        return 0
    n = k
    while n < len(units) and n - k < 8:
        unit = units[n]
        single = unit.end - unit.start == 1
        if unit.code in "wt&o" or (unit.code in "PO" and single and not _known(unit)):
            n += 1
        else:
            break
    while n > k and units[n - 1].code in "t&o":
        n -= 1
    return n if n > k and units[n - 1].code in "wPO" else 0


def collapse(units: list[Unit], sentence: SentenceContext) -> list[Unit]:
    """Fold what names one thing into one unit: an organisation with its acronym in parentheses
    ("the China National Space Administration (CNSA)"), an agency "of" its state ("the Federal
    Space Agency of the Russian Federation"), and an office that runs on ("Minister of
    Communications and Digital Economy")."""
    doc = sentence.sent.doc
    foreign = sentence.context.language != "en"
    out: list[Unit] = []
    i = 0
    while i < len(units):
        unit = units[i]
        nxt = units[i + 1 : i + 4]
        # "ambassador of Italy in Argentina": the sending state, the host folded into it
        if (
            unit.code == "C"
            and len(out) >= 2
            and out[-1].code == "o"
            and out[-2].code == "F"
            and doc[out[-2].end - 1].lower_.split("’")[-1].split("'")[-1] in _ENVOYS
            and len(nxt) >= 2
            and doc[nxt[0].start].lower_ in _HOST_PREPOSITIONS
            and nxt[1].code in "CXO"
        ):
            out.append(Unit("C", unit.start, nxt[1].end, unit.actor))
            i += 3
            continue
        # "Mozambique's National Institute of Meteorology": a state's own body is that body
        if unit.code == "C" and codes(nxt[:2]) == "sO":
            out.append(Unit("O", unit.start, nxt[1].end, nxt[1].actor))
            i += 3
            continue
        # "Oman National Meteorological Service (ONMS)": a long form the NER missed, then its acronym
        long_form = _long_form_before_acronym(units, i, doc)
        if long_form:
            inner = units[i + long_form + 1]
            out.append(Unit("O", unit.start, units[i + long_form + 2].end, inner.actor))
            i += long_form + 3
            continue
        if unit.code in "OC" and len(nxt) == 3 and codes(nxt) in {"(O)", "(C)"}:
            inner = nxt[1]
            keep = inner if _known(inner) or not _known(unit) else unit
            out.append(Unit(keep.code, unit.start, nxt[2].end, keep.actor))
            i += 4
            continue
        if (
            unit.code == "O"
            and len(nxt) >= 2
            and nxt[0].code == "o"
            and (codes(nxt[1:3]) == "tC" or nxt[1].code == "C")
            and doc[nxt[0].start].lower_ == "of"
        ):
            last = nxt[2] if nxt[1].code == "t" else nxt[1]
            out.append(Unit("O", unit.start, last.end, unit.actor))
            i += 4 if nxt[1].code == "t" else 3
            continue
        if (
            unit.code == "F"
            and doc[unit.end - 1].lower_ in _ENVOYS
            and codes(nxt[:2]) in {"oC", "oO"}
            and (doc[nxt[0].start].lower_ == "to")
        ):
            out.append(Unit("F", unit.start, nxt[1].end))
            i += 3
            continue
        # "Australian Industry, Science and Technology Minister": the portfolio before the office
        portfolio = _portfolio_before_office(units, i + 1, doc) if unit.code == "C" else 0
        if portfolio:
            office = units[i + 1 + portfolio]
            out += [unit, Unit("F", units[i + 1].start, office.end)]
            i += portfolio + 2
            continue
        if unit.code == "F":
            end, j = unit.end, i + 1
            ministerial = any(t.lower_ in MINISTERIAL_HEADS for t in doc[unit.start : unit.end])
            # "NOAA Assistant Administrator for Satellite and Information Services": the body is
            # named before the office, so what follows "for" is the office's remit
            owned = bool(out) and (
                _known(out[-1]) or (out[-1].code == "s" and len(out) > 1 and _known(out[-2]))
            )
            # "Minister for Higher Education and Research": capitalised words joined by of/for/and
            while j + 1 < len(units) and units[j].code in "o&" and doc[units[j].start].lower_ in _JOINERS:
                nxt = units[j + 1]
                # a minister's portfolio the NER took for an organisation: "Minister for Science,
                # Technology and Innovation" serves the state, not a body of that name
                joiner = doc[units[j].start].lower_
                if (
                    (ministerial or (owned and joiner in {"of", "for"}))
                    and nxt.code in "OP"
                    and not _known(nxt)
                    and (
                        nxt.code == "O" or nxt.end - nxt.start == 1  # "ministra de Ciencia" is no person
                    )
                ):
                    end, j = nxt.end, j + 2
                    continue
                # "deputy prime minister for defence and space industry Yuri Borisov", "director of
                # human and robotic exploration Ann Lee": a remit in lower case, then the holder
                remit_end = _remit_before_name(units, j + 1)
                if remit_end:
                    end, j = units[remit_end - 1].end, remit_end
                    break
                if foreign_remit(units, j + 1, doc, ministerial and foreign):
                    k = foreign_remit(units, j + 1, doc, True)
                    end, j = units[k - 1].end, k
                    continue
                if not (nxt.code == "w" and doc[nxt.start].text[:1].isupper()):
                    break
                k = j + 1
                while k < len(units) and units[k].code == "w" and doc[units[k].start].text[:1].isupper():
                    k += 1
                end, j = units[k - 1].end, k
            # "Minister for Industry and Science Ed Husic": a run that ends in a name is not all remit
            j, end = _name_after_remit(units, unit, i, j, end, doc)
            # "Minister of Education and Science (IZM)": the ministry's acronym belongs to the office
            if codes(units[j : j + 3]) in {"(w)", "(O)"} and doc[units[j + 1].start].text.isupper():
                end, j = units[j + 2].end, j + 3
            out.append(Unit("F", unit.start, end))
            i = j
            continue
        out.append(unit)
        i += 1
    return out
