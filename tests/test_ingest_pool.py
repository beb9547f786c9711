"""Supervised worker processes: a file past its time or memory budget is stopped and named, the
batch goes on, and an interrupted batch reports what it did."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spacecoop import models
from spacecoop.batch import WorkLimits, process_runner
from spacecoop.batch.pool import resident_mb
from spacecoop.errors import ModelUnavailable
from spacecoop.ingest import BatchInterrupted, ingest_paths, read_and_analyze
from spacecoop.store import Store
from tests.conftest import ROOT
from tests.test_ingest_batch import analyze_plain, read_plain, write_corpus


def _slow_or_hungry(hoard_mb: int):
    def analyze(document: models.Document) -> models.AnalyzedDocument:
        if "Release number 1." in document.text:
            time.sleep(60)
        if "Release number 2." in document.text:
            # written, so the pages are resident (calloc'd ones are not)
            hoard = [b"\x01" * 2**20 for _ in range(hoard_mb)]
            time.sleep(60)
            del hoard
        return analyze_plain(document)

    return analyze


def test_ingest_pool_stops_slow_and_hungry_files_and_goes_on(tmp_path):
    write_corpus(tmp_path / "in", 5)
    seen = []
    # Workers are forked from this process and start with at most its resident memory (pages the
    # fork did not copy count only once touched): the budget is that and 200 MB more, and the hungry
    # file takes more than the whole budget by itself.
    budget = int(resident_mb(os.getpid())) + 200
    hungry = _slow_or_hungry(budget + 200)
    started = time.monotonic()
    with Store.open(str(tmp_path / "s.db")) as store, process_runner(2, WorkLimits(10, budget)) as runner:
        report = ingest_paths(
            [tmp_path / "in"],
            store,
            hungry,
            read=read_plain,
            progress=False,
            runner=runner,
            on_failure=lambda failure, kind: seen.append((Path(failure.path).name, failure.reason)),
        )
    # the time budget leaves a loaded machine room to reach the memory budget first
    assert time.monotonic() - started < 60
    reasons = dict(seen)
    assert "stopped after 10 s" in reasons["release_0001.txt"] and "--timeout" in reasons["release_0001.txt"]
    assert f"limit {budget} MB (--max-memory)" in reasons["release_0002.txt"]
    assert len(report.stored) == 3


def test_ingest_pool_worker_death_fails_that_file_only(tmp_path):
    def dies_on_one(document):
        if "Release number 0." in document.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return analyze_plain(document)

    write_corpus(tmp_path / "in", 3)
    with Store.open(str(tmp_path / "s.db")) as store, process_runner(1) as runner:
        report = ingest_paths(
            [tmp_path / "in"], store, dies_on_one, read=read_plain, progress=False, runner=runner
        )
    assert [Path(f.path).name for f in report.failures] == ["release_0000.txt"]
    assert "killed (SIGKILL)" in report.failures[0].reason
    assert len(report.stored) == 2


def test_ingest_pool_fatal_error_stops_the_batch(tmp_path):
    def no_model(document):
        raise ModelUnavailable("no spaCy pipeline installed")

    write_corpus(tmp_path / "in", 2)
    with process_runner(1) as runner, pytest.raises(ModelUnavailable):
        list(runner([str(p) for p in sorted((tmp_path / "in").rglob("*.txt"))], _task(no_model)))


def _task(analyze):
    return lambda path: read_and_analyze(path, analyze, read_plain)


def test_ingest_interrupt_carries_the_report_so_far(tmp_path):
    calls = []

    def interrupted_on_third(document):
        calls.append(document.key)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return analyze_plain(document)

    write_corpus(tmp_path / "in", 5, broken={0: b""})
    with Store.open(str(tmp_path / "s.db")) as store, pytest.raises(BatchInterrupted) as caught:
        ingest_paths([tmp_path / "in"], store, interrupted_on_third, read=read_plain, progress=False)
    report = caught.value.report
    assert (len(report.stored), len(report.failures), report.not_reached) == (2, 1, 2)
    assert "2 not reached (interrupted)" in report.summary()
    assert "release_0000.txt: empty file" in report.summary()


@pytest.mark.slow
def test_ingest_sigterm_prints_what_was_done_and_exits_130(tmp_path):
    # The real command, stopped while it analyses: it says what it stored and what is left.
    folder = tmp_path / "in"
    write_corpus(folder, 40)
    command = [
        str(Path(sys.executable).parent / "spacecoop"),
        "ingest",
        str(folder),
        "--db",
        str(tmp_path / "t.db"),
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not _stored_any(tmp_path / "t.db"):
        time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "stored" in err and "not reached (interrupted)" in err
    assert "run the same command" in err


def _stored_any(db: Path) -> bool:
    import sqlite3

    if not db.exists():
        return False
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0] > 0
    except sqlite3.Error:
        return False
