"""`spacecoop ingest`, `docs`, `show` and `facts`: thin commands over the store and ingestion."""

from __future__ import annotations

import csv
import io
import json
import signal
import sys
from contextlib import contextmanager
from typing import Any

import click

from spacecoop.cli.options import db_option, settings_for
from spacecoop.cli.tables import cell, fact_table, format_table
from spacecoop.errors import BadQuery, NotFound, SpacecoopError
from spacecoop.models import FACT_TYPES

# Exit status when a batch was interrupted by Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130
DEFAULT_MAX_SIZE_MB = 3.0
DEFAULT_MAX_DECOMPRESSED_MB = 50.0
DEFAULT_TIMEOUT_S = 600.0
DEFAULT_MAX_MEMORY_MB = 2048


def _open_store(db: str | None, *, create: bool = False):
    from spacecoop.store import Store

    try:
        return Store.open(settings_for(db), create=create)
    except SpacecoopError as error:
        raise click.ClickException(str(error)) from error


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; print only failures.")
@click.option("--reanalyze", is_flag=True, help="Analyze stored documents again, replacing their facts.")
@click.option(
    "--no-resolve", is_flag=True, help="Skip resolution across documents (run `spacecoop resolve` later)."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Read and analyze in N worker processes on this machine (default 1).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Read and analyze on the Dask scheduler at ADDRESS (tcp://host:port).",
)
@click.option(
    "--max-size",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_MAX_SIZE_MB,
    show_default=True,
    metavar="MB",
    help="Refuse a document holding more text than this.",
)
@click.option(
    "--max-decompressed",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_MAX_DECOMPRESSED_MB,
    show_default=True,
    metavar="MB",
    help="Refuse a PDF or HTML file larger than this, or a PDF whose streams unpack to more.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT_S,
    show_default=True,
    metavar="SECONDS",
    help="Stop the analysis of one document after this long (not with --scheduler).",
)
@click.option(
    "--max-memory",
    type=click.IntRange(min=64),
    default=DEFAULT_MAX_MEMORY_MB,
    show_default=True,
    metavar="MB",
    help="Stop a worker analysing one document when it uses more memory (not with --scheduler).",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Follow symbolic links that lead out of the folders given (not followed by default).",
)
def ingest_command(
    paths: tuple[str, ...],
    db: str | None,
    quiet: bool,
    reanalyze: bool,
    no_resolve: bool,
    workers: int | None,
    scheduler: str | None,
    max_size: float,
    max_decompressed: float,
    timeout: float,
    max_memory: int,
    follow_links: bool,
) -> None:
    """Read, analyze and store files, folders (recursively) and globs.

    Already stored files are skipped, so an interrupted batch is finished by running the same
    command again. Each file that fails or is skipped is printed with its reason as it happens;
    exit status 1 when some files failed."""
    from spacecoop.batch import WorkLimits, dask_runner, process_runner
    from spacecoop.ingest import BatchInterrupted, LimitedReader, PipelineAnalyzer, ingest_paths
    from spacecoop.sources.limits import MB, ReadLimits

    if workers is not None and scheduler is not None:
        raise click.UsageError("give --workers or --scheduler, not both")
    settings = settings_for(db)
    read = LimitedReader(ReadLimits(max_size=int(max_size * MB), max_decompressed=int(max_decompressed * MB)))
    with _open_store(db, create=True) as store, _sigterm_as_interrupt():
        try:
            with (
                dask_runner(scheduler=scheduler)
                if scheduler is not None
                else process_runner(workers or 1, WorkLimits(timeout, max_memory)) as runner
            ):
                report = ingest_paths(
                    paths,
                    store,
                    PipelineAnalyzer(settings),
                    progress=not quiet,
                    runner=runner,
                    reanalyze=reanalyze,
                    resolve=not no_resolve,
                    read=read,
                    on_failure=_print_failure,
                    follow_links=follow_links,
                )
        except BadQuery as error:
            raise click.UsageError(str(error)) from error
        except SpacecoopError as error:
            raise click.ClickException(str(error)) from error
        except KeyboardInterrupt as interrupt:
            if isinstance(interrupt, BatchInterrupted):
                click.echo("\n" + interrupt.report.summary(), err=True)
            click.echo(
                "\ninterrupted: every document finished so far is stored; run the same command to go on",
                err=True,
            )
            sys.exit(EXIT_INTERRUPTED)
    if not quiet:
        click.echo(report.summary())
    elif report.exit_code:  # each failure was printed as it happened: the counts and the rest
        click.echo(
            "\n".join(line for line in report.summary().splitlines() if not line.startswith("  failed")),
            err=True,
        )
    sys.exit(report.exit_code)


def _print_failure(failure, kind: str) -> None:
    # As it happens, so an operator watching a long batch sees each bad file at once.
    click.echo(f"{kind}: {failure.path}: {failure.reason}", err=True)


@contextmanager
def _sigterm_as_interrupt():
    """SIGTERM (from kill, systemd, docker stop) ends the batch like Ctrl-C: reported, then exit."""

    def interrupt(_signum, _frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (an embedding application): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


DOC_COLUMNS = ("id", "date", "publisher", "language", "sentences", "title")


@click.command("docs")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def docs_command(db: str | None, fmt: str) -> None:
    """List stored documents: date, publisher, language, sentences, title."""
    with _open_store(db) as store:
        documents = store.documents()
    if fmt == "json":
        click.echo(json.dumps([_document_listing(d) for d in documents], ensure_ascii=False, indent=2))
        return
    rows = [
        [
            d["id"][:10],
            d["date"] or "-",
            d["publisher"] or "-",
            d["language"] or "-",
            str(d["sentences"]),
            d["title"] or d["key"],
        ]
        for d in documents
    ]
    click.echo(format_table(DOC_COLUMNS, rows))
    click.echo(f"{len(documents)} document(s)", err=True)


def _document_listing(d: dict[str, Any]) -> dict[str, Any]:
    from pathlib import PurePath

    return {
        "id": d["id"],
        "key": d["key"],
        "file": PurePath(d["source"]).name,
        "source": d["source"],
        "form": d["form"],
        "url": d["url"],
        "date": d["date"],
        "date_precision": d["date_precision"],
        "title": d["title"],
        "publisher": d["publisher"],
        "language": d["language"],
        "sentences": d["sentences"],
        "facts": d["facts"],
    }


@click.command("show")
@click.argument("doc", metavar="DOC")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--raw", is_flag=True, help="The text as read from the file, before cleaning.")
def show_command(doc: str, db: str | None, fmt: str, raw: bool) -> None:
    """Show one document (by id, id prefix or file name without extension): metadata with its
    evidence, press contacts, and the clean text (or, with --raw, the text before cleaning)."""
    with _open_store(db) as store:
        try:
            record = store.document(doc)
            facts = store.facts(doc_id=record["id"])
        except NotFound as error:
            raise click.ClickException(str(error)) from error
        except BadQuery as error:
            raise click.UsageError(str(error)) from error
    record.pop("offsets")
    raw_text = record.pop("raw_text")
    if raw:
        record["text"] = raw_text
    if fmt == "json":
        record["fact_list"] = facts
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        click.echo(format_document(record))
        # The facts found in it, in the table `spacecoop facts` prints.
        click.echo(f"\n{len(facts)} fact(s) found in this document:" if facts else "\nNo facts found in it.")
        if facts:
            click.echo(fact_table(facts))


def format_document(d: dict[str, Any]) -> str:
    def with_evidence(value: Any, evidence: str | None) -> str:
        shown = value if value not in (None, "") else "-"
        return f"{shown}   (from: {evidence!r})" if evidence else str(shown)

    date = d["date"]
    if date:
        date = f"{date} [{d['date_precision']}, confidence {d['date_confidence']:.2f}]"
    lines = [
        f"id:         {d['id']}",
        f"key:        {d['key']}",
        f"source:     {d['source']}" + (f"  ({d['url']})" if d["url"] else ""),
        f"form:       {d['form']}",
        f"date:       {with_evidence(date, d['date_evidence'])}",
        f"title:      {with_evidence(d['title'], d['title_evidence'])}",
        f"publisher:  {with_evidence(d['publisher'], d['publisher_evidence'])}",
        f"language:   {with_evidence(d['language'], d['language_evidence'])}",
        f"sentences:  {d['sentences']}    facts: {d['facts']}    ingested: {d['ingested_at']}",
    ]
    if d["contacts"]:
        lines.append("contacts:")
        for c in d["contacts"]:
            parts = [c.get("name"), c.get("role"), c.get("organization"), c.get("phone"), c.get("email")]
            lines.append("  - " + ", ".join(p for p in parts if p))
    lines += ["", d["text"]]
    return "\n".join(lines)


FACT_CSV_COLUMNS = (
    "id", "doc", "type", "date", "status", "parties", "signatories", "participants", "organizations",
    "place", "title", "vehicle", "site", "payloads", "person", "role", "organization", "confidence",
    "evidence", "note", "doc_id", "evidence_start", "evidence_end",
)  # fmt: skip


@click.command("facts")
@click.option("--type", "type_", type=click.Choice(FACT_TYPES), help="Only facts of this type.")
@click.option("--entity", metavar="NAME", help="Only facts naming this actor, place or thing (any alias).")
@click.option(
    "--since", metavar="DATE", help="Only facts dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)."
)
@click.option("--until", metavar="DATE", help="Only facts dated on or before DATE.")
@click.option("--doc", metavar="DOC", help="Only facts of this document (id, id prefix or name).")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many facts.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
@db_option
def facts_command(
    type_: str | None, entity: str | None, since: str | None, until: str | None, doc: str | None,
    limit: int | None, fmt: str, db: str | None,
) -> None:  # fmt: skip
    """List stored facts, oldest first. `--format json` prints JSON Lines in the facts exchange
    format (one fact per line, with its id and evidence offsets)."""
    with _open_store(db) as store:
        try:
            doc_id = store.document(doc)["id"] if doc else None
            facts = store.facts(
                type=type_, entity=entity, since=since, until=until, doc_id=doc_id, limit=limit
            )
        except NotFound as error:
            raise click.ClickException(str(error)) from error
        except BadQuery as error:
            raise click.UsageError(str(error)) from error
    if fmt == "json":
        for fact in facts:
            click.echo(_dump(fact))
    elif fmt == "csv":
        click.echo(facts_csv(facts), nl=False)
    else:
        click.echo(fact_table(facts))
        click.echo(f"{len(facts)} fact(s)", err=True)


def facts_csv(facts: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FACT_CSV_COLUMNS)
    for fact in facts:
        date = fact.get("as_of") if fact["type"] == "role" else fact.get("date")
        writer.writerow([cell(date if c == "date" else fact.get(c)) for c in FACT_CSV_COLUMNS])
    return out.getvalue()


COMMANDS = [ingest_command, docs_command, show_command, facts_command]
