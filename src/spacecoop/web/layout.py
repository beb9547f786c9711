"""Geometry for the pages' inline SVG: timeline markers, network positions, office bars, and the
split of a document's text into highlighted runs. Pure functions of plain data."""

from __future__ import annotations

import math
import re
from datetime import date
from functools import lru_cache

import networkx as nx

from spacecoop.models import FACT_TYPES

# Statuses drawn as filled markers (it happened); everything else announced is drawn hollow.
HAPPENED = {"done", "signed", "in_force", None}
TIMELINE_WIDTH, LANE_HEIGHT, MARGIN = 1000, 70, 40


ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def placeable(iso: str | None) -> bool:
    """True for dates a chart can place: ISO prefixes (TimeML values such as 2019-SU are not)."""
    match = ISO_PREFIX.match(iso or "")
    return bool(match) and 1 <= int(match.group(2) or 1) <= 12 and 1 <= int(match.group(3) or 1) <= 31


def year_fraction(iso: str) -> float:
    """An ISO prefix as a decimal year; a year or month alone sits at its middle. Anything after
    the prefix (a TimeML season or quarter) is ignored."""
    match = ISO_PREFIX.match(iso)
    if not match:
        raise ValueError(f"{iso!r} is not an ISO date prefix")
    parts = [int(p) for p in match.groups() if p]
    year = parts[0]
    if len(parts) == 1:
        return year + 0.5
    month = parts[1]
    if len(parts) == 2:
        return year + (month - 0.5) / 12
    start = date(year, 1, 1).toordinal()
    day = min(parts[2], 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    return year + (date(year, month, day).toordinal() - start + 0.5) / 366


def marker_kind(status: str | None) -> str:
    if status == "terminated":
        return "ended"
    return "happened" if status in HAPPENED else "announced"


def timeline_layout(
    items: list[dict], since: str | None, until: str | None, undated: list[dict] | None = None
) -> dict:
    """Where each dated item goes: one lane per fact type, x by date within [since, until]; and
    a last lane for facts without a date, placed by the date of their first report."""
    dated = [i for i in items if placeable(i.get("date"))]
    reported = [i for i in (undated or []) if placeable(i.get("reported"))]
    if since:
        lo = float(int(since[:4]))
    elif dated or reported:
        lo = math.floor(
            min([year_fraction(i["date"]) for i in dated] + [year_fraction(i["reported"]) for i in reported])
        )
    else:
        lo = float(date.today().year)
    if until:
        hi = float(int(until[:4]) + 1)
    elif dated or reported:
        last = max(
            [year_fraction(i["date"]) for i in dated] + [year_fraction(i["reported"]) for i in reported]
        )
        hi = math.floor(last) + 1.0
    else:
        hi = lo + 1
    hi = max(hi, lo + 1)
    span = hi - lo
    plot = TIMELINE_WIDTH - 2 * MARGIN
    lanes = list(FACT_TYPES) + (["undated"] if reported else [])
    markers = []
    per_slot: dict[tuple[int, int], int] = {}
    placed = [(i, i["date"], i["type"]) for i in dated] + [(i, i["reported"], "undated") for i in reported]
    for item, when, lane_name in placed:
        x = MARGIN + (year_fraction(when) - lo) / span * plot
        if not lo <= year_fraction(when) <= hi:
            continue
        lane = lanes.index(lane_name) if lane_name in lanes else len(FACT_TYPES) - 1
        # Markers that fall on the same spot stack upwards, so none hides another.
        slot = (lane, round(x / 8))
        depth = per_slot.get(slot, 0)
        per_slot[slot] = depth + 1
        y = MARGIN + lane * LANE_HEIGHT + LANE_HEIGHT * 0.7 - (depth % 5) * 11
        kind = "undated" if lane_name == "undated" else marker_kind(item.get("status"))
        markers.append({"x": round(x, 1), "y": round(y, 1), "kind": kind, "item": item})
    label_markers(markers)
    step = 1 if span <= 12 else 5 if span <= 60 else 10
    ticks = [
        {"year": y, "x": round(MARGIN + (y - lo) / span * plot, 1)}
        for y in range(int(lo), int(hi) + 1)
        if (y - int(lo)) % step == 0
    ]
    return {
        "width": TIMELINE_WIDTH,
        "height": 2 * MARGIN + len(lanes) * LANE_HEIGHT,
        "lanes": [{"type": t, "y": MARGIN + i * LANE_HEIGHT} for i, t in enumerate(lanes)],
        "markers": markers,
        "ticks": ticks,
        "first_year": int(lo),
        "last_year": int(hi) - 1,
        # What the page's script needs to turn a dragged stretch of the axis back into dates.
        "lo": lo,
        "hi": hi,
        "margin": MARGIN,
        "plot": plot,
    }


def label_markers(markers: list[dict], char: float = 6.2) -> None:
    """A short label beside each marker where it overlaps no other label or marker: right of it,
    left of it or above it, shortened if that is what fits. The reader sees what happened
    without hovering; the rest keep their tooltip and the list below the chart."""
    boxes = [(m["x"] - 7, m["y"] - 7, m["x"] + 7, m["y"] + 7) for m in markers]
    taken: list[tuple[float, float, float, float]] = []

    def clear(box: tuple[float, float, float, float]) -> bool:
        return (
            box[0] >= 0
            and box[2] <= TIMELINE_WIDTH
            and all(
                box[2] <= a1 or a2 <= box[0] or box[3] <= b1 or b2 <= box[1]
                for a1, b1, a2, b2 in taken + boxes
            )
        )

    for m in markers:
        full = m["item"].get("label") or m["item"].get("type") or ""
        m["label"] = None
        for size in (26, 16, 10):
            text = full if len(full) <= size else full[: size - 1] + "…"
            w = len(text) * char
            spots = [
                (m["x"] + 9, m["y"] + 4, "start", (m["x"] + 9, m["y"] - 6, m["x"] + 9 + w, m["y"] + 6)),
                (m["x"] - 9, m["y"] + 4, "end", (m["x"] - 9 - w, m["y"] - 6, m["x"] - 9, m["y"] + 6)),
                (m["x"], m["y"] - 11, "middle", (m["x"] - w / 2, m["y"] - 21, m["x"] + w / 2, m["y"] - 9)),
            ]
            spot = next((s for s in spots if clear(s[3])), None)
            if spot:
                m["label"], m["lx"], m["ly"], m["anchor"] = text, spot[0], spot[1], spot[2]
                taken.append(spot[3])
                break


def zoom_range(first_year: int, last_year: int) -> dict:
    """The periods one click away: the whole range doubled (zoom out) and its halves (zoom in)."""
    span = last_year - first_year + 1
    middle = first_year + span // 2
    out = {"since": str(first_year - max(1, span // 2)), "until": str(last_year + max(1, span // 2))}
    halves = (
        []
        if span < 2
        else [
            {"since": str(first_year), "until": str(middle - 1)},
            {"since": str(middle), "until": str(last_year)},
        ]
    )
    return {"out": out, "halves": halves}


def _unit_positions(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """A seeded spring layout stretched to fill the unit square (same data, same picture)."""
    if len(g) == 1:
        return {next(iter(g)): (0.5, 0.5)}
    raw = nx.spring_layout(g, seed=7, weight="weight", k=2.0 / math.sqrt(len(g)), iterations=100)
    xs, ys = [p[0] for p in raw.values()], [p[1] for p in raw.values()]
    dx, dy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {n: ((x - min(xs)) / dx, (y - min(ys)) / dy) for n, (x, y) in raw.items()}


def _blocks(g: nx.Graph) -> list[nx.Graph]:
    """Connected groups of actors, each laid out in its own band; pairs and singletons share one."""
    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c))
    large = [g.subgraph(c) for c in parts if len(c) > 2]
    small = [n for c in parts if len(c) <= 2 for n in c]
    return large[:5] + ([g.subgraph(small + [n for c in large[5:] for n in c])] if small or large[5:] else [])


@lru_cache(maxsize=256)
def _positions(
    node_ids: tuple[str, ...], edges: tuple[tuple[str, str, int], ...], width: int, height: int
) -> dict[str, tuple[float, float]]:
    """Where each node goes: each connected group gets a band as wide as its size. The spring
    layout is the costly part of a network page (a fifth of a second for sixty actors), and the
    same network is drawn again and again, so positions are remembered per network."""
    g = nx.Graph()
    g.add_nodes_from(node_ids)
    for source, target, weight in edges:
        g.add_edge(source, target, weight=weight)
    pad = 50
    positions: dict[str, tuple[float, float]] = {}
    blocks = _blocks(g) if len(g) else []
    shares = [math.sqrt(len(b)) for b in blocks]
    left = float(pad)
    for block, share in zip(blocks, shares, strict=True):
        band = (width - 2 * pad) * share / sum(shares)
        inner = 0.12 * band if len(blocks) > 1 else 0.0
        for node, (ux, uy) in _unit_positions(block).items():
            positions[node] = (left + inner / 2 + ux * (band - inner), pad + uy * (height - 2 * pad))
        left += band
    return positions


def network_layout(graph: dict, width: int = 900, height: int = 560) -> dict:
    """Positions for the network's nodes: each connected group gets a band as wide as its size."""
    positions = _positions(
        tuple(n["id"] for n in graph["nodes"]),
        tuple((e["source"], e["target"], e["weight"]) for e in graph["edges"]),
        width,
        height,
    )
    top_weight = max((n["weight"] for n in graph["nodes"]), default=1)
    nodes = [
        {
            **n,
            "x": round(positions[n["id"]][0], 1),
            "y": round(positions[n["id"]][1], 1),
            "r": round(5 + 11 * math.sqrt(n["weight"] / top_weight), 1),
        }
        for n in graph["nodes"]
    ]
    place_labels(nodes, width, height)
    at = {n["id"]: n for n in nodes}
    top_edge = max((e["weight"] for e in graph["edges"]), default=1)
    edges = [
        {
            **e,
            "x1": at[e["source"]]["x"],
            "y1": at[e["source"]]["y"],
            "x2": at[e["target"]]["x"],
            "y2": at[e["target"]]["y"],
            "stroke": round(1.5 + 8 * e["weight"] / top_edge, 1),
        }
        for e in graph["edges"]
    ]
    return {"width": width, "height": height, "nodes": nodes, "edges": edges}


LABEL_CHAR, LABEL_HEIGHT = 7.6, 15  # 13 px labels: average advance and line height


def place_labels(nodes: list[dict], width: int, height: int, max_chars: int = 28) -> None:
    """Give each node a label position (above, below, right or left of its circle) where the
    label overlaps no label placed before; the heaviest actors choose first. A node whose label
    fits nowhere gets none on the chart (its name stays in its tooltip and in the search)."""
    boxes: list[tuple[float, float, float, float]] = []
    # Circles are obstacles too: a label never covers another actor.
    circles = [(n["x"] - n["r"], n["y"] - n["r"], n["x"] + n["r"], n["y"] + n["r"]) for n in nodes]

    def free(box: tuple[float, float, float, float]) -> bool:
        x1, y1, x2, y2 = box
        if x1 < 0 or x2 > width or y1 < 0 or y2 > height:
            return False
        return all(x2 <= a1 or a2 <= x1 or y2 <= b1 or b2 <= y1 for a1, b1, a2, b2 in boxes + circles)

    for n in sorted(nodes, key=lambda n: -n["weight"]):
        text = n["name"] if len(n["name"]) <= max_chars else n["name"][: max_chars - 1] + "…"
        w, h, r = len(text) * LABEL_CHAR, LABEL_HEIGHT, n["r"]
        x, y = n["x"], n["y"]
        # (label x, baseline y, anchor) and the box it covers.
        options = [
            (x, y - r - 4, "middle", (x - w / 2, y - r - 4 - h + 3, x + w / 2, y - r - 1)),
            (x, y + r + h - 2, "middle", (x - w / 2, y + r + 1, x + w / 2, y + r + h)),
            (x + r + 4, y + 4, "start", (x + r + 3, y - h / 2, x + r + 4 + w, y + h / 2)),
            (x - r - 4, y + 4, "end", (x - r - 4 - w, y - h / 2, x - r - 3, y + h / 2)),
        ]
        n["label"], n["lx"], n["ly"], n["anchor"] = None, x, y, "middle"
        for lx, ly, anchor, box in options:
            if free(box):
                boxes.append(box)
                n["label"], n["lx"], n["ly"], n["anchor"] = text, round(lx, 1), round(ly, 1), anchor
                break


def office_chart(offices: list[dict], today: str, width: int = 900, row: int = 28) -> dict:
    """One bar per term, one row per office, x by date: who held which office when."""
    offices = [
        {**o, "start": o.get("start") if placeable(o.get("start")) else None,
         "end": o.get("end") if placeable(o.get("end")) else None}
        for o in offices
    ]  # fmt: skip
    dated = [o for o in offices if o.get("start") or o.get("end")]
    if not dated:
        return {"rows": [], "bars": [], "ticks": [], "width": width, "height": 0}
    starts = [year_fraction(o["start"]) for o in dated if o.get("start")]
    ends = [year_fraction(o["end"]) for o in dated if o.get("end")]
    lo = math.floor(min(starts + ends))
    hi = math.floor(max(starts + ends + [year_fraction(today)])) + 1
    label_width = 220
    scale = (width - label_width - 20) / max(hi - lo, 1)
    keys = sorted({(o["organization"], o["office"]) for o in dated})
    spans = []
    for o in dated:
        start = year_fraction(o["start"]) if o.get("start") else lo
        end = year_fraction(o["end"]) if o.get("end") else year_fraction(today)
        spans.append((keys.index((o["organization"], o["office"])), start, max(end, start), o))
    # Terms of one office that overlap (two sources disagree, or a co-chair) go on lines of
    # their own under it, so no bar hides another and no two labels run into each other.
    lines: dict[int, list[float]] = {}
    placed = []
    for key, start, end, o in sorted(spans, key=lambda t: (t[0], t[1])):
        ends = lines.setdefault(key, [])
        line = next((i for i, last in enumerate(ends) if last <= start), len(ends))
        if line == len(ends):
            ends.append(end)
        else:
            ends[line] = end
        placed.append((key, line, start, end, o))
    tops, y = {}, 10
    for key in range(len(keys)):
        tops[key] = y
        y += row * max(1, len(lines.get(key, [])))
    bars = []
    for key, line, start, end, o in placed:
        w = max((end - start) * scale, 4)
        name = o.get("person_name") or o.get("person") or ""
        fits = int((w - 8) / 6.6)  # characters that fit at 12 px
        label = name if len(name) <= fits else (name[: fits - 1] + "…" if fits >= 4 else "")
        bars.append(
            {
                **o,
                "x": round(label_width + (start - lo) * scale, 1),
                "w": round(w, 1),
                "y": tops[key] + line * row,
                "open": not o.get("end"),
                "label": label,
            }
        )
    step = 1 if hi - lo <= 12 else 5
    ticks = [{"year": y, "x": round(label_width + (y - lo) * scale, 1)} for y in range(lo, hi + 1, step)]
    return {
        "rows": [{"organization": k[0], "office": k[1], "y": tops[i]} for i, k in enumerate(keys)],
        "bars": bars,
        "ticks": ticks,
        "width": width,
        "height": y + 20,
    }


def highlight_runs(text: str, spans: list[tuple[int, int, str]]) -> list[dict]:
    """`text` cut into runs at every span boundary; each run lists the ids of the spans covering it.

    Spans may overlap (two facts from one sentence); offsets outside the text are clipped."""
    n = len(text)
    cuts = {0, n}
    for start, end, _ in spans:
        cuts.update((min(max(start, 0), n), min(max(end, 0), n)))
    bounds = sorted(cuts)
    runs = []
    anchored: set[str] = set()
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a == b:
            continue
        ids = [fid for start, end, fid in spans if start <= a and b <= end]
        # Each fact gets one anchor, at the first run it covers, even where its span overlaps another.
        starts = [fid for fid in ids if fid not in anchored]
        anchored.update(starts)
        runs.append({"text": text[a:b], "facts": ids, "anchors": starts})
    return runs
