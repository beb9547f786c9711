"""`spacecoop serve` and `spacecoop export`: thin commands over the web app and the exporters."""

from __future__ import annotations

import os
import sys

import click

from spacecoop.cli.options import db_option, settings_for
from spacecoop.errors import SpacecoopError

EXPORT_FORMATS = (
    "csv",
    "events-csv",
    "facts",
    "jsonld",
    "turtle",
    "graphml",
    "parquet",
    "events-parquet",
    "corrections",
)


@click.command("serve")
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (keep 127.0.0.1 unless behind a proxy).",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on."
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (one per core).",
)
def serve_command(db: str | None, host: str, port: int, workers: int) -> None:
    """Serve the web UI and the JSON API over the store, read-only.

    Uploads (POST /api/documents) stay off unless SPACECOOP_UPLOAD_TOKEN is set."""
    import uvicorn

    from spacecoop.store.core import Store
    from spacecoop.web.app import create_app

    settings = settings_for(db)
    try:
        Store.open(settings, create=False).close()  # a clear error for a missing store; schema up to date
        app = create_app(settings)
    except SpacecoopError as error:
        raise click.ClickException(str(error)) from error
    busy = port_in_use(host, port)
    if busy:
        raise click.ClickException(
            f"cannot serve on {host}:{port}: {busy}; choose another port with --port, or stop what runs there"
        )
    click.echo(f"spacecoop: serving {settings.db_shown} on http://{host}:{port}  (API: /help)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Several processes need an import path; each builds its app from the environment.
    os.environ["SPACECOOP_DB"] = settings.db
    uvicorn.run(
        "spacecoop.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


def port_in_use(host: str, port: int) -> str | None:
    """Why `host:port` cannot be listened on (in use, no such address), or None when it can."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        return f"unknown address ({error.strerror or error})"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            return "the port is already in use" if error.errno == 98 else (error.strerror or str(error))
    return None


BINARY_FORMATS = ("parquet", "events-parquet")


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@click.command("export")
@click.option("--format", "fmt", required=True, type=click.Choice(EXPORT_FORMATS), help="Output format.")
@click.option("--out", "out", default="-", metavar="PATH", help="Output file (default: standard output).")
@db_option
def export_command(fmt: str, out: str, db: str | None) -> None:
    """Export the store: per-document facts (csv, parquet, facts as JSON Lines), events merged
    across documents (events-csv, events-parquet), everything as RDF (jsonld, turtle), or the
    cooperation network (graphml)."""
    from spacecoop.export import export
    from spacecoop.store.core import Store

    if out == "-" and fmt in BINARY_FORMATS and stdout_is_terminal():
        raise click.UsageError(f"{fmt} is binary: give --out PATH, or redirect standard output to a file")
    try:
        store = Store.open(settings_for(db), create=False)
        try:
            count = export(store, fmt, sys.stdout.buffer if out == "-" else out)
        finally:
            store.close()
    except (SpacecoopError, OSError) as error:
        raise click.ClickException(str(error)) from error
    if out != "-":
        click.echo(f"wrote {count} records as {fmt} to {out}", err=True)


COMMANDS = [serve_command, export_command]
