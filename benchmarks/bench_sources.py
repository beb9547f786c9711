"""Cleaning throughput on generated clutter-heavy text, against a plain str.split baseline.

    python benchmarks/bench_sources.py [MEGABYTES]

Prints MB/s for `clean_text` (the whole cleaner: normalisation, line classification, paragraph
assembly with the offset map, contacts) and for the baseline (splitting into lines and words and
joining them again), and the ratio between the two, measured in the same run.
"""

from __future__ import annotations

import sys
import time

from spacecoop.sources import clean_text

# One generated "page": every kind of clutter the cleaner removes, around wrapped prose.
PAGE = (
    "English | Français | Deutsch | Español\n"
    "Home   News   Missions   About us\n"
    "Missions\n\nLaunchers\n\nPartners\n\nContact\n\n"
    "printer friendly page\n"
    "# A joint **mission** to the outer planets\n\n"
    "Artist's impression of the probe near its target\n\n"
    "Paris, 3 May 2021\n\n"
    "The two agencies agreed on Tuesday to build a probe for the outer planets together, and the\n"
    "launch is planned from the equatorial base in the spring of the year after next. The partners\n"
    "will share the cost of the instru-\n"
    "ments and the operations of the ground segment &amp; its antennas.\n\n"
    "- 3 May: signature of the agreement\n"
    "- 9 June: first design review<br>\n\n"
    "Press contacts\n\n"
    "Ann Example   Press Officer   Tel. +33 1 00 00 00 00   ann@example.org\n\n"
    "Related links\n\nMore information\n\n"
    "Last update: 4 May 2021\n"
    "Copyright 2001 - 2021 Example Agency. All rights reserved.\n\n"
)


def baseline(text: str) -> int:
    """The least any cleaner must do: split into lines and words, and join them again."""
    return len("\n".join(" ".join(line.split()) for line in text.split("\n")))


def measure(function, text: str, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 4.0
    text = PAGE * max(1, int(megabytes * 1024 * 1024 / len(PAGE)))
    size = len(text.encode("utf-8")) / 1e6
    clean_seconds = measure(clean_text, text)
    base_seconds = measure(baseline, text)
    print(f"input: {size:.1f} MB of generated clutter-heavy pages ({text.count(chr(10))} lines)")
    print(f"clean_text : {size / clean_seconds:8.2f} MB/s ({clean_seconds:.2f} s)")
    print(f"str.split  : {size / base_seconds:8.2f} MB/s ({base_seconds:.3f} s)")
    print(f"ratio      : the cleaner takes {clean_seconds / base_seconds:.0f}x the baseline's time")


if __name__ == "__main__":
    main()
