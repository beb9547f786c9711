"""Facts as JSON Lines in the exchange format (../shared/eval/SCHEMA.md), one per line."""

from __future__ import annotations

import json
from typing import BinaryIO

from spacecoop.store.core import Store


def write_facts(store: Store, out: BinaryIO) -> int:
    facts = sorted(store.all_facts(), key=lambda f: (f.doc, f.evidence.start, f.id))
    for fact in facts:
        out.write(json.dumps(fact.to_record(), ensure_ascii=False).encode("utf-8") + b"\n")
    return len(facts)
