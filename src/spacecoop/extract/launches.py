"""Launches: vehicle, site, payloads, date, planned or done.

A sentence may report several launches ("the launch this October of X, and the launch in 2019
of Y"): each trigger takes the names and dates nearest to it. Dated list items ("22 April:
launch by Soyuz from ...") take their date from the item's head.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from spacecoop.extract.context import Actor, SentenceContext, clean_name
from spacecoop.extract.craft import PLANETS, with_launch_actors
from spacecoop.extract.dating import calendar_value, list_item_date, nearest_date, status_from, tense_of
from spacecoop.extract.launch_events import ANAPHORIC, NAMED_NEARBY
from spacecoop.extract.launch_words import (
    FUTURE_WORDS,
    LAUNCH_TRIGGERS,
    ORBIT_PREPOSITIONS,
    ORBIT_WORDS,
    PAST_WORDS,
)
from spacecoop.extract.lexicon import AGREEMENT_NOUNS, LAUNCH_NOT_EVENT, LAUNCH_WORDS, PAYLOAD_NOUNS
from spacecoop.models import DateValue, Fact

_LIFTOFF = {
    "lifted",
    "blasted",
    "took",
    "blastoff",
    "liftoff",
    "lift-off",
    "launched",
    "start",
    "décollage",
    "décollé",
    "gestartet",
    "startete",
    "despegó",
    "despegue",
    "lancé",
}
_PAYLOAD_NAME = re.compile(r"^[A-Z0-9][\w\-!°’'.]*$")


def topic_of_agreement(token: Token) -> bool:
    """ "agreements on the implementation of Soyuz launches": the subject of an agreement, not an event."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            break  # "an agreement to build X, which is expected to be launched": a clause of its own
        if ancestor.lower_ in AGREEMENT_NOUNS:
            return True
    before = [t.lower_ for t in token.doc[max(token.sent.start, token.i - 8) : token.i]]
    return any(w in AGREEMENT_NOUNS for w in before) and any(
        w in {"on", "for", "concerning", "regarding"} for w in before
    )


def counterfactual(token: Token) -> bool:
    """ "ESA hoped that the satellite could launch on a Vega-C": a launch that did not happen."""
    modal = any(c.dep_ == "aux" and c.lower_ in {"could", "might"} for c in token.children)
    wished = any(
        a.lemma_ in {"hope", "want", "wish", "intend"} and a.tag_ in {"VBD", "VBN"} for a in token.ancestors
    )
    return modal and wished


def is_launch_trigger(token: Token) -> bool:
    word = token.lower_
    if word in ORBIT_WORDS and token.i > 0 and token.nbor(-1).lower_ in ORBIT_PREPOSITIONS:
        # "put X into orbit", "mis sur orbite", "ins All gebracht": a verb of placing before it
        return any(
            t.pos_ in {"VERB", "AUX"} or t.lower_ in LAUNCH_TRIGGERS
            for t in token.doc[token.sent.start : token.i]
        )
    if word == "start" and token.text == "Start" and not token.is_sent_start:
        return not topic_of_agreement(token)  # the German noun: "der erste Start der Ariane 6"
    if word in LAUNCH_TRIGGERS:
        return not topic_of_agreement(token)
    if word not in LAUNCH_WORDS or topic_of_agreement(token) or counterfactual(token):
        return False
    nxt = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    if word in {"launch", "launches", "lancement", "lancio"} and (
        nxt in LAUNCH_NOT_EVENT or token.dep_ == "compound"
    ):
        return False
    if word in {"took", "left", "lifted", "blasted", "blast"}:
        # "the rocket left the Baikonur Cosmodrome": leaving a launch site is lifting off
        leaves_site = word == "left" and any(
            t.ent_type_ == "SITE" for t in token.doc[token.i + 1 : min(token.i + 4, token.sent.end)]
        )
        return nxt in {"off", "for", "into"} or (word == "lifted" and nxt == "off") or leaves_site
    if word in {"flight", "flights", "fly", "flew", "start", "rocket"}:
        return False  # only with a named vehicle: see vehicle_flights
    if word in {"launched", "launching", "launch"} and token.pos_ == "VERB":
        # "launched a programme/initiative": only a launch when a vehicle, site or craft is near
        return True
    return True


