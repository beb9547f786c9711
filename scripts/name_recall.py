"""Recall of gold names as mentions: does the pipeline see the names the facts are made of?

    python scripts/name_recall.py ../shared/eval/train

For every name in the gold facts of DIR/gold.jsonl (parties, organizations, vehicles, payloads,
people, participants, signatories, sites), counts whether the analysed document has a mention of
it: a mention whose text or canonical name folds to the same words (or, for people, the same
surname; for known entities, any alias of the same entity). Prints the recall per kind of name.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from spacecoop.evaluation import fold
from spacecoop.knowledge import load_knowledge
from spacecoop.pipeline import analyze, load
from spacecoop.settings import Settings
from spacecoop.sources import read_source

FIELDS = {
    "parties": "organisation",
    "organizations": "organisation",
    "organization": "organisation",
    "vehicle": "vehicle",
    "payloads": "payload",
    "site": "site",
    "person": "person",
    "participants": "person",
    "signatories": "person",
}


def gold_names(gold: list[dict]) -> dict[str, list[tuple[str, str]]]:
    """doc -> [(kind of name, name)] for every name the gold facts hold."""
    out: dict[str, list[tuple[str, str]]] = {}
    for fact in gold:
        for field, kind in FIELDS.items():
            value = fact.get(field)
            for name in value if isinstance(value, list) else [value]:
                if name:
                    out.setdefault(fact["doc"], []).append((kind, name))
    return out


def seen(kind: str, name: str, forms: set[str], surnames: set[str], canon) -> bool:
    folded = fold(name)
    if kind == "person":
        words = folded.split()
        return bool(words) and words[-1] in surnames
    return folded in forms or canon(folded) in forms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="an annotated folder: docs/*.txt and gold.jsonl")
    args = parser.parse_args(argv)
    knowledge = load_knowledge()
    aliases = {fold(alias): fold(entity.name) for alias, entity in knowledge.surface_forms()}

    def canon(folded: str) -> str:
        return aliases.get(folded, folded)

    gold = [
        json.loads(line) for line in (args.folder / "gold.jsonl").read_text().splitlines() if line.strip()
    ]
    wanted = gold_names(gold)
    nlp = load(Settings(min_confidence=0.0))
    found, total = Counter(), Counter()
    for doc, names in sorted(wanted.items()):
        path = args.folder / "docs" / f"{doc}.txt"
        if not path.exists():
            continue
        result = analyze(read_source(path), nlp)
        forms: set[str] = set()
        surnames: set[str] = set()
        for mention in result.mentions:
            for text in (mention.text, mention.canonical):
                if text:
                    forms |= {fold(text), canon(fold(text))}
            if mention.label == "PERSON" and fold(mention.text):
                surnames.add(fold(mention.text).split()[-1])
        for kind, name in set(names):
            total[kind] += 1
            found[kind] += seen(kind, name, forms, surnames, canon)
    print("| name | gold | seen as a mention | recall |")
    print("| --- | ---: | ---: | ---: |")
    for kind in sorted(total):
        print(f"| {kind} | {total[kind]} | {found[kind]} | {found[kind] / total[kind]:.2f} |")
    all_found, all_total = sum(found.values()), sum(total.values())
    print(f"| all | {all_total} | {all_found} | {all_found / all_total:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
