"""Resolution quality on real documents: event clustering and office questions.

Reads the gold facts of ../shared/eval/train, ../shared/eval/dev and the seeds, and the hand-checked
list of which of them report one real event (benchmarks/data/resolution_truth.json, built from the
documents' `cluster` keys and the events several documents name). Then:

- **events from gold** (the resolver alone): resolve the gold facts, and score the grouping of the
  agreement, launch and meeting facts with B-cubed precision and recall against the truth;
- **offices from gold**: for every gold role with a date held by the head of an organisation
  (president, director general, administrator, chairman, head, chief), ask `who_held` for that
  office on that date on a store of the gold facts; the share answered with that person;
- **end to end** (--e2e): the same two measures from the pipeline's own facts: each gold fact is
  paired with the extracted fact the scorer would match it with, and the events of the extracted
  facts score the gold facts that were found (recall counts only those, so it measures the
  resolution, not the extraction; the share of gold facts found is printed beside it).

    python benchmarks/bench_resolution_quality.py [--e2e] [--show] [--json]

Targets from gold: B-cubed precision >= 0.95, recall >= 0.90; offices >= 0.95.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from spacecoop.errors import BadQuery, NotFound
from spacecoop.evaluation import Matcher, fold
from spacecoop.knowledge import load_knowledge
from spacecoop.models import AnalyzedDocument, DateValue, Document, Fact, Span
from spacecoop.resolve import resolve_all, resolve_store
from spacecoop.store import Store
from spacecoop.store.resolution_queries import who_held

ROOT = Path(__file__).resolve().parent
SHARED = ROOT.parent.parent / "shared"
TRUTH = ROOT / "data" / "resolution_truth.json"
EVENT_TYPES = ("agreement", "launch", "meeting")
# A head's title on its own ("President", "Director General"), or joined with another ("Chairman and
# CEO"); "Head of the Press Office" heads a part of the organisation, not the organisation.
HEAD_TITLES = re.compile(
    r"^(the )?(president|director general|director-general|administrator|chairman|head|chief)$", re.I
)
_NOT_ARGS = {"doc", "type", "date", "as_of", "status", "evidence", "confidence", "note", "ambiguous"}
_NOT_ARGS |= {"count", "same_as", "date_alternatives", "announced", "role_original"}
_CORPORA = (
    ("eval/train/docs.jsonl", "eval/train/gold.jsonl", "eval/train/docs"),
    ("eval/dev/docs.jsonl", "eval/dev/gold.jsonl", "eval/dev/docs"),
    ("eval/seeds-docs.jsonl", "eval/seeds-gold.jsonl", "seeds"),
)


@dataclass(frozen=True)
class GoldFact:
    ref: str  # DOC/TN: the N-th fact of type T in the document, as the truth file names it
    record: dict


def load_corpus(shared: Path) -> tuple[list[Document], list[GoldFact], dict[str, Path]]:
    documents: list[Document] = []
    gold: list[GoldFact] = []
    paths: dict[str, Path] = {}
    for docs_file, gold_file, folder in _CORPORA:
        for line in (shared / docs_file).read_text().splitlines():
            row = json.loads(line)
            path = shared / folder / f"{row['doc']}.txt"
            paths[row["doc"]] = path
            text = path.read_text(encoding="utf-8")
            date = DateValue(row["date"], _precision(row["date"])) if row.get("date") else None
            documents.append(Document(row["doc"], row["doc"], str(path), "text", text, text, date=date))
        counts: Counter = Counter()
        for line in (shared / gold_file).read_text().splitlines():
            record = json.loads(line)
            key = (record["doc"], record["type"])
            gold.append(GoldFact(f"{record['doc']}/{record['type'][0]}{counts[key]}", record))
            counts[key] += 1
    return documents, gold, paths


def _precision(iso: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(iso), "unknown")


def gold_fact(record: dict, number: int) -> Fact:
    """A gold record as the extractor would give it (offsets are unknown: a distinct one each)."""
    date = record.get("as_of" if record["type"] == "role" else "date")
    value = (
        DateValue(date, _precision(date), alternatives=tuple(record.get("date_alternatives", ())))
        if date
        else None
    )
    evidence = record["evidence"]
    return Fact(
        record["type"],
        record["doc"],
        {k: v for k, v in record.items() if k not in _NOT_ARGS},
        Span(number, number + len(evidence), evidence),
        value,
        record.get("status"),
        0.9,
        doc_id=record["doc"],
    )


def truth_clusters(gold: list[GoldFact]) -> dict[str, int]:
    """Gold reference -> its true event number."""
    groups = json.loads(TRUTH.read_text())["groups"]
    refs = {g.ref for g in gold if g.record["type"] in EVENT_TYPES}
    label: dict[str, int] = {}
    for number, group in enumerate(groups):
        for ref in group:
            if ref not in refs:
                raise SystemExit(f"{TRUTH.name}: {ref} is not a gold event fact")
            label[ref] = number
    for ref in sorted(refs - set(label)):
        label[ref] = len(groups) + len(label)
    return label


def bcubed(predicted: dict[str, str], truth: dict[str, int]) -> tuple[float, float]:
    """B-cubed precision and recall over the references both label."""
    refs = [r for r in truth if r in predicted]
    if not refs:
        return 0.0, 0.0
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_true: dict[int, set[str]] = defaultdict(set)
    for ref in refs:
        by_pred[predicted[ref]].add(ref)
        by_true[truth[ref]].add(ref)
    precision = recall = 0.0
    for ref in refs:
        same_pred, same_true = by_pred[predicted[ref]], by_true[truth[ref]]
        shared = len(same_pred & same_true)
        precision += shared / len(same_pred)
        recall += shared / len(same_true)
    return precision / len(refs), recall / len(refs)


def errors(predicted: dict[str, str], truth: dict[str, int]) -> tuple[list[tuple], list[tuple]]:
    """Pairs merged that are two events, and pairs of one event left apart."""
    refs = sorted(r for r in truth if r in predicted)
    wrong, missed = [], []
    for i, a in enumerate(refs):
        for b in refs[i + 1 :]:
            same_pred, same_true = predicted[a] == predicted[b], truth[a] == truth[b]
            if same_pred and not same_true:
                wrong.append((a, b))
            elif same_true and not same_pred:
                missed.append((a, b))
    return wrong, missed


def events_by_fact(resolution) -> dict[str, str]:
    return {source.fact_id: event.id for event in resolution.events for source in event.sources}


def head_questions(gold: list[GoldFact]) -> list[dict]:
    """Every dated gold role of a head of an organisation: (office query, date, person)."""
    questions = []
    for g in gold:
        r = g.record
        role, org, person, date = r.get("role") or "", r.get("organization"), r.get("person"), r.get("as_of")
        if r["type"] != "role" or not (org and person and date):
            continue
        if any(HEAD_TITLES.match(part.strip()) for part in re.split(r"\band\b|&|,", role)):
            questions.append({"ref": g.ref, "query": f"{role} of {org}", "on": date, "person": person})
    return questions


def _same_person(answer: str, gold: str) -> bool:
    """The gold surname among the answer's names (family name first and middle names allowed)."""
    words = fold(gold).replace("oe", "o").split()
    return bool(words) and words[-1] in fold(answer).replace("oe", "o").split()


