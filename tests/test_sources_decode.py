"""Decoding keeps real documents: stray bytes repaired per line, legacy encodings detected."""

from __future__ import annotations

import pytest

from spacecoop.errors import UnreadableDocument
from spacecoop.sources.decode import decode_text

GERMAN = "Die Raumfahrtagentur hat über die Zusammenarbeit berichtet. Die Crew kehrte zurück.\n"
RUSSIAN = "Космическое агентство и его партнёры подписали соглашение о сотрудничестве.\n"
FRENCH = "L\u2019agence a signé un accord à Paris ; les équipes européennes s\u2019en réjouissent.\n"


def test_decode_utf8_with_one_stray_byte_keeps_every_other_character():
    text = decode_text(GERMAN.encode() * 4 + b"It\x92s agreed.\n", "stray.txt")
    assert text.count("zurück") == 4 and "It\u2019s agreed." in text


def test_decode_cyrillic_utf8_with_a_stray_byte_is_not_binary_nor_mojibake():
    text = decode_text(RUSSIAN.encode() * 6 + b"Footer \xa9 2024\n", "ru.txt")
    assert text.count("соглашение") == 6 and "Footer © 2024" in text


@pytest.mark.parametrize(
    ("encoding", "sample"), [("cp1252", FRENCH), ("cp1251", RUSSIAN), ("latin-1", GERMAN)]
)
def test_decode_legacy_encodings_are_detected(encoding, sample):
    data = (sample * 6).encode(encoding, errors="ignore")
    assert decode_text(data, "legacy.txt") == (sample * 6).encode(encoding, errors="ignore").decode(encoding)


def test_decode_utf16_without_byte_order_mark():
    sample = "The two agencies met in Vienna on Monday to discuss debris.\n" * 3
    assert decode_text(sample.encode("utf-16-le"), "wide.txt") == sample


def test_decode_nul_bytes_in_prose_are_dropped_but_nul_junk_is_binary():
    prose = b"The crew landed safely after a week on the station, the agency said.\n" * 20
    assert decode_text(prose[:300] + b"\x00" + prose[300:], "nul.txt") == prose.decode()
    with pytest.raises(UnreadableDocument, match="binary content"):
        decode_text(b"\x00\x01\x02\x03" * 100, "junk.bin")


def test_aes_pdf_with_only_an_owner_password_is_read():
    import io

    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    from spacecoop.sources import read_source

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "Two agencies agreed in Rome to build a lunar relay satellite together.")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(pdf.output()))))
    writer.encrypt(user_password="", owner_password="only-the-owner-knows", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    assert "lunar relay satellite" in read_source("aes.pdf", data=out.getvalue()).text


def test_html_nested_deeper_than_the_parser_goes_keeps_its_text():
    from spacecoop.sources import read_source

    body = "<p>The agencies met in Geneva to agree on rules for space debris removal.</p>"
    page = "<html><body>" + "<div>" * 10000 + body + "</div>" * 10000 + "</body></html>"
    assert "rules for space debris removal" in read_source("deep.html", data=page.encode()).text
