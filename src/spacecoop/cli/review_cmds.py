"""`spacecoop review ...`: the review queue, decisions on facts, merges and splits, the audit log
and access tokens, from the command line (whoever can write the store file may review)."""

from __future__ import annotations

import getpass
import json
import os
from typing import Any

import click

from spacecoop.cli.options import db_option, settings_for
from spacecoop.errors import BadQuery, SpacecoopError

_BY = click.option("--by", "actor", default=None, metavar="NAME",
                   help="Who decides (default: $SPACECOOP_REVIEWER or the login name).")  # fmt: skip
_REASON = click.option("--reason", default=None, help="Why: shown in the log and the corrections feed.")
_VERSION = click.option("--version", "version", type=int, default=None,
                        help="The fact's version you saw; a newer one is a conflict (default: no check).")  # fmt: skip
_NO_RESOLVE = click.option(
    "--no-resolve", is_flag=True, help="Do not update the events now (run `spacecoop resolve`)."
)
_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)


def _actor(actor: str | None) -> str:
    return actor or os.environ.get("SPACECOOP_REVIEWER") or f"cli:{getpass.getuser()}"


def _store(db: str | None):
    from spacecoop.store import Store

    try:
        return Store.open(settings_for(db), create=False)
    except SpacecoopError as error:
        raise click.ClickException(str(error)) from error


def _run(db: str | None, action, *args, resolve: bool = False, **kwargs) -> Any:
    """One write in its own transaction; then the events are brought up to date."""
    from spacecoop.review.desk import resolve_now
    from spacecoop.store.review import Conflict, write

    store = _store(db)
    try:
        result = write(store.engine, action, *args, **kwargs)
    except Conflict as error:
        raise click.ClickException(
            f"{error}\ncurrent: {json.dumps(error.current, ensure_ascii=False)}"
        ) from error
    except BadQuery as error:
        raise click.UsageError(str(error)) from error
    except SpacecoopError as error:
        raise click.ClickException(str(error)) from error
    finally:
        store.close()
    if resolve:
        resolve_now(lambda: _store(db))
    return result


def _read(db: str | None, function, *args, **kwargs) -> Any:
    store = _store(db)
    try:
        with store.engine.connect() as conn:
            return function(conn, *args, **kwargs)
    except BadQuery as error:
        raise click.UsageError(str(error)) from error
    except SpacecoopError as error:
        raise click.ClickException(str(error)) from error
    finally:
        store.close()


def _echo_state(state: dict[str, Any]) -> None:
    click.echo(f"{state['id']}  {state['type']}  {state['review']} (version {state['version']})")
    click.echo(
        f"  {json.dumps(state['args'], ensure_ascii=False)}  date={state['date']}  status={state['status']}"
    )


@click.group("review")
def review_group() -> None:
    """Review facts: the queue, accept, reject, edit, add, merge and split, the log, tokens."""


@review_group.command("queue")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--offset", type=int, default=0)
@_FORMAT
@db_option
def queue_command(limit: int, offset: int, fmt: str, db: str | None) -> None:
    """Facts to review, most urgent first (decisions whose evidence changed come before)."""
    from spacecoop.review.desk import queue

    data = _read(db, queue, limit=limit, offset=offset)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    for c in data["recheck"]:
        click.echo(
            f"RECHECK {c['fact_id']}  {c['verdict']}  {c['evidence_state']}: {c['evidence_note'] or ''}"
        )
    for item in data["items"]:
        reasons = "; ".join(item["reasons"]) or "-"
        click.echo(f"{item['score']:5.2f}  {item['id']}  {item['type']:<9} {item['doc_key']}: {reasons}")
        click.echo(f"       {item['evidence'][:110]}")
    click.echo(f"{data['total']} undecided facts")


@review_group.command("show")
@click.argument("fact")
@db_option
def show_command(fact: str, db: str | None) -> None:
    """One fact: its review status, version and history."""
    from spacecoop.store.review import fact_state
    from spacecoop.store.review_read import log_entries

    state = _read(db, fact_state, fact)
    _echo_state(state)
    for entry in _read(db, log_entries, target=fact):
        click.echo(f"  {entry['at']}  {entry['actor']}  {entry['action']}  {entry['reason'] or ''}")


def _decide(db, fact, action, actor, reason, version, no_resolve, edits=None) -> None:
    from spacecoop.store.review import decide

    state = _run(db, decide, fact, action, _actor(actor), reason=reason, version=version, edits=edits,
                 resolve=not no_resolve)  # fmt: skip
    _echo_state(state)


