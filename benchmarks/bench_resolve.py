"""Resolution speed on generated facts: entities, merged events, office terms and lifecycle links.

Generates events (agreements, meetings, launches, roles) among agencies of the packaged knowledge
and invented people, each reported by one to four documents with varied names, date precisions,
titles and statuses, until there are --facts facts; then times `resolve_all` over them (one core,
one process). Prints the time beside two references measured in the same run: a plain dict grouping
of the same facts by (type, names, date), and the spaCy pipeline's extraction time for the same
documents (measured on a sample of them and scaled to all). Target: 10,000 facts in < 10 s.

    python benchmarks/bench_resolve.py [--facts 10000] [--sample-docs 40] [--no-pipeline]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter, defaultdict

from spacecoop.knowledge import load_knowledge
from spacecoop.models import DateValue, Document, Fact, Span
from spacecoop.resolve import resolve_all
from spacecoop.resolve.entities import resolve_entities
from spacecoop.resolve.lifecycle import lifecycle_links
from spacecoop.resolve.merge import merge_facts
from spacecoop.resolve.offices import office_terms

TARGET_SECONDS = 10.0
_SYLLABLES = [
    "ka",
    "ri",
    "no",
    "ta",
    "me",
    "lo",
    "vi",
    "sa",
    "du",
    "ne",
    "po",
    "ra",
    "ki",
    "mo",
    "le",
    "an",
    "ser",
    "gei",
    "ya",
    "ro",
    "mi",
]
_SUBJECTS = [
    "lunar exploration",
    "Mars sample return",
    "Earth observation data",
    "space weather",
    "launcher research",
    "crew training",
    "satellite navigation",
    "space debris",
    "microgravity research",
    "deep space tracking",
    "solar physics",
    "climate monitoring",
    "radio astronomy",
    "planetary defence",
    "space medicine",
]
_TITLE_FORMS = (
    "agreement on {}",
    "framework agreement on {}",
    "memorandum of understanding on {}",
    "{} accord",
)
_OFFICES = ("Head", "Director General", "Chief", "President", "Press Officer")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _date(rng: random.Random, year: int) -> str:
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _on(date: str) -> str:
    """The date as a sentence gives it: " on 3 May 2021", " in May 2021", " in 2021" or nothing."""
    if len(date) == 10:
        return f" on {int(date[8:])} {_MONTHS[int(date[5:7]) - 1]} {date[:4]}"
    if len(date) == 7:
        return f" in {_MONTHS[int(date[5:7]) - 1]} {date[:4]}"
    return f" in {date}" if date else ""


def _reported(rng: random.Random, day: str) -> str:
    """How one outlet gives a date: the day, the month, the year, or not at all."""
    shape = rng.random()
    return day if shape < 0.6 else day[:7] if shape < 0.8 else day[:4] if shape < 0.95 else ""


def generate(count: int, seed: int = 5) -> tuple[list[Fact], list[Document], dict[str, int]]:
    """`count` facts reporting events among known agencies, the documents carrying them, and the
    number of the event each fact reports (fact id -> event number), to score the merging."""
    rng = random.Random(seed)
    knowledge = load_knowledge()
    agencies = sorted(knowledge.of_type("agency", "intergovernmental"), key=lambda e: e.id)
    launchers = sorted(knowledge.of_type("launcher"), key=lambda e: e.id)[:20]
    sites = sorted(knowledge.of_type("site"), key=lambda e: e.id)[:10]
    people = [(f"{_name(rng)} {_name(rng)}", rng.choice(agencies)) for _ in range(400)]
    # (event number, type, args, date, status, sentence)
    reports: list[tuple[int, str, dict, str, str | None, str]] = []
    role_numbers: dict[tuple[str, str, str], int] = {}
    events = 0
    while len(reports) < count:
        events += 1
        number = events
        kind = rng.choice(("agreement", "agreement", "meeting", "launch", "launch", "role"))
        day = _date(rng, rng.randint(1995, 2024))
        copies = rng.randint(1, 4)
        if kind == "agreement":
            a, b = rng.sample(agencies, 2)
            subject = rng.choice(_SUBJECTS)
            status = "expected" if rng.random() < 0.1 else "signed"
            for _ in range(copies):
                names = [rng.choice(a.forms()), rng.choice(b.forms())]
                title = rng.choice(_TITLE_FORMS).format(subject)
                args = {"parties": names, "signatories": [], "place": None, "title": title}
                date = _reported(rng, day)
                verb = "are expected to sign" if status == "expected" else "signed"
                sentence = f"{names[0]} and {names[1]} {verb} a {title}{_on(date)}."
                reports.append((number, kind, args, date, status, sentence))
        elif kind == "meeting":
            (p1, o1), (p2, o2) = rng.sample(people, 2)
            for _ in range(copies):
                first = p1 if rng.random() < 0.7 else p1.split()[-1]
                args = {"participants": [first, p2], "organizations": [o1.name, o2.name], "place": None}
                date = _reported(rng, day)
                reports.append((number, kind, args, date, None, f"{first} met {p2}{_on(date)}."))
        elif kind == "launch":
            vehicle, site = rng.choice(launchers), rng.choice(sites)
            payload = f"{_name(rng)}-{rng.randint(1, 9)}"
            for i in range(copies):
                status = "planned" if i == 0 and copies > 1 and rng.random() < 0.5 else "done"
                args = {"vehicle": rng.choice(vehicle.forms()), "site": site.name, "payloads": [payload]}
                date = _reported(rng, day)
                verb = "is scheduled to launch" if status == "planned" else "launched"
                sentence = f"A {vehicle.name} rocket {verb} {payload} from {site.name}{_on(date)}."
                reports.append((number, kind, args, date, status, sentence))
        else:
            person, org = rng.choice(people)
            office = rng.choice(_OFFICES)
            # One role event per person, organisation and office (Head = Chief = Director General).
            same_office = "Head" if office in ("Head", "Chief", "Director General") else office
            number = role_numbers.setdefault((person, org.id, same_office), number)
            for _ in range(copies):
                seen = _date(rng, rng.randint(2000, 2024))
                args = {"person": person, "role": office, "organization": rng.choice(org.forms())}
                sentence = f"{person}, {office} of {org.name}, spoke{_on(seen)}."
                reports.append((number, kind, args, seen, None, sentence))
    reports = reports[:count]
    rng.shuffle(reports)
    facts, documents, truth = [], [], {}
    for start in range(0, len(reports), 4):
        key = f"gen_{start // 4:05d}"
        chunk = reports[start : start + 4]
        text = " ".join(report[5] for report in chunk)
        dates = sorted(report[3] for report in chunk if report[3])
        published = DateValue(dates[-1]) if dates else None
        documents.append(Document(key, key, f"{key}.txt", "text", text, text, date=published))
        offset = 0
        for event, kind, args, date, status, sentence in chunk:
            span = Span(offset, offset + len(sentence), sentence)
            offset += len(sentence) + 1
            value = DateValue(date) if date else None
            fact = Fact(kind, key, args, span, value, status, round(rng.uniform(0.4, 0.95), 2), doc_id=key)
            facts.append(fact)
            truth[fact.id] = event
    return facts, documents, truth


def pairwise_scores(events: list, truth: dict[str, int]) -> tuple[float, float]:
    """Precision and recall of "these two facts report one event", over all pairs of facts."""

    def pairs(sizes) -> int:
        return sum(n * (n - 1) // 2 for n in sizes)

    predicted = pairs(len(e.sources) for e in events)
    correct = sum(pairs(Counter(truth[s.fact_id] for s in e.sources).values()) for e in events)
    actual = pairs(Counter(truth.values()).values())
    return (correct / predicted if predicted else 1.0), (correct / actual if actual else 1.0)


def dict_grouping(facts: list[Fact]) -> int:
    """The baseline: facts grouped by type, lower-cased names and date, nothing more."""
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in facts:
        names = []
        for value in fact.args.values():
            values = value if isinstance(value, list) else [value]
            names.extend(v.lower() for v in values if isinstance(v, str))
        groups[(fact.type, frozenset(names), fact.date.iso if fact.date else None)].append(fact)
    return len(groups)


class _TooSlow(Exception):
    pass


def extraction_seconds(documents: list[Document], sample: int, limit: int = 60) -> tuple[float, int]:
    """Seconds the pipeline takes for `sample` documents (after loading), scaled to all of them.
    Raises _TooSlow naming the document when one takes more than `limit` seconds."""
    import signal

    from spacecoop.pipeline import analyze, load

    def give_up(*_args) -> None:
        raise _TooSlow

    nlp = load()
    analyze(documents[0], nlp)  # warm-up
    chosen = documents[:sample]
    previous = signal.signal(signal.SIGALRM, give_up)
    elapsed = 0.0
    try:
        for document in chosen:
            signal.alarm(limit)
            start = time.perf_counter()
            try:
                analyze(document, nlp)
            except _TooSlow:
                raise _TooSlow(f"{document.key} took more than {limit} s: {document.text[:120]!r}") from None
            elapsed += time.perf_counter() - start
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return elapsed * len(documents) / len(chosen), len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--sample-docs", type=int, default=40)
    parser.add_argument("--no-pipeline", action="store_true", help="Skip the extraction comparison.")
    args = parser.parse_args()
    facts, documents, truth = generate(args.facts)
    knowledge = load_knowledge()

    start = time.perf_counter()
    groups = dict_grouping(facts)
    baseline = time.perf_counter() - start

    start = time.perf_counter()
    index = resolve_entities(facts, documents, knowledge)
    entities_time = time.perf_counter() - start
    start = time.perf_counter()
    events = merge_facts(facts, index)
    merge_time = time.perf_counter() - start
    start = time.perf_counter()
    office_terms(events)
    lifecycle_links(events)
    rest_time = time.perf_counter() - start

    start = time.perf_counter()
    resolution = resolve_all(facts, documents, knowledge)
    total = time.perf_counter() - start

    print(f"facts: {len(facts):,} in {len(documents):,} documents")
    print(
        f"resolution: {total:.2f} s -> {len(resolution.entities):,} entities, {len(resolution.events):,} events, "
        f"{len(resolution.offices):,} office terms, {len(resolution.links):,} links"
    )
    precision, recall = pairwise_scores(list(resolution.events), truth)
    print(f"merging against the generated truth: pairwise precision {precision:.3f}, recall {recall:.3f}")
    print(
        f"  entities {entities_time:.2f} s, merging {merge_time:.2f} s, offices and links {rest_time:.2f} s"
    )
    print(
        f"baseline dict grouping: {baseline * 1000:.0f} ms -> {groups:,} groups; resolution / baseline = "
        f"{total / baseline:.0f}x"
    )
    if not args.no_pipeline:
        try:
            extraction, sampled = extraction_seconds(documents, args.sample_docs)
            print(
                f"extraction of the same {len(documents):,} documents (scaled from {sampled}): "
                f"{extraction:.1f} s; resolution / extraction = {total / extraction:.2f}"
            )
        except _TooSlow as error:
            print(f"extraction comparison abandoned: {error}")
    verdict = "OK" if total < TARGET_SECONDS else "TOO SLOW"
    print(f"target < {TARGET_SECONDS:.0f} s for 10,000 facts: {verdict}")


if __name__ == "__main__":
    main()
