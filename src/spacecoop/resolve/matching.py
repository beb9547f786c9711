"""Whether two facts report one event: blocking keys and pairwise rules per fact type.

A fact is first reduced to a `FactView` (its entities, dates, subject words); facts are compared
only within a block (same party set, same payload, same participant...), never all against all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacecoop.models import Fact
from spacecoop.resolve.dates import any_compatible, calendar_prefix, days_apart, precision_rank, start_of
from spacecoop.resolve.titles import similarity

MIN_TITLE_SIMILARITY = 0.5
STRONG_TITLE_SIMILARITY = 0.6
# Two reports of one signing or meeting may differ by a day or two (time zones, a weekday misread).
MAX_DAY_GAP = 3
# A launch slips by days or weeks between its announcement and the report that it flew.
MAX_LAUNCH_SLIP_DAYS = 60
# A spacecraft moved to another rocket or spaceport moves within a year or two of its launch.
MAX_SWAP_YEARS = 2
_EXISTING = frozenset({"signed", "in_force", "terminated", None})
_EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FactView:
    """A fact as resolution compares it: entity ids in place of names."""

    fact_id: str
    fact: Fact
    type: str
    roles: tuple[tuple[str, str], ...]  # (role, entity id), sorted
    date: str | None  # calendar prefix of the fact's date
    readings: tuple[str, ...]  # the date and its alternative readings
    subject: frozenset[str]  # content words of an agreement's title
    reported: str | None  # the document's date (when the report was written)
    office: str | None = None  # a role's office label
    nations: frozenset[str] = frozenset()  # the parties with each agency replaced by its country
    one_off: frozenset[str] = frozenset()  # payloads that name one spacecraft (launched once)
    first: bool = False  # an agreement its title calls the parties' first
    first_flight: bool = False  # a launch its sentence calls the rocket's first (from its site)
    # (slot role, entity id) as the fact names them, before kinds decide the roles: which report
    # is which is told by everything it names ("Johnson Space Center and X signed" is not "X signed").
    slot_roles: tuple[tuple[str, str], ...] = ()
    by_role: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    by_slot: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Computed once: comparisons ask for these sets many times.
        for attribute, pairs in (("by_role", self.roles), ("by_slot", self.slot_roles or self.roles)):
            grouped: dict[str, set[str]] = {}
            for role, entity_id in pairs:
                grouped.setdefault(role, set()).add(entity_id)
            object.__setattr__(self, attribute, {r: frozenset(ids) for r, ids in grouped.items()})

    def ids(self, role: str) -> frozenset[str]:
        return self.by_role.get(role, _EMPTY)

    def named(self, slot_role: str) -> frozenset[str]:
        """The entities the fact names in a slot, whatever their kind."""
        return self.by_slot.get(slot_role, _EMPTY)

    def one(self, role: str) -> str | None:
        found = self.by_role.get(role)
        return min(found) if found else None


def block_keys(view: FactView) -> list[tuple]:
    """The blocks a fact is compared within."""
    if view.type == "agreement":
        parties = view.named("party")
        if not parties:
            return [("agreement-title", view.subject)] if view.subject else []
        keys: list[tuple] = [("agreement", parties), ("agreement-nations", view.nations)]
        if view.date:
            # A report that misses a party is compared with the others of that party and year.
            keys.extend(("agreement-party-year", party, view.date[:4]) for party in sorted(parties))
        return keys
    if view.type == "launch":
        # Payloads identify a launch; a rocket alone only matches another report without
        # payloads, or one of the same day (see _launches), so it blocks only those.
        payloads = view.ids("payload")
        keys: list[tuple] = [("payload", p) for p in sorted(payloads)]
        vehicle = view.one("vehicle")
        if vehicle and not payloads:
            keys.append(("vehicle", vehicle))
        if vehicle and precision_rank(view.date) == 3:
            keys.append(("vehicle-day", vehicle, view.date))
        keys.extend(("crew", person) for person in sorted(view.ids("crew")))
        return keys
    if view.type == "meeting":
        people = view.ids("participant")
        if people:
            return [("participant", p) for p in sorted(people)]
        orgs = view.named("organization")
        return [("meeting-orgs", orgs)] if orgs else []
    return [(view.type, view.roles)] if view.roles else []


def match_score(a: FactView, b: FactView) -> tuple[float, bool] | None:
    """(score, dates_conflict) when the two facts report one event, else None."""
    if a.type != b.type or _two_days_of_one_document(a, b):
        return None
    if a.type == "agreement":
        return _agreements(a, b)
    if a.type == "launch":
        return _launches(a, b)
    if a.type == "meeting":
        return _meetings(a, b)
    return None


def dates_agree(a: FactView, b: FactView, tolerance_days: int) -> bool | None:
    """True when compatible, False when they conflict within the tolerance, None when too far apart."""
    if not a.readings or not b.readings or any_compatible(a.readings, b.readings):
        return True
    gap = days_apart(a.date, b.date)
    if gap is not None and gap <= tolerance_days:
        return False
    return None


def _agreements(a: FactView, b: FactView) -> tuple[float, bool] | None:
    if (a.fact.status in _EXISTING) != (b.fact.status in _EXISTING):
        return None  # an expected agreement and a signed one are linked, not merged
    pa, pb = a.named("party"), b.named("party")
    # One report may miss a party, or name the governments where the other names their agencies:
    # then the subject and the date must both agree.
    partial = pa != pb
    if partial and not (pa and pb and (pa < pb or pb < pa or a.nations == b.nations)):
        return None
    agree = dates_agree(a, b, MAX_DAY_GAP)
    if agree is None:
        return None
    sim = similarity(a.subject, b.subject)
    if partial:
        if sim is None or sim < STRONG_TITLE_SIMILARITY or not agree or not a.date or not b.date:
            return None
        return sim, False
    if sim is None:
        # Without a subject to compare, only the same day on both sides identifies the signing,
        # or both calling it the parties' first agreement (there is one) in a year they agree on.
        if agree and precision_rank(a.date) == 3 and precision_rank(b.date) == 3:
            return 0.5, False
        if agree and a.first and b.first and a.date and b.date:
            return 0.5, False
        return None
    if sim < MIN_TITLE_SIMILARITY and _contained_same_day(a, b, agree):
        # One report names the subject briefly, the other at length ("long-term cooperation" /
        # "long-term cooperation on weather, climate and water monitoring"), on the same day.
        sim = MIN_TITLE_SIMILARITY
    if sim < MIN_TITLE_SIMILARITY:
        return None
    if not agree and sim < STRONG_TITLE_SIMILARITY:
        return None
    return sim + 0.1 * min(precision_rank(a.date), precision_rank(b.date)), not agree


def slipped_one_off(a: FactView, b: FactView) -> bool:
    """Both report the launch of one spacecraft that flies once, and one of them is a plan: the
    same launch, whatever date or rocket the plan gave (launches slip, rockets get swapped)."""
    if not (a.one_off & b.one_off) or "planned" not in (a.fact.status, b.fact.status):
        return False
    plan, flight = (a, b) if a.fact.status == "planned" else (b, a)
    if _other_rocket_or_site(plan, flight) and not _within_years(plan.date, flight.date, MAX_SWAP_YEARS):
        # A rocket or spaceport swapped is a late change of one launch; years apart, or with no
        # dates to tell, it is rather another craft of the same name.
        return False
    if flight.fact.status != "done" or not flight.date:
        return True
    # A spacecraft of one name that flew before the plan was reported, or well before the planned
    # date, is an earlier craft or flight of that name (Spacelab flew many times): not this one.
    if not plan.date:
        return not (
            plan.reported and start_of(flight.date)[: len(plan.reported)] < plan.reported[: len(flight.date)]
        )
    if any_compatible(plan.readings, flight.readings):
        return True
    gap = days_apart(plan.date, flight.date)
    if gap is not None:
        return gap <= MAX_LAUNCH_SLIP_DAYS or flight.date > plan.date
    common = min(len(plan.date), len(flight.date))
    return flight.date[:common] > plan.date[:common]


def _other_rocket_or_site(a: FactView, b: FactView) -> bool:
    return any(
        (x := a.one(role)) is not None and (y := b.one(role)) is not None and x != y
        for role in ("vehicle", "site")
    )


def _within_years(plan: str | None, flight: str | None, years: int) -> bool:
    if not plan or not flight:
        return False
    return 0 <= int(flight[:4]) - int(plan[:4]) <= years


def same_crew(a: FactView, b: FactView) -> bool:
    """Both dated reports put one person on a flight within days of each other, with no rocket or
    site contradicting: one flight (a person is launched once at a time, months apart at least)."""
    if not (a.ids("crew") & b.ids("crew")) or not a.readings or not b.readings:
        return False
    if _other_rocket_or_site(a, b) or a.fact.status != b.fact.status:
        return False
    return dates_agree(a, b, MAX_DAY_GAP) is not None


def same_first_flight(a: FactView, b: FactView) -> bool:
    """Both reports call it the first launch of one rocket from one site: there is only one."""
    va, vb, sa, sb = a.one("vehicle"), b.one("vehicle"), a.one("site"), b.one("site")
    return (
        a.first_flight
        and b.first_flight
        and bool(va and va == vb and sa and sa == sb)
        and not a.ids("payload")
        and not b.ids("payload")
    )


def _launches(a: FactView, b: FactView) -> tuple[float, bool] | None:
    if same_first_flight(a, b):
        return 0.8, dates_agree(a, b, MAX_LAUNCH_SLIP_DAYS) is not True
    if slipped_one_off(a, b):
        agree = dates_agree(a, b, MAX_LAUNCH_SLIP_DAYS)
        return 0.9 + 0.1 * len(a.one_off & b.one_off), agree is not True
    if same_crew(a, b):
        return 0.95, dates_agree(a, b, MAX_DAY_GAP) is not True
    va, vb = a.one("vehicle"), b.one("vehicle")
    if va and vb and va != vb:
        return None
    sa, sb = a.one("site"), b.one("site")
    if sa and sb and sa != sb:
        return None
    pa, pb = a.ids("payload"), b.ids("payload")
    if pa and pb:
        if not pa & pb:
            # Outlets name payloads differently ("Perseverance", "Mars 2020"); one rocket on one
            # day from one place is still one launch.
            if va and va == vb and precision_rank(a.date) == 3 and a.date == b.date:
                return 0.7, False
            return None
        if not (pa & pb & a.one_off) and not (a.readings and b.readings) and not _same_document(a, b):
            return None  # an undated flight of a class of craft (Dragon, Soyuz) could be any of them
        agree = dates_agree(a, b, MAX_LAUNCH_SLIP_DAYS)
        if agree is None and _same_year(a, b) and a.fact.status != b.fact.status:
            agree = False  # announced for one month, flown in another of the same year
        if agree is None:
            return None
        return 1.0 + len(pa & pb) * 0.1, not agree
    if not (va and va == vb):
        return None
    if not any_compatible(a.readings or (None,), b.readings or (None,)):
        return None
    if pa or pb:
        # One report names the payloads, the other only the rocket: the same day must identify it.
        if precision_rank(a.date) == 3 and precision_rank(b.date) == 3:
            return 0.6, False
        return None
    if precision_rank(a.date) == precision_rank(b.date) and (sa == sb):
        return 0.5, False
    return None


def _meetings(a: FactView, b: FactView) -> tuple[float, bool] | None:
    pa, pb = a.ids("participant"), b.ids("participant")
    if pa and pb and not pa & pb:
        return None
    same_day = precision_rank(a.date) == 3 and a.date == b.date
    if (pa - pb) and (pb - pa) and not same_day:
        return None  # A met B, and A met C: two meetings unless both reports give the same day
    if not pa or not pb:
        oa, ob = a.named("organization"), b.named("organization")
        if not (oa and ob and oa & ob):
            return None
    la, lb = a.one("place"), b.one("place")
    if la and lb and la != lb:
        return None
    if not a.readings or not b.readings:
        return None  # an undated meeting could be any of their meetings
    agree = dates_agree(a, b, MAX_DAY_GAP)
    if agree is None:
        return None
    return 0.5 + 0.1 * len(pa & pb), not agree


def _same_year(a: FactView, b: FactView) -> bool:
    ya, yb = calendar_prefix(a.date), calendar_prefix(b.date)
    return bool(ya and yb and ya[:4] == yb[:4])


def _contained_same_day(a: FactView, b: FactView, agree: bool) -> bool:
    small, large = sorted((a.subject, b.subject), key=len)
    same_day = agree and precision_rank(a.date) == 3 and precision_rank(b.date) == 3
    return same_day and len(small) >= 2 and small <= large


def _two_days_of_one_document(a: FactView, b: FactView) -> bool:
    """One document giving two different days for reports of the same standing tells of two
    events (the eve and the day of a council); outlets that disagree by a day are another matter."""
    return (
        _same_document(a, b)
        and not (a.one_off & b.one_off)  # one spacecraft flies once, whatever days its report gives
        and a.fact.status == b.fact.status
        and precision_rank(a.date) == 3
        and precision_rank(b.date) == 3
        and not any_compatible(a.readings, b.readings)
    )


def _same_document(a: FactView, b: FactView) -> bool:
    return (a.fact.doc_id or a.fact.doc) == (b.fact.doc_id or b.fact.doc)
