"""Which facts report one event: pairwise matches within blocks, joined strongest first, then the
reports too vague to match pairwise attached where exactly one event fits them."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from spacecoop.resolve.dates import precision_rank
from spacecoop.resolve.matching import (
    MAX_DAY_GAP,
    MAX_LAUNCH_SLIP_DAYS,
    MIN_TITLE_SIMILARITY,
    FactView,
    block_keys,
    dates_agree,
    match_score,
    same_crew,
    same_first_flight,
    slipped_one_off,
)
from spacecoop.resolve.titles import similarity
from spacecoop.resolve.unionfind import UnionFind


class _Clusters:
    """Groups of fact views under construction: a union-find over fact ids and each root's members."""

    def __init__(self, views: list[FactView]) -> None:
        self.union = UnionFind()
        self.members: dict[str, list[FactView]] = {}
        for view in views:
            self.union.add(view.fact_id)
            self.members[view.fact_id] = [view]

    def root(self, fact_id: str) -> str:
        return self.union.find(fact_id)

    def of(self, fact_id: str) -> list[FactView]:
        return self.members[self.root(fact_id)]

    def join(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return
        self.union.join(ra, rb)
        root = self.root(ra)
        other = rb if root == ra else ra
        self.members[root] = self.members[root] + self.members.pop(other)


def cluster_views(views: list[FactView]) -> list[list[FactView]]:
    """Groups of views that report one event, each sorted by fact id, groups sorted. `views` must
    be sorted by fact id (as `fact_views` gives them), so the grouping never depends on input order."""
    clusters = _Clusters(views)
    roles: dict[tuple, list[FactView]] = defaultdict(list)
    blocks: dict[tuple, list[FactView]] = defaultdict(list)
    for view in views:
        if view.type == "role":
            person = view.one("person")
            if person:
                roles[(person, view.one("organization"), view.office)].append(view)
            continue
        for key in block_keys(view):
            blocks[key].append(view)
    for group in roles.values():
        for view in group[1:]:
            clusters.join(group[0].fact_id, view.fact_id)
    pairs: dict[tuple[str, str], float] = {}
    for block in blocks.values():
        for a, b in combinations(block, 2):
            key = (a.fact_id, b.fact_id) if a.fact_id < b.fact_id else (b.fact_id, a.fact_id)
            if key in pairs:
                continue
            result = match_score(a, b)
            if result is not None:
                pairs[key] = result[0]
    # Strongest matches first; a join that would put conflicting dates in one event is refused, so
    # an undated report cannot chain two different years together.
    for (a, b), _ in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
        ra, rb = clusters.root(a), clusters.root(b)
        if ra != rb and all(_fits(x, y) for x in clusters.members[ra] for y in clusters.members[rb]):
            clusters.join(ra, rb)
    _attach_undated_meetings(views, clusters)
    _attach_vague_agreements(views, clusters)
    _attach_partyless_agreements(views, clusters)
    groups = [
        sorted(clusters.of(root), key=lambda v: v.fact_id)
        for root in {clusters.root(v.fact_id) for v in views}
    ]
    return sorted(groups, key=lambda g: g[0].fact_id)


def _fits(x: FactView, y: FactView) -> bool:
    if x.type == "agreement" and (x.fact.status == "expected") != (y.fact.status == "expected"):
        return False
    if x.type == "launch" and (slipped_one_off(x, y) or same_first_flight(x, y) or same_crew(x, y)):
        return True
    tolerance = MAX_LAUNCH_SLIP_DAYS if x.type == "launch" else MAX_DAY_GAP
    if dates_agree(x, y, tolerance) is not None:
        return True
    return x.type == "launch" and x.fact.status != y.fact.status and (x.date or "")[:4] == (y.date or "")[:4]


def _attach_undated_meetings(views: list[FactView], clusters: _Clusters) -> None:
    """An undated report of a meeting joins the one dated meeting of exactly the same people, when
    they are known to have met only once; otherwise it stays on its own."""
    dated: dict[frozenset[str], set[str]] = defaultdict(set)
    for view in views:
        people = view.ids("participant")
        if view.type == "meeting" and view.readings and len(people) >= 2:
            dated[people].add(clusters.root(view.fact_id))
    for view in views:
        if view.type != "meeting" or view.readings or len(clusters.of(view.fact_id)) != 1:
            continue
        roots = dated.get(view.ids("participant"), set())
        if len(roots) == 1:
            clusters.join(next(iter(roots)), view.fact_id)


def _attach_vague_agreements(views: list[FactView], clusters: _Clusters) -> None:
    """A dated report of an agreement that names no subject ("NASA and JAXA signed an agreement in
    May") cannot be matched pair by pair. It joins the events of the same parties it is compatible
    with (dates agree to the month or day, no subject contradicts), when those events are also
    compatible with one another: then they are all one signing. Where two different signings could
    fit, or the dates say only the year, it stays alone."""
    by_parties: dict[tuple, list[FactView]] = defaultdict(list)
    for view in views:
        if view.type == "agreement" and view.named("party"):
            by_parties[(view.named("party"), view.fact.status == "expected")].append(view)
    for group in by_parties.values():
        for view in group:
            own = clusters.root(view.fact_id)
            if len(clusters.members[own]) != 1 or view.subject or precision_rank(view.date) < 2:
                continue
            roots = sorted({clusters.root(v.fact_id) for v in group} - {own})
            fitting = [r for r in roots if all(_vaguely_same(view, m) for m in clusters.members[r])]
            if fitting and all(
                _vaguely_same(x, y)
                for a, b in combinations(fitting, 2)
                for x in clusters.members[a]
                for y in clusters.members[b]
            ):
                for root in fitting:
                    clusters.join(own, root)


def _vaguely_same(a: FactView, b: FactView) -> bool:
    # A year is too coarse to tie a report without a subject to an event: many signings share one.
    if precision_rank(a.date) < 2 or precision_rank(b.date) < 2 or dates_agree(a, b, 0) is not True:
        return False
    sim = similarity(a.subject, b.subject)
    return sim is None or sim >= MIN_TITLE_SIMILARITY


def _attach_partyless_agreements(views: list[FactView], clusters: _Clusters) -> None:
    """A dated report of an agreement that names no party ("the Artemis Accords were signed in
    2020") joins the one signing whose every report has its subject and a date that agrees with
    it; where two signings could fit, it stays alone."""
    with_parties = [v for v in views if v.type == "agreement" and v.named("party")]
    for view in views:
        if view.type != "agreement" or view.named("party") or not view.subject or not view.date:
            continue
        if len(clusters.of(view.fact_id)) != 1:
            continue
        roots = {
            clusters.root(v.fact_id)
            for v in with_parties
            if v.readings and view.subject <= v.subject and dates_agree(view, v, 0) is True
        }
        fitting = [r for r in sorted(roots) if all(_about(view, m) for m in clusters.members[r])]
        if len(fitting) == 1:
            clusters.join(fitting[0], view.fact_id)


def _about(view: FactView, member: FactView) -> bool:
    same_kind = (view.fact.status == "expected") == (member.fact.status == "expected")
    return (
        same_kind
        and bool(member.readings)
        and view.subject <= member.subject
        and dates_agree(view, member, 0) is True
    )
