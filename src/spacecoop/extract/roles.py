"""Roles: who holds which office in which organisation, as of when.

Constructions (see ROLE_PATTERNS): titles before names ("CNES President Jean-Yves Le Gall"),
appositions ("Igor Komarov, Head of Roscosmos"), possessives ("NASA's Timothy Creamer"),
appointments ("appointed X as President of CNES"), crew lists ("Roscosmos cosmonauts A and B"),
state offices with the state implied ("President Charles de Gaulle"), and press contact blocks.
"""

from __future__ import annotations

import re

from spacecoop.extract.context import DocContext, SentenceContext
from spacecoop.extract.dating import compare_iso, dated
from spacecoop.extract.lexicon import CREW_OFFICES, STATE_OFFICES
from spacecoop.extract.role_names import reads_as_a_name
from spacecoop.extract.role_state import served_state
from spacecoop.extract.role_words import (
    ABBREVIATED_OFFICES,
    FOREIGN_STATE_OFFICES,
    IMPLIED_BODIES,
    MINISTERIAL_HEADS,
)
from spacecoop.extract.units import codes, sentence_units
from spacecoop.models import DateValue, Fact, Span

_OFFICE = r"(?P<office>F(?:&F)?)"
# (name, pattern over unit codes, confidence): the first pattern that covers a person wins.
ROLE_PATTERNS = tuple(
    (name, re.compile(pattern), confidence)
    for name, pattern, confidence in (
        # a list continues only with names that have no title of their own ("A, B and C")
        (
            "org-office-person",
            rf"(?P<org>[OC])s?t?{_OFFICE},?(?P<persons>P(?:[,&]+P(?!,t?F|,t?[OC]s?F))*)",
            0.9,
        ),
        # not when the office is already another person's apposition ("A, CEO of X, B, CEO of Y")
        ("office-of-org-person", rf"{_OFFICE}ot?(?P<org>[OC])(?P<persons>P)", 0.85),
        # ... unless a titled person stands before it: "the chancellor A, the director of X, B"
        (
            "office-of-org-comma-person",
            rf"(?<![^F]P,)(?<![^F]P,t)(?<!^P,)(?<!^P,t){_OFFICE}ot?(?P<org>[OC]),(?P<persons>P)",
            0.85,
        ),
        # "X, who heads Roscosmos", "Y led ESA"
        ("person-heads-org", r"(?P<persons>P),?v?(?P<verb>h)o?t?(?P<org>[OCa])", 0.7),
        # "NASA was led by Administrator Daniel Goldin"
        ("org-led-by-person", rf"(?P<org>[OC])v(?P<verb>h)b{_OFFICE}?(?P<persons>P)", 0.7),
        (
            "person-office-of-org",
            rf"(?<!F)(?P<persons>P)(?:,|v|,v|\()t{{0,2}}w?{_OFFICE}o(?:t|w){{0,4}}(?P<org>[OC])",
            0.9,
        ),
        # a person titled just before keeps the apposition only when no name follows it
        (
            "person-office-of-org",
            rf"(?<=F)(?P<persons>P)(?:,|v|,v|\()t?w?{_OFFICE}o(?:t|w){{0,4}}(?P<org>[OC])(?!,P)",
            0.85,
        ),
        # "Usui Tomohiro, Astromaterials Science Research Group Manager at the JAXA Institute"
        ("person-title-at-org", rf"(?P<persons>P),(?P<title>[wO]{{1,4}}){_OFFICE}ot?(?P<org>[OC])", 0.8),
        ("person-org-office", rf"(?P<persons>P)(?:,|v|,v|\()t?(?P<org>[OC])s?{_OFFICE}", 0.85),
        # "Soichi Noguchi is Japan's first astronaut", "X, who will become the 10th French astronaut"
        ("person-is-orgs-office", rf"(?P<persons>P),?v[vw]{{0,2}}t?w?(?P<org>[OC])s?t?w?{_OFFICE}", 0.8),
        ("orgs-person", r"(?P<org>[OC])s(?P<persons>P)", 0.6),
        # "el Ministro de Ciencia argentino, Daniel Filmus": the state's adjective after the office
        ("office-state-person", rf"{_OFFICE}(?P<org>C),?(?P<persons>P)", 0.8),
        ("office-person", rf"{_OFFICE}(?P<persons>P(?:[,&]+P(?!,t?F|,t?[OC]s?F))*)", 0.6),
        ("person-office", rf"(?P<persons>P),t?{_OFFICE}", 0.6),
        # "la ministra de Defensa, Lucía Ferrán,": the holder in apposition after the office
        ("office-comma-person", rf"(?<!P,)(?<!P,t){_OFFICE},(?P<persons>P)(?=[,(]|w?$)", 0.55),
    )
)
_SMALL = {"of", "for", "and", "the", "to", "on", "in", "at", "de", "du", "des", "la", "le"} | {
    "y",
    "e",
    "et",
    "und",
    "del",
    "della",
    "di",
    "da",
    "do",
    "für",
    "der",
    "el",
}