def ask_offices(store: Store, questions: list[dict]) -> tuple[float, list[str]]:
    right, wrong = 0, []
    for q in questions:
        try:
            answers = who_held(store, q["query"], q["on"])
        except (NotFound, BadQuery) as error:
            wrong.append(f"{q['ref']}: {q['query']} on {q['on']}: {error}")
            continue
        names = [a["person"]["name"] for a in answers]
        if any(_same_person(n, q["person"]) for n in names):
            right += 1
        else:
            wrong.append(f"{q['ref']}: {q['query']} on {q['on']}: {names} (gold {q['person']})")
    return (right / len(questions) if questions else 0.0), wrong


def store_of(documents: list[Document], facts_by_doc: dict[str, list[Fact]], folder: Path) -> Store:
    store = Store.open(str(folder / "bench.db"))
    for document in documents:
        facts = tuple(facts_by_doc.get(document.id, ()))
        store.save_analyzed(AnalyzedDocument(document, (), (), facts))
    resolve_store(store)
    return store


def from_gold(documents, gold, truth, show: bool) -> dict:
    facts = {g.ref: gold_fact(g.record, n) for n, g in enumerate(gold)}
    resolution = resolve_all(facts.values(), documents, load_knowledge())
    event_of = events_by_fact(resolution)
    predicted = {ref: event_of[f.id] for ref, f in facts.items() if f.id in event_of}
    precision, recall = bcubed(predicted, truth)
    result = {"precision": round(precision, 3), "recall": round(recall, 3), "facts": len(truth)}
    if show:
        _show_errors(predicted, truth, {g.ref: g.record for g in gold})
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts.values():
        by_doc[fact.doc].append(fact)
    questions = head_questions(gold)
    with tempfile.TemporaryDirectory() as folder:
        store = store_of(documents, by_doc, Path(folder))
        share, wrong = ask_offices(store, questions)
        store.close()
    result.update(offices=round(share, 3), questions=len(questions))
    if show:
        print("office questions answered wrongly:", *wrong, sep="\n  ")
    return result


