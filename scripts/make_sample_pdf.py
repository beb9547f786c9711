"""Write samples/cfosat_launch_2018.pdf: a text-layer PDF with hard line breaks and hyphenated words.

    python scripts/make_sample_pdf.py [OUTPUT]

The lines are wrapped here (not by fpdf2) so that long words are split with a hyphen at line ends,
as in typeset reports; the sources reader must join them back.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "samples" / "cfosat_launch_2018.pdf"
TITLE = "CFOSAT: a French-Chinese satellite to watch the ocean"
DATELINE = "Toulouse, 30 October 2018"
# True events, our own words.
PARAGRAPHS = (
    "The China-France Oceanography Satellite, CFOSAT, was launched on 29 October 2018 by a Long March 2C "
    "rocket from the Jiuquan Satellite Launch Center in northern China. The mission is a cooperation "
    "between the French space agency CNES and the China National Space Administration CNSA.",
    "CFOSAT carries two radar instruments that measure the ocean surface together for the first time. "
    "SWIM, supplied by CNES, measures the direction, length and height of waves, while SCAT, supplied "
    "by the Chinese side, measures the speed and direction of the wind just above the sea.",
    "The data will improve marine weather forecasts and the understanding of exchanges between the "
    "ocean and the atmosphere. Meteorological services in both countries are expected to receive the "
    "first measurements once the commissioning of the satellite is complete.",
    "The two agencies agreed to develop the mission in the framework of the intergovernmental space "
    "cooperation between France and China, and they plan to follow it with SVOM, a joint satellite "
    "for the study of gamma-ray bursts.",
)
WIDTH_MM = 120
FONT_SIZE = 11


def wrap_with_hyphens(pdf: FPDF, paragraph: str, width: float) -> list[str]:
    """Greedy line breaking that splits a long word with a hyphen when it does not fit."""
    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        candidate = f"{current} {word}".strip()
        if pdf.get_string_width(candidate) <= width:
            current = candidate
            continue
        head, tail = _split_word(pdf, current, word, width)
        if head:
            lines.append(f"{current} {head}-".strip())
            current = tail
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _split_word(pdf: FPDF, current: str, word: str, width: float) -> tuple[str, str]:
    if len(word) < 8 or not word.isalpha():
        return "", word
    for cut in range(len(word) - 3, 3, -1):
        if pdf.get_string_width(f"{current} {word[:cut]}-".strip()) <= width:
            return word[:cut], word[cut:]
    return "", word


def make_pdf(output: Path) -> Path:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2018, 10, 30, tzinfo=UTC))  # fixed, so the file is reproducible
    pdf.set_title(TITLE)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=14)
    pdf.multi_cell(WIDTH_MM, 8, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=FONT_SIZE)
    pdf.cell(WIDTH_MM, 8, DATELINE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for paragraph in PARAGRAPHS:
        for line in wrap_with_hyphens(pdf, paragraph, WIDTH_MM):
            pdf.cell(WIDTH_MM, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    output.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(output))
    return output


if __name__ == "__main__":
    print(make_pdf(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT))
