"""Questions about the resolution: who held an office on a date, an entity's profile, a person's
office on a date. SQLAlchemy Core over the resolution tables; every answer carries its sources."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import Connection, func, or_, select

from spacecoop.errors import BadQuery, NotFound
from spacecoop.models import OfficeTerm
from spacecoop.resolve.names import name_key, parse_person
from spacecoop.resolve.office_names import split_office_query
from spacecoop.resolve.offices import held_on
from spacecoop.store import schema
from spacecoop.store.core import Store, check_iso_date
from spacecoop.store.office_knowledge import combined_terms

# When an organisation has no office of the asked name, the office that heads it answers instead
# ("Head of CNES" is its President; "President of Roscosmos" its Head).
_FALLBACK_OFFICES = {
    "Head": ("President", "Chief Executive"),
    "President": ("Head", "Chief Executive"),
    "Chief Executive": ("President", "Head"),
}
_ORG_ROLES = ("party", "organization")
_PERSON_ROLES = ("participant", "signatory", "person")
_TYPE_SECTIONS = (
    ("agreement", "agreements"),
    ("meeting", "meetings"),
    ("launch", "launches"),
    ("role", "roles"),
)


def who_held(store: Store, office_text: str, on_date: str) -> list[dict[str, Any]]:
    """Holders of an office ("Head of Roscosmos", "ESA Director General") on a date, each with the
    term it falls in and the sources that show it. Where no known term covers the date, the last
    holder seen before it is returned with `"held": "last known"`. NotFound for an unknown
    organisation or an office it is never seen with; BadQuery for a date that is not ISO."""
    check_iso_date(on_date, "date")
    try:
        office, org_text = split_office_query(office_text, _known_title)
    except ValueError as error:
        raise BadQuery(str(error)) from error
    with store.engine.connect() as conn:
        org_ids = find_entity_ids(conn, org_text)
        if not org_ids:
            raise NotFound(f"{org_text!r}: no organisation of that name or alias in the store")
        # The organisation's predecessors and successors answer for the years it did not exist
        # (the Head of Roscosmos in 2003 was the head of Rosaviakosmos).
        lineage = _lineage(conn, org_ids[0])
        organizations = set(org_ids) | lineage
        evidence = _terms(conn, schema.offices.c.organization.in_(organizations))
        terms = combined_terms(conn, organizations, evidence)
        known = sorted({a.term.office for a in terms})
        chosen = [a for a in terms if a.term.office == office]
        for fallback in _FALLBACK_OFFICES.get(office, ()):
            if chosen:
                break
            chosen = [a for a in terms if a.term.office == fallback]
        if any(a.basis != "evidence" for a in terms if a.term.office in _FALLBACK_OFFICES.get(office, ())):
            # The knowledge knows who headed it under another title (Arianespace's Chairman and
            # CEO): every head's term may answer; on a date, the asked title first.
            family = (office, *_FALLBACK_OFFICES.get(office, ()))
            chosen = [a for a in terms if a.term.office in family]
        if not chosen:
            offices = ", ".join(known) or "none"
            raise NotFound(
                f"{office_text!r}: no holder of {office!r} seen for {org_text} (offices seen: {offices})"
            )
        own_started = any(a.term.organization in org_ids and _started_by(a.term, on_date) for a in chosen)
        if own_started:
            # Once the organisation itself has holders, its predecessors' open terms are over.
            chosen = [a for a in chosen if a.term.organization in org_ids]
        # A term seen in documents and still open is known only up to its last sighting: past that,
        # its holder is the last known one, not one whose term runs on to today.
        last_seen = {id(a): _last_seen(conn, a) for a in chosen}
        held = [a for a in chosen if held_on(a.term, on_date) and _seen_by(last_seen[id(a)], a, on_date)]
        if any(a.basis != "evidence" for a in held):
            # The knowledge's dates say who held it; a sighting's open term does not outvote them.
            held = [a for a in held if a.basis != "evidence"]
        # One person in two bodies on a date (a renaming year): the term the sources show, else the later.
        by_person: dict[str, Any] = {}
        for a in sorted(held, key=lambda a: (a.basis == "knowledge and evidence", a.term.start or "")):
            by_person[a.person_name or a.term.person] = a
        held = list(by_person.values())
        if any(a.term.office == office for a in held):
            held = [a for a in held if a.term.office == office]
        status = "in office"
        if not held:
            before = [a for a in chosen if _started_by(a.term, on_date)]
            held = [max(before, key=lambda a: (a.term.start or "", a.term.person))] if before else []
            status = "last known"
        names = _names(conn, {a.term.person for a in held} | {a.term.organization for a in held})
        answers = []
        for a in sorted(held, key=lambda a: (a.term.start or "", a.term.person)):
            t = a.term
            sources = _sources(conn, t.event_ids)
            answers.append(
                {
                    "office": t.office,
                    "organization": {
                        "id": t.organization,
                        "name": names.get(t.organization) or _known_name(t.organization),
                    },
                    "person": {
                        "id": t.person,
                        "name": names.get(t.person) or a.person_name or t.person,
                        "wikidata": a.wikidata,
                    },
                    "start": t.start,
                    "end": t.end,
                    "open": t.end is None,
                    "last_seen": max((s["date"] for s in sources if s["date"]), default=None),
                    "held": status,
                    "basis": a.basis,
                    "on": on_date,
                    "sources": sources,
                }
            )
        return answers


def _last_seen(conn: Connection, answer: Any) -> str | None:
    if answer.basis != "evidence" or answer.term.end is not None:
        return None
    return max((s["date"] for s in _sources(conn, answer.term.event_ids) if s["date"]), default=None)


def _seen_by(last_seen: str | None, answer: Any, on_date: str) -> bool:
    if answer.basis != "evidence" or answer.term.end is not None or not last_seen:
        return True
    return on_date[: len(last_seen)] <= last_seen[: len(on_date)]


def _kind(row: Any) -> str:
    """The entity's kind (agency, government, company, institute, person, place, launcher,
    spacecraft, mission, office, body): what role it can play (see resolve/kinds.py)."""
    from spacecoop.knowledge import load_knowledge
    from spacecoop.models import Entity
    from spacecoop.resolve.kinds import kind_of

    return kind_of(Entity(row.id, row.name, row.type), load_knowledge().get(row.id))


def _known_name(entity_id: str) -> str:
    from spacecoop.knowledge import load_knowledge

    known = load_knowledge().get(entity_id)
    return known.name if known is not None else entity_id


def _started_by(term: OfficeTerm, date: str) -> bool:
    return bool(term.start) and term.start[: len(date)] <= date[: len(term.start)]


def _lineage(conn: Connection, entity_id: str) -> set[str]:
    """The entity with every predecessor and successor, followed link by link."""
    e = schema.entities
    found, queue = set(), [entity_id]
    while queue:
        current = queue.pop()
        if current in found:
            continue
        found.add(current)
        row = conn.execute(
            select(e.c.predecessors_json, e.c.successors_json).where(e.c.id == current)
        ).first()
        if row is not None:
            queue.extend(json.loads(row.predecessors_json) + json.loads(row.successors_json))
    return found


def _known_title(title: str) -> str | None:
    """The knowledge's English name for an office title in any language ("Directeur général")."""
    from spacecoop.knowledge import load_knowledge

    found = load_knowledge().lookup(title, ("office",))
    return found.name if found is not None else None


