"""Facts as JSON Lines in the exchange format (../shared/eval/SCHEMA.md), one per line."""

from __future__ import annotations

import json
from typing import BinaryIO

from spacecoop.export.review_log import key_of_fact, marks_by_fact
from spacecoop.store.core import Store


def write_facts(store: Store, out: BinaryIO) -> int:
    facts = sorted(store.all_facts(), key=lambda f: (f.doc, f.evidence.start, f.id))
    marks = marks_by_fact(store)  # machine | accepted | edited | added (docs/review.md)
    for fact in facts:
        record = {**fact.to_record(), "review": marks.get(key_of_fact(fact), "machine")}
        out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
    return len(facts)
