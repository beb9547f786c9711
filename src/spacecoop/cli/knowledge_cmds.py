"""`spacecoop knowledge lookup` and `spacecoop knowledge check`: the domain knowledge from the shell."""

from __future__ import annotations

import json
from pathlib import Path

import click

from spacecoop.errors import SpacecoopError
from spacecoop.knowledge import ENTITY_TYPES, Knowledge, load_knowledge
from spacecoop.knowledge.report import counts_by_type, describe

_extra_option = click.option(
    "--with",
    "extra",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Your own knowledge file or folder of YAML files, read with the packaged ones (repeatable).",
)


def _load(extra: tuple[Path, ...]) -> Knowledge:
    try:
        return load_knowledge(extra)
    except SpacecoopError as error:
        raise click.ClickException(str(error)) from error


@click.group("knowledge")
def knowledge_group() -> None:
    """The domain knowledge: agencies, governments, launchers, sites, missions, offices..."""


@knowledge_group.command("lookup")
@click.argument("names", nargs=-1, required=True)
@click.option("--type", "types", multiple=True, type=click.Choice(ENTITY_TYPES), help="Only these kinds.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_extra_option
def lookup_command(names: tuple[str, ...], types: tuple[str, ...], fmt: str, extra: tuple[Path, ...]) -> None:
    """What each NAME means: canonical name, kind, country, lineage. Exits 1 if one is unknown."""
    knowledge = _load(extra)
    unknown = 0
    for name in names:
        found = knowledge.lookup_series(name, types)
        record = describe(knowledge, found[0]) if found else None
        unknown += record is None
        if fmt == "json":
            designation = found[1] if found else None
            click.echo(
                json.dumps({"query": name, "entity": record, "designation": designation}, ensure_ascii=False)
            )
        elif record is None:
            click.echo(f"{name}: unknown")
        else:
            click.echo(_as_text(name, record, found[1] if found else ""))
    if unknown:
        raise SystemExit(1)


def _as_text(name: str, record: dict, designation: str) -> str:
    head = f"{name} -> {record['name']} ({record['type']}, id {record['id']})"
    if designation:
        head += f", unit {designation}"
    lines = [head]
    for key in ("country", "parent", "variant_of", "predecessors", "successors", "active", "wikidata"):
        if key in record:
            value = record[key]
            lines.append(f"  {key}: {', '.join(value) if isinstance(value, list) else value}")
    return "\n".join(lines)


@knowledge_group.command("check")
@click.argument("files", nargs=-1, type=click.Path(exists=True, path_type=Path))
def check_command(files: tuple[Path, ...]) -> None:
    """Validate FILES (your knowledge files or folders) with the packaged knowledge and print the
    counts per kind; without FILES, check the packaged knowledge alone."""
    knowledge = _load(files)
    for kind, (entities, forms) in counts_by_type(knowledge).items():
        click.echo(f"{kind:<18} {entities:>5} entities {forms:>6} names and aliases")
    total_forms = sum(len(e.forms()) for e in knowledge.entities)
    click.echo(f"{'all':<18} {len(knowledge.entities):>5} entities {total_forms:>6} names and aliases")


COMMANDS = [knowledge_group]
