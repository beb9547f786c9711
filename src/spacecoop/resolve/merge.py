"""Facts from many documents merged into events: one agreement, meeting, launch or role with every
source that reports it, the most precise date the sources agree on, and their disagreements kept."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

from spacecoop.models import Event, Fact, FactSource
from spacecoop.resolve.clustering import cluster_views
from spacecoop.resolve.dates import (
    calendar_prefix,
    common_prefix,
    compatible,
    precision_rank,
    start_of,
)
from spacecoop.resolve.entities import EntityIndex
from spacecoop.resolve.matching import FactView
from spacecoop.resolve.names import short_hash
from spacecoop.resolve.office_names import office_label
from spacecoop.resolve.slots import fact_mentions
from spacecoop.resolve.titles import completed_title, says_first, subject_words
from spacecoop.resolve.unionfind import UnionFind

_AGREEMENT_STATUS_ORDER = ("terminated", "signed", "in_force", "expected")
# Two documents that share a sentence this long are one story reprinted, not two witnesses.
_REPRINT_MIN_CHARS = 60


def fact_views(
    facts: Iterable[Fact], index: EntityIndex, doc_dates: Mapping[str, str] | None = None
) -> list[FactView]:
    """Each distinct fact (by id) with its entities resolved, sorted by id."""
    doc_dates = doc_dates or {}
    unique = {f.id: f for f in facts}
    return [_view(fact_id, unique[fact_id], index, doc_dates) for fact_id in sorted(unique)]


def _view(fact_id: str, fact: Fact, index: EntityIndex, doc_dates: Mapping[str, str]) -> FactView:
    roles = set()
    slot_roles = set()
    for slot, surface in fact_mentions(fact):
        entity_id = index.entity_id(fact_id, slot.arg, surface)
        if entity_id:
            roles.add((index.role_of(fact_id, slot.arg, surface, slot.role, fact.type), entity_id))
            slot_roles.add((slot.role, entity_id))
    date = calendar_prefix(fact.date.iso) if fact.date else None
    readings = tuple(
        dict.fromkeys(
            r
            for r in (date, *(calendar_prefix(a) for a in (fact.date.alternatives if fact.date else ())))
            if r
        )
    )
    party_names = [name for role, e in slot_roles if role == "party" for name in _names_of(index, e)]
    office = None
    if fact.type == "role":
        org = next((e for r, e in sorted(roles) if r == "organization"), None)
        office = office_label(
            index.office_title(str(fact.args.get("role") or "")), tuple(_names_of(index, org)) if org else ()
        )
    reported = doc_dates.get(fact.doc_id) or doc_dates.get(fact.doc)
    return FactView(
        fact_id=fact_id,
        fact=fact,
        type=fact.type,
        roles=tuple(sorted(roles)),
        date=date,
        readings=readings,
        subject=subject_words(fact.args.get("title"), fact.evidence.text, party_names)
        if fact.type == "agreement"
        else frozenset(),
        reported=calendar_prefix(reported),
        office=office,
        nations=frozenset(index.countries.get(e, e) for role, e in slot_roles if role == "party"),
        slot_roles=tuple(sorted(slot_roles)),
        one_off=frozenset(e for role, e in roles if role == "payload" and e in index.one_off),
        first=fact.type == "agreement" and says_first(fact.args.get("title")),
        first_flight=fact.type == "launch" and _says_first_flight(fact, roles, index),
    )


# "the first Soyuz launch", "the first launch of a Russian Soyuz", "maiden flight of Vega"; not
# "the first two satellites".
_FIRST_FLIGHT = re.compile(
    r"\b(?:first|maiden|inaugural|premier|erste[nrs]?|primer)\s+(?!(?:two|three|four|five|deux|trois|zwei|drei|\d+)\b)"
    r"(?:\S+\s+){0,4}?",
    re.IGNORECASE,
)


def _says_first_flight(fact: Fact, roles: set[tuple[str, str]], index: EntityIndex) -> bool:
    vehicle = next((e for r, e in sorted(roles) if r == "vehicle"), None)
    if not vehicle:
        return False
    text = fact.evidence.text
    if not _FIRST_FLIGHT.search(text):
        return False
    return any(_first_flight_of(name).search(text) for name in _names_of(index, vehicle) if len(name) > 2)


@lru_cache(maxsize=4096)
def _first_flight_of(name: str) -> re.Pattern[str]:
    return re.compile(_FIRST_FLIGHT.pattern + re.escape(name) + r"\b", re.IGNORECASE)


def _names_of(index: EntityIndex, entity_id: str) -> list[str]:
    entity = index.get(entity_id)
    return [entity.name, *entity.aliases] if entity else []


def merge_facts(
    facts: Iterable[Fact], entity_index: EntityIndex, doc_dates: Mapping[str, str] | None = None
) -> list[Event]:
    """One Event per agreement, meeting, launch or role (person, office, organisation), with every
    fact reporting it as a source. `doc_dates` (document id or key -> ISO date) orders reports in
    time, so a launch reported planned and later done is done. Same input in any order, same output."""
    views = fact_views(facts, entity_index, doc_dates)
    return [_event(group, entity_index) for group in cluster_views(views)]


def _event(views: list[FactView], index: EntityIndex) -> Event:
    kind = views[0].type
    ordered = sorted(views, key=lambda v: (v.reported or v.date or "9999", v.fact.doc, v.fact_id))
    sources = tuple(_source(v) for v in ordered)
    conflicts: list[str] = []
    status = _status(kind, ordered, conflicts)
    _place_conflicts(ordered, index, conflicts)
    if kind == "role":
        # A role's dates are the days it was seen held, not readings of one date: the first one.
        date = min((v.date for v in views if v.date), key=start_of, default=None)
    else:
        date = _date(kind, ordered, status, conflicts)
    entities = tuple(sorted({pair for v in views for pair in v.roles}))
    return Event(
        id="ev-" + short_hash(kind, *sorted(v.fact_id for v in views))[:16],
        type=kind,
        args=_args(kind, views, entities, index),
        date=date,
        status=status,
        confidence=combined_confidence(views),
        sources=sources,
        conflicts=tuple(conflicts),
        entities=entities,
    )


def combined_confidence(views: list[FactView]) -> float:
    """How sure the event is, from independent sources only. Sentences of one document are one
    source (its most confident report counts), and so are documents that carry the same sentence
    (one wire story reprinted); independent sources combine as 1 - prod(1 - c), so the event is
    never surer than its sources are when they are truly independent."""
    if len({v.fact.doc_id or v.fact.doc for v in views}) == 1:
        return round(max(max(0.0, min(1.0, v.fact.confidence)) for v in views), 3)
    sources = UnionFind()
    first_with: dict[str, str] = {}
    for view in views:
        doc = view.fact.doc_id or view.fact.doc
        sources.add(doc)
        text = " ".join(view.fact.evidence.text.lower().split())
        if len(text) >= _REPRINT_MIN_CHARS:
            sources.join(first_with.setdefault(text, doc), doc)
    best: dict[str, float] = defaultdict(float)
    for view in views:
        source = sources.find(view.fact.doc_id or view.fact.doc)
        best[source] = max(best[source], max(0.0, min(1.0, view.fact.confidence)))
    remaining = 1.0
    for confidence in best.values():
        remaining *= 1.0 - confidence
    return round(1.0 - remaining, 3)


def _place_conflicts(ordered: list[FactView], index: EntityIndex, conflicts: list[str]) -> None:
    """Reports that put one event in two places: both kept, the disagreement noted."""
    places: dict[str, list[str]] = defaultdict(list)
    for view in ordered:
        for role, entity_id in view.roles:
            if role == "place":
                places[index.name(entity_id)].append(view.fact.doc)
    # Within one document two places are its own muddle, not a disagreement between sources.
    if len(places) > 1 and len({doc for docs in places.values() for doc in docs}) > 1:
        listed = "; ".join(
            f"{name} ({', '.join(sorted(set(docs)))})" for name, docs in sorted(places.items())
        )
        conflicts.append(f"place: sources disagree: {listed}")


def _source(view: FactView) -> FactSource:
    fact = view.fact
    return FactSource(
        fact_id=view.fact_id,
        doc_id=fact.doc_id or fact.doc,
        doc_key=fact.doc,
        evidence=fact.evidence,
        date=fact.date.iso if fact.date else None,
        status=fact.status,
        confidence=fact.confidence,
    )


def _status(kind: str, ordered: list[FactView], conflicts: list[str]) -> str | None:
    statuses = [v.fact.status for v in ordered if v.fact.status]
    if not statuses:
        return None
    if kind == "launch" and "done" in statuses and "planned" in statuses:
        planned = [v for v in ordered if v.fact.status == "planned"]
        done = [v for v in ordered if v.fact.status == "done"]
        first_done = min(v.reported or v.date or "9999" for v in done)
        if {v.fact.doc for v in planned} != {v.fact.doc for v in done}:
            # One document telling of the plan and the flight is history, not a disagreement.
            conflicts.append("status: planned in " + _reports(planned) + "; done in " + _reports(done))
        late = [v for v in planned if (v.reported or "") > first_done]
        if late:
            conflicts.append(
                "status: still reported planned after it was reported done, in " + _reports(late)
            )
        return "done"
    if kind == "agreement":
        for status in _AGREEMENT_STATUS_ORDER:
            if status in statuses:
                return status
    return Counter(statuses).most_common(1)[0][0]


def _date(kind: str, ordered: list[FactView], status: str | None, conflicts: list[str]) -> str | None:
    """The most precise date every source agrees with; where they disagree, what they agree on
    (their common prefix), every reading kept in `conflicts`. For a launch that flew, the reports
    that it flew decide; the dates it was planned for are noted."""
    dated = [v for v in ordered if v.readings]
    if kind == "launch" and status == "done":
        flown = [v for v in dated if v.fact.status == "done"]
        planned = [v for v in dated if v.fact.status == "planned"]
        if flown and planned:
            chosen = _agreed_date(flown, conflicts)
            stale = [v for v in planned if not any(compatible(chosen, r) for r in v.readings)]
            if stale:
                conflicts.append(f"date: planned for {_readings(stale)}; flew {chosen or 'undated'}")
            return chosen
    if kind == "launch" and dated and all(v.fact.status == "planned" for v in dated):
        return _latest_plan(dated, conflicts)
    return _agreed_date(dated, conflicts)


def _latest_plan(dated: list[FactView], conflicts: list[str]) -> str | None:
    """A launch only planned so far: where the plans disagree, the most recent report's date is the
    plan (the launch slipped); the earlier dates are kept in `conflicts`."""
    scratch: list[str] = []
    agreed = _agreed_date(dated, scratch)
    if not scratch or not any(c.startswith("date: sources disagree") for c in scratch):
        conflicts.extend(scratch)
        return agreed
    latest = max(dated, key=lambda v: (v.reported or "", start_of(v.date or ""), v.fact_id))
    older = [v for v in dated if not any(compatible(latest.date, r) for r in v.readings)]
    if older:
        conflicts.append(f"date: planned for {_readings(older)}; latest plan {latest.date}")
    return latest.date


def _agreed_date(dated: list[FactView], conflicts: list[str]) -> str | None:
    if not dated:
        return None
    # Most precise first; among equally precise readings, the one most sources state as their own
    # date (not as an alternative reading).
    support = Counter(v.date for v in dated if v.date)
    candidates = sorted(
        {r for v in dated for r in v.readings}, key=lambda r: (-precision_rank(r), -support[r], r)
    )
    for candidate in candidates:
        if all(any(compatible(candidate, r) for r in v.readings) for v in dated):
            primary = [v for v in dated if v.date and not compatible(candidate, v.date)]
            if primary:
                conflicts.append(
                    f"date: {candidate} reads an alternative of "
                    + _readings(primary)
                    + " that all sources allow"
                )
            return candidate
    if len({v.fact.doc for v in dated}) > 1:
        # Readings of one document that disagree are not a disagreement between sources.
        conflicts.append("date: sources disagree: " + _readings(dated))
    return common_prefix(v.date for v in dated if v.date)


def _readings(views: list[FactView]) -> str:
    by_date: dict[str, list[str]] = defaultdict(list)
    for v in views:
        by_date[v.date or "undated"].append(v.fact.doc)
    return "; ".join(f"{d} ({', '.join(sorted(set(docs)))})" for d, docs in sorted(by_date.items()))


def _reports(views: list[FactView]) -> str:
    return ", ".join(
        sorted({f"{v.fact.doc} (reported {v.reported})" if v.reported else v.fact.doc for v in views})
    )


def _args(
    kind: str, views: list[FactView], entities: tuple[tuple[str, str], ...], index: EntityIndex
) -> dict:
    def names(role: str) -> list[str]:
        return sorted({index.name(e) for r, e in entities if r == role})

    def one(role: str) -> str | None:
        counts = Counter(index.name(e) for v in views for r, e in v.roles if r == role)
        return max(counts, key=lambda n: (counts[n], n)) if counts else None

    if kind == "agreement":
        party_names = [n for r, e in entities if r == "party" for n in _names_of(index, e)]
        # The title that says most about the subject, then the most confident report's.
        titled = [v for v in views if isinstance(v.fact.args.get("title"), str) and v.fact.args["title"]]
        best = max(titled, key=lambda v: (len(v.subject), v.fact.confidence, v.fact_id), default=None)
        return {
            "parties": names("party"),
            "signatories": sorted({*names("signatory"), *names("signatory-office")}),
            "place": one("place"),
            "title": completed_title(best.fact.args["title"], best.fact.evidence.text, party_names)
            if best
            else None,
        }
    if kind == "launch":
        launch = {"vehicle": one("vehicle"), "site": one("site"), "payloads": names("payload")}
        if names("crew"):
            launch["crew"] = names("crew")
        return launch
    if kind == "meeting":
        return {
            "participants": sorted({*names("participant"), *names("participant-office")}),
            "organizations": names("organization"),
            "place": one("place"),
        }
    if kind == "role":
        return {
            "person": one("person"),
            "role": views[0].office,
            "organization": one("organization"),
            "as_of": sorted({v.date for v in views if v.date}, key=start_of),
            "titles": sorted({str(v.fact.args.get("role")) for v in views if v.fact.args.get("role")}),
        }
    return {key: value for key, value in views[0].fact.args.items()}
