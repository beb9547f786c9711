"""`spacecoop knowledge lookup` and `spacecoop knowledge check`, run in process."""

from __future__ import annotations

import json

from click.testing import CliRunner

from spacecoop.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_knowledge_cli_lookup_prints_the_canonical_name_and_lineage():
    result = run("knowledge", "lookup", "Federal Space Agency")
    assert result.exit_code == 0, result.output
    assert "-> Roscosmos (agency, id roscosmos)" in result.output
    assert "predecessors: Rosaviakosmos" in result.output


def test_knowledge_cli_lookup_json_gives_the_unit_of_a_numbered_flight():
    result = run("knowledge", "lookup", "--format", "json", "H-IIA F47")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["entity"]["name"] == "H-IIA"
    assert record["designation"] == "F47"


def test_knowledge_cli_lookup_of_an_unknown_name_says_so_and_exits_1():
    result = run("knowledge", "lookup", "Kourou", "Ruritanian Space Office")
    assert result.exit_code == 1
    assert "Ruritanian Space Office: unknown" in result.output
    assert "Guiana Space Centre" in result.output


def test_knowledge_cli_lookup_reads_the_users_file(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "- {id: rso, name: RSO, type: agency, aliases: [Ruritanian Space Office]}\n", encoding="utf-8"
    )
    result = run("knowledge", "lookup", "--with", str(path), "Ruritanian Space Office")
    assert result.exit_code == 0, result.output
    assert "-> RSO (agency, id rso)" in result.output


def test_knowledge_cli_check_counts_a_good_file_and_rejects_a_bad_one(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("- {id: rso, name: RSO, type: agency}\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: rso2, name: RSO2, type: agency, parent: nowhere}\n", encoding="utf-8")
    ok = run("knowledge", "check", str(good))
    assert ok.exit_code == 0 and "agency" in ok.output
    failed = run("knowledge", "check", str(bad))
    assert failed.exit_code == 1
    assert "bad.yaml" in failed.output and "unknown id 'nowhere'" in failed.output