def office_at(store: Store, person_entity_id: str, date: str) -> list[dict[str, Any]]:
    """The offices a person held on a date (as far as the terms tell), to show a fact's actors with
    their office at the fact's date."""
    check_iso_date(date, "date")
    with store.engine.connect() as conn:
        terms = [t for t in _terms(conn, schema.offices.c.person == person_entity_id) if held_on(t, date)]
        names = _names(conn, {t.organization for t in terms})
        return [
            {
                "office": t.office,
                "organization": {"id": t.organization, "name": names.get(t.organization, t.organization)},
                "start": t.start,
                "end": t.end,
            }
            for t in terms
        ]


def entity_profile(store: Store, name: str) -> dict[str, Any]:
    """Everything the store knows of one entity, found by id, name or alias (any case): canonical
    name, type, aliases, Wikidata id, predecessors and successors, offices with their holders over
    time (or, for a person, the offices held), agreements, meetings, launches and roles in date
    order, partners with counts, and the documents that mention it. NotFound when no entity matches."""
    e = schema.entities
    with store.engine.connect() as conn:
        ids = find_entity_ids(conn, name)
        if not ids:
            raise NotFound(f"{name!r}: no entity of that name, alias or id in the store")
        row = conn.execute(select(e).where(e.c.id == ids[0])).one()
        entity_id = row.id
        aliases = sorted(
            conn.execute(
                select(schema.aliases.c.alias).where(schema.aliases.c.entity_id == entity_id)
            ).scalars()
        )
        linked = json.loads(row.predecessors_json) + json.loads(row.successors_json)
        terms = _terms(
            conn, or_(schema.offices.c.organization == entity_id, schema.offices.c.person == entity_id)
        )
        events = _events_of(conn, entity_id)
        partners = _partners(conn, entity_id, row.type, [ev["id"] for ev in events])
        links = _links(conn, [ev["id"] for ev in events])
        for event in events:
            event["links"] = links.get(event["id"], [])
        # The knowledge's terms in place of the sightings of the same people (see who_held).
        own = [t for t in terms if t.organization == entity_id]
        held_by = [t for t in terms if t.person == entity_id]
        offices = combined_terms(conn, {entity_id}, own) if own or row.type != "person" else []
        held = [
            a
            for a in combined_terms(conn, {t.organization for t in held_by}, held_by)
            if a.term.person == entity_id
        ]
        listed = [a.term for a in (*offices, *held)]
        names = _names(conn, set(linked) | {t.person for t in listed} | {t.organization for t in listed})
        for a in (*offices, *held):
            if a.person_name and a.term.person not in names:
                names[a.term.person] = a.person_name
        profile: dict[str, Any] = {
            "id": entity_id,
            "name": row.name,
            "type": row.type,
            "kind": _kind(row),
            "aliases": aliases,
            "wikidata": row.wikidata,
            "predecessors": [{"id": i, "name": names.get(i, i)} for i in json.loads(row.predecessors_json)],
            "successors": [{"id": i, "name": names.get(i, i)} for i in json.loads(row.successors_json)],
            "offices": [_term_record(a.term, names, a.basis) for a in _by_start(offices)],
            "offices_held": [_term_record(a.term, names, a.basis) for a in _by_start(held)],
            "partners": partners,
            "documents": _documents_of(conn, entity_id),
            "other_matches": ids[1:],
        }
        for kind, section in _TYPE_SECTIONS:
            profile[section] = [ev for ev in events if ev["type"] == kind]
        return profile


