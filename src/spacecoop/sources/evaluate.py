"""Compare document metadata with a hand-checked docs file (JSON Lines: doc, date, title, ...).

    python -m spacecoop.sources.evaluate GOLD.jsonl FOLDER [--use-url] [--show]

A date counts as right when it agrees with the gold to the gold's precision (gold "2017-07" accepts
"2017-07-19") and a null gold date is right only when no date is found. Title, publisher and
language are compared where the gold gives them. `--use-url` passes the gold's `url` to the reader.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from spacecoop.sources import read_source

FIELDS = ("date", "title", "publisher", "language")


def date_agrees(gold: str | None, found: str | None) -> bool:
    if gold is None or found is None:
        return gold is None and found is None
    return found[: len(gold)] == gold and len(found) >= len(gold)


def evaluate(gold_path: Path, folder: Path, use_url: bool = False) -> tuple[Counter, Counter, list[str]]:
    """(right, total) counts per field and one line per disagreement."""
    right, total, misses = Counter(), Counter(), []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        path = next(folder.glob(f"{gold['doc']}.*"), None)
        if path is None:
            misses.append(f"{gold['doc']}: no file in {folder}")
            continue
        document = read_source(path, url=gold.get("url") if use_url else None)
        found = {
            "date": document.date.iso if document.date else None,
            "title": document.title.value,
            "publisher": document.publisher.value,
            "language": document.language.value,
        }
        for field in FIELDS:
            if field not in gold:
                continue
            total[field] += 1
            ok = date_agrees(gold[field], found[field]) if field == "date" else gold[field] == found[field]
            right[field] += ok
            if not ok:
                misses.append(f"{gold['doc']} {field}: gold {gold[field]!r}, found {found[field]!r}")
    return right, total, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--use-url", action="store_true", help="give the reader the gold's url")
    parser.add_argument("--show", action="store_true", help="print every disagreement")
    args = parser.parse_args()
    right, total, misses = evaluate(args.gold, args.folder, args.use_url)
    for field in FIELDS:
        if total[field]:
            print(f"{field:9} {right[field]:3d} / {total[field]:3d}")
    if args.show:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
