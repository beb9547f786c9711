"""Batch ingestion: folders, globs, broken files, re-runs, interruption and the resolution hook."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spacecoop import models
from spacecoop.errors import BadQuery, ModelUnavailable, UnreadableDocument
from spacecoop.ingest import expand_paths, ingest_paths
from spacecoop.store import Store
from tests.conftest import ROOT

SENTENCES = [
    "ESA and CNES signed a cooperation agreement in Paris.",
    "An Ariane 5 lifted off from Kourou carrying two satellites.",
    "The heads of NASA and Roscosmos met in Moscow.",
    "JAXA announced a joint lunar rover study with ISRO.",
]


def read_plain(path: str) -> models.Document:
    """A small reader for these tests: UTF-8 text only, refusing empty and binary files."""
    data = Path(path).read_bytes()
    if not data.strip():
        raise UnreadableDocument(path, "empty file")
    if b"\x00" in data:
        raise UnreadableDocument(path, "binary content")
    text = data.decode("utf-8")
    return models.Document(
        id=hashlib.sha256(data).hexdigest(),
        key=Path(path).stem,
        source=path,
        form="text",
        raw_text=text,
        text=text.strip(),
    )


def analyze_plain(document: models.Document) -> models.AnalyzedDocument:
    """Sentences split at full stops, one launch fact per sentence that says 'lifted off'."""
    sentences = tuple(
        models.Sentence(i, m.start(), m.end(), m.group())
        for i, m in enumerate(re.finditer(r"[^.\s][^.]*\.", document.text))
    )
    facts = tuple(
        models.Fact(
            "launch", document.key, {"vehicle": None}, models.Span(s.start, s.end, s.text), status="done"
        )
        for s in sentences
        if "lifted off" in s.text
    )
    return models.AnalyzedDocument(document, sentences, (), facts)


def write_corpus(folder: Path, count: int, broken: dict[int, bytes] | None = None) -> None:
    broken = broken or {}
    for i in range(count):
        sub = folder / f"part{i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        body = broken.get(i, f"Release number {i}. {SENTENCES[i % 4]} {SENTENCES[(i + 1) % 4]}".encode())
        (sub / f"release_{i:04d}.txt").write_bytes(body)


def ingest(paths, db: str, **kwargs):
    with Store.open(db) as store:
        return ingest_paths(paths, store, analyze_plain, **{"read": read_plain, "progress": False, **kwargs})


def stored_counts(db: str) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "sentences", "facts")
        )


@pytest.mark.slow
def test_ingest_thousand_files_with_broken_ones(tmp_path, tmp_db):
    broken = {5: b"", 100: b"\x00\x01\x02junk\xff", 517: b"   \n\n", 999: b"\x89PNG\x00\x00"}
    write_corpus(tmp_path / "corpus", 1000, broken)
    report = ingest([tmp_path / "corpus"], tmp_db)
    assert len(report.stored) == 996
    assert {Path(f.path).name: f.reason for f in report.failures} == {
        "release_0005.txt": "empty file",
        "release_0100.txt": "binary content",
        "release_0517.txt": "empty file",
        "release_0999.txt": "binary content",
    }
    assert report.exit_code == 1
    assert stored_counts(tmp_db)[0] == 996
    again = ingest([tmp_path / "corpus"], tmp_db)
    assert (len(again.stored), len(again.unchanged), len(again.failures)) == (0, 996, 4)
    assert stored_counts(tmp_db)[0] == 996
    assert "stored 0 new, 996 unchanged, 4 failed" in again.summary()
    assert "release_0100.txt: binary content" in again.summary()


def test_ingest_files_folders_and_globs_each_once(tmp_path, tmp_db):
    write_corpus(tmp_path, 6)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "secret.txt").write_text("Not to be read.")
    one = tmp_path / "part1" / "release_0001.txt"
    paths = expand_paths([one, tmp_path, str(tmp_path / "part*" / "*.txt")])
    assert len(paths) == 6 and paths.count(str(one)) == 1
    assert not any(".hidden" in p for p in paths)
    report = ingest([str(tmp_path / "**" / "release_000[0-2].txt")], tmp_db)
    assert sorted(Path(p).name for p in report.stored) == [
        "release_0000.txt",
        "release_0001.txt",
        "release_0002.txt",
    ]


@pytest.mark.parametrize("given", ["no/such/file.txt", "no/such/*.txt"])
def test_ingest_path_matching_nothing_is_a_usage_error(tmp_path, given):
    with pytest.raises(BadQuery, match=re.escape(given)):
        expand_paths([str(tmp_path / given)])


def test_ingest_analyze_error_fails_only_that_file(tmp_path, tmp_db):
    write_corpus(tmp_path, 4)

    def picky(document):
        if document.key == "release_0002":
            raise ValueError("sentence splitter choked")
        return analyze_plain(document)

    with Store.open(tmp_db) as store:
        report = ingest_paths([tmp_path], store, picky, read=read_plain, progress=False)
    assert len(report.stored) == 3
    assert [(Path(f.path).name, f.reason) for f in report.failures] == [
        ("release_0002.txt", "ValueError: sentence splitter choked")
    ]


def test_ingest_missing_pipeline_stops_the_batch_keeping_what_is_stored(tmp_path, tmp_db):
    write_corpus(tmp_path, 3)
    calls = []

    def runs_out(document):
        calls.append(document.key)
        if len(calls) == 2:
            raise ModelUnavailable("en_core_web_sm: cannot be loaded")
        return analyze_plain(document)

    with Store.open(tmp_db) as store, pytest.raises(ModelUnavailable):
        ingest_paths([tmp_path], store, runs_out, read=read_plain, progress=False)
    assert stored_counts(tmp_db)[0] == 1


def test_ingest_same_content_under_two_names_is_stored_once(tmp_path, tmp_db):
    (tmp_path / "a.txt").write_text(SENTENCES[0])
    (tmp_path / "b.txt").write_text(SENTENCES[0])
    report = ingest([tmp_path], tmp_db)
    assert (len(report.stored), len(report.unchanged)) == (1, 1)


def test_ingest_unchanged_file_is_not_read_again(tmp_path, tmp_db):
    write_corpus(tmp_path, 3)
    ingest([tmp_path], tmp_db)
    reads = []

    def counting_read(path):
        reads.append(path)
        return read_plain(path)

    (tmp_path / "part0" / "release_0000.txt").write_text("An edited release. It now says more.")
    report = ingest([tmp_path], tmp_db, read=counting_read)
    assert [Path(p).name for p in reads] == ["release_0000.txt"]
    assert (len(report.stored), len(report.unchanged)) == (1, 2)


def test_ingest_calls_resolution_hook_only_after_new_documents(tmp_path, tmp_db, monkeypatch):
    seen = []

    def resolver(store):
        seen.append(len(store.documents()))
        resolve_each_fact_alone(store)

    monkeypatch.setattr("spacecoop.resolve.resolve_store", resolver, raising=False)
    write_corpus(tmp_path, 2)
    ingest([tmp_path], tmp_db)
    ingest([tmp_path], tmp_db)
    assert seen == [2]


def test_ingest_resolution_failure_keeps_documents_and_is_reported(tmp_path, tmp_db, monkeypatch):
    def broken(store):
        raise RuntimeError("no entities file")

    monkeypatch.setattr("spacecoop.resolve.resolve_store", broken, raising=False)
    write_corpus(tmp_path, 2)
    report = ingest([tmp_path], tmp_db)
    assert report.exit_code == 1 and "no entities file" in report.summary()
    assert stored_counts(tmp_db)[0] == 2


INTERRUPTIBLE = """
import sys, time
from spacecoop.ingest import ingest_paths
from spacecoop.store import Store
from tests.test_ingest_batch import analyze_plain, read_plain

