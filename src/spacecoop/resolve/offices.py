"""Offices over time: who held which office of which organisation when, from dated role events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from spacecoop.models import Event, OfficeTerm
from spacecoop.resolve.dates import calendar_prefix, start_of
from spacecoop.resolve.office_names import is_exclusive


def office_terms(events: Iterable[Event]) -> list[OfficeTerm]:
    """Terms of office from role events. For an office one person holds at a time (a head, a
    president, a minister) a term starts at the earliest date the person is seen in it and ends at
    the last date they are seen before a successor appears (None while no successor is seen). For
    other offices (press officer, astronaut) each holder has one open term from the first sighting."""
    sightings: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for event in events:
        if event.type != "role":
            continue
        person = _entity(event, "person")
        organization = _entity(event, "organization")
        office = event.args.get("role")
        if not person or not office:
            continue
        for as_of in event.args.get("as_of") or []:
            date = calendar_prefix(as_of)
            if date:
                sightings[(str(office), organization or "")].append((date, person, event.id))
    terms: list[OfficeTerm] = []
    for (office, organization), seen in sorted(sightings.items()):
        seen.sort()
        if is_exclusive(office):
            terms.extend(_successive_terms(office, organization, seen))
        else:
            terms.extend(_open_terms(office, organization, seen))
    return sorted(terms, key=lambda t: (t.organization, t.office, start_of(t.start), t.person))


def _successive_terms(office: str, organization: str, seen: list[tuple[str, str, str]]) -> list[OfficeTerm]:
    terms: list[OfficeTerm] = []
    run: list[tuple[str, str, str]] = []
    for sighting in seen:
        if run and sighting[1] != run[-1][1]:
            terms.append(_term(office, organization, run, end=run[-1][0]))
            run = []
        run.append(sighting)
    if run:
        terms.append(_term(office, organization, run, end=None))
    return terms


def _open_terms(office: str, organization: str, seen: list[tuple[str, str, str]]) -> list[OfficeTerm]:
    by_person: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for sighting in seen:
        by_person[sighting[1]].append(sighting)
    return [_term(office, organization, run, end=None) for _, run in sorted(by_person.items())]


def _term(office: str, organization: str, run: list[tuple[str, str, str]], end: str | None) -> OfficeTerm:
    return OfficeTerm(
        office=office,
        organization=organization,
        person=run[0][1],
        start=run[0][0],
        end=end,
        event_ids=tuple(sorted({event_id for _, _, event_id in run})),
    )


def _entity(event: Event, role: str) -> str | None:
    found = sorted(e for r, e in event.entities if r == role)
    return found[0] if found else None


def held_on(term: OfficeTerm, date: str) -> bool:
    """True when an ISO date (any precision) falls within the term, both ends included."""
    day = calendar_prefix(date)
    if day is None:
        return False
    if term.start and day[: len(term.start)] < term.start[: len(day)]:
        return False
    return not (term.end and day[: len(term.end)] > term.end[: len(day)])
