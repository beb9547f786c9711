"""`spacecoop timeml`, `spacecoop eval-time` and `spacecoop dates`: the temporal tagger from the shell."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from spacecoop.dates import SUPPORTED_LANGUAGES, find_timexes
from spacecoop.dates.scoring import format_table, score
from spacecoop.dates.timeml import read_timeml, retag, retag_directory
from spacecoop.errors import SpacecoopError

_language_option = click.option(
    "--language",
    default="en",
    show_default=True,
    type=click.Choice(SUPPORTED_LANGUAGES),
    help="Text language.",
)


@click.command("timeml")
@click.argument("in_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@_language_option
def timeml_command(in_dir: Path, out_dir: Path, language: str) -> None:
    """Tag every .tml file of IN_DIR with our TIMEX3s (anchored on its DCT) into OUT_DIR."""
    try:
        report, failures = retag_directory(in_dir, out_dir, language=language)
    except SpacecoopError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{len(report)} files, {sum(n for _, n in report)} timexes written to {out_dir}")
    for failure in failures:
        click.echo(f"skipped {failure}", err=True)
    if failures:
        raise click.ClickException(f"{len(failures)} file(s) could not be read")


@click.command("eval-time")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--pred", "pred_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Score the .tml files of this directory instead of running the tagger.")  # fmt: skip
@click.option(
    "--errors", "show_errors", is_flag=True, help="Also list missed, spurious and wrongly valued timexes."
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_time_command(gold_dir: Path, pred_dir: Path | None, show_errors: bool, as_json: bool) -> None:
    """TempEval-3 timex scores of our tagger (or of --pred) against GOLD_DIR."""
    triples = []
    try:
        for gold_path in sorted(gold_dir.glob("*.tml")):
            source = gold_path.read_text(encoding="utf-8")
            gold = read_timeml(source, str(gold_path))
            if pred_dir is None:
                predicted = read_timeml(retag(source, str(gold_path))[0], str(gold_path))
            else:
                pred_path = pred_dir / gold_path.name
                if not pred_path.exists():
                    raise click.ClickException(
                        f"{pred_path}: missing from --pred (every gold file needs one)"
                    )
                predicted = read_timeml(pred_path.read_text(encoding="utf-8"), str(pred_path))
                if predicted.text != gold.text:
                    raise click.ClickException(f"{pred_path}: its <TEXT> differs from the gold file's")
            triples.append((gold_path.name, gold.timexes, predicted.timexes))
    except SpacecoopError as error:
        raise click.ClickException(str(error)) from error
    if not triples:
        raise click.ClickException(f"{gold_dir}: no .tml files")
    scores = score(triples)
    if as_json:
        table = {k: round(v, 4) for k, v in scores.table().items()}
        click.echo(json.dumps({"gold": scores.gold, "system": scores.system, **table}, indent=2))
    else:
        click.echo(format_table(scores))
    if show_errors:
        for name, kind, timex, other in scores.errors:
            ours = f" | ours {other.text!r} {other.type} {other.value}" if other else ""
            click.echo(f"{kind:9} {name} {timex.text!r} {timex.type} {timex.value}{ours}")


@click.command("dates")
@click.argument("text")
@click.option("--anchor", help="The document date (YYYY-MM-DD) relative expressions are resolved against.")
@_language_option
def dates_command(text: str, anchor: str | None, language: str) -> None:
    """Print the temporal expressions of TEXT as JSON lines."""
    try:
        day = dt.date.fromisoformat(anchor) if anchor else None
    except ValueError as error:
        raise click.BadParameter(
            f"{anchor!r} is not an ISO date (YYYY-MM-DD)", param_hint="--anchor"
        ) from error
    for timex in find_timexes(text, day, language=language):
        click.echo(
            json.dumps({k: v for k, v in vars(timex).items() if v not in (None, ())}, ensure_ascii=False)
        )


COMMANDS = [timeml_command, eval_time_command, dates_command]
