"""Fit the role-pair model (spacecoop/extract/data/role_pairs.json) on hand-checked roles.

    python scripts/train_role_pairs.py ../shared/eval/train --check ../shared/eval/dev

Runs the pipeline over DIR/docs/*.txt with the role constructions only, collects every
(person, organisation) pair they left near an office word (`spacecoop.extract.role_pairs`), labels
a pair right when DIR/gold.jsonl holds that role (same surname and organisation) and the
constructions did not already find it, fits a logistic model, and picks the threshold that gives the
best role F1 on out-of-fold predictions (folds by document). Prints role precision, recall and F1
before and after, out of fold and, with --check, on another annotated set. Needs scikit-learn (the
`train` extra); the texts are read where they lie and never copied.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict

from spacecoop.evaluation import Matcher, label_predictions
from spacecoop.extract import extract_facts
from spacecoop.extract.role_pairs import MODEL_FILE, PairModel
from spacecoop.knowledge import load_knowledge
from spacecoop.pipeline import load
from spacecoop.settings import Settings
from spacecoop.sources import read_source

OUT = Path(__file__).resolve().parent.parent / "src" / "spacecoop" / "extract" / "data" / MODEL_FILE


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def collect(folder: Path, nlp, knowledge, matcher: Matcher):
    """(rows, rule role counts): one row per pair as (doc, key, features, right)."""
    gold = [g for g in read_jsonl(folder / "gold.jsonl") if g["type"] == "role"]
    rows, rule_roles = [], []
    for path in sorted((folder / "docs").glob("*.txt")):
        document = read_source(path)
        doc = nlp.make_doc(document.text)
        doc._.document = document
        for _, component in nlp.pipeline:
            doc = component(doc)
        sink: list = []
        facts = extract_facts(doc, document, knowledge, doc._.timexes or [], None, sink)
        rule_roles += [f.to_record() for f in facts if f.type == "role"]
        for key, candidate, features in sink:
            rows.append((key, candidate.person.name, candidate.organization.name, features))
    found = label_predictions(gold, rule_roles, matcher)
    matched_gold = _matched_gold(gold, [r for r, ok in zip(rule_roles, found, strict=True) if ok], matcher)
    labelled = []
    for key, person, org, features in rows:
        right = any(
            i not in matched_gold
            and g["doc"] == key
            and _surname(matcher.name(g.get("person"))) == _surname(matcher.name(person))
            and matcher.name(g.get("organization")) == matcher.name(org)
            for i, g in enumerate(gold)
        )
        labelled.append((key, (key, _surname(person), matcher.name(org)), features, right))
    wanted = sum(1 for g in gold if not g.get("ambiguous"))
    return labelled, sum(found), len(rule_roles), wanted


def _matched_gold(gold: list[dict], hits: list[dict], matcher: Matcher) -> set[int]:
    return {
        i for i, g in enumerate(gold) for h in hits if g["doc"] == h["doc"] and matcher.affinity(g, h) > 0
    }


def _surname(name: str) -> str:
    words = (name or "").split()
    return words[-1] if words else ""


def f1_with(added: list[tuple[tuple, float, bool]], threshold: float, tp: int, predicted: int, wanted: int):
    """Role P, R, F1 when the pairs at or above `threshold` are added (one per pair key)."""
    best: dict[tuple, tuple[float, bool]] = {}
    for key, p, right in added:
        if p >= threshold and (key not in best or p > best[key][0]):
            best[key] = (p, right)
    tp += sum(1 for _, right in best.values() if right)
    predicted += len(best)
    precision = tp / predicted if predicted else 0.0
    recall = tp / wanted if wanted else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--check", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    nlp = load(Settings(min_confidence=0.0))
    nlp.remove_pipe("spacecoop_facts")
    knowledge = load_knowledge()
    matcher = Matcher({alias: e.name for alias, e in knowledge.surface_forms()})
    rows, tp, predicted, wanted = collect(args.train, nlp, knowledge, matcher)
    names = sorted({n for _, _, f, _ in rows for n in f})
    x = np.array([[f.get(n, 0.0) for n in names] for _, _, f, _ in rows])
    y = np.array([right for *_, right in rows])
    groups = [doc for doc, *_ in rows]
    classifier = LogisticRegression(C=0.5, max_iter=2000)
    out_of_fold = cross_val_predict(
        classifier, x, y, groups=groups, cv=GroupKFold(5), method="predict_proba"
    )[:, 1]
    scored = [(key, float(p), bool(right)) for (_, key, _, right), p in zip(rows, out_of_fold, strict=True)]
    thresholds = sorted({round(p, 3) for _, p, _ in scored} | {1.01})
    threshold = max(thresholds, key=lambda t: f1_with(scored, t, tp, predicted, wanted)[2])
    classifier.fit(x, y)
    model = PairModel(
        {n: round(float(w), 4) for n, w in zip(names, classifier.coef_[0], strict=True)},
        round(float(classifier.intercept_[0]), 4),
        threshold,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model.to_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(rows)} pairs, {int(y.sum())} right, threshold {threshold:.3f}")
    p0, r0, f0 = f1_with([], 2.0, tp, predicted, wanted)
    p1, r1, f1 = f1_with(scored, threshold, tp, predicted, wanted)
    print(
        f"roles on {args.train.name}: constructions P {p0:.2f} R {r0:.2f} F1 {f0:.3f}; "
        f"with pairs (out of fold) P {p1:.2f} R {r1:.2f} F1 {f1:.3f}"
    )
    if args.check:
        rows, tp, predicted, wanted = collect(args.check, nlp, knowledge, matcher)
        scored = [(key, model.probability(f), right) for _, key, f, right in rows]
        p0, r0, f0 = f1_with([], 2.0, tp, predicted, wanted)
        p1, r1, f1 = f1_with(scored, threshold, tp, predicted, wanted)
        print(
            f"roles on {args.check.name}: constructions P {p0:.2f} R {r0:.2f} F1 {f0:.3f}; "
            f"with pairs P {p1:.2f} R {r1:.2f} F1 {f1:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
