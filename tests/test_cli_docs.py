"""Tests guard the docs: every command of the CLI is named in the README."""

from pathlib import Path

from spacecoop.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def test_cli_every_command_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    missing = [name for name in cli.commands if f"spacecoop {name}" not in text]
    assert not missing, f"commands missing from README.md: {missing}"


def test_cli_readme_names_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