def mentioned_entity_ids(store: Store) -> set[str]:
    """The knowledge ids the pipeline tied to mentions in any stored document."""
    m = schema.mentions
    with store.engine.connect() as conn:
        rows = conn.execute(select(m.c.entity_id).where(m.c.entity_id.is_not(None)).distinct())
        return {entity_id for (entity_id,) in rows}


def find_entity_ids(conn: Connection, name: str) -> list[str]:
    """Entity ids for an id, a name or an alias, exact matches (any case) first, then names that
    fold to the same key ("Woerner" = "Wörner"). Sorted so the best match comes first."""
    e, a = schema.entities, schema.aliases
    text = name.strip()
    if not text:
        return []
    if conn.execute(select(e.c.id).where(e.c.id == text)).first():
        return [text]
    low = text.lower()
    by_name = set(conn.execute(select(e.c.id).where(func.lower(e.c.name) == low)).scalars())
    by_alias = set(conn.execute(select(a.c.entity_id).where(func.lower(a.c.alias) == low)).scalars())
    found = by_name | by_alias
    if not found:
        key = name_key(text)
        rows = (
            conn.execute(select(e.c.id, e.c.name)).all()
            + conn.execute(select(a.c.entity_id, a.c.alias)).all()
        )
        found = {r[0] for r in rows if name_key(r[1]) == key}
    if not found:
        # A surname alone ("Le Gall", "Mr Komarov") finds the people who bear it.
        surname = parse_person(text).surname
        people = conn.execute(select(e.c.id, e.c.name).where(e.c.type == "person")).all()
        found = {r.id for r in people if surname and parse_person(r.name).surname == surname}
    if not found:
        return []
    counts = dict(
        conn.execute(
            select(schema.event_entities.c.entity_id, func.count())
            .where(schema.event_entities.c.entity_id.in_(found))
            .group_by(schema.event_entities.c.entity_id)
        ).all()
    )
    # A canonical-name match beats an alias; then the entity with more events.
    return sorted(found, key=lambda i: (i not in by_name, -counts.get(i, 0), i))


