"""`spacecoop review ...` and the review side of `spacecoop export`, as an analyst uses them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from spacecoop.cli import cli
from spacecoop.store import schema
from spacecoop.store.review_schema import review_tokens
from tests.review_support import BACKENDS, drop_everything, store_url, store_with


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    url = store_url(request.param, tmp_path / "cli.db")
    store = store_with(url)
    store.close()
    yield url
    from spacecoop.store import Store

    with Store.open(url) as opened:
        drop_everything(opened.engine)


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def fact_of(db: str, fact_type: str, doc_key: str) -> str:
    from spacecoop.store import Store

    with Store.open(db) as store, store.engine.connect() as conn:
        f = schema.facts
        return (
            conn.execute(select(f.c.id).where(f.c.type == fact_type, f.c.doc_key == doc_key))
            .scalars()
            .first()
        )


def test_review_cli_decisions_show_in_the_log_and_the_export(db, tmp_path):
    queue = json.loads(run("review", "queue", "--db", db, "--format", "json"))
    assert queue["total"] == 12 and queue["items"][0]["reasons"]
    agreement, launch = fact_of(db, "agreement", "moon_pact"), fact_of(db, "launch", "orbit_news")
    role = fact_of(db, "role", "mars_talks")
    run("review", "accept", launch, "--db", db, "--by", "ana", "--version", "0")
    run("review", "reject", role, "--db", db, "--by", "ana", "--reason", "chairman of another body")
    out = run("review", "edit", agreement, "--db", db, "--by", "ben", "--set", "parties=ASI; NASA; ESA",
              "--set", "place=Rome", "--date", "2022-03-05")  # fmt: skip
    assert "edited (version 1)" in out
    run("review", "add", "mars_talks", "--db", db, "--by", "ana", "--type", "agreement",
        "--evidence", "CNES and the German Aerospace Center agreed", "--set", "parties=CNES; DLR", "--no-resolve")  # fmt: skip
    run("review", "merge-entities", "person:giorgio-saccoccia", "G. Saccoccia", "--db", db, "--by", "ben")
    log = [json.loads(line) for line in run("review", "log", "--db", db, "--format", "jsonl").splitlines()]
    assert [e["action"] for e in log] == ["merge_entities", "add", "edit", "reject", "accept"]
    assert log[2]["after"]["args"]["parties"] == ["ASI", "NASA", "ESA"]

    facts = tmp_path / "facts.jsonl"
    run("export", "--format", "facts", "--out", str(facts), "--db", db)
    records = [json.loads(line) for line in facts.read_text().splitlines()]
    marks = [r["review"] for r in records]
    assert marks.count("accepted") == 1 and marks.count("edited") == 1 and marks.count("added") == 1
    assert len(records) == 12  # 12 extracted, one rejected, one added
    assert not [r for r in records if r["type"] == "role" and r["doc"] == "mars_talks"]
    corrections = tmp_path / "log.jsonl"
    run("export", "--format", "corrections", "--out", str(corrections), "--db", db)
    assert len(corrections.read_text().splitlines()) == 5
    entity = run("entity", "Giorgio Saccoccia", "--db", db, "--format", "json")
    assert "G. Saccoccia" in entity


def test_review_cli_token_is_printed_once_and_stored_hashed(db):
    token = run("review", "token", "create", "--role", "reviewer", "--name", "Ana", "--db", db).strip()
    assert token.startswith("sc_")
    from spacecoop.store import Store

    with Store.open(db) as store, store.engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(select(review_tokens))]
    assert len(rows) == 1 and token.split("_", 2)[2] not in json.dumps(rows)
    assert "Ana" in run("review", "token", "list", "--db", db)


def test_review_cli_conflicting_version_is_refused(db):
    fact = fact_of(db, "meeting", "orbit_news")
    run("review", "accept", fact, "--db", db, "--version", "0", "--by", "ana")
    result = CliRunner().invoke(
        cli, ["review", "edit", fact, "--db", db, "--version", "0", "--set", "place=Delhi"]
    )
    assert result.exit_code == 1 and "version 1" in result.output


def test_review_eval_scores_the_real_extractor_against_reviewed_facts(db):
    launch = fact_of(db, "launch", "orbit_news")
    meeting = fact_of(db, "meeting", "orbit_news")
    run("review", "accept", launch, "--db", db, "--no-resolve")
    run("review", "reject", meeting, "--db", db, "--reason", "not a meeting", "--no-resolve")
    run("review", "add", "orbit_news", "--db", db, "--type", "launch", "--no-resolve",
        "--evidence", "An H-IIA rocket launched the Ibuki-3 satellite from Tanegashima on 1 August 2021.",
        "--set", "vehicle=H-IIA", "--set", "site=Tanegashima", "--set", "payloads=Ibuki-3; Ibuki-4",
        "--date", "2021-08-01", "--status", "done")  # fmt: skip
    report = json.loads(run("eval", "--store", db, "--format", "json"))
    launches = report["types"]["launch"]
    assert report["documents"] == 1 and launches["confirmed"] == 2
    # the real pipeline finds the launch sentence; one prediction cannot match both confirmed facts
    assert launches["found"] == 1 and launches["recall"] == 0.5 and launches["predicted"] >= 1
