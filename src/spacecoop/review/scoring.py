"""Reviewers' work as gold: score an extractor against a store's accepted, edited and added facts.

Only part of a store is reviewed, so a prediction nobody decided on is neither right nor wrong.
Recall is measured against the facts analysts confirmed (accepted, edited, added); precision over
the predictions whose truth is known: those matching a confirmed fact, against those matching a
fact analysts rejected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacecoop.evaluation import Matcher, score_facts
from spacecoop.models import FACT_TYPES


def as_record(state: dict[str, Any]) -> dict[str, Any]:
    """A reviewed fact (store.review.fact_state) in the exchange format the scorer reads."""
    record = {"doc": state["doc_key"], "type": state["type"], **state["args"]}
    record["as_of" if state["type"] == "role" else "date"] = state["date"]
    if state.get("status") is not None and state["type"] != "role":
        record["status"] = state["status"]
    record["evidence"] = state["evidence"]
    return record


@dataclass(frozen=True)
class ReviewedScore:
    type: str
    confirmed: int  # facts analysts accepted, edited or added
    found: int  # of those, how many the extractor predicts
    rejected_predicted: int  # predictions that are facts analysts rejected
    predicted: int  # every prediction on the reviewed documents

    @property
    def recall(self) -> float:
        return self.found / self.confirmed if self.confirmed else 1.0

    @property
    def precision(self) -> float:
        known = self.found + self.rejected_predicted
        return self.found / known if known else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_reviewed(confirmed: list[dict], rejected: list[dict], predicted: list[dict],
                   matcher: Matcher | None = None) -> list[ReviewedScore]:  # fmt: skip
    docs = {r["doc"] for r in confirmed + rejected}
    predicted = [p for p in predicted if p.get("doc") in docs]
    true_scores = {s.type: s for s in score_facts(confirmed, predicted, matcher)}
    false_scores = {s.type: s for s in score_facts(rejected, predicted, matcher)}
    return [
        ReviewedScore(
            kind,
            true_scores[kind].gold,
            true_scores[kind].matched,
            false_scores[kind].matched,
            sum(1 for p in predicted if p.get("type") == kind),
        )  # fmt: skip
        for kind in FACT_TYPES
    ]
