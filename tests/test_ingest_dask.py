"""Ingestion with read+analyze on a local Dask cluster of two processes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spacecoop import models
from spacecoop.batch import dask_runner
from spacecoop.errors import SpacecoopError
from spacecoop.ingest import ingest_paths
from spacecoop.store import Store
from tests.test_ingest_batch import analyze_plain, read_plain, stored_counts, write_corpus


def analyze_noting_process(document: models.Document) -> models.AnalyzedDocument:
    """analyze_plain, with the worker's process id as a mention, to see where it ran."""
    analyzed = analyze_plain(document)
    pid = models.Mention(str(os.getpid()), "PID", models.Span(0, 0, ""))
    return models.AnalyzedDocument(analyzed.document, analyzed.sentences, (pid,), analyzed.facts)


@pytest.mark.slow
def test_ingest_dask_local_cluster_stores_like_a_single_process(tmp_path):
    write_corpus(tmp_path / "corpus", 12, broken={3: b"", 7: b"\x00\x00"})
    db = str(tmp_path / "dask.db")
    with Store.open(db) as store, dask_runner(workers=2) as runner:
        report = ingest_paths(
            [tmp_path / "corpus"],
            store,
            analyze_noting_process,
            read=read_plain,
            progress=False,
            runner=runner,
        )
        again = ingest_paths(
            [tmp_path / "corpus"],
            store,
            analyze_noting_process,
            read=read_plain,
            progress=False,
            runner=runner,
        )
        with store.engine.connect() as conn:
            pids = {row[0] for row in conn.exec_driver_sql("SELECT text FROM mentions WHERE label = 'PID'")}
    assert len(report.stored) == 10
    assert sorted(Path(f.path).name for f in report.failures) == ["release_0003.txt", "release_0007.txt"]
    assert (len(again.stored), len(again.unchanged)) == (0, 10)
    assert stored_counts(db)[0] == 10
    assert str(os.getpid()) not in pids and len(pids) >= 1  # analyzed in the workers, not here


def test_ingest_dask_unreachable_scheduler_is_a_clear_error():
    with (
        pytest.raises(SpacecoopError, match="tcp://127.0.0.1:9"),
        dask_runner(scheduler="tcp://127.0.0.1:9", connect_timeout=1),
    ):
        pass


@pytest.mark.slow
def test_ingest_dask_cli_workers_option(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from spacecoop.cli import cli

    # The workers read with the product's reader; analysis is the small one of the batch tests.
    monkeypatch.setattr("spacecoop.ingest.PipelineAnalyzer", lambda settings: analyze_plain)
    write_corpus(tmp_path / "corpus", 4, broken={2: b""})
    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "corpus"), "--workers", "2", "--db", db])
    assert result.exit_code == 1, result.output
    assert "stored 3 new, 0 unchanged, 1 failed" in result.output
    assert "release_0002.txt" in result.output
