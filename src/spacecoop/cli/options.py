"""Options shared by several commands."""

from __future__ import annotations

import click

from spacecoop.settings import Settings, settings_from_env

db_option = click.option(
    "--db",
    "db",
    default=None,
    metavar="PATH|URL",
    help="Store: a SQLite file or a database URL (default: $SPACECOOP_DB or ./spacecoop.db).",
)


def settings_for(db: str | None) -> Settings:
    return settings_from_env().with_db(db)