def _terms(conn: Connection, where) -> list[OfficeTerm]:
    o = schema.offices
    rows = conn.execute(select(o).where(where)).all()
    terms = [
        OfficeTerm(r.office, r.organization, r.person, r.start, r.end, tuple(json.loads(r.event_ids_json)))
        for r in rows
    ]
    return sorted(terms, key=lambda t: (t.organization, t.office, t.start or "", t.person))


def _term_record(term: OfficeTerm, names: dict[str, str], basis: str = "evidence") -> dict[str, Any]:
    return {
        "office": term.office,
        "organization": {"id": term.organization, "name": names.get(term.organization, term.organization)},
        "person": {"id": term.person, "name": names.get(term.person, term.person)},
        "start": term.start,
        "end": term.end,
        "basis": basis,
    }


def _by_start(answerable: list) -> list:
    return sorted(answerable, key=lambda a: (a.term.office, a.term.start or "", a.term.person))


def _names(conn: Connection, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    e = schema.entities
    return dict(conn.execute(select(e.c.id, e.c.name).where(e.c.id.in_(ids))).all())


def _sources(conn: Connection, event_ids: tuple[str, ...] | list[str]) -> list[dict[str, Any]]:
    s = schema.event_sources
    rows = conn.execute(
        select(s).where(s.c.event_id.in_(list(event_ids))).order_by(s.c.date, s.c.doc_key, s.c.fact_id)
    ).all()
    return [
        {
            "doc_key": r.doc_key,
            "doc_id": r.doc_id,
            "date": r.date,
            "evidence": r.evidence_text,
            "evidence_start": r.evidence_start,
            "evidence_end": r.evidence_end,
            "fact_id": r.fact_id,
        }
        for r in rows
    ]


def _events_of(conn: Connection, entity_id: str) -> list[dict[str, Any]]:
    ev, ee, s = schema.events, schema.event_entities, schema.event_sources
    rows = conn.execute(
        select(ev, ee.c.role)
        .join(ee, ee.c.event_id == ev.c.id)
        .where(ee.c.entity_id == entity_id)
        .order_by(ev.c.date.is_(None), ev.c.date, ev.c.id)
    ).all()
    roles: dict[str, list[str]] = {}
    ordered: dict[str, Any] = {}
    for r in rows:
        roles.setdefault(r.id, []).append(r.role)
        ordered.setdefault(r.id, r)
    if not ordered:
        return []
    people = event_people(conn, {r.id: r.date for r in ordered.values()})
    docs: dict[str, list[str]] = {}
    for event_id, doc_key in conn.execute(
        select(s.c.event_id, s.c.doc_key).where(s.c.event_id.in_(list(ordered))).order_by(s.c.doc_key)
    ):
        docs.setdefault(event_id, [])
        if doc_key not in docs[event_id]:
            docs[event_id].append(doc_key)
    return [
        {
            "id": r.id,
            "type": r.type,
            "date": r.date,
            "status": r.status,
            "confidence": r.confidence,
            "args": json.loads(r.args_json),
            "conflicts": json.loads(r.conflicts_json),
            "as": sorted(set(roles[r.id])),
            "documents": docs.get(r.id, []),
            "people": people.get(r.id, []),
        }
        for r in ordered.values()
    ]


def event_people(conn: Connection, events: dict[str, str | None]) -> dict[str, list[dict[str, Any]]]:
    """The people of each event (event id -> its date) with the offices they held on that date,
    so a meeting reads "Igor Komarov (Head of Roscosmos)"."""
    if not events:
        return {}
    ee, e = schema.event_entities, schema.entities
    rows = conn.execute(
        select(ee.c.event_id, ee.c.entity_id, ee.c.role, e.c.name)
        .join(e, e.c.id == ee.c.entity_id)
        .where(ee.c.event_id.in_(list(events)), e.c.type == "person")
        .order_by(ee.c.event_id, e.c.name, ee.c.role)
    ).all()
    person_ids = {r.entity_id for r in rows}
    terms = _terms(conn, schema.offices.c.person.in_(person_ids)) if person_ids else []
    org_names = _names(conn, {t.organization for t in terms})
    found: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        date = events[r.event_id]
        held = [t for t in terms if t.person == r.entity_id and date and held_on(t, date)]
        offices = sorted({f"{t.office} of {org_names.get(t.organization, t.organization)}" for t in held})
        listed = found.setdefault(r.event_id, [])
        if all(p["id"] != r.entity_id for p in listed):
            listed.append({"id": r.entity_id, "name": r.name, "as": r.role, "offices": offices})
    return found


def _partners(
    conn: Connection, entity_id: str, entity_type: str, event_ids: list[str]
) -> list[dict[str, Any]]:
    """Actors of the same kind (organisations for an organisation, people for a person) that share
    an agreement, meeting or launch with the entity, with the number of events they share."""
    if not event_ids:
        return []
    ee, e, ev = schema.event_entities, schema.entities, schema.events
    person = entity_type == "person"
    kind = e.c.type == "person" if person else e.c.type != "person"
    rows = conn.execute(
        select(ee.c.event_id, ee.c.entity_id, e.c.name, e.c.type)
        .join(e, e.c.id == ee.c.entity_id)
        .join(ev, ev.c.id == ee.c.event_id)
        .where(
            ee.c.event_id.in_(event_ids),
            ee.c.entity_id != entity_id,
            ee.c.role.in_(_PERSON_ROLES if person else _ORG_ROLES),
            ev.c.type != "role",
            kind,
        )
    ).all()
    pairs = {(r.event_id, r.entity_id) for r in rows}
    counts = Counter(entity for _, entity in pairs)
    info = {r.entity_id: (r.name, r.type) for r in rows}
    return [
        {"id": i, "name": info[i][0], "type": info[i][1], "events": n}
        for i, n in sorted(counts.items(), key=lambda item: (-item[1], info[item[0]][0]))
    ]


def _links(conn: Connection, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Lifecycle links touching the events, by event id, seen from each end."""
    if not event_ids:
        return {}
    el = schema.event_links
    rows = conn.execute(
        select(el).where(or_(el.c.from_event.in_(event_ids), el.c.to_event.in_(event_ids)))
    ).all()
    found: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        found.setdefault(r.from_event, []).append({"kind": r.kind, "to": r.to_event, "note": r.note})
        found.setdefault(r.to_event, []).append({"kind": r.kind, "from": r.from_event, "note": r.note})
    return found


def _documents_of(conn: Connection, entity_id: str) -> list[dict[str, Any]]:
    """Documents with an event of the entity or a mention the pipeline tied to it."""
    d, s, ee, m = schema.documents, schema.event_sources, schema.event_entities, schema.mentions
    via_events = select(s.c.doc_id).join(ee, ee.c.event_id == s.c.event_id).where(ee.c.entity_id == entity_id)
    via_mentions = select(m.c.doc_id).where(m.c.entity_id == entity_id)
    rows = conn.execute(
        select(d.c.id, d.c.key, d.c.title, d.c.date)
        .where(or_(d.c.id.in_(via_events), d.c.id.in_(via_mentions)))
        .order_by(d.c.date.is_(None), d.c.date, d.c.key)
    ).all()
    return [{"id": r.id, "key": r.key, "title": r.title, "date": r.date} for r in rows]
