"""Confidence that means what it says: the share of facts like this one that are right.

Each extractor gives a raw confidence from the construction it used. A logistic model per fact type,
fitted on hand-checked facts (`scripts/train_confidence.py`), turns that and a few signs any reader
would weigh (is the date stated, are the names in the sentence itself, how much of the fact is
filled) into a probability. Facts below their type's threshold (the one that gave the best F1 when
the model was fitted) are left out; `SPACECOOP_MIN_CONFIDENCE=0` keeps everything.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from spacecoop.models import Fact

MODEL_FILE = "confidence.json"
_NAME_ARGS = {
    "agreement": ("parties", "signatories", "place", "title"),
    "meeting": ("participants", "organizations", "place"),
    "launch": ("vehicle", "site", "payloads"),
    "role": ("person", "role", "organization"),
}
_FUTURE_STATUS = {"planned", "expected"}
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9-]{1,9}$")


def _values(fact: Fact, key: str) -> list[str]:
    value = fact.args.get(key)
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return [str(value)] if value else []


def _in_text(name: str, text: str) -> bool:
    """A name is stated in the sentence when its last word is (surnames, 'Agency' of a long name)."""
    words = re.findall(r"\w+", name.lower())
    return bool(words) and words[-1] in text


def features(fact: Fact, language: str | None = None) -> dict[str, float]:
    """The signs the model weighs, by name; every one is 0-1 or a small count."""
    evidence = fact.evidence.text.lower()
    keys = _NAME_ARGS.get(fact.type, ())
    names = [v for k in keys for v in _values(fact, k)]
    filled = sum(1 for k in keys if _values(fact, k))
    stated = sum(_in_text(n, evidence) for n in names)
    precision = fact.date.precision if fact.date else None
    out = {
        "raw": fact.confidence,
        "dated_day": float(precision == "day"),
        "dated_coarse": float(precision in ("month", "year")),
        "filled": filled / max(1, len(keys)),
        "stated": stated / len(names) if names else 0.0,
        "names": min(len(names), 6) / 6,
        "future": float(fact.status in _FUTURE_STATUS),
        "foreign": float(bool(language) and language != "en"),
        "long_sentence": min(len(evidence), 600) / 600,
        "noted": float(bool(fact.notes)),
    }
    if fact.type == "role":
        organization = fact.args.get("organization") or ""
        out["acronym_org"] = float(bool(_ACRONYM.match(organization)))
        out["full_name"] = float(len((fact.args.get("person") or "").split()) >= 2)
    if fact.type == "launch":
        out["vehicle_and_payload"] = float(bool(_values(fact, "vehicle")) and bool(_values(fact, "payloads")))
    if fact.type == "agreement":
        out["two_parties"] = float(len(_values(fact, "parties")) >= 2)
    return out


@dataclass(frozen=True)
class TypeModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, values: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in values.items())
        return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True)
class ConfidenceModel:
    types: dict[str, TypeModel]
    trained_on: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> ConfidenceModel:
        return cls(
            {
                kind: TypeModel(dict(m["weights"]), float(m["bias"]), float(m["threshold"]))
                for kind, m in data.get("types", {}).items()
            },
            data.get("trained_on", ""),
        )

    def to_dict(self) -> dict:
        return {
            "trained_on": self.trained_on,
            "types": {
                kind: {"weights": m.weights, "bias": m.bias, "threshold": m.threshold}
                for kind, m in sorted(self.types.items())
            },
        }

    def calibrate(self, fact: Fact, language: str | None = None) -> Fact:
        model = self.types.get(fact.type)
        if model is None:
            return fact
        return replace(fact, confidence=round(model.probability(features(fact, language)), 3))

    def keeps(self, fact: Fact, floor: float | None = None) -> bool:
        model = self.types.get(fact.type)
        threshold = floor if floor is not None else (model.threshold if model else 0.0)
        return fact.confidence >= threshold


@cache
def packaged_model() -> ConfidenceModel | None:
    """The model shipped with the package, or None when it has not been trained yet."""
    path = resources.files("spacecoop.extract").joinpath("data", MODEL_FILE)
    if not path.is_file():
        return None
    return ConfidenceModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def calibrated(
    facts: list[Fact], language: str | None, model: ConfidenceModel | None, floor: float | None = None
) -> list[Fact]:
    """Facts with calibrated confidence, those below their type's threshold (or `floor`) left out."""
    if model is None:
        return facts
    out = [model.calibrate(f, language) for f in facts]
    return [f for f in out if model.keeps(f, floor)]
