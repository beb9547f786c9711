"""`spacecoop eval --store DB`: the extractor scored against a store's reviewed facts."""

from __future__ import annotations

import json

import click

from spacecoop.cli.review_cmds import _store


def eval_store(db: str, fmt: str, analyze=None) -> None:
    """`spacecoop eval --store DB`: the extractor scored against the store's reviewed facts."""
    from spacecoop.evaluation import Matcher
    from spacecoop.knowledge import load_knowledge
    from spacecoop.review.scoring import as_record, score_reviewed
    from spacecoop.store.review_read import curated_true_facts, rejected_facts

    store = _store(db)
    try:
        with store.engine.connect() as conn:
            confirmed = [as_record(s) for s in curated_true_facts(conn)]
            rejected = [as_record(s) for s in rejected_facts(conn)]
        reviewed = {r["doc"] for r in confirmed + rejected}
        documents = [d for d in store.all_documents() if d.key in reviewed]
    finally:
        store.close()
    if not reviewed:
        raise click.ClickException(
            f"{db}: no reviewed facts yet (accept, edit or add some with `spacecoop review`)"
        )
    if analyze is None:
        from spacecoop.pipeline import analyze as run
        from spacecoop.pipeline import load
        from spacecoop.settings import settings_from_env

        nlp = load(settings_from_env())
        analyze = lambda document: run(document, nlp)  # noqa: E731
    predicted = [f.to_record() for d in documents for f in analyze(d).facts]
    aliases = {alias: e.name for alias, e in load_knowledge().surface_forms()}
    scores = score_reviewed(confirmed, rejected, predicted, Matcher(aliases))
    if fmt == "json":
        click.echo(json.dumps({"documents": len(documents), "types": {s.type: {
            "confirmed": s.confirmed, "found": s.found, "rejected_predicted": s.rejected_predicted,
            "predicted": s.predicted, "precision": round(s.precision, 3), "recall": round(s.recall, 3),
            "f1": round(s.f1, 3)} for s in scores}}))  # fmt: skip
        return
    click.echo(
        f"{len(documents)} reviewed documents; {len(confirmed)} confirmed and {len(rejected)} rejected facts"
    )
    click.echo(
        f"{'type':<10} {'conf':>5} {'found':>5} {'rej':>5} {'pred':>5} {'P(rev)':>7} {'R':>6} {'F1':>6}"
    )
    for s in scores:
        click.echo(f"{s.type:<10} {s.confirmed:>5} {s.found:>5} {s.rejected_predicted:>5} {s.predicted:>5} "
                   f"{s.precision:>7.3f} {s.recall:>6.3f} {s.f1:>6.3f}")  # fmt: skip
    click.echo("P(rev): precision over predictions analysts decided on (confirmed vs rejected facts)")
