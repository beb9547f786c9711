"""Hostile files in one batch with the real reader and pipeline: bounded time and memory, every
failure named with its reason as it happens, every good file stored."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spacecoop.errors import UnreadableDocument
from spacecoop.sources import ReadLimits, read_source
from spacecoop.store import Store
from tests.conftest import ROOT
from tests.hostile_files import pdf_bomb, write_hostile_folder

# Runs the command and prints the peak resident memory of it and every process it waited for.
_MEASURE = """
import json, resource, subprocess, sys
run = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, 0) / 1024
print(json.dumps({"code": run.returncode, "out": run.stdout, "err": run.stderr, "peak_mb": peak}))
"""


@pytest.mark.slow
def test_ingest_hostile_files_one_batch_bounded_and_every_failure_named(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Not a document of this folder: a password file, say.\n")
    expected = write_hostile_folder(tmp_path / "in", outside)
    db = tmp_path / "hostile.db"
    spacecoop = [str(Path(sys.executable).parent / "spacecoop")]
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-c", _MEASURE, *spacecoop, "ingest", str(tmp_path / "in"), "--db", str(db), "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    elapsed = time.monotonic() - started
    result = json.loads(run.stdout)
    assert result["code"] == 1, result["err"]
    assert elapsed < 60, f"batch took {elapsed:.0f} s"
    assert result["peak_mb"] < 1024, f"peak memory {result['peak_mb']:.0f} MB"
    lines = result["err"].splitlines()
    for name, reason in expected.items():
        named = [line for line in lines if line.rstrip().split(": ")[1:2] and name in line.split(": ")[1]]
        if reason:
            assert any(reason in line for line in named), (name, result["err"])
        else:
            assert not named, (name, result["err"])
    with Store.open(str(db)) as store:
        stored = {d["key"]: d for d in store.documents()}
        assert set(stored) == {"good", "nul_bytes"}
        assert "\x00" not in store.document("nul_bytes")["text"]
        assert not any("password" in (d["title"] or "") for d in stored.values())


def test_ingest_hostile_pdf_bomb_refused_before_unpacking():
    with pytest.raises(UnreadableDocument, match=r"decompressed.*--max-decompressed"):
        read_source("bomb.pdf", data=pdf_bomb())
    small = pdf_bomb(streams=2, unpacked_each=1000)
    with pytest.raises(UnreadableDocument, match="no text layer"):  # within budget: pypdf reads it
        read_source("blank.pdf", data=small, limits=ReadLimits(max_decompressed=10_000))


def test_ingest_hostile_text_over_max_size_names_sizes_and_option():
    data = b"word " * 300_000
    with pytest.raises(UnreadableDocument, match=r"too large: 1\.4 MB, limit 1\.0 MB \(--max-size\)"):
        read_source("long.txt", data=data, limits=ReadLimits(max_size=1024 * 1024))
