"""`spacecoop who`, `spacecoop entity` and `spacecoop resolve`: questions about the resolution."""

from __future__ import annotations

import json
from typing import Any

import click

from spacecoop.cli.options import db_option, settings_for
from spacecoop.errors import BadQuery, NotFound, SpacecoopError

_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


def _open_store(db: str | None, *, create: bool = False):
    from spacecoop.store import Store

    try:
        return Store.open(settings_for(db), create=create)
    except SpacecoopError as error:
        raise click.ClickException(str(error)) from error


def _answer(call, *args):
    try:
        return call(*args)
    except BadQuery as error:
        raise click.UsageError(str(error)) from error
    except (NotFound, SpacecoopError) as error:
        raise click.ClickException(str(error)) from error


@click.command("who")
@click.argument("office")
@click.option("--on", "on_date", required=True, metavar="DATE", help="The date asked about (YYYY[-MM[-DD]]).")
@_FORMAT
@db_option
def who_command(office: str, on_date: str, fmt: str, db: str | None) -> None:
    """Who held OFFICE ("Head of Roscosmos", "ESA Director General") on a date, with the sources."""
    from spacecoop.store.resolution_queries import who_held

    with _open_store(db) as store:
        holders = _answer(who_held, store, office, on_date)
    if fmt == "json":
        click.echo(json.dumps(holders, ensure_ascii=False, indent=2))
        return
    if not holders:
        click.echo(f"no holder of {office!r} known on or before {on_date}")
        return
    for holder in holders:
        if holder["end"]:
            span = f"{holder['start'] or '?'} - {holder['end']}"
        else:
            # An open term is shown open, never extended to today.
            seen = f", last seen {holder['last_seen']}" if holder.get("last_seen") else ""
            span = f"since {holder['start'] or '?'}{seen}"
        note = "" if holder["held"] == "in office" else " (last known holder before that date)"
        click.echo(
            f"{holder['person']['name']}: {holder['office']} of {holder['organization']['name']}, {span}{note}"
            f" [from {holder.get('basis', 'evidence')}]"
        )
        for source in holder["sources"]:
            click.echo(f"  {source['date'] or 'undated'}  {source['doc_key']}: {source['evidence']}")


@click.command("entity")
@click.argument("name")
@_FORMAT
@db_option
def entity_command(name: str, fmt: str, db: str | None) -> None:
    """Everything known of one actor, place or thing: aliases, offices, events, partners, documents."""
    from spacecoop.store.resolution_queries import entity_profile

    with _open_store(db) as store:
        profile = _answer(entity_profile, store, name)
    if fmt == "json":
        click.echo(json.dumps(profile, ensure_ascii=False, indent=2))
    else:
        click.echo(render_profile(profile))


@click.command("resolve")
@db_option
@click.option(
    "--all", "rebuild", is_flag=True, help="Rebuild every entity, event, office and link from scratch."
)
def resolve_command(db: str | None, rebuild: bool) -> None:
    """Resolve the documents not yet resolved against the events they can touch (what `ingest`
    and uploads do by themselves), or with --all rebuild everything; event ids are kept."""
    from spacecoop.resolve import resolve_store
    from spacecoop.resolve.incremental import resolve_changes
    from spacecoop.store.incremental import resolution_counts

    with _open_store(db) as store:
        _answer(resolve_store if rebuild else resolve_changes, store)
        counts = resolution_counts(store)
    click.echo(
        f"{counts['entities']} entities, {counts['events']} events, "
        f"{counts['offices']} office terms, {counts['links']} links"
    )


def render_profile(profile: dict[str, Any]) -> str:
    """A profile as plain text, one section per kind of information."""
    lines = [f"{profile['name']}  ({profile['type']}, {profile['id']})"]
    if profile["wikidata"]:
        lines.append(f"Wikidata: {profile['wikidata']}")
    if profile["aliases"]:
        lines.append("Also: " + "; ".join(profile["aliases"]))
    for key, label in (("predecessors", "Predecessors"), ("successors", "Successors")):
        if profile[key]:
            lines.append(f"{label}: " + ", ".join(p["name"] for p in profile[key]))
    for key, label in (("offices", "Offices"), ("offices_held", "Offices held")):
        if profile[key]:
            lines.append(f"{label}:")
            for term in profile[key]:
                who = term["person"]["name"] if key == "offices" else term["organization"]["name"]
                span = (
                    f"{term['start'] or '?'} - {term['end']}"
                    if term["end"]
                    else f"since {term['start'] or '?'}"
                )
                basis = term.get("basis", "evidence")
                lines.append(f"  {term['office']}: {who}, {span} [from {basis}]")
    for key in ("agreements", "meetings", "launches", "roles"):
        if profile[key]:
            lines.append(f"{key.capitalize()}:")
            for event in profile[key]:
                lines.append(
                    f"  {event['date'] or 'undated':10}  {event['status'] or '':9} {_summary(event)}"
                )
                lines.extend(f"      ! {conflict}" for conflict in event["conflicts"])
                lines.extend(
                    f"      -> {link['kind']}: {link['note']}" for link in event["links"] if "to" in link
                )
    if profile["partners"]:
        lines.append("Partners: " + ", ".join(f"{p['name']} ({p['events']})" for p in profile["partners"]))
    if profile["documents"]:
        lines.append("Documents:")
        lines.extend(
            f"  {d['date'] or 'undated':10}  {d['key']}  {d['title'] or ''}".rstrip()
            for d in profile["documents"]
        )
    return "\n".join(lines)


def _summary(event: dict[str, Any]) -> str:
    args = dict(event["args"])
    # People shown with the office they held that day: "Igor Komarov (Head of Roscosmos)".
    offices = {p["name"]: p["offices"] for p in event.get("people", []) if p["offices"]}
    for key in ("participants", "signatories"):
        if isinstance(args.get(key), list):
            args[key] = [f"{n} ({', '.join(offices[n])})" if n in offices else n for n in args[key]]
    keys = {
        "agreement": ("parties", "title"),
        "meeting": ("participants", "organizations", "place"),
        "launch": ("vehicle", "payloads", "site"),
        "role": ("person", "role", "organization"),
    }.get(event["type"], ())
    parts = []
    for key in keys:
        value = args.get(key)
        if isinstance(value, list):
            value = ", ".join(value)
        if value:
            parts.append(str(value))
    sources = len(event["documents"])
    return " | ".join(parts) + f"  [{sources} doc{'s' if sources != 1 else ''}]"


COMMANDS = [who_command, entity_command, resolve_command]
