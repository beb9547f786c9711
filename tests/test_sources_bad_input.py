"""Bad input gets UnreadableDocument naming the input and the reason; odd but valid input is read."""

from __future__ import annotations

import io
import os
import resource
import time
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from spacecoop.errors import UnreadableDocument
from spacecoop.sources import ReadLimits, read_source


def _text_pdf(sentence: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, sentence)
    return bytes(pdf.output())


def _reason(path: Path | str, data: bytes | None = None) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        read_source(path, data=data)
    assert str(path) in str(caught.value)
    return caught.value.reason


def test_sources_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "empty" in _reason(empty)


def test_sources_whitespace_only_file_is_refused(tmp_path: Path) -> None:
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b" \n\t\n  \n")
    assert "whitespace" in _reason(blank)


def test_sources_binary_junk_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 64)
    assert "binary" in _reason(junk)


def test_sources_image_named_txt_says_what_it_is(tmp_path: Path) -> None:
    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    assert "PNG" in _reason(image)


def test_sources_missing_file_is_refused(tmp_path: Path) -> None:
    assert "cannot read" in _reason(tmp_path / "absent.txt")


def test_sources_truncated_pdf_is_refused(tmp_path: Path) -> None:
    data = _text_pdf("The partners will fly a joint payload.")
    truncated = tmp_path / "cut.pdf"
    truncated.write_bytes(data[: len(data) // 2])
    assert "truncated" in _reason(truncated)


def test_sources_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_text_pdf("A secret joint plan for the station."))))
    writer.encrypt(user_password="orbit", owner_password="orbit-owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(buffer.getvalue())
    assert "encrypted" in _reason(locked)


def test_sources_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    drawn = tmp_path / "drawing.pdf"
    drawn.write_bytes(bytes(pdf.output()))
    assert _reason(drawn) == "PDF has no text layer (scanned or drawn pages only)"


def test_sources_pdf_given_as_txt_is_read_as_pdf() -> None:
    data = _text_pdf("The two agencies signed a cooperation agreement in Berlin on 4 May 2016.")
    document = read_source("report.txt", data=data)
    assert document.form == "pdf"
    assert "signed a cooperation agreement in Berlin" in document.text


def test_sources_latin1_text_is_decoded(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes(
        "Toulouse, 5 mai 2014\n\nLe président de l'agence a signé l'accord à Pékin avec son homologue.\n".encode(
            "latin-1"
        )
    )
    document = read_source(latin)
    assert "Le président de l'agence a signé l'accord à Pékin" in document.text
    assert document.date is not None and document.date.iso == "2014-05-05"


def test_sources_windows_quotes_are_decoded() -> None:
    data = "The agency\u2019s director said \u201cwe agree\u201d on Monday.".encode("cp1252")
    assert "agency\u2019s director said \u201cwe agree\u201d" in read_source("quotes.txt", data=data).text


def test_sources_utf8_bom_is_not_part_of_the_text() -> None:
    data = "\ufeffThe partners met in Vienna to discuss debris.".encode()
    document = read_source("bom.txt", data=data)
    assert document.text.startswith("The partners")


@pytest.mark.slow
def test_sources_fifty_megabyte_text_reads_in_reasonable_time_and_memory(tmp_path: Path) -> None:
    paragraph = (
        "The agency signed a cooperation agreement with its partner in Paris, and both sides agreed "
        "to share data from the new satellite for ten years after its launch.\n\n"
    )
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as out:
        out.write("Paris, 4 May 2021\n\nA very long report\n\n")
        for _ in range(50 * 1024 * 1024 // len(paragraph) + 1):
            out.write(paragraph)
    assert big.stat().st_size >= 50 * 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(UnreadableDocument, match=r"too large: 50 MB, limit 3\.0 MB \(--max-size\)"):
        read_source(big)  # refused by default, before reading it
    document = read_source(big, limits=ReadLimits(max_size=64 * 1024 * 1024))
    elapsed = time.perf_counter() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert document.date is not None and document.date.iso == "2021-05-04"
    assert len(document.text) > 49 * 1024 * 1024
    assert elapsed < float(os.environ.get("SPACECOOP_BIG_FILE_SECONDS", 240))
    assert grown_mb < 2500


def test_sources_text_with_replacement_characters_is_still_text() -> None:
    data = ("The partners met in Vienna \ufffd\ufffd to discuss debris. " * 20).encode("utf-8")
    assert "The partners met in Vienna" in read_source("mojibake.txt", data=data).text


def test_sources_page_of_menus_only_is_refused() -> None:
    raw = b"Home\n\nNews\n\nMissions\n\nAbout us\n\nprinter friendly page\n\nCopyright 2020 Example. All rights reserved.\n"
    assert "no article text left" in _reason("menus.txt", raw)
