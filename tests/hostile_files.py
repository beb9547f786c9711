"""Hostile inputs an operator meets in the wild, generated on the spot (nothing is checked in)."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

GOOD_TEXT = (
    "Darmstadt, 12 March 2024\n\n"
    "The European Space Agency and the Japan Aerospace Exploration Agency signed an agreement "
    "on Tuesday to share data from their Earth observation satellites.\n\n"
    "The two agencies said the arrangement would run for five years.\n"
)
GOOD_TEXT_2 = (
    "Bangalore, 3 June 2023\n\n"
    "The Indian Space Research Organisation launched a weather satellite on a PSLV rocket from "
    "Sriharikota on Saturday morning.\n\n"
    "Officials of the French space agency CNES attended the launch.\n"
)


def pdf_bomb(streams: int = 40, unpacked_each: int = 1_900_000) -> bytes:
    """A small, well-formed PDF whose page content streams unpack to streams * unpacked_each bytes
    (each stream alone stays under pypdf's own per-stream cap)."""
    content = zlib.compress(b" " * unpacked_each, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(streams))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {streams} >>".encode())
    for i in range(streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R >>".encode()
        )
        objects.append(
            f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode() + content + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def write_hostile_folder(folder: Path, outside: Path) -> dict[str, str]:
    """Hostile files and two good ones in `folder`; `outside` is a file out of the folder that a
    link points to. Returns file name -> a word the failure's reason must contain ("" = stored)."""
    folder.mkdir(parents=True, exist_ok=True)
    sentence = b"The agency and its partners met to plan a joint mission to the Moon. "
    with (folder / "one_line.txt").open("wb") as out:  # 10 MB with no line break
        for _ in range(10 * 1024 * 1024 // len(sentence) + 1):
            out.write(sentence)
    paragraph = sentence * 5 + b"\n\n"
    with (folder / "fifty_mb.txt").open("wb") as out:
        for _ in range(50 * 1024 * 1024 // len(paragraph) + 1):
            out.write(paragraph)
    (folder / "bomb.pdf").write_bytes(pdf_bomb())
    (folder / "nul_bytes.txt").write_bytes(GOOD_TEXT_2.replace("satellite", "satel\x00lite").encode())
    (folder / "good.txt").write_text(GOOD_TEXT)
    os.symlink(folder / "loop.txt", folder / "loop.txt")
    os.symlink(outside, folder / "outside.txt")
    os.mkfifo(folder / "pipe.txt")
    return {
        "one_line.txt": "too large",
        "fifty_mb.txt": "too large",
        "bomb.pdf": "decompressed",
        "loop.txt": "loop",
        "outside.txt": "outside the folder",
        "pipe.txt": "FIFO",
        "nul_bytes.txt": "",
        "good.txt": "",
    }