def vehicle_flights(sentence: SentenceContext) -> list[Token]:
    """ "two Soyuz flights from the Guiana Space Centre": a flight of a named launcher."""
    doc = sentence.sent.doc
    triggers = []
    for actor in sentence.actors:
        if actor.label == "LAUNCHER" and actor.end < sentence.sent.end:
            nxt = doc[actor.end]
            if nxt.lower_ in {
                "flight",
                "flights",
                "launch",
                "launches",
                "mission",
                "rocket",
            } and not topic_of_agreement(nxt):
                triggers.append(nxt)
        # "the maiden flight of the X", "el debut del cohete X": the flight word before the name
        if actor.label == "LAUNCHER":
            before = [t for t in doc[max(sentence.sent.start, actor.start - 4) : actor.start]]
            flight = next((t for t in reversed(before) if t.lower_ in _FLIGHT_OF), None)
            joined = flight is not None and any(
                t.lower_ in {"of", "de", "del", "du", "der", "des"} for t in before
            )
            if joined and not topic_of_agreement(flight):
                triggers.append(flight)
    return triggers


_FLIGHT_OF = {"flight", "debut", "vol", "vuelo", "volo", "voo", "erstflug", "start"}


_CODE = re.compile(r"^[A-Z0-9][\w\-°.]*\d[\w\-°.]*$|^[A-Z]{1,3}$|^N°\d+$")


def craft_name(sentence: SentenceContext, actor: Actor) -> str:
    """The craft as the text names it, with its serial ("Soyuz" + "MS-18", "Bion-M" + "N°2")."""
    doc = sentence.sent.doc
    end = actor.end
    while end < sentence.sent.end and _CODE.match(doc[end].text) and doc[end - 1].whitespace_:
        end += 1
    return clean_name(doc[actor.start : end].text)


def payload_names(
    sentence: SentenceContext, start: int, end: int, exclude: set[int], people: bool = True
) -> list[str]:
    doc = sentence.sent.doc
    names: list[str] = []
    for actor in sentence.actors:
        if actor.start < start or actor.end > end or actor.start in exclude:
            continue
        if actor.label == "MISSION" and not is_destination(actor, doc):
            # an item of a series ("-A2" after "Lapan-A1") carries its whole name
            names.append(actor.name if actor.kind == "series" else craft_name(sentence, actor))
        elif actor.is_person and people and _is_crew_context(sentence):
            names.append(actor.name)
    # unknown craft named before a payload noun: "the Sentinel-1B, Microscope and X satellites"
    for token in doc[start:end]:
        if token.lower_ in PAYLOAD_NOUNS and token.i > start:
            left = token.i - 1
            group: list[str] = []
            while (
                left >= start
                and (_PAYLOAD_NAME.match(doc[left].text) or doc[left].text in {",", "and", "-"})
                and doc[left].i not in exclude
            ):
                group.insert(0, doc[left].text_with_ws)
                left -= 1
            name = "".join(group).strip(" ,")
            for part in re.split(r",| and ", name):
                part = part.strip()
                part = re.sub(r"^(?:A|An|The)\s+", "", part)
                if (
                    part
                    and part[0].isupper()
                    and part.lower() not in {"the", "two", "first", "a", "an"} | PLANETS
                ):
                    if not any(part in n or n in part for n in names):
                        names.append(part)
    return names


_STATIONS = {"iss", "mir", "tiangong", "gateway", "lunar gateway", "international space station"}
_NOT_CRAFT_AFTER = {"accords", "accord", "agreement", "treaty", "programme", "program", "project"}


def is_destination(actor: Actor, doc) -> bool:
    """A space station is where a craft goes; "Artemis Accords", "the Artemis programme" are no craft."""
    name = actor.name.lower()
    if "station" in name or name in _STATIONS:
        return True
    return actor.end < len(doc) and doc[actor.end].lower_ in _NOT_CRAFT_AFTER