def end_to_end(documents, gold, truth, paths, show: bool) -> dict:
    from spacecoop.pipeline import analyze, load
    from spacecoop.sources import read_source

    nlp = load()
    analyzed = []
    for document in documents:
        read = read_source(paths[document.key])
        # The gold dates of the documents, so that only resolution and extraction are measured.
        analyzed.append(analyze(_with_date(read, document), nlp))
    docs = [a.document for a in analyzed]
    facts = [f for a in analyzed for f in a.facts]
    resolution = resolve_all(facts, docs, load_knowledge())
    event_of = events_by_fact(resolution)
    matched = _match(gold, facts)
    predicted = {ref: event_of[fid] for ref, fid in matched.items() if ref in truth and fid in event_of}
    precision, recall = bcubed(predicted, truth)
    result = {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "found": f"{len(predicted)}/{len(truth)}",
    }
    if show:
        _show_errors(predicted, truth, {g.ref: g.record for g in gold})
    questions = head_questions(gold)
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_doc[fact.doc_id or fact.doc].append(fact)
    with tempfile.TemporaryDirectory() as folder:
        store = store_of(docs, by_doc, Path(folder))
        share, wrong = ask_offices(store, questions)
        store.close()
    result.update(offices=round(share, 3), questions=len(questions))
    if show:
        print("office questions answered wrongly (end to end):", *wrong, sep="\n  ")
    return result


def _with_date(read: Document, gold_doc: Document) -> Document:
    from dataclasses import replace

    return replace(read, key=gold_doc.key, date=gold_doc.date or read.date)


def _match(gold: list[GoldFact], facts: list[Fact]) -> dict[str, str]:
    """Gold reference -> id of the extracted fact the scorer pairs it with (best affinity first)."""
    matcher = Matcher({alias: e.name for alias, e in load_knowledge().surface_forms()})
    records = [(f.id, f.to_record()) for f in facts]
    by_doc: dict[tuple[str, str], list[tuple[str, dict]]] = defaultdict(list)
    for fid, record in records:
        by_doc[(record["doc"], record["type"])].append((fid, record))
    pairs = []
    for g in gold:
        for fid, record in by_doc.get((g.record["doc"], g.record["type"]), ()):
            score = matcher.affinity(g.record, record)
            if score > 0:
                pairs.append((score, g.ref, fid))
    used_gold: set[str] = set()
    used_fact: set[str] = set()
    matched = {}
    for _, ref, fid in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if ref not in used_gold and fid not in used_fact:
            used_gold.add(ref)
            used_fact.add(fid)
            matched[ref] = fid
    return matched


def _show_errors(predicted: dict[str, str], truth: dict[str, int], records: dict[str, dict]) -> None:
    wrong, missed = errors(predicted, truth)

    def brief(ref: str) -> str:
        r = records[ref]
        what = r.get("parties") or r.get("payloads") or r.get("participants") or r.get("vehicle")
        return f"{ref} {what} {r.get('date')} {r.get('status')} {(r.get('title') or '')[:40]!r}"

    print(f"merged but two events ({len(wrong)} pairs):")
    for a, b in wrong:
        print(f"  {brief(a)}\n    = {brief(b)}")
    print(f"one event left apart ({len(missed)} pairs):")
    for a, b in missed:
        print(f"  {brief(a)}\n    | {brief(b)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--e2e", action="store_true", help="also from the pipeline's facts")
    parser.add_argument("--show", action="store_true", help="list the clustering errors")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    documents, gold, paths = load_corpus(args.shared)
    truth = truth_clusters(gold)
    results = {"gold": from_gold(documents, gold, truth, args.show)}
    if args.e2e:
        results["end_to_end"] = end_to_end(documents, gold, truth, paths, args.show)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, r in results.items():
            print(
                f"{name}: events B-cubed precision {r['precision']:.3f} recall {r['recall']:.3f}"
                f" ({r.get('found', r.get('facts'))} facts); offices {r['offices']:.3f}"
                f" of {r['questions']} questions"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
