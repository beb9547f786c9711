"""Throughput of find_timexes on news text, beside the bare spaCy tokenizer on the same text.

    python benchmarks/bench_dates.py [TML_DIR ...]

Default text: the <TEXT> of the TempEval-3 training files in ../shared (TimeBank + AQUAINT news).
Prints words per second (whitespace words, one core, best of 3 runs) and the ratio to the tokenizer.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import spacy

from spacecoop.dates import find_timexes
from spacecoop.dates.timeml import read_timeml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIRS = [
    ROOT.parent / "shared" / "data" / "tempeval3" / d for d in ("train-timebank", "train-aquaint")
]


def load(dirs: list[Path]) -> list[tuple[str, dt.date | None]]:
    docs = []
    for directory in dirs:
        for path in sorted(directory.glob("*.tml")):
            doc = read_timeml(path.read_text(encoding="utf-8"), path.name)
            docs.append((doc.text, doc.dct))
    if not docs:
        raise SystemExit(f"no .tml files under {', '.join(map(str, dirs))}")
    return docs


def best_of(runs: int, work) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    dirs = [Path(a) for a in sys.argv[1:]] or DEFAULT_DIRS
    docs = load(dirs)
    words = sum(len(text.split()) for text, _ in docs)
    find_timexes("warm up on 3 May 2021", dt.date(2021, 5, 4))  # compile the grammar outside the timing
    tokenizer = spacy.blank("en").tokenizer

    def tag() -> None:
        for text, anchor in docs:
            find_timexes(text, anchor)

    def tokenize() -> None:
        for text, _ in docs:
            tokenizer(text)

    ours = best_of(3, tag)
    baseline = best_of(3, tokenize)
    print(f"{len(docs)} documents, {words:,} words")
    print(f"find_timexes            {words / ours:12,.0f} words/s")
    print(f"spaCy blank tokenizer   {words / baseline:12,.0f} words/s")
    print(f"ratio (ours / tokenizer) {baseline / ours:.2f}")


if __name__ == "__main__":
    main()