def _is_crew_context(sentence: SentenceContext) -> bool:
    words = set(sentence.tokens_lower())
    return bool(
        words
        & {
            "astronaut",
            "astronauts",
            "cosmonaut",
            "cosmonauts",
            "crew",
            "taikonaut",
            "astronaute",
            "spationaute",
        }
    )


def nearest(actors: list[Actor], position: int) -> Actor | None:
    return min(actors, key=lambda a: abs(a.start - position), default=None)


_VEHICLE_WORDS = re.compile(
    r"[\s-]+(?:rocket|launcher|launch vehicle|booster|carrier rocket|lanceur|fusée|rakete|trägerrakete)$",
    re.I,
)
_VEHICLE_PREFIX = re.compile(
    r"^(?:lanceur|fusée|cohete|lanzador|razzo|vettore|foguete|trägerrakete|rakete|rocket|launcher)\s+", re.I
)


def vehicle_name(text: str) -> str:
    """The vehicle as the text names it, without the word that says it is one ("H-2A rocket",
    "lanceur Vega")."""
    return _VEHICLE_PREFIX.sub("", _VEHICLE_WORDS.sub("", clean_name(text)))


_CRAFT_CODE = re.compile(r"^[A-Z][A-Za-z]*-?\d[\w-]*$")


def described_craft(sentence: SentenceContext, trigger: Token) -> list[str]:
    """ "the Hipparcos mission launched in 1989": the participle tells the launch of the noun it
    follows, not of the other craft in the sentence."""
    if trigger.dep_ != "acl":
        return []
    head = trigger.head
    return [
        craft_name(sentence, a)
        for a in sentence.actors
        if a.label == "MISSION" and a.start >= head.left_edge.i and a.end <= head.i + 1
    ]


