"""Terms of office as bands under a timeline: one bar per term from its start to its end (or to
today while open), on as few lines as keep bars from overlapping, labelled where the label fits."""

from __future__ import annotations

from spacecoop.web.layout import MARGIN, TIMELINE_WIDTH, placeable, year_fraction

LINE = 18  # px per line of bands
CHAR = 6.2  # average advance of an 11 px label


def term_bands(terms: list[dict], lo: float, hi: float, top: float, today: str) -> dict:
    """Bars for `terms` within [lo, hi) (decimal years), from `top` down; the height they take."""
    plot = TIMELINE_WIDTH - 2 * MARGIN
    span = hi - lo
    lines: list[float] = []  # the x where each line is free again
    bars = []
    for t in sorted(terms, key=lambda t: t.get("start") or ""):
        start = year_fraction(t["start"]) if placeable(t.get("start")) else None
        end = year_fraction(t["end"]) if placeable(t.get("end")) else year_fraction(today)
        if start is None or end < lo or start >= hi:
            continue
        x1 = MARGIN + (max(start, lo) - lo) / span * plot
        x2 = MARGIN + (min(max(end, start), hi) - lo) / span * plot
        w = max(x2 - x1, 3)
        line = next((i for i, free in enumerate(lines) if free <= x1), len(lines))
        if line == len(lines):
            lines.append(0.0)
        text = f"{t['person_name']}, {t['office']} of {t['organization_name']}"
        fits = int((w - 6) / CHAR)
        label = text if len(text) <= fits else (text[: fits - 1] + "…" if fits >= 6 else "")
        # A label that does not fit inside runs on to the right when the line is clear there.
        outside = not label and x1 + w + 4 + len(text) * CHAR <= TIMELINE_WIDTH
        lines[line] = x1 + w + (len(text) * CHAR + 8 if outside else 4)
        bars.append({**t, "x": round(x1, 1), "w": round(w, 1), "y": round(top + line * LINE, 1),
                     "label": label or (text if outside else ""), "outside": outside,
                     "open": not placeable(t.get("end"))})  # fmt: skip
    return {"bars": bars, "top": top, "height": len(lines) * LINE + (24 if bars else 0)}
