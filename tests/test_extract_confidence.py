"""Calibrated confidence: features a reader would weigh, a logistic model per type, a threshold."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from spacecoop.evaluation import label_predictions
from spacecoop.extract.confidence import ConfidenceModel, TypeModel, calibrated, features, packaged_model
from spacecoop.models import DateValue, Fact, Span

ROOT = Path(__file__).resolve().parent.parent


def _role(person: str, organization: str, sentence: str, confidence: float = 0.7, day: bool = True) -> Fact:
    date = DateValue("2014-05-02" if day else "2014", "day" if day else "year", None, 1.0, "", "")
    return Fact(
        "role",
        "doc1",
        {"person": person, "role": "President", "organization": organization},
        Span(0, len(sentence), sentence),
        date=date,
        confidence=confidence,
    )


def test_confidence_features_see_names_stated_in_the_sentence() -> None:
    stated = features(_role("Ann Doe", "CNES", "CNES President Ann Doe spoke."))
    inferred = features(_role("Ann Doe", "CNES", "She spoke at length about the mission."))
    assert stated["stated"] == 1.0
    assert inferred["stated"] == 0.0
    assert stated["dated_day"] == 1.0 and stated["acronym_org"] == 1.0


def test_confidence_model_ranks_facts_by_their_evidence_and_drops_those_below_threshold() -> None:
    model = ConfidenceModel({"role": TypeModel({"stated": 4.0, "raw": 1.0}, -2.5, 0.5)})
    strong = _role("Ann Doe", "CNES", "CNES President Ann Doe spoke.")
    weak = _role("Ann Doe", "CNES", "She spoke at length about the mission.")
    kept = calibrated([strong, weak], "en", model)
    assert [f.evidence.text for f in kept] == [strong.evidence.text]
    assert 0.5 < kept[0].confidence < 1.0
    everything = calibrated([strong, weak], "en", model, floor=0.0)
    assert len(everything) == 2 and everything[1].confidence < 0.5


def test_confidence_without_a_model_leaves_facts_as_they_are() -> None:
    fact = _role("Ann Doe", "CNES", "CNES President Ann Doe spoke.")
    assert calibrated([fact], "en", None) == [fact]


def test_confidence_model_round_trips_through_json() -> None:
    model = ConfidenceModel({"launch": TypeModel({"raw": 1.5}, -0.2, 0.4)}, "a set: 10 facts")
    assert ConfidenceModel.from_dict(json.loads(json.dumps(model.to_dict()))) == model


def test_confidence_packaged_model_has_a_threshold_per_type_when_shipped() -> None:
    model = packaged_model()
    if model is None:
        pytest.skip("no confidence model shipped yet")
    assert set(model.types) <= {"agreement", "meeting", "launch", "role"}
    assert all(0.0 <= m.threshold < 1.0 for m in model.types.values())


def test_evaluation_labels_each_prediction_right_or_wrong() -> None:
    gold = [{"doc": "d", "type": "role", "person": "Ann Doe", "organization": "CNES", "as_of": "2014"}]
    predicted = [
        {"doc": "d", "type": "role", "person": "A. Doe", "organization": "CNES", "as_of": "2014-05-02"},
        {"doc": "d", "type": "role", "person": "Bo Roe", "organization": "CNES", "as_of": "2014"},
        {"doc": "d", "type": "role", "person": "Ann Doe", "organization": "CNES", "as_of": "2014"},
    ]
    # one gold fact matches one prediction at most: the exact one wins over the compatible one
    assert label_predictions(gold, predicted) == [False, False, True]


def _training_script():
    spec = importlib.util.spec_from_file_location(
        "train_confidence", ROOT / "scripts" / "train_confidence.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_training_threshold_maximises_f1_and_reliability_counts_bands() -> None:
    script = _training_script()
    probabilities = np.array([0.9, 0.8, 0.3, 0.2, 0.1])
    right = np.array([True, True, False, False, True])
    # keeping the two confident facts gives F1 0.8 with 3 gold facts; keeping all gives 0.75
    assert script.best_threshold(probabilities, right, wanted=3) == pytest.approx(0.8)
    table = script.reliability(list(zip(probabilities.tolist(), right.tolist(), strict=True)))
    assert "| 0.8–1.0 | 2 | 1.00 |" in table
    assert "| 0.0–0.2 | 1 | 1.00 |" in table