@review_group.command("accept")
@click.argument("fact")
@_REASON
@_VERSION
@_BY
@_NO_RESOLVE
@db_option
def accept_command(fact, reason, version, actor, no_resolve, db) -> None:
    """Mark a fact as checked and right."""
    _decide(db, fact, "accept", actor, reason, version, no_resolve)


@review_group.command("reject")
@click.argument("fact")
@click.option("--reason", required=True, help="Why the fact is wrong (required).")
@_VERSION
@_BY
@_NO_RESOLVE
@db_option
def reject_command(fact, reason, version, actor, no_resolve, db) -> None:
    """Reject a wrong fact: it leaves every page and export, and re-extraction never brings it back."""
    _decide(db, fact, "reject", actor, reason, version, no_resolve)


def parse_sets(pairs: tuple[str, ...], current: dict[str, Any] | None = None) -> dict[str, Any]:
    """`name=value` pairs as arguments: a value with '; ' (or for a list argument) is a list;
    an empty value clears the argument."""
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.UsageError(f"--set {pair!r}: give name=value")
        value = value.strip()
        was_list = isinstance((current or {}).get(name.strip()), list)
        if was_list or "; " in value:
            out[name.strip()] = [v.strip() for v in value.split(";") if v.strip()]
        else:
            out[name.strip()] = value or None
    return out


@review_group.command("edit")
@click.argument("fact")
@click.option("--set", "sets", multiple=True, metavar="NAME=VALUE", help="An argument; lists with '; '.")
@click.option("--date", default=None, help="The corrected date (ISO; empty clears it).")
@click.option("--status", default=None, help="The corrected status.")
@_REASON
@_VERSION
@_BY
@_NO_RESOLVE
@db_option
def edit_command(fact, sets, date, status, reason, version, actor, no_resolve, db) -> None:
    """Correct a fact's arguments, date or status."""
    from spacecoop.store.review import Edits, fact_state

    current = _read(db, fact_state, fact)
    edits = Edits(args=parse_sets(sets, current["args"]) or None, date=date, status=status)
    _decide(db, fact, "edit", actor, reason, version, no_resolve, edits)


@review_group.command("add")
@click.argument("doc")
@click.option("--type", "fact_type", required=True)
@click.option("--evidence", default=None, help="The evidence text, as it is in the document.")
@click.option("--start", type=int, default=None, help="Evidence start (clean-text offset).")
@click.option("--end", type=int, default=None)
@click.option("--set", "sets", multiple=True, metavar="NAME=VALUE")
@click.option("--date", default=None)
@click.option("--status", default=None)
@_REASON
@_BY
@_NO_RESOLVE
@db_option
def add_command(
    doc, fact_type, evidence, start, end, sets, date, status, reason, actor, no_resolve, db
) -> None:
    """Add a fact the document states, with its evidence (a text or START/END offsets)."""
    from spacecoop.store.review import add_fact

    record = _document(db, doc)
    if evidence is not None:
        start = record["text"].find(evidence)
        if start < 0:
            raise click.UsageError("--evidence: that text is not in the document")
        end = start + len(evidence)
    if start is None or end is None:
        raise click.UsageError("give --evidence TEXT or --start and --end")
    state = _run(db, add_fact, record["id"], fact_type, start, end, parse_sets(sets), _actor(actor), date=date,
                 status=status, reason=reason, resolve=not no_resolve)  # fmt: skip
    _echo_state(state)


def _document(db, ref: str) -> dict[str, Any]:
    store = _store(db)
    try:
        return store.document(ref)
    except SpacecoopError as error:
        raise click.ClickException(str(error)) from error
    finally:
        store.close()


def _operation(db, kind, actor, reason, no_resolve, **refs) -> None:
    from spacecoop.store.review_operations import record_operation

    result = _run(db, record_operation, kind, _actor(actor), reason, resolve=not no_resolve, **refs)
    click.echo(
        f"{kind} recorded as {result['curation_id']}: {json.dumps(result['payload'], ensure_ascii=False)[:200]}"
    )


@review_group.command("merge-entities")
@click.argument("keep")
@click.argument("other")
@_REASON
@_BY
@_NO_RESOLVE
@db_option
def merge_entities_command(keep, other, reason, actor, no_resolve, db) -> None:
    """Merge entity OTHER into KEEP (ids or names); kept across every re-resolution."""
    _operation(db, "merge_entities", actor, reason, no_resolve, keep=keep, merge=other)


