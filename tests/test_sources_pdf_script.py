"""scripts/make_sample_pdf.py reproduces the bundled sample PDF, and the reader rejoins its lines."""

from __future__ import annotations

import runpy
from pathlib import Path

from spacecoop.sources import read_source
from tests.conftest import ROOT, SAMPLES


def test_sources_pdf_script_reproduces_a_readable_pdf(tmp_path: Path) -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "make_sample_pdf.py"))
    output = script["make_pdf"](tmp_path / "made.pdf")
    assert output.read_bytes() == (SAMPLES / "cfosat_launch_2018.pdf").read_bytes()
    document = read_source(output)
    assert document.form == "pdf"
    # The script breaks lines inside words with a hyphen; the reader must undo every break.
    raw_breaks = [
        line for line in document.raw_text.splitlines() if line.endswith("-") and line[-2].isalpha()
    ]
    assert raw_breaks
    for paragraph in script["PARAGRAPHS"]:
        assert paragraph in document.text
    assert document.date is not None and document.date.iso == "2018-10-30"
