"""`spacecoop ingest`, `docs`, `show` and `facts`, run in process."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from spacecoop.cli import cli
from spacecoop.store import Store
from tests.test_ingest_batch import analyze_plain, read_plain, write_corpus
from tests.test_store_core import make_analyzed, make_document


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def plain_pipeline(monkeypatch):
    """The commands' reader and analyzer replaced by the small ones of the ingestion tests."""
    monkeypatch.setattr("spacecoop.ingest.read_source", lambda path, limits=None: read_plain(path))
    monkeypatch.setattr("spacecoop.ingest.PipelineAnalyzer", lambda settings: analyze_plain)


@pytest.fixture()
def filled_db(tmp_db):
    with Store.open(tmp_db) as store:
        store.save_analyzed(make_analyzed())
        store.save_analyzed(
            make_analyzed(make_document("older_note", date="2019-02"), ("2019-02-01", None, "2019"))
        )
    return tmp_db


def test_cli_store_ingest_prints_summary_and_is_idempotent(runner, plain_pipeline, tmp_path, tmp_db):
    write_corpus(tmp_path / "in", 5)
    first = runner.invoke(cli, ["ingest", str(tmp_path / "in"), "--db", tmp_db])
    assert first.exit_code == 0, first.output
    assert "stored 5 new, 0 unchanged, 0 failed" in first.output
    again = runner.invoke(cli, ["ingest", str(tmp_path / "in"), "--db", tmp_db])
    assert "stored 0 new, 5 unchanged, 0 failed" in again.output


def test_cli_store_ingest_broken_file_exits_1_naming_it(runner, plain_pipeline, tmp_path, tmp_db):
    write_corpus(tmp_path / "in", 3, broken={1: b""})
    result = runner.invoke(cli, ["ingest", str(tmp_path / "in"), "--db", tmp_db, "--quiet"])
    assert result.exit_code == 1
    assert "release_0001.txt: empty file" in result.output
    assert "stored 2 new" in result.output


def test_cli_store_ingest_quiet_success_prints_nothing(runner, plain_pipeline, tmp_path, tmp_db):
    write_corpus(tmp_path / "in", 2)
    result = runner.invoke(cli, ["ingest", str(tmp_path / "in"), "--db", tmp_db, "-q"])
    assert (result.exit_code, result.output) == (0, "")


def test_cli_store_ingest_uses_spacecoop_db_from_environment(runner, plain_pipeline, tmp_path, monkeypatch):
    write_corpus(tmp_path / "in", 2)
    db = tmp_path / "from_env.db"
    monkeypatch.setenv("SPACECOOP_DB", str(db))
    assert runner.invoke(cli, ["ingest", str(tmp_path / "in")]).exit_code == 0
    with Store.open(str(db)) as store:
        assert len(store.documents()) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "no/such/place", "--db", "{db}"], "no such file or folder"),
        (["ingest", "x", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1", "--db", "{db}"], "not both"),
        (["ingest", "x", "--workers", "0", "--db", "{db}"], "--workers"),
        (["ingest", "--db", "{db}"], "Missing argument"),
    ],
)
def test_cli_store_ingest_usage_errors_exit_2(runner, tmp_db, args, message):
    result = runner.invoke(cli, [a.format(db=tmp_db) for a in args])
    assert result.exit_code == 2
    assert message in result.output


def test_cli_store_ingest_interrupted_exits_130_keeping_stored(runner, tmp_path, tmp_db, monkeypatch):
    write_corpus(tmp_path / "in", 4)
    seen = []

    def interrupted_on_third(document):
        seen.append(document.key)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return analyze_plain(document)

    monkeypatch.setattr("spacecoop.ingest.read_source", lambda path, limits=None: read_plain(path))
    monkeypatch.setattr("spacecoop.ingest.PipelineAnalyzer", lambda settings: interrupted_on_third)
    result = runner.invoke(cli, ["ingest", str(tmp_path / "in"), "--db", tmp_db])
    assert result.exit_code == 130
    assert "run the same command" in result.output
    with Store.open(tmp_db) as store:
        assert len(store.documents()) == 2


def test_cli_store_docs_table_lists_metadata(runner, filled_db):
    result = runner.invoke(cli, ["docs", "--db", filled_db])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["ID", "DATE", "PUBLISHER", "LANGUAGE", "SENTENCES", "TITLE"]
    assert "2019-02" in lines[1] and "Title of older_note" in lines[1]
    assert "2021-05-04" in lines[2] and "ESA" in lines[2] and " 3 " in lines[2]


def test_cli_store_docs_json_has_file_name_and_metadata(runner, filled_db):
    result = runner.invoke(cli, ["docs", "--db", filled_db, "--format", "json"])
    listed = json.loads(result.stdout)
    assert [d["file"] for d in listed] == ["older_note.txt", "release_1.txt"]
    assert {k: listed[1][k] for k in ("key", "date", "title", "publisher", "language")} == {
        "key": "release_1",
        "date": "2021-05-04",
        "title": "Title of release_1",
        "publisher": "ESA",
        "language": "en",
    }


