"""`spacecoop extract` and `spacecoop eval`: facts from files, without touching a store."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from spacecoop.cli.tables import fact_table
from spacecoop.errors import SpacecoopError
from spacecoop.models import AnalyzedDocument
from spacecoop.settings import settings_from_env


def analyze_files(
    paths: tuple[str, ...], min_confidence: float | None = None
) -> Iterator[AnalyzedDocument | tuple[str, str]]:
    """Each file analysed, or (path, reason) when it cannot be read."""
    from dataclasses import replace

    from spacecoop.pipeline import analyze, load
    from spacecoop.sources import read_source

    settings = settings_from_env()
    if min_confidence is not None:
        settings = replace(settings, min_confidence=min_confidence)
    nlp = load(settings)
    for path in paths:
        try:
            document = read_source(Path(path))
        except SpacecoopError as error:
            yield (path, str(error))
            continue
        yield analyze(document, nlp)


def expand(paths: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for path in paths:
        p = Path(path)
        out += sorted(str(f) for f in p.rglob("*") if f.is_file()) if p.is_dir() else [path]
    return tuple(out)


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["facts", "table"]),
    default="facts",
    show_default=True,
    help="facts: JSON Lines in the exchange format; table: the table `spacecoop facts` prints.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Keep facts at or above this calibrated confidence (default: each type's fitted threshold; 0 keeps all).",
)
def extract_command(files: tuple[str, ...], fmt: str, min_confidence: float | None) -> None:
    """Extract facts from FILES and print them (no store is touched)."""
    failed = 0
    for result in analyze_files(expand(files), min_confidence):
        if isinstance(result, tuple):
            failed += 1
            click.echo(f"error: {result[1]}", err=True)
            continue
        records = [fact.to_record() for fact in result.facts]
        if fmt == "facts":
            for record in records:
                click.echo(json.dumps(record, ensure_ascii=False))
        elif records:
            # One table per file, in the format `spacecoop facts --format table` prints.
            click.echo(fact_table(records) + "\n")
    if failed:
        sys.exit(1)


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False), required=False)
@click.argument("docs", nargs=-1, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--store", "store_db", default=None, metavar="PATH|URL",
              help="Score against this store's reviewed facts (accepted, edited, added) instead of GOLD.")  # fmt: skip
def eval_command(gold: str | None, docs: tuple[str, ...], fmt: str, store_db: str | None) -> None:
    """Extract facts from DOCS and score them against the GOLD facts (JSON Lines); with --store,
    extract from the store's reviewed documents and score against what reviewers confirmed."""
    if store_db:
        from spacecoop.cli.review_eval import eval_store

        return eval_store(store_db, fmt)
    if not gold or not docs:
        raise click.UsageError("give GOLD and DOCS, or --store DB")
    from spacecoop.evaluation import Matcher, micro_f1, score_facts
    from spacecoop.knowledge import load_knowledge

    gold_facts = [
        json.loads(line) for line in Path(gold).read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    predicted = [
        f.to_record() for r in analyze_files(expand(docs)) if not isinstance(r, tuple) for f in r.facts
    ]
    knowledge = load_knowledge()
    aliases = {alias: e.name for alias, e in knowledge.surface_forms()}
    scores = score_facts(gold_facts, predicted, Matcher(aliases))
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "types": {
                        s.type: {
                            "gold": s.gold,
                            "predicted": s.predicted,
                            "matched": s.matched,
                            "precision": round(s.precision, 3),
                            "recall": round(s.recall, 3),
                            "f1": round(s.f1, 3),
                        }
                        for s in scores
                    },
                    "micro_f1": round(micro_f1(scores), 3),
                }
            )
        )
        return
    click.echo(f"{'type':<10} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6} {'date=':>6}")
    for s in scores:
        exact = f"{s.exact_dates / s.matched:.2f}" if s.matched else "-"
        click.echo(
            f"{s.type:<10} {s.gold:>5} {s.predicted:>5} {s.matched:>5} {s.precision:>6.3f} "
            f"{s.recall:>6.3f} {s.f1:>6.3f} {exact:>6}"
        )
    click.echo(f"micro F1 = {micro_f1(scores):.3f}")


COMMANDS = [extract_command, eval_command]
