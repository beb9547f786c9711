"""The `spacecoop` command: a click group whose commands live in one module per job.

Commands are registered here, in one explicit list, never as an import side effect.
"""

from __future__ import annotations

import click

from spacecoop import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="spacecoop")
def cli() -> None:
    """spacecoop: facts of international space cooperation, each with its evidence."""


def _register() -> None:
    # One explicit list of command modules; each exposes COMMANDS, a list of click commands.
    from spacecoop.cli import (
        extract_cmds,
        knowledge_cmds,
        resolve_cmds,
        review_cmds,
        store_cmds,
        time_cmds,
        web_cmds,
    )

    for module in (extract_cmds, store_cmds, web_cmds, time_cmds, resolve_cmds, knowledge_cmds, review_cmds):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli()