def office_title(text: str) -> str:
    if text in ABBREVIATED_OFFICES:
        return ABBREVIATED_OFFICES[text]
    words = text.split()
    return " ".join(
        w if (w.lower() in _SMALL and i) or w.isupper() else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def common_prefix(a: str, b: str) -> str | None:
    """The most precise ISO prefix both dates share: "2016-04" for 2016-04-18 and 2016-04-19."""
    for length in (10, 7, 4):
        if len(a) >= length and len(b) >= length and a[:length] == b[:length]:
            return a[:length]
    return None


def role_date(sentence: SentenceContext, context: DocContext) -> DateValue | None:
    """As of when the role holds: the date of the event the sentence reports (or the text
    reported just before), and the document's date. Where both are known and differ by days, the role is
    attested at both, so the common prefix is as precise as the text allows."""
    document_date = context.date
    stated = [
        v
        for _, v in dated(sentence.timexes)
        if not (document_date and document_date.iso and compare_iso(v.iso, document_date.iso) > 0)
    ]
    carried = not stated
    event = stated[0] if stated else sentence.prior_event_date
    if event is None or not event.iso:
        return document_date
    if document_date is None or not document_date.iso:
        return event  # an undated text: the event it reports is all that dates the role
    if event.iso == document_date.iso:
        return event
    if len(event.iso) < len(document_date.iso) and document_date.iso.startswith(event.iso):
        return document_date  # "in 2016" in a text of 19 April 2016
    if len(event.iso) == 10 and len(document_date.iso) == 10:
        shared = common_prefix(event.iso, document_date.iso)
        gap = abs((_day(event.iso) - _day(document_date.iso)).days)
        if shared and gap <= 10:
            return DateValue(
                shared,
                {4: "year", 7: "month"}[len(shared)],
                confidence=0.7,
                note=f"event {event.iso}, document {document_date.iso}",
            )
    # an event told earlier in the text but long before the release does not date this sentence
    return document_date if carried else event


def _day(iso: str):
    import datetime as dt

    return dt.date(int(iso[:4]), int(iso[5:7]), int(iso[8:10]))


def implied_organization(
    office: str, sentence: SentenceContext, context: DocContext, claimed: set[str] = frozenset()
) -> str | None:
    """The organisation an office belongs to when the text does not name it."""
    knowledge = context.knowledge
    publisher = context.publisher
    office = office_title(office)
    words = office.lower().split()
    lowered = office.lower()
    if (
        lowered in STATE_OFFICES
        or lowered in FOREIGN_STATE_OFFICES
        or (words and words[0] in _STATE_HEADS)
        or _ministerial(office)
    ):
        return served_state(sentence, claimed)
    # a staff member named in an agency's own release belongs to that agency; a news site is no employer
    known = knowledge.lookup(publisher) if publisher and knowledge is not None else None
    return known.name if known is not None and known.type in {"agency", "company", "organization"} else None


_STATE_HEADS = {
    "minister",
    "ministre",
    "vice",
    "premier",
    "ministro",
    "ministra",
    "ministerin",
    "bundesminister",
}


def _ministerial(office: str) -> bool:
    return (
        any(w in MINISTERIAL_HEADS for w in office.lower().split())
        and "secretary general" not in office.lower()
    )


def note_event_date(sentence: SentenceContext) -> None:
    """Remember the day of the last event reported (not planned) so far in the text."""
    document_date = sentence.context.date
    for _, value in dated(sentence.timexes):
        if value.precision == "day" and not (
            document_date and document_date.iso and compare_iso(value.iso, document_date.iso) > 0
        ):
            sentence.context.last_event_date = value
            return


def parent_named(actor, context: DocContext) -> str:
    """ "the JAXA Institute of Space and Astronautical Science": staff of an institute named with its
    parent agency are that agency's staff."""
    knowledge = context.knowledge
    known = knowledge.lookup(actor.text) if knowledge is not None else None
    if known is not None and known.parent:
        parent = knowledge.get(known.parent)
        if parent is not None and parent.name in actor.text:
            return parent.name
    return actor.name


def extract_roles(sentence: SentenceContext) -> list[Fact]:
    context = sentence.context
    units = sentence_units(sentence)
    code = codes(units)
    facts: list[Fact] = []
    covered: set[int] = set()
    # bodies this sentence already ties to a named official, with the kinds of office held there:
    # "the Australian minister A and minister B" - B is another state's minister
    explicit: dict[str, set[str]] = {}
    for name, pattern, confidence in ROLE_PATTERNS:
        for pos in range(len(code)):
            match = pattern.match(code, pos)
            if not match:
                continue
            persons = [i for i in range(*match.span("persons")) if code[i] == "P" and i not in covered]
            if not persons:
                continue
            office = None
            if "verb" in pattern.groupindex and match.group("verb"):
                office = (
                    "President" if "presid" in units[match.start("verb")].text(sentence).lower() else "Head"
                )
            if "office" in pattern.groupindex and match.group("office"):
                first, last = match.span("office")
                if "title" in pattern.groupindex and match.group("title"):
                    first = match.start("title")
                office = _without_article(sentence.sent.doc[units[first].start : units[last - 1].end].text)
            org = None
            if "org" in pattern.groupindex and match.group("org"):
                unit = units[match.start("org")]
                org = parent_named(unit.actor, context) if unit.actor is not None else sentence.the_agency()
            if office and org in IMPLIED_BODIES and any(w in office.lower() for w in IMPLIED_BODIES[org][0]):
                org = IMPLIED_BODIES[org][1]  # "European Commissioner": the Commission
            if office is None:
                office = "crew member" if _crew_context(sentence) else "member"
                confidence = min(confidence, 0.5)
            for i in persons:
                covered.add(i)
                person = units[i].actor.name
                if not reads_as_a_name(person):
                    continue  # "Earth Science Division" taken for a person
                known = context.recall(person)
                if known and len(known[0]) > len(person) and known[0].endswith(person):
                    person = known[0]
                organization = org
                if organization is None and known and known[2]:
                    organization = known[
                        2
                    ]  # "Novitsky, commander of the spacecraft": his agency, named before
                if organization is None:
                    head = _head(office)
                    taken = {state for state, heads in explicit.items() if head in heads}
                    organization = implied_organization(office, sentence, context, taken)
                if organization is None:
                    continue  # an office of no named body tells the analyst nothing to look up
                facts.append(
                    role_fact(
                        sentence,
                        person,
                        office,
                        organization,
                        confidence if org else min(confidence, 0.5),
                        name,
                    )
                )
                if org is not None:
                    explicit.setdefault(organization, set()).add(_head(office))
                context.remember(person, office, organization)
    return facts


_ARTICLE = re.compile(r"^(?:(?:the|el|la|le|il|lo|der|die|das|o|a)\s+|l['’]\s*)", re.IGNORECASE)


def _without_article(office: str) -> str:
    """ "el canciller" -> "canciller": the NER's span of an office may carry its article."""
    return _ARTICLE.sub("", office) or office


def _head(office: str) -> str:
    words = re.findall(r"\w+", office_title(office).lower())
    return "minister" if any(w.startswith("minist") for w in words) else (words[-1] if words else "")


def _crew_context(sentence: SentenceContext) -> bool:
    words = set(sentence.tokens_lower())
    return bool(words & ({"crew", "iss", "station", "soyuz", "spaceship", "flight"} | CREW_OFFICES))


def role_fact(
    sentence: SentenceContext, person: str, office: str, org: str | None, confidence: float, construction: str
) -> Fact:
    context = sentence.context
    return Fact(
        type="role",
        doc=context.key,
        doc_id=context.doc_id,
        args={"person": person, "role": office_title(office), "organization": org},
        evidence=sentence.evidence(),
        date=role_date(sentence, context),
        confidence=confidence,
        notes=(f"construction: {construction}",),
    )


def contact_organisation(contact, context: DocContext) -> str | None:
    """The body a press contact speaks for: one the role line names ("Communications - Example
    Space"), else the block's heading or the address's domain when the knowledge knows it, else the
    publisher. "Your contact" names nobody."""
    from spacecoop.extract.role_blocks import organisation_in

    knowledge = context.knowledge
    named = organisation_in(contact.role or "", knowledge)
    if named:
        return named
    stated = contact.organization
    if stated and (knowledge is None or knowledge.lookup(stated) is not None or not stated.istitle()):
        return stated
    return context.publisher if context.publisher != stated else None


def contact_roles(context: DocContext) -> list[Fact]:
    """Press-office contacts that name an office are roles of the publishing organisation."""
    document = context.document
    if document is None:
        return []
    facts = []
    for contact in document.contacts:
        if not contact.role:
            continue
        organization = contact_organisation(contact, context)
        if not organization:
            continue  # a press officer of no known body: nothing to look up
        facts.append(
            Fact(
                type="role",
                doc=context.key,
                doc_id=context.doc_id,
                args={
                    "person": contact.name,
                    "role": office_title(contact.role),
                    "organization": organization,
                },
                # the contacts block is kept out of the clean text: offsets -1 mean "see the raw line"
                evidence=Span(-1, -1, contact.line.strip()),
                date=context.date,
                confidence=0.8,
                notes=("construction: contact block",),
            )
        )
    return facts