def slow(document):
    time.sleep(float(sys.argv[3]))
    return analyze_plain(document)

with Store.open(sys.argv[2]) as store:
    report = ingest_paths([sys.argv[1]], store, slow, read=read_plain, progress=False, resolve=False)
print(report.summary())
"""


def run_ingest_process(folder: Path, db: str, delay: float) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", INTERRUPTIBLE, str(folder), db, str(delay)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_ingest_interrupted_then_rerun_stores_each_document_once(tmp_path, tmp_db, sig):
    write_corpus(tmp_path / "corpus", 40)
    process = run_ingest_process(tmp_path / "corpus", tmp_db, 0.05)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if Path(tmp_db).exists() and stored_counts_safely(tmp_db) >= 5:
            break
        time.sleep(0.05)
    process.send_signal(sig)
    process.communicate(timeout=30)
    assert process.returncode != 0, "the batch finished before it could be interrupted"
    partial = stored_counts_safely(tmp_db)
    assert 5 <= partial < 40
    rerun = run_ingest_process(tmp_path / "corpus", tmp_db, 0)
    out, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err
    assert f"stored {40 - partial} new, {partial} unchanged, 0 failed" in out
    documents, sentences, facts = stored_counts(tmp_db)
    assert documents == 40
    assert sentences == 40 * 3  # no sentence row of a half-written document survived
    with sqlite3.connect(tmp_db) as conn:
        assert conn.execute("SELECT count(DISTINCT key) FROM documents").fetchone()[0] == 40
        assert conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 40


def stored_counts_safely(db: str) -> int:
    try:
        return stored_counts(db)[0]
    except sqlite3.OperationalError:  # the tables are not created yet
        return 0


def test_ingest_with_product_reader_reports_bad_files(tmp_path, tmp_db):
    sources = pytest.importorskip("spacecoop.sources")
    if not hasattr(sources, "read_source"):
        pytest.skip("spacecoop.sources.read_source has not landed yet")
    (tmp_path / "good.txt").write_text(
        "CNES and ISRO signed an agreement on a joint satellite in Bangalore.\n"
    )
    (tmp_path / "latin1.txt").write_bytes(
        "Le CNES a signé un accord avec l'agence spatiale indienne à Paris.\n".encode("latin-1")
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    with Store.open(tmp_db) as store:
        report = ingest_paths([tmp_path], store, analyze_plain, progress=False, resolve=False)
        failed = {Path(f.path).name for f in report.failures}
        assert failed == {"empty.txt", "junk.pdf"}
        assert all(f.reason for f in report.failures)
        assert sorted(d["key"] for d in store.documents()) == ["good", "latin1"]


def test_ingest_folder_holding_the_store_skips_the_store_files(tmp_path, tmp_db):
    write_corpus(tmp_path, 2)
    ingest([tmp_path], tmp_db)  # creates test.db, test.db-wal and test.db-shm in the same folder
    report = ingest([tmp_path], tmp_db)
    assert (len(report.unchanged), report.failures) == (2, [])


def test_ingest_folder_walk_takes_documents_only(tmp_path):
    (tmp_path / "release.txt").write_text(SENTENCES[0])
    (tmp_path / "page.HTML").write_text(f"<p>{SENTENCES[1]}</p>")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "README.md").write_text("What this folder holds.")
    names = [Path(p).name for p in expand_paths([tmp_path])]
    assert names == ["page.HTML", "release.txt"]
    # Named on the command line, any file is tried (and a bad one reported).
    assert [Path(p).name for p in expand_paths([tmp_path / "photo.png"])] == ["photo.png"]


def test_ingest_reanalyze_replaces_stored_facts(tmp_path, tmp_db):
    write_corpus(tmp_path / "in", 4)
    (tmp_path / "in" / "copy.txt").write_bytes((tmp_path / "in" / "part0" / "release_0000.txt").read_bytes())
    ingest([tmp_path / "in"], tmp_db)
    before = stored_counts(tmp_db)

    def more_facts(document):
        analyzed = analyze_plain(document)
        extra = tuple(
            models.Fact("meeting", document.key, {}, models.Span(s.start, s.end, s.text))
            for s in analyzed.sentences
        )
        return models.AnalyzedDocument(document, analyzed.sentences, (), analyzed.facts + extra)

    (tmp_path / "in" / "new.txt").write_text(SENTENCES[2])
    with Store.open(tmp_db) as store:
        report = ingest_paths(
            [tmp_path / "in"], store, more_facts, read=read_plain, progress=False, reanalyze=True
        )
    assert (len(report.stored), len(report.reanalyzed), len(report.unchanged)) == (1, 4, 1)
    assert "stored 1 new, 4 re-analyzed, 1 unchanged, 0 failed" in report.summary()
    documents, sentences, facts = stored_counts(tmp_db)
    assert (documents, sentences) == (before[0] + 1, before[1] + 1)
    assert facts == before[2] + sentences  # one more fact per sentence, nothing twice


def test_ingest_analysis_the_schema_refuses_fails_only_that_file(tmp_path, tmp_db):
    write_corpus(tmp_path, 3)

    def repeats_a_sentence(document):
        analyzed = analyze_plain(document)
        if document.key != "release_0001":
            return analyzed
        return models.AnalyzedDocument(document, analyzed.sentences + analyzed.sentences[:1], (), ())

    with Store.open(tmp_db) as store:
        report = ingest_paths([tmp_path], store, repeats_a_sentence, read=read_plain, progress=False)
    assert len(report.stored) == 2
    (failure,) = report.failures
    assert Path(failure.path).name == "release_0001.txt"
    assert "analysis cannot be stored" in failure.reason and "UNIQUE" in failure.reason
    assert stored_counts(tmp_db)[0] == 2


def resolve_each_fact_alone(store) -> None:
    """A stand-in resolver: one event per stored fact."""
    events = tuple(
        models.Event(
            f"event-{fact.id}",
            fact.type,
            fact.args,
            None,
            fact.status,
            fact.confidence,
            (
                models.FactSource(
                    fact.id, fact.doc_id, fact.doc, fact.evidence, None, fact.status, fact.confidence
                ),
            ),
        )  # fmt: skip
        for fact in store.all_facts()
    )
    store.save_resolution(models.Resolution((), events, (), ()))


def test_ingest_rerun_resolves_when_the_last_resolution_did_not_finish(tmp_path, tmp_db, monkeypatch):
    calls = []

    def counting(store):
        calls.append(1)
        resolve_each_fact_alone(store)

    monkeypatch.setattr("spacecoop.resolve.resolve_store", counting, raising=False)
    write_corpus(tmp_path, 4)
    ingest([tmp_path], tmp_db, resolve=False)  # as if killed while resolving
    ingest([tmp_path], tmp_db)
    ingest([tmp_path], tmp_db)
    assert calls == [1]
