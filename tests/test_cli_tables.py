"""The CLI prints facts in one table format: `show` lists a document's facts, and `extract
--format table` prints what `facts --format table` prints for the same file."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from spacecoop.cli import cli
from tests.test_web_sample_store import build_store

NOTE = """Tokyo, 2 February 2023

JAXA and DLR sign a cooperation agreement on small lunar landers

The Japan Aerospace Exploration Agency JAXA and the German Aerospace Center DLR signed an
agreement on small lunar landers in Tokyo on 1 February 2023.
"""


def test_cli_show_lists_the_documents_facts(tmp_path):
    db = build_store(tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["show", "nasa_jaxa_2021", "--db", db])
    assert result.exit_code == 0, result.output
    tail = result.output.split("4 fact(s) found in this document:")[1]
    assert tail.splitlines()[1].split() == ["DATE", "TYPE", "STATUS", "WHAT", "DOC", "EVIDENCE"]
    assert "NASA, JAXA | lunar surface exploration | Tokyo" in tail
    assert "H3 | HTV-X1 | Tanegashima" in tail


@pytest.mark.slow
def test_cli_extract_table_is_the_facts_table(tmp_path, tmp_db):
    path = tmp_path / "jaxa_dlr_2023.txt"
    path.write_text(NOTE)
    runner = CliRunner()
    extracted = runner.invoke(cli, ["extract", str(path), "--format", "table"])
    assert extracted.exit_code == 0, extracted.output
    runner.invoke(cli, ["ingest", str(path), "--db", tmp_db, "--quiet"])
    stored = runner.invoke(cli, ["facts", "--db", tmp_db, "--format", "table"]).stdout
    assert sorted(extracted.stdout.strip().splitlines()) == sorted(stored.strip().splitlines())
    assert "JAXA, DLR" in stored or "DLR, JAXA" in stored


@pytest.mark.slow
def test_readme_using_it_commands_work_on_the_demo_store(tmp_path, monkeypatch):
    import shlex
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Using it", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.splitlines()]
    commands = [c for c in commands if c.startswith("spacecoop ")]
    db = str(tmp_path / "demo.db")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    demo = runner.invoke(
        cli, ["ingest", str(root / "samples"), "--db", db, "--quiet"]
    )  # what `make demo` does
    assert demo.exit_code == 0, demo.output
    (tmp_path / "samples").symlink_to(root / "samples")
    ran = 0
    for command in commands:
        words = shlex.split(command)[1:]
        if words[0] in ("serve", "ingest"):
            continue  # a server that runs until stopped; adding files is shown, not run
        result = runner.invoke(cli, [*words, "--db", db] if words[0] != "extract" else words)
        assert result.exit_code == 0, f"{command}: {result.output}"
        assert result.stdout.strip() or Path(words[-1]).exists(), command
        ran += 1
    assert ran >= 8
