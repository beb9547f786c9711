"""Precision, recall and F1 of extracted facts against hand-checked gold facts.

Matching follows the rules of the exchange format (../shared/eval/SCHEMA.md): same document and
type; agreements by party set or title overlap, meetings by a shared participant, launches by
vehicle or payload, roles by surname and organisation; dates compatible when one ISO prefix
starts the other. Each gold fact matches at most one prediction; ambiguous gold facts count when
found and are forgiven when missed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spacecoop.models import FACT_TYPES

DATE_KEY = {"agreement": "date", "meeting": "date", "launch": "date", "role": "as_of"}
_STOP = {
    "the",
    "a",
    "an",
    "of",
    "on",
    "in",
    "for",
    "and",
    "to",
    "with",
    "between",
    "agreement",
    "agreements",
    "cooperation",
    "by",
    "from",
    "at",
    "its",
    "their",
}


def fold(text) -> str:
    if text is None:
        return ""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass(frozen=True)
class TypeScore:
    type: str
    gold: int
    predicted: int
    matched: int
    forgiven: int
    exact_dates: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        wanted = self.gold - self.forgiven
        return min(1.0, self.matched / wanted) if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class Matcher:
    """Fact matching with an alias table (canonical names of the knowledge base)."""

    def __init__(self, aliases: dict[str, str] | None = None):
        self.aliases = {fold(k): fold(v) for k, v in (aliases or {}).items()}

    def name(self, text) -> str:
        folded = fold(text)
        return self.aliases.get(folded, folded)

    def words(self, text) -> set[str]:
        return {w for w in self.name(text).split() if w not in _STOP}

    def overlap(self, a, b) -> float:
        a, b = self.words(a), self.words(b)
        return len(a & b) / max(1, min(len(a), len(b))) if a and b else 0.0

    def names(self, values) -> set[str]:
        return {self.name(v) for v in values or [] if v}

    @staticmethod
    def dates_fit(gold: dict, pred: dict, key: str) -> bool:
        options = [gold.get(key)] + list(gold.get("date_alternatives", []))
        if options[0] is None:
            return True
        p = pred.get(key)
        return bool(p) and any(
            o and (str(p).startswith(str(o)) or str(o).startswith(str(p))) for o in options
        )

    def affinity(self, gold: dict, pred: dict) -> float:
        kind = gold["type"]
        key = DATE_KEY[kind]
        if not self.dates_fit(gold, pred, key):
            return 0.0
        score = 1.5 if pred.get(key) in [gold.get(key), *gold.get("date_alternatives", [])] else 1.0
        if kind == "agreement":
            g, p = self.names(gold.get("parties")), self.names(pred.get("parties"))
            title = self.overlap(gold.get("title"), pred.get("title"))
            if not ((g and g == p) or title >= 0.5):
                return 0.0
            return score + title + (1.0 if g and g == p else 0.0)
        if kind == "meeting":
            if not gold.get("participants"):
                shared = self.names(gold.get("organizations")) & self.names(pred.get("organizations"))
                return score + len(shared) if len(shared) >= 2 else 0.0
            surnames = {self.name(p).split()[-1] for p in gold["participants"] if self.name(p)}
            found = {self.name(p).split()[-1] for p in pred.get("participants") or [] if self.name(p)}
            return score + len(surnames & found) if surnames & found else 0.0
        if kind == "launch":
            vehicle = bool(gold.get("vehicle")) and self.name(gold["vehicle"]) == self.name(
                pred.get("vehicle")
            )
            payload = max(
                (self.overlap(g, p) for g in gold.get("payloads") or [] for p in pred.get("payloads") or []),
                default=0.0,
            )
            return score + payload + vehicle if vehicle or payload >= 0.5 else 0.0
        if kind == "role":
            g, p = self.name(gold.get("person")).split(), self.name(pred.get("person")).split()
            if not g or not p or g[-1] != p[-1]:
                return 0.0
            if self.name(gold.get("organization")) != self.name(pred.get("organization")):
                return 0.0
            return score + self.overlap(gold.get("role"), pred.get("role"))
        return 0.0


def matched_pairs(g_facts: list[dict], p_facts: list[dict], matcher: Matcher) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs of one type, best affinity first, each fact used once."""
    pairs = sorted(
        (
            (a, i, j)
            for i, g in enumerate(g_facts)
            for j, p in enumerate(p_facts)
            if g["doc"] == p["doc"] and (a := matcher.affinity(g, p)) > 0
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def score_facts(gold: list[dict], predicted: list[dict], matcher: Matcher | None = None) -> list[TypeScore]:
    matcher = matcher or Matcher()
    docs = {g["doc"] for g in gold}
    predicted = [p for p in predicted if p.get("doc") in docs]
    scores = []
    for kind in FACT_TYPES:
        g_facts = [g for g in gold if g["type"] == kind]
        p_facts = [p for p in predicted if p.get("type") == kind]
        pairs = matched_pairs(g_facts, p_facts, matcher)
        key = DATE_KEY[kind]
        exact = sum(
            p_facts[j].get(key) in [g_facts[i].get(key), *g_facts[i].get("date_alternatives", [])]
            for i, j in pairs
        )
        found = {i for i, _ in pairs}
        forgiven = sum(1 for i, g in enumerate(g_facts) if g.get("ambiguous") and i not in found)
        # an ambiguous gold fact that was found counts as a hit, not as an error when predicted
        scores.append(TypeScore(kind, len(g_facts), len(p_facts), len(pairs), forgiven, exact))
    return scores


def label_predictions(gold: list[dict], predicted: list[dict], matcher: Matcher | None = None) -> list[bool]:
    """For each prediction (in order), whether it matches a gold fact: the labels confidence is
    calibrated on. Predictions for documents without gold are labelled False."""
    matcher = matcher or Matcher()
    labels = [False] * len(predicted)
    for kind in FACT_TYPES:
        g_facts = [g for g in gold if g["type"] == kind]
        indexed = [(n, p) for n, p in enumerate(predicted) if p.get("type") == kind]
        for _, j in matched_pairs(g_facts, [p for _, p in indexed], matcher):
            labels[indexed[j][0]] = True
    return labels


def micro_f1(scores: list[TypeScore]) -> float:
    matched = sum(s.matched for s in scores)
    predicted = sum(s.predicted for s in scores)
    wanted = sum(s.gold - s.forgiven for s in scores)
    p = matched / predicted if predicted else 0.0
    r = min(1.0, matched / wanted) if wanted else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0