def subject_craft(sentence: SentenceContext, trigger: Token) -> list[str]:
    """What is launched when no craft is named beside the trigger: a code-like name it describes
    ("CBERS-5, which is expected to be launched"), or, for "the satellite"/"the spacecraft", the
    craft the text named last."""
    # "SpaceX is set to launch a European Earth observation satellite" (the craft named before)
    candidates = [c for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    if trigger.dep_ in {"relcl", "acl"}:
        candidates.append(trigger.head)
    # up through "is in development and scheduled to launch": the subject of the chain
    node = trigger
    # "its launch is targeted for 2013": the craft the text named last
    if (
        any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in trigger.children)
        and sentence.context.last_craft
    ):
        return [sentence.context.last_craft]
    # up through "is scheduled for launch in 2009" too
    for _ in range(4):
        if (
            node.dep_ not in {"xcomp", "conj", "advcl", "ccomp", "relcl", "acl", "pobj", "prep"}
            or node.head.i == node.i
        ):
            break
        node = node.head
        candidates += [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if node.dep_ in {"relcl", "acl"}:
            candidates.append(node.head)
    for candidate in candidates:
        if _CRAFT_CODE.match(candidate.text):
            return [candidate.text]
        words = {t.lower_ for t in candidate.subtree}
        if (
            words
            & {
                "satellite",
                "spacecraft",
                "probe",
                "mission",
                "observatory",
                "craft",
                "telescope",
                "rover",
                "orbiter",
            }
            and (words & {"the", "this", "its", "a", "an"})
            and sentence.context.last_craft
        ):
            return [sentence.context.last_craft]
    return []


def owner(actor: Actor, triggers: list[Token]) -> int:
    """Index of the trigger a name belongs to: a launcher or site right before a trigger
    ("Soyuz flights") belongs to it; otherwise the nearest trigger before the name ("the launch
    of X"), or the nearest after it."""
    for n, trigger in enumerate(triggers):
        if 0 <= trigger.i - actor.end <= 1:
            return n
    before = [n for n, t in enumerate(triggers) if t.i < actor.start]
    if before:
        return before[-1]
    return min(range(len(triggers)), key=lambda n: abs(triggers[n].i - actor.start))


def merge_adjacent(triggers: list[Token]) -> list[Token]:
    """ "a Soyuz rocket lifted off": the rocket and its lift-off are one launch."""
    merged: list[Token] = []
    for trigger in triggers:
        # "was launched on a Long March 2C rocket": the rocket phrase belongs to the launch before it
        if merged and trigger.lower_ in {"rocket", "launcher"} and trigger.i - merged[-1].i <= 14:
            continue
        if merged and trigger.i - merged[-1].i <= 3:
            merged[-1] = trigger
        else:
            merged.append(trigger)
    return merged


def launch_tense(sentence: SentenceContext, trigger: Token) -> str | None:
    """Future or past from the words near the trigger in any language of the corpus, then from
    the English verb forms."""
    doc = sentence.sent.doc
    near = {
        t.lower_ for t in doc[max(sentence.sent.start, trigger.i - 8) : min(sentence.sent.end, trigger.i + 4)]
    }
    if near & FUTURE_WORDS or trigger.lower_ in FUTURE_WORDS:
        return "future"
    if near & PAST_WORDS or trigger.lower_ in PAST_WORDS:
        return "past"
    return tense_of(sentence, trigger.i, trigger.i + 1)


_PLURAL_EVENTS = {
    "launches",
    "flights",
    "starts",
    "lancements",
    "lanzamientos",
    "lanci",
    "lançamentos",
    "failures",
}
_PLURAL_VEHICLES = {
    "rockets",
    "launchers",
    "vehicles",
    "boosters",
    "raketen",
    "trägerraketen",
    "cohetes",
    "fusées",
    "lanceurs",
    "razzi",
    "foguetes",
}


def generic(trigger: Token, vehicle: Actor | None) -> bool:
    """ "23 consecutive successful launches", "Long March launch vehicles", "two H-II launch
    failures": a family or a count, not one launch."""
    doc = trigger.doc
    after_trigger = doc[trigger.i + 1].lower_ if trigger.i + 1 < len(doc) else ""
    if trigger.lower_ in _PLURAL_EVENTS or after_trigger in _PLURAL_EVENTS:
        return True
    if vehicle is None:
        return False
    following = [t.lower_ for t in doc[vehicle.end : min(vehicle.end + 2, len(doc))]]
    return any(w in _PLURAL_VEHICLES for w in following) or "-".join(following).startswith("-raketen")


def named_nearby(sentence: SentenceContext) -> dict:
    """The rocket and the craft the text names nearest to a sentence that tells a launch without
    naming them ("Japan launched a satellite on Tuesday"), known to the knowledge."""
    doc = sentence.sent.doc
    here = sentence.sent.start_char
    outside = [e for e in doc.ents if not (sentence.sent.start <= e.start < sentence.sent.end)]
    vehicles = [e for e in outside if e.label_ == "LAUNCHER"]
    crafts = [e for e in outside if e.label_ == "MISSION" and "station" not in e.text.lower()]
    vehicle = min(vehicles, key=lambda e: abs(e.start_char - here), default=None)
    craft = min(crafts, key=lambda e: abs(e.start_char - here), default=None)
    return {
        "vehicle": vehicle_name(vehicle.text) if vehicle is not None else None,
        "vehicle_canonical": (vehicle._.canonical or vehicle.text) if vehicle is not None else None,
        "payloads": [craft.text] if craft is not None else [],
        "distance": min([abs(e.start_char - here) for e in (vehicle, craft) if e is not None], default=10**9),
    }


def remember_craft(sentence: SentenceContext) -> None:
    """ "The satellite" in a later sentence refers back to the craft named last (known or not)."""
    crafts = [a for a in sentence.actors if a.label == "MISSION" and "station" not in a.name.lower()]
    if crafts:
        sentence.context.last_craft = craft_name(sentence, crafts[-1])


_HEADING = re.compile(r"^\s*[-•*]?\s*[^:]{2,30}:\s*$")


def heading_date(sentence: SentenceContext) -> DateValue | None:
    """ "October 20, 2000:" on a line of its own, then "Launch of X": the item's date."""
    doc = sentence.sent.doc
    if sentence.sent.start == 0:
        return None
    previous = doc[sentence.sent.start - 1].sent
    if not _HEADING.match(previous.text):
        return None
    for timex in sentence.context.timexes:
        if timex.start >= previous.start_char and timex.end <= previous.end_char:
            value = calendar_value(timex)
            if value is not None:
                return value
    return None


def extract_launches(sentence: SentenceContext) -> list[Fact]:
    context = sentence.context
    sentence = with_launch_actors(sentence)
    triggers = [t for t in sentence.sent if is_launch_trigger(t)]
    triggers = merge_adjacent(
        sorted({t.i: t for t in triggers + vehicle_flights(sentence)}.values(), key=lambda t: t.i)
    )
    if not triggers:
        remember_craft(sentence)
        return []
    item_date = list_item_date(sentence) or heading_date(sentence)
    facts = []
    for n, trigger in enumerate(triggers):
        mine = [a for a in sentence.actors if owner(a, triggers) == n]
        vehicle = nearest([a for a in mine if a.label == "LAUNCHER"], trigger.i)
        site = nearest([a for a in mine if a.label == "SITE" or a.kind == "site"], trigger.i)
        exclude = {
            i for a in sentence.actors if a.label not in {"MISSION", "PERSON"} for i in range(a.start, a.end)
        }
        first = min([a.start for a in mine] + [trigger.i])
        last = max([a.end for a in mine] + [trigger.i + 1])
        # a crew member stands for the flight only beside a named rocket ("flew on a Soyuz")
        payloads = (
            described_craft(sentence, trigger)
            or payload_names(sentence, first, last, exclude, people=vehicle is not None)
            or subject_craft(sentence, trigger)
        )
        doc = sentence.sent.doc
        window = (doc[first].idx, doc[last - 1].idx + len(doc[last - 1]))
        # a date inside the trigger's own phrase ("to launch ... by 2020") beats one merely nearby
        # "to launch X aboard a Y rocket next year": the rocket's launch verb owns the phrase
        phrase = next(
            (
                a
                for a in list(trigger.ancestors)[:3]
                if a.pos_ == "VERB" and a.lower_ in LAUNCH_WORDS | LAUNCH_TRIGGERS
            ),
            trigger,
        )
        own = (phrase.left_edge.idx, phrase.right_edge.idx + len(phrase.right_edge))
        # "On June 19th, X announced it had chosen Y to launch Z": the day of the announcement
        # is not the day of a launch still to come, so an infinitive takes only its own dates
        infinitive = (
            phrase.tag_ == "VB"
            and phrase.lower_ not in ORBIT_WORDS
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in phrase.children)
        )
        date = (
            item_date
            or nearest_date(sentence, trigger.idx, own, strict=True)
            or (None if infinitive else nearest_date(sentence, trigger.idx, window))
        )
        if not payloads and generic(trigger, vehicle):
            continue
        notes: tuple[str, ...] = ()
        if vehicle is None and not payloads:
            if date is None or trigger.lower_ in {"rocket", "flight", "flights"}:
                continue
            # "the rocket blasted off on Saturday": the date of a launch named in another sentence
            notes = (ANAPHORIC,)
        elif not payloads and date is None and not (site and trigger.lower_ in _LIFTOFF):
            continue  # "the launch of Soyuz from the Spaceport will consolidate ...": no event
        tense = None if item_date else launch_tense(sentence, trigger)
        status = status_from(date, tense, context.date, "planned", "done")
        facts.append(
            Fact(
                type="launch",
                doc=context.key,
                doc_id=context.doc_id,
                args={
                    "vehicle": vehicle_name(vehicle.text) if vehicle else None,
                    # the knowledge's name, so that "fusée Longue Marche" and "Long March-2C" compare
                    "vehicle_canonical": vehicle.name if vehicle else None,
                    "site": site.name if site else None,
                    "payloads": payloads,
                    **({NAMED_NEARBY: named_nearby(sentence)} if notes else {}),
                },
                evidence=sentence.evidence(),
                date=date,
                status=status,
                confidence=0.8 if vehicle and payloads else 0.6,
                notes=notes,
            )
        )
    remember_craft(sentence)
    return facts
