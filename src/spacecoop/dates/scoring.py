"""TempEval-3 Task A timex scores: strict and relaxed extent P/R/F1, type accuracy and value F1.

As the official toolkit defines them: precision counts system timexes that match a gold one,
recall counts gold timexes that a system one matches; strict means the same extent, relaxed means
overlapping extents. Type and value accuracy are over relaxed matches; value F1 counts a timex as
right when it overlaps one on the other side with the same value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacecoop.dates.timeml import TimemlTimex


@dataclass
class TimexScores:
    gold: int = 0
    system: int = 0
    strict_sys: int = 0  # system timexes with a gold one of the same extent
    strict_gold: int = 0
    relaxed_sys: int = 0  # system timexes overlapping a gold one
    relaxed_gold: int = 0
    type_right: int = 0  # among relaxed-matched system timexes
    value_right: int = 0
    value_sys: int = 0  # system timexes overlapping a gold one with the same value
    value_gold: int = 0
    # (document, "missed" | "spurious" | "value", gold or system timex, system timex for "value")
    errors: list[tuple[str, str, TimemlTimex, TimemlTimex | None]] = field(default_factory=list)

    def add(self, name: str, gold: Sequence[TimemlTimex], system: Sequence[TimemlTimex]) -> None:
        self.gold += len(gold)
        self.system += len(system)
        for s in system:
            overlapping = [g for g in gold if g.start < s.end and s.start < g.end]
            self.strict_sys += any(g.start == s.start and g.end == s.end for g in overlapping)
            if overlapping:
                self.relaxed_sys += 1
                best = max(overlapping, key=lambda g: min(g.end, s.end) - max(g.start, s.start))
                self.type_right += best.type == s.type
                self.value_right += best.value == s.value
                if best.value != s.value:
                    self.errors.append((name, "value", best, s))
            else:
                self.errors.append((name, "spurious", s, None))
            self.value_sys += any(g.value == s.value for g in overlapping)
        for g in gold:
            overlapping = [s for s in system if g.start < s.end and s.start < g.end]
            self.strict_gold += any(g.start == s.start and g.end == s.end for s in overlapping)
            self.relaxed_gold += bool(overlapping)
            self.value_gold += any(g.value == s.value for s in overlapping)
            if not overlapping:
                self.errors.append((name, "missed", g, None))

    def table(self) -> dict[str, float]:
        """The measures, as fractions in [0, 1]."""

        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        rows: dict[str, float] = {}
        for label, sys_count, gold_count in (
            ("strict", self.strict_sys, self.strict_gold),
            ("relaxed", self.relaxed_sys, self.relaxed_gold),
            ("value", self.value_sys, self.value_gold),
        ):
            p, r = ratio(sys_count, self.system), ratio(gold_count, self.gold)
            rows[f"{label}_p"], rows[f"{label}_r"], rows[f"{label}_f1"] = p, r, f1(p, r)
        rows["type_accuracy"] = ratio(self.type_right, self.relaxed_sys)
        rows["value_accuracy"] = ratio(self.value_right, self.relaxed_sys)
        return rows


def score(pairs: Iterable[tuple[str, Sequence[TimemlTimex], Sequence[TimemlTimex]]]) -> TimexScores:
    """Scores over (document name, gold timexes, system timexes) triples."""
    scores = TimexScores()
    for name, gold, system in pairs:
        scores.add(name, gold, system)
    return scores


def format_table(scores: TimexScores) -> str:
    t = scores.table()
    lines = [
        f"gold timexes {scores.gold}, system timexes {scores.system}",
        f"{'':10}{'P':>8}{'R':>8}{'F1':>8}",
        *(f"{label:10}{t[key + '_p'] * 100:8.2f}{t[key + '_r'] * 100:8.2f}{t[key + '_f1'] * 100:8.2f}"
          for label, key in (("strict", "strict"), ("relaxed", "relaxed"), ("value", "value"))),
        f"type accuracy {t['type_accuracy'] * 100:.2f}   value accuracy {t['value_accuracy'] * 100:.2f}",
    ]  # fmt: skip
    return "\n".join(lines)
