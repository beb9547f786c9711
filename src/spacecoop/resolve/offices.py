"""Offices over time: who held which office of which organisation when, from dated role events."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from spacecoop.models import Event, OfficeTerm
from spacecoop.resolve.dates import calendar_prefix, start_of
from spacecoop.resolve.office_names import is_exclusive

# Words that put a sighting in the past: "former ESA Director General", "the then head", "ex-chief",
# "ancien président", "ehemaliger Chef", "expresidente": the person no longer held it then.
_PAST = re.compile(
    r"\b(former|formerly|ex(?=-)|the then|late|previous|outgoing|retired|ancien|ancienne|"
    r"ehemalige[rn]?|früherer?|expresidente|exdirector|exjefe|già)\b[\s-]*(\w+[\s-]+){0,3}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Era:
    """When an organisation existed under its name, and what came after it (from the knowledge)."""

    until: int | None
    successors: tuple[str, ...] = ()
    since: int | None = None


def office_terms(
    events: Iterable[Event], eras: Mapping[str, Era] | None = None, bodies: frozenset[str] = frozenset()
) -> list[OfficeTerm]:
    """Terms of office from role events. For an office one person holds at a time (a head, a
    president, a minister) a term starts at the earliest date the person is seen in it and ends at
    the last date they are seen before a successor appears (None while no successor is seen). For
    other offices (press officer, astronaut) each holder has one open term from the first sighting.

    A sighting that calls the person "former" (or "then", "ex-"...) shows the term over by then: it
    ends the term at the last sighting in office instead of extending it. With `eras` (organisation
    id -> Era), a sighting dated after the organisation ceased counts for its successor of that
    year (the press kept calling Roscosmos "the Russian Space Agency"), and a term of an
    organisation ends when the organisation does.

    A head of one organisation later seen heading another (Arianespace's CEO who became CNES's
    President) has left the first: its open term ends at the last sighting there. Heads of
    `bodies` (boards, councils: chaired beside one's own post) do not count."""
    eras = eras or {}
    sightings: dict[tuple[str, str], list[tuple[str, str, str, bool]]] = defaultdict(list)
    for event in events:
        if event.type != "role":
            continue
        person = _entity(event, "person")
        organization = _entity(event, "organization")
        office = event.args.get("role")
        if not person or not office:
            continue
        past_dates = {
            calendar_prefix(source.date)
            for source in event.sources
            if _says_past(source.evidence.text, event)
        }
        for as_of in event.args.get("as_of") or []:
            date = calendar_prefix(as_of)
            if date:
                org = _current_body(organization or "", date, eras)
                sightings[(str(office), org)].append((date, person, event.id, date in past_dates))
    terms: list[OfficeTerm] = []
    for (office, organization), seen in sorted(sightings.items()):
        seen.sort()
        if is_exclusive(office):
            found = _successive_terms(office, organization, seen)
        else:
            found = _open_terms(office, organization, seen)
        terms.extend(_within_era(t, eras.get(organization)) for t in found)
    terms = _moved_on(terms, sightings, bodies)
    return sorted(terms, key=lambda t: (t.organization, t.office, start_of(t.start), t.person))


_HEAD_OFFICES = frozenset({"Head", "President", "Chief Executive"})


def _moved_on(
    terms: list[OfficeTerm], sightings: Mapping[tuple[str, str], list[tuple[str, str, str, bool]]], bodies
) -> list[OfficeTerm]:
    def is_head(term: OfficeTerm) -> bool:
        return term.office in _HEAD_OFFICES and term.organization not in bodies

    starts: dict[str, list[tuple[str, str]]] = defaultdict(list)  # person -> (start, organization)
    for term in terms:
        if is_head(term) and term.start:
            starts[term.person].append((start_of(term.start), term.organization))
    result = []
    for term in terms:
        if term.end is None and is_head(term) and len(starts[term.person]) > 1:
            last = max(
                (
                    d
                    for d, p, _, past in sightings[(term.office, term.organization)]
                    if p == term.person and not past
                ),
                default=None,
            )
            if last and any(
                org != term.organization and start > start_of(last) for start, org in starts[term.person]
            ):
                term = replace(term, end=last)
        result.append(term)
    return result


def _says_past(evidence: str, event: Event) -> bool:
    """Whether the sentence puts the person's office in the past, just before their name or title."""
    names = [str(event.args.get("person") or ""), *[str(t) for t in event.args.get("titles") or []]]
    for name in names:
        word = name.split()[-1] if name.split() else ""
        at = evidence.find(word) if word else -1
        if at >= 0 and _PAST.search(evidence[max(0, at - 40) : at]):
            return True
    return False


def _current_body(organization: str, date: str, eras: Mapping[str, Era]) -> str:
    """The organisation that existed on `date`: its successor when it had ceased by then."""
    seen = set()
    while organization not in seen:
        seen.add(organization)
        era = eras.get(organization)
        if era is None or era.until is None or int(date[:4]) <= era.until or not era.successors:
            return organization
        organization = min(era.successors)
    return organization


def _within_era(term: OfficeTerm, era: Era | None) -> OfficeTerm:
    if era is None or era.until is None:
        return term
    if term.end is None or term.end[:4] > str(era.until):
        return replace(term, end=str(era.until))
    return term


def _successive_terms(
    office: str, organization: str, seen: list[tuple[str, str, str, bool]]
) -> list[OfficeTerm]:
    terms: list[OfficeTerm] = []
    run: list[tuple[str, str, str, bool]] = []
    ended = False  # a "former" sighting closed the current run
    for sighting in seen:
        date, person, _, past = sighting
        if past:
            if run and run[-1][1] == person:
                ended = True
            continue
        if run and (person != run[-1][1] or ended):
            terms.append(_term(office, organization, run, end=run[-1][0]))
            run = []
            ended = False
        run.append(sighting)
    if run:
        terms.append(_term(office, organization, run, end=run[-1][0] if ended else None))
    return terms


def _open_terms(office: str, organization: str, seen: list[tuple[str, str, str, bool]]) -> list[OfficeTerm]:
    by_person: dict[str, list[tuple[str, str, str, bool]]] = defaultdict(list)
    for sighting in seen:
        if not sighting[3]:
            by_person[sighting[1]].append(sighting)
    return [_term(office, organization, run, end=None) for _, run in sorted(by_person.items())]


def _term(
    office: str, organization: str, run: list[tuple[str, str, str, bool]], end: str | None
) -> OfficeTerm:
    return OfficeTerm(
        office=office,
        organization=organization,
        person=run[0][1],
        start=run[0][0],
        end=end,
        event_ids=tuple(sorted({sighting[2] for sighting in run})),
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
