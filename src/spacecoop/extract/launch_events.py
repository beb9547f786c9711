"""One launch per event in a document, assembled from all the sentences that tell it.

A headline names the rocket, the lead the satellite and the date, a quote says "the launch" again:
each is a candidate, and candidates that share a craft or a rocket, with dates that do not
contradict each other, are one launch whose vehicle, site, payloads and date come from all of them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacecoop.models import Fact

# a launch told without naming its rocket or craft ("the rocket blasted off on Saturday")
ANAPHORIC = "construction: launch told by reference"
NAMED_NEARBY = "named_nearby"  # on a reference: the rocket and craft the text names nearest to it
_REACH = 1500
_LEAD = 800  # characters: where a report tells its main event  # characters: how far a reference reaches back or forward for the launch it tells

_CRAFT_WORDS = {
    "spacecraft",
    "satellite",
    "satellites",
    "probe",
    "mission",
    "capsule",
    "ship",
    "spaceship",
    "the",
    "a",
    "an",
    "two",
    "first",
}


def fold(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "", (text or "").lower())


def same_craft(x: str, y: str) -> bool:
    """ "Soyuz spacecraft" and "Soyuz MS-18" name one craft; "Soyuz MS-18" and "Soyuz MS-19" do not."""
    fx, fy = fold(x), fold(y)
    if fx and fy and (fx in fy or fy in fx) and min(len(fx), len(fy)) >= 3:
        return not (_serial(x) and _serial(y) and _serial(x) != _serial(y))
    wx = {w for w in re.findall(r"[a-z0-9]+", x.lower()) if w not in _CRAFT_WORDS}
    wy = {w for w in re.findall(r"[a-z0-9]+", y.lower()) if w not in _CRAFT_WORDS}
    return bool(wx and wy) and (wx <= wy or wy <= wx)


def _serial(name: str) -> str:
    match = re.search(r"(\d+[a-z]?)\W*$", name.lower())
    return match.group(1) if match else ""


def _vehicle(fact: Fact) -> str:
    return fold(fact.args.get("vehicle_canonical") or fact.args.get("vehicle"))


def _vehicles_fit(a: Fact, b: Fact) -> bool:
    va, vb = _vehicle(a), _vehicle(b)
    if not va or not vb:
        return True
    # a family and its variant: "Long March" and "Long March 2C", "PSLV" and "PSLV-C51"
    if va.startswith(vb) or vb.startswith(va):
        return True
    ta, tb = fold(a.args.get("vehicle")), fold(b.args.get("vehicle"))
    return bool(ta and tb and (ta.startswith(tb) or tb.startswith(ta)))


def _dates_fit(a: Fact, b: Fact) -> bool:
    x, y = (a.date.iso if a.date else None), (b.date.iso if b.date else None)
    return not x or not y or x.startswith(y) or y.startswith(x)


def _sibling(x: str, y: str) -> bool:
    """ "Soyuz MS-18" and "Soyuz MS-19", "Phobos 1" and "Phobos 2": one series, two craft."""
    sx, sy = _serial(x), _serial(y)
    stem_x, stem_y = fold(x[: x.lower().rfind(sx)] if sx else x), fold(y[: y.lower().rfind(sy)] if sy else y)
    return bool(sx and sy and sx != sy and stem_x and stem_x == stem_y)


def shares_craft(a: Fact, b: Fact) -> bool:
    pa, pb = a.args.get("payloads") or [], b.args.get("payloads") or []
    if any(_sibling(x, y) for x in pa for y in pb):
        return False
    return any(same_craft(x, y) for x in pa for y in pb)


def same_launch(a: Fact, b: Fact) -> bool:
    """Two candidates telling one launch: a shared craft, or the same rocket with nothing that
    tells them apart (another craft, another site, another date, another status with both dated)."""
    if not _dates_fit(a, b) or not _vehicles_fit(a, b):
        return False
    sa, sb = fold(a.args.get("site")), fold(b.args.get("site"))
    if sa and sb and sa != sb:
        return False
    if a.status != b.status and a.date and b.date:
        return False
    pa, pb = a.args.get("payloads") or [], b.args.get("payloads") or []
    if pa and pb:
        return shares_craft(a, b)
    if not _vehicle(a) or not _vehicle(b):
        # the rocket in one sentence, the craft in another, from the same site, one undated
        return bool(sa and sa == sb and (not a.date or not b.date) and (_vehicle(a) or _vehicle(b)))
    # the same rocket twice: one launch only when one of the two tells no date of its own
    return not a.date or not b.date or a.date.iso == b.date.iso


def _better_vehicle(a: Fact, b: Fact) -> bool:
    """Whether b names the vehicle more precisely than a ("Long March 2C" over "Long March")."""
    va, vb = fold(a.args.get("vehicle")), fold(b.args.get("vehicle"))
    return bool(vb) and (not va or (len(vb) > len(va) and vb.startswith(va)))


def merged_launch(first: Fact, later: Fact) -> Fact:
    args = dict(first.args)
    if _better_vehicle(first, later):
        args["vehicle"], args["vehicle_canonical"] = (
            later.args["vehicle"],
            later.args.get("vehicle_canonical"),
        )
    args["site"] = args.get("site") or later.args.get("site")
    payloads = list(args.get("payloads") or [])
    for payload in later.args.get("payloads") or []:
        same = [n for n, p in enumerate(payloads) if same_craft(payload, p)]
        if not same:
            payloads.append(payload)
        elif _serial(payload) and not _serial(payloads[same[0]]):
            payloads[same[0]] = payload  # "Soyuz spacecraft", then "Soyuz MS-18": the serial names it
    args["payloads"] = payloads
    date, status, evidence = first.date, first.status, first.evidence
    if later.date and (not date or len(later.date.iso or "") > len(date.iso or "")):
        date = later.date
    if later.date and not first.date:
        # the dated report states the event; the undated one only names it
        status, evidence = later.status, later.evidence
    return replace(
        first,
        args=args,
        date=date,
        status=status,
        evidence=evidence,
        confidence=max(first.confidence, later.confidence),
    )


def _distance(a: Fact, b: Fact) -> int:
    return abs(a.evidence.start - b.evidence.start)


def resolve_references(facts: list[Fact]) -> list[Fact]:
    """ "The rocket lifted off on Saturday": the date goes to the nearest named launch that has
    none; the reference itself is never a launch of its own."""
    references = [f for f in facts if f.type == "launch" and ANAPHORIC in f.notes]
    out = [f for f in facts if not (f.type == "launch" and ANAPHORIC in f.notes)]
    for reference in references:
        undated = [
            n
            for n, f in enumerate(out)
            if f.type == "launch" and not f.date and _distance(f, reference) <= _REACH
        ]
        if undated:
            n = min(undated, key=lambda k: _distance(out[k], reference))
            out[n] = replace(
                out[n],
                date=reference.date,
                status=reference.status,
                args={**out[n].args, "site": out[n].args.get("site") or reference.args.get("site")},
            )
        elif (launch := told_by_reference(reference, out)) is not None:
            out.append(launch)
    return out


def told_by_reference(reference: Fact, facts: list[Fact]) -> Fact | None:
    """A launch only ever told by reference ("Japan launched a satellite by rocket on Tuesday"),
    with the rocket and craft the text names near it, when no launch of that day is told already."""
    named = reference.args.get(NAMED_NEARBY) or {}
    if not reference.date or reference.date.precision != "day" or named.get("distance", _REACH + 1) > _REACH:
        return None
    # the lead of a launch report ("X launched a satellite on Tuesday"), not a plan told in passing
    if reference.status != "done" or reference.evidence.start > _LEAD:
        return None
    if not named.get("vehicle") and not named.get("payloads"):
        return None
    if any(f.type == "launch" and f.date and _dates_fit(f, reference) for f in facts):
        return None
    args = {k: v for k, v in reference.args.items() if k != NAMED_NEARBY}
    args.update({k: named[k] for k in ("vehicle", "vehicle_canonical", "payloads")})
    return replace(reference, args=args, notes=(), confidence=0.5)


def assemble_launches(facts: list[Fact]) -> list[Fact]:
    """Launch candidates in text order merged into events; other facts pass through unchanged."""
    out: list[Fact] = []
    for fact in facts:
        if fact.type != "launch" or ANAPHORIC in fact.notes:
            out.append(fact)
            continue
        for i, earlier in enumerate(out):
            if earlier.type == "launch" and same_launch(earlier, fact):
                out[i] = merged_launch(earlier, fact)
                break
        else:
            out.append(fact)
    return [f for f in resolve_references(out) if not vague_plan(f)]


_POSTPONED = re.compile(r"postpon|delay|put off|reporté|verschoben|aplazad|pospuest|rinviat|adiad", re.I)


def vague_plan(fact: Fact) -> bool:
    """ "The satellite will be launched": a plan with neither a day nor a rocket, told once,
    is an intention, not a scheduled launch (a postponed launch keeps its null date)."""
    return (
        fact.type == "launch"
        and fact.status == "planned"
        and not fact.date
        and not fact.args.get("vehicle")
        and not _POSTPONED.search(fact.evidence.text or "")
    )
