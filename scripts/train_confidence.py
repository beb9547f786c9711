"""Fit the confidence model (spacecoop/extract/data/confidence.json) on hand-checked facts.

    python scripts/train_confidence.py ../shared/eval/train --check ../shared/eval/dev

Extracts facts from DIR/docs/*.txt with the raw confidences of the extractors, labels each one
right or wrong against DIR/gold.jsonl (the matching rules of the exchange format), fits one logistic
model per fact type over `spacecoop.extract.confidence.features`, and picks each type's threshold
as the one that maximises that type's F1 on out-of-fold predictions (folds by document, so no
document is judged by a model that saw it). Prints the reliability table (confidence band -> share
right) out of fold and, with --check, on another annotated set. Needs scikit-learn (the `train`
extra); the texts are read from where they lie and never copied.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict

from spacecoop.evaluation import Matcher, label_predictions
from spacecoop.extract.confidence import MODEL_FILE, ConfidenceModel, TypeModel, features
from spacecoop.knowledge import load_knowledge
from spacecoop.models import FACT_TYPES
from spacecoop.pipeline import analyze, load
from spacecoop.settings import Settings
from spacecoop.sources import read_source

BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)
OUT = Path(__file__).resolve().parent.parent / "src" / "spacecoop" / "extract" / "data" / MODEL_FILE


@dataclass
class Example:
    doc: str
    type: str
    features: dict[str, float]
    right: bool


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def raw_facts(folder: Path, nlp) -> list[tuple[dict, dict[str, float]]]:
    """(record, features) of every fact the extractors propose, before any threshold."""
    out = []
    for path in sorted((folder / "docs").glob("*.txt")):
        document = read_source(path)
        result = analyze(document, nlp)
        for fact in result.facts:
            out.append((fact.to_record(), features(fact, document.language.value)))
    return out


def examples(folder: Path, nlp, matcher: Matcher) -> list[Example]:
    facts = raw_facts(folder, nlp)
    labels = label_predictions(read_jsonl(folder / "gold.jsonl"), [r for r, _ in facts], matcher)
    return [Example(r["doc"], r["type"], f, right) for (r, f), right in zip(facts, labels, strict=True)]


def gold_counts(folder: Path) -> dict[str, int]:
    gold = read_jsonl(folder / "gold.jsonl")
    return {kind: sum(1 for g in gold if g["type"] == kind and not g.get("ambiguous")) for kind in FACT_TYPES}


def best_threshold(probabilities: np.ndarray, right: np.ndarray, wanted: int) -> float:
    """The threshold with the best F1, counting the gold facts a threshold cannot bring back."""
    best, best_f1 = 0.0, -1.0
    for threshold in np.unique(np.concatenate([[0.0], probabilities])):
        kept = probabilities >= threshold
        tp, predicted = int(right[kept].sum()), int(kept.sum())
        precision = tp / predicted if predicted else 0.0
        recall = tp / wanted if wanted else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(threshold), f1
    return best


def fit(train: list[Example], wanted: dict[str, int]) -> tuple[ConfidenceModel, list[tuple[float, bool]]]:
    models, out_of_fold = {}, []
    for kind in FACT_TYPES:
        rows = [e for e in train if e.type == kind]
        if len({e.right for e in rows}) < 2:
            continue
        names = sorted(rows[0].features)
        x = np.array([[e.features.get(n, 0.0) for n in names] for e in rows])
        y = np.array([e.right for e in rows])
        groups = [e.doc for e in rows]
        classifier = LogisticRegression(C=1.0, max_iter=2000)
        folds = min(5, len(set(groups)))
        probabilities = cross_val_predict(
            classifier, x, y, groups=groups, cv=GroupKFold(folds), method="predict_proba"
        )[:, 1]
        out_of_fold += list(zip(probabilities.tolist(), y.tolist(), strict=True))
        threshold = best_threshold(probabilities, y, wanted.get(kind, 0))
        classifier.fit(x, y)
        weights = {n: round(float(w), 4) for n, w in zip(names, classifier.coef_[0], strict=True)}
        models[kind] = TypeModel(weights, round(float(classifier.intercept_[0]), 4), round(threshold, 4))
    return ConfidenceModel(models), out_of_fold


def reliability(pairs: list[tuple[float, bool]]) -> list[str]:
    lines = ["| confidence | facts | share right |", "| --- | ---: | ---: |"]
    for low, high in zip(BANDS, BANDS[1:], strict=False):
        band = [right for p, right in pairs if low <= p < high]
        share = f"{sum(band) / len(band):.2f}" if band else "–"
        lines.append(f"| {low:.1f}–{min(high, 1.0):.1f} | {len(band)} | {share} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path, help="an annotated folder: docs/*.txt and gold.jsonl")
    parser.add_argument("--check", type=Path, help="another annotated folder for the reliability table")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    nlp = load(Settings(min_confidence=0.0))
    nlp.get_pipe("spacecoop_facts").confidence_model = None  # fit on the extractors' raw confidence
    matcher = Matcher({alias: e.name for alias, e in load_knowledge().surface_forms()})
    train = examples(args.train, nlp, matcher)
    model, out_of_fold = fit(train, gold_counts(args.train))
    model = ConfidenceModel(model.types, trained_on=f"{args.train.name}: {len(train)} facts")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model.to_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(train)} facts)")
    for kind, m in sorted(model.types.items()):
        print(f"  {kind}: threshold {m.threshold:.2f}")
    print(f"\nReliability on {args.train} (out of fold):")
    print("\n".join(reliability(out_of_fold)))
    if args.check:
        check = examples(args.check, nlp, matcher)
        pairs = []
        for e in check:
            type_model = model.types.get(e.type)
            if type_model is not None:
                pairs.append((type_model.probability(e.features), e.right))
        print(f"\nReliability on {args.check}:")
        print("\n".join(reliability(pairs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
