"""`spacecoop ingest` with the product's own reader and spaCy pipeline, end to end."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from spacecoop.cli import cli

RELEASE = """Paris, 12 March 2024

CNES and ISRO sign an agreement on a joint Earth observation mission

The French space agency CNES and the Indian Space Research Organisation ISRO signed an agreement
on a joint ocean observation satellite in Bangalore on 11 March 2024.
"""


@pytest.mark.slow
def test_cli_store_ingest_real_pipeline_stores_document_and_facts(tmp_path, tmp_db):
    (tmp_path / "cnes_isro_2024.txt").write_text(RELEASE)
    (tmp_path / "empty.txt").write_text("")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(tmp_path), "--db", tmp_db])
    assert result.exit_code == 1, result.output  # the empty file failed, the release is stored
    assert "stored 1 new, 0 unchanged, 1 failed" in result.output
    assert "empty.txt" in result.output
    listed = json.loads(runner.invoke(cli, ["docs", "--db", tmp_db, "--format", "json"]).stdout)
    assert [(d["key"], d["date"]) for d in listed] == [("cnes_isro_2024", "2024-03-12")]
    assert listed[0]["sentences"] >= 2
    facts = runner.invoke(cli, ["facts", "--db", tmp_db, "--type", "agreement", "--format", "json"]).stdout
    agreements = [json.loads(line) for line in facts.splitlines()]
    assert any({"CNES", "ISRO"} <= set(a["parties"]) and a["date"] == "2024-03-11" for a in agreements)
    again = runner.invoke(cli, ["ingest", str(tmp_path / "cnes_isro_2024.txt"), "--db", tmp_db])
    assert "stored 0 new, 1 unchanged, 0 failed" in again.output