def test_cli_store_docs_missing_store_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["docs", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 1
    assert "no store here yet" in result.output
    assert not (tmp_path / "absent.db").exists()


def test_cli_store_show_text_has_evidence_contacts_and_clean_text(runner, filled_db):
    result = runner.invoke(cli, ["show", "release_1", "--db", filled_db])
    assert result.exit_code == 0
    assert "2021-05-04 [day, confidence 0.90]   (from: 'dateline')" in result.output
    assert "Ann Example, Press officer, ann@example.org" in result.output
    assert "A Soyuz rocket lifted off from Baikonur with two satellites." in result.output
    assert "FOOTER" not in result.output  # raw text is not the clean text


def test_cli_store_show_json_by_id_prefix(runner, filled_db):
    doc_id = make_analyzed().document.id
    result = runner.invoke(cli, ["show", doc_id[:6], "--db", filled_db, "--format", "json"])
    shown = json.loads(result.output)
    assert shown["id"] == doc_id and shown["contacts"][0]["name"] == "Ann Example"
    assert shown["publisher_evidence"] == "signature"


def test_cli_store_show_unknown_document_exits_1(runner, filled_db):
    result = runner.invoke(cli, ["show", "missing_release", "--db", filled_db])
    assert result.exit_code == 1
    assert "missing_release" in result.output


def test_cli_store_facts_json_lines_in_exchange_format(runner, filled_db):
    result = runner.invoke(cli, ["facts", "--db", filled_db, "--format", "json"])
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(facts) == 6
    assert all({"id", "doc", "type", "evidence", "confidence"} <= set(f) for f in facts)
    assert facts[0]["doc"] == "older_note" and facts[0]["date"] == "2019"


def test_cli_store_facts_filters_by_type_entity_and_dates(runner, filled_db):
    def listed(*args):
        out = runner.invoke(cli, ["facts", "--db", filled_db, "--format", "json", *args]).stdout
        return [(f["doc"], f["type"]) for f in map(json.loads, out.splitlines())]

    assert listed("--type", "launch") == [("older_note", "launch"), ("release_1", "launch")]
    assert listed("--entity", "Tokyo", "--since", "2020") == [("release_1", "agreement")]
    assert listed("--until", "2019-06", "--type", "agreement") == [("older_note", "agreement")]
    assert listed("--doc", "older_note", "--limit", "1") == [("older_note", "launch")]  # "2019" sorts first


def test_cli_store_facts_csv_has_one_row_per_fact(runner, filled_db):
    result = runner.invoke(cli, ["facts", "--db", filled_db, "--format", "csv", "--type", "agreement"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["parties"] for r in rows] == ["NASA; JAXA", "NASA; JAXA"]
    assert rows[1]["date"] == "2021-05-03" and rows[1]["status"] == "signed"


def test_cli_store_facts_table_summarises_arguments(runner, filled_db):
    result = runner.invoke(cli, ["facts", "--db", filled_db, "--type", "agreement", "--since", "2021"])
    assert "NASA, JAXA | Tokyo" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "treaty"], "'treaty' is not one of"),
        (["--since", "last year"], "not an ISO date"),
        (["--until", "2021-02-30"], "no such day"),
    ],
)
def test_cli_store_facts_bad_filters_exit_2(runner, filled_db, args, message):
    result = runner.invoke(cli, ["facts", "--db", filled_db, *args])
    assert result.exit_code == 2
    assert message in result.output


def test_cli_store_ingest_reanalyze_redoes_stored_documents(runner, plain_pipeline, tmp_path, tmp_db):
    write_corpus(tmp_path / "in", 2)
    runner.invoke(cli, ["ingest", str(tmp_path / "in"), "--db", tmp_db])
    result = runner.invoke(cli, ["ingest", str(tmp_path / "in"), "--db", tmp_db, "--reanalyze"])
    assert result.exit_code == 0
    assert "stored 0 new, 2 re-analyzed, 0 unchanged, 0 failed" in result.output


def test_cli_store_every_command_and_option_is_documented():
    from spacecoop.cli.store_cmds import COMMANDS
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "store.md").read_text()
    missing = [
        f"{command.name} {option}"
        for command in COMMANDS
        for param in command.params
        for option in getattr(param, "opts", [])
        if option.startswith("--") and option not in text
    ] + [command.name for command in COMMANDS if f"spacecoop {command.name}" not in text]
    assert missing == []


def test_cli_store_show_raw_prints_text_before_cleaning(runner, filled_db):
    result = runner.invoke(cli, ["show", "release_1", "--db", filled_db, "--raw"])
    assert "FROM THE RELEASE_1 DESK" in result.output and "FOOTER" in result.output


def test_cli_store_ingest_no_resolve_skips_resolution(runner, plain_pipeline, tmp_path, tmp_db, monkeypatch):
    calls = []
    monkeypatch.setattr("spacecoop.resolve.resolve_store", lambda store: calls.append(1), raising=False)
    write_corpus(tmp_path / "in", 2)
    assert runner.invoke(cli, ["ingest", str(tmp_path / "in"), "--db", tmp_db, "--no-resolve"]).exit_code == 0
    assert calls == []
    assert runner.invoke(cli, ["ingest", str(tmp_path / "in"), "--db", tmp_db]).exit_code == 0
    assert calls == [1]  # the stored facts were in no event yet
