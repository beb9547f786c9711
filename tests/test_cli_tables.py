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