@review_group.command("split-entity")
@click.argument("entity")
@click.option("--name", "names", multiple=True, required=True, help="An alias that names another entity.")
@click.option("--new-name", default=None, help="The split-off entity's name (default: the first --name).")
@_REASON
@_BY
@_NO_RESOLVE
@db_option
def split_entity_command(entity, names, new_name, reason, actor, no_resolve, db) -> None:
    """Split aliases off an entity into an entity of their own."""
    _operation(
        db, "split_entity", actor, reason, no_resolve, entity=entity, names=list(names), new_name=new_name
    )


@review_group.command("merge-events")
@click.argument("keep")
@click.argument("other")
@_REASON
@_BY
@_NO_RESOLVE
@db_option
def merge_events_command(keep, other, reason, actor, no_resolve, db) -> None:
    """Merge event OTHER into KEEP: reports of one agreement, meeting or launch."""
    _operation(db, "merge_events", actor, reason, no_resolve, keep=keep, merge=other)


@review_group.command("split-event")
@click.argument("event")
@click.option(
    "--fact", "facts", multiple=True, required=True, help="A source fact that reports another event."
)
@_REASON
@_BY
@_NO_RESOLVE
@db_option
def split_event_command(event, facts, reason, actor, no_resolve, db) -> None:
    """Split the given source facts off an event into an event of their own."""
    _operation(db, "split_event", actor, reason, no_resolve, event=event, facts=list(facts))


@review_group.command("withdraw")
@click.argument("operation")
@_REASON
@_BY
@_NO_RESOLVE
@db_option
def withdraw_command(operation, reason, actor, no_resolve, db) -> None:
    """Undo a merge or split by its id (see `spacecoop review log`)."""
    from spacecoop.store.review_operations import withdraw

    _run(db, withdraw, operation, _actor(actor), reason, resolve=not no_resolve)
    click.echo(f"{operation} withdrawn")


@review_group.command("changes")
@_FORMAT
@db_option
def changes_command(fmt, db) -> None:
    """Decisions whose evidence changed at the last re-extraction: check they still fit."""
    from spacecoop.store.review_read import changed_decisions

    rows = _read(db, changed_decisions)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        click.echo(f"{r['evidence_state']:<9} {r['kind']:<14} {r['verdict']:<9} {r['fact_id'] or r['curation_id']}  "
                   f"{r['evidence_note'] or ''}")  # fmt: skip
    click.echo(f"{len(rows)} decisions to re-check")


@review_group.command("log")
@click.option("--fact", "target", default=None, help="Only this fact's (entity's, event's) history.")
@click.option("--by", "actor", default=None, help="Only this reviewer's changes.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True
)
@db_option
def log_command(target, actor, limit, fmt, db) -> None:
    """The audit log, newest first: who changed what, when, why, before and after."""
    from spacecoop.store.review_read import log_entries

    rows = _read(db, log_entries, target=target, actor=actor, limit=limit or None)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False))
    elif fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
    else:
        for r in rows:
            click.echo(f"{r['at']}  {r['actor']:<14} {r['action']:<14} {r['target_kind']:<6} "
                       f"{r['target_id'] or r['curation_id'] or ''}  {r['reason'] or ''}")  # fmt: skip


@review_group.group("token")
def token_group() -> None:
    """Access tokens for the review web UI and API (reader, reviewer, admin)."""


@token_group.command("create")
@click.option("--role", type=click.Choice(["reader", "reviewer", "admin"]), required=True)
@click.option("--name", required=True, help="Who holds the token (shown in the log).")
@db_option
def token_create_command(role, name, db) -> None:
    """Create a token; it is printed once and only its digest is stored."""
    from spacecoop.store.review_read import create_token

    made = _run(db, create_token, name, role)
    click.echo(made["token"])
    click.echo(
        f"token {made['id']} for {made['name']} ({made['role']}); keep it: it is not shown again", err=True
    )


@token_group.command("list")
@db_option
def token_list_command(db) -> None:
    from spacecoop.store.review_read import list_tokens

    for t in _read(db, list_tokens):
        state = f"revoked {t['revoked_at']}" if t["revoked_at"] else "active"
        click.echo(f"{t['id']}  {t['role']:<8} {t['name']:<20} created {t['created_at']}  {state}")


@token_group.command("revoke")
@click.argument("token_id")
@db_option
def token_revoke_command(token_id, db) -> None:
    from spacecoop.store.review_read import revoke_token

    _run(db, revoke_token, token_id)
    click.echo(f"token {token_id} revoked")


COMMANDS = [review_group]
