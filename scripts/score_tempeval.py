#!/usr/bin/env python3
"""Standalone TempEval-3 timex scorer: compares the TIMEX3 tags of two directories of .tml files.

Independent of spacecoop (standard library only, an XML parser rather than our tag walker), so it can
check the numbers `spacecoop eval-time` prints. Usage:

    python scripts/score_tempeval.py GOLD_DIR SYSTEM_DIR

Definitions (as in the TempEval-3 toolkit): strict = same extent, relaxed = overlapping extents;
precision counts system timexes with a match, recall gold timexes with a match; type and value
accuracy are over relaxed-matched system timexes; value F1 counts overlaps with an equal value.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def timexes(path: Path) -> tuple[str, list[tuple[int, int, str, str]]]:
    """The tag-free text of <TEXT> and its TIMEX3s as (start, end, type, value)."""
    root = ET.parse(path).getroot()
    text_element = root.find("TEXT")
    if text_element is None:
        raise SystemExit(f"{path}: no <TEXT> element")
    pieces: list[str] = []
    found: list[tuple[int, int, str, str]] = []

    def walk(element: ET.Element) -> None:
        start = sum(map(len, pieces))
        pieces.append(element.text or "")
        for child in element:
            walk(child)
            pieces.append(child.tail or "")
        if element.tag == "TIMEX3":  # its text and its children's are all written now; its tail is not
            found.append((start, sum(map(len, pieces)), element.get("type", ""), element.get("value", "")))

    walk(text_element)
    return "".join(pieces), found


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main(gold_dir: str, system_dir: str) -> None:
    counts = dict.fromkeys(["gold", "sys", "strict_p", "strict_r", "relaxed_p", "relaxed_r",
                            "value_p", "value_r", "type_ok", "value_ok"], 0)  # fmt: skip
    gold_files = sorted(Path(gold_dir).glob("*.tml"))
    if not gold_files:
        raise SystemExit(f"{gold_dir}: no .tml files")
    for gold_path in gold_files:
        system_path = Path(system_dir) / gold_path.name
        if not system_path.exists():
            raise SystemExit(f"{system_path}: missing")
        gold_text, gold = timexes(gold_path)
        system_text, system = timexes(system_path)
        if gold_text != system_text:
            raise SystemExit(f"{system_path}: text differs from the gold file")
        counts["gold"] += len(gold)
        counts["sys"] += len(system)
        for side, others, key in ((system, gold, "p"), (gold, system, "r")):
            for start, end, kind, value in side:
                overlaps = [o for o in others if o[0] < end and start < o[1]]
                counts[f"strict_{key}"] += any(o[0] == start and o[1] == end for o in overlaps)
                counts[f"relaxed_{key}"] += bool(overlaps)
                counts[f"value_{key}"] += any(o[3] == value for o in overlaps)
                if key == "p" and overlaps:
                    best = max(overlaps, key=lambda o: min(o[1], end) - max(o[0], start))
                    counts["type_ok"] += best[2] == kind
                    counts["value_ok"] += best[3] == value
    print(f"gold timexes {counts['gold']}, system timexes {counts['sys']}")
    print(f"{'':10}{'P':>8}{'R':>8}{'F1':>8}")
    for label in ("strict", "relaxed", "value"):
        p = counts[f"{label}_p"] / counts["sys"] if counts["sys"] else 0.0
        r = counts[f"{label}_r"] / counts["gold"] if counts["gold"] else 0.0
        print(f"{label:10}{p * 100:8.2f}{r * 100:8.2f}{f1(p, r) * 100:8.2f}")
    matched = counts["relaxed_p"] or 1
    print(
        f"type accuracy {counts['type_ok'] / matched * 100:.2f}   value accuracy {counts['value_ok'] / matched * 100:.2f}"
    )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
