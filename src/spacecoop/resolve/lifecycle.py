"""Plans linked to what became of them: an expected agreement to its signature, a planned launch to
the report that it flew, on time ("realised_as") or later ("slipped_to")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from spacecoop.models import Event, EventLink
from spacecoop.resolve.dates import calendar_prefix, compatible, start_of
from spacecoop.resolve.titles import content_words, similarity

MIN_SUBJECT_SIMILARITY = 0.4
SUBJECTLESS_YEARS = 3
_SIGNED = frozenset({"signed", "in_force"})
_FIRST = re.compile(
    r"\b(?:first|maiden|inaugural)\s+(?!(?:two|three|four|five|\d+)\b)(?:\S+\s+){0,2}?", re.IGNORECASE
)


def lifecycle_links(
    events: Iterable[Event],
    doc_dates: Mapping[str, str] | None = None,
    countries: Mapping[str, str] | None = None,
) -> list[EventLink]:
    """Links from expected agreements and planned launches to the events that realised them.
    `doc_dates` (document id or key -> ISO date) tells when an undated plan was reported;
    `countries` (entity id -> its government's entity id) lets an agencies' plan be realised by
    their governments' signature."""
    doc_dates = doc_dates or {}
    events = sorted(events, key=lambda e: e.id)
    links = [*_agreement_links(events, doc_dates, countries or {}), *_launch_links(events, doc_dates)]
    return sorted(links, key=lambda link: (link.from_event, link.to_event, link.kind))


def _earliest_report(event: Event, doc_dates: Mapping[str, str]) -> str | None:
    """When a plan was first known: its own date, else the date of the first document reporting it."""
    dates = [calendar_prefix(s.date) for s in event.sources] + [
        calendar_prefix(doc_dates.get(s.doc_id) or doc_dates.get(s.doc_key)) for s in event.sources
    ]
    found = sorted((d for d in dates if d), key=start_of)
    return found[0] if found else calendar_prefix(event.date)


def _parties(event: Event) -> frozenset[str]:
    return frozenset(e for r, e in event.entities if r == "party")


def _agreement_links(
    events: list[Event], doc_dates: Mapping[str, str], countries: Mapping[str, str]
) -> list[EventLink]:
    expected = [e for e in events if e.type == "agreement" and e.status == "expected"]
    by_nation: dict[frozenset[str], list[tuple[frozenset[str], Event]]] = {}
    for event in events:
        if event.type == "agreement" and event.status in _SIGNED and _parties(event):
            parties = _parties(event)
            by_nation.setdefault(_national(parties, countries), []).append((parties, event))
    links = []
    for plan in expected:
        parties = _parties(plan)
        if not parties:
            continue
        subject = content_words(plan.args.get("title"), plan.args.get("parties") or [])
        reported = _earliest_report(plan, doc_dates)
        scored = []
        for deed_parties, deed in by_nation.get(_national(parties, countries), []):
            # Tier 1: "France and Russia" signed what "CNES and Roscosmos" prepared.
            tier = 0 if deed_parties == parties else 1
            if reported and deed.date and start_of(deed.date)[: len(reported)] < reported[: len(deed.date)]:
                continue  # signed before the plan was reported: another agreement
            sim = similarity(subject, content_words(deed.args.get("title"), deed.args.get("parties") or []))
            if sim is None:
                # A plan that names no subject ("a framework bilateral agreement") is taken to be
                # the parties' next signature, if it comes within a few years.
                if not _within_years(reported, deed.date, SUBJECTLESS_YEARS):
                    continue
            elif sim < MIN_SUBJECT_SIMILARITY:
                continue
            scored.append((-(sim or 0.0), tier, start_of(deed.date), deed.id, deed, sim))
        if scored:
            best = min(scored)
            deed, sim = best[4], best[5]
            how = (
                "same subject"
                if sim is not None
                else "same parties, next signature (the plan names no subject)"
            )
            note = f"expected as of {reported or 'an undated report'}; {deed.status} {deed.date or 'undated'}; {how}"
            links.append(EventLink(plan.id, deed.id, "realised_as", note))
    return links


def _national(parties: frozenset[str], countries: Mapping[str, str]) -> frozenset[str]:
    return frozenset(countries.get(p, p) for p in parties)


def _within_years(reported: str | None, date: str | None, years: int) -> bool:
    if not reported or not date:
        return False
    return int(date[:4]) - int(reported[:4]) <= years


def _launch_links(events: list[Event], doc_dates: Mapping[str, str]) -> list[EventLink]:
    planned = [e for e in events if e.type == "launch" and e.status == "planned"]
    # Flights indexed by what can tie them to a plan: a payload, or the rocket when none is named.
    flights: dict[tuple[str, str], list[Event]] = {}
    for event in events:
        if event.type == "launch" and event.status == "done":
            for key in _launch_keys(event):
                flights.setdefault(key, []).append(event)
    links = []
    for plan in planned:
        reported = _earliest_report(plan, doc_dates)
        candidates = []
        done = {f.id: f for key in _launch_keys(plan) for f in flights.get(key, [])}
        for flight in done.values():
            if not _same_launch(plan, flight):
                continue
            if (
                reported
                and flight.date
                and start_of(flight.date)[: len(reported)] < reported[: len(flight.date)]
            ):
                continue  # flew before the plan was announced: an earlier launch
            candidates.append((start_of(flight.date), flight.id, flight))
        if not candidates:
            continue
        flight = min(candidates)[2]
        on_time = compatible(plan.date, flight.date) or not plan.date or not flight.date
        later = bool(plan.date and flight.date and start_of(flight.date) > start_of(plan.date))
        kind = "slipped_to" if not on_time and later else "realised_as"
        note = f"planned for {plan.date or 'an unstated date'}; flew {flight.date or 'undated'}"
        links.append(EventLink(plan.id, flight.id, kind, note))
    return links


def _launch_keys(event: Event) -> list[tuple[str, str]]:
    payloads = [("payload", e) for r, e in event.entities if r == "payload"]
    return payloads or [("vehicle", e) for r, e in event.entities if r == "vehicle"]


def _same_launch(plan: Event, flight: Event) -> bool:
    """Same payload (and no contradicting rocket or site); or, without payloads, the same rocket
    from the same site where both reports call it the first launch of that rocket there."""

    def one(event: Event, role: str) -> str | None:
        found = sorted(e for r, e in event.entities if r == role)
        return found[0] if found else None

    for role in ("vehicle", "site"):
        a, b = one(plan, role), one(flight, role)
        if a and b and a != b:
            return False
    pa = {e for r, e in plan.entities if r == "payload"}
    pb = {e for r, e in flight.entities if r == "payload"}
    if pa and pb:
        return bool(pa & pb)
    if pa or pb:
        return False
    vehicle = plan.args.get("vehicle")
    if not (one(plan, "vehicle") and one(plan, "vehicle") == one(flight, "vehicle")):
        return False
    if not (one(plan, "site") and one(plan, "site") == one(flight, "site")):
        return False
    return _says_first(plan, vehicle) and _says_first(flight, vehicle)


def _says_first(event: Event, vehicle: str | None) -> bool:
    if not vehicle:
        return False
    pattern = re.compile(_FIRST.pattern + re.escape(vehicle), re.IGNORECASE)
    return any(pattern.search(s.evidence.text) for s in event.sources)
