"""Extraction speed as a ratio to the bare spaCy pipeline it builds on, measured in one run.

    python benchmarks/bench_extract.py [MEGABYTES]    (default 1.0)

Generates news-like text about space cooperation (agreements, meetings, launches, roles and
filler), runs the bare English pipeline and the full spacecoop pipeline over the same documents,
and prints words per second for each and their ratio (spacecoop / bare; the target is >= 0.6).
"""

from __future__ import annotations

import calendar
import random
import sys
import time

from spacecoop.models import DateValue, Document, MetaValue
from spacecoop.pipeline import analyze, load
from spacecoop.pipeline.spacy_model import load_spacy
from spacecoop.settings import Settings

AGENCIES = ["ESA", "NASA", "CNES", "JAXA", "Roscosmos", "ISRO", "DLR", "ASI", "CNSA", "UKSA", "CSA"]
PEOPLE = [
    "Maria Lindqvist",
    "Kenji Arakawa",
    "Pierre Duval",
    "Olga Smirnova",
    "Ravi Menon",
    "Anna Becker",
    "Luca Romano",
    "Wei Zhang",
    "Sarah Collins",
    "Tomas Novak",
]
OFFICES = ["Director General", "President", "Administrator", "Head", "Chief Executive Officer"]
CITIES = ["Paris", "Moscow", "Tokyo", "Washington", "Bengaluru", "Berlin", "Rome", "Beijing"]
VEHICLES = ["Soyuz", "Ariane 5", "Vega", "H-IIA", "PSLV", "Falcon 9", "Long March 2C", "Proton"]
SITES = ["Baikonur", "the Guiana Space Centre", "Tanegashima", "Sriharikota", "Jiuquan", "Vandenberg"]
CRAFT = ["Sentinel-2C", "Galileo FOC-12", "EarthCARE", "GSAT-30", "Hayabusa3", "Aurora-1"]
MONTHS = list(calendar.month_name)[1:]
TEMPLATES = [
    "{o1} {f1} {p1} and {o2} {f2} {p2} signed an agreement on {topic} in {city} on {day} {month}.",
    "{p1}, {f1} of {o1}, met {p2}, {f2} of {o2}, in {city} to review joint projects.",
    "A {vehicle} rocket lifted off from {site} on {day} {month}, placing the {craft} satellite into orbit.",
    "The launch of {craft} by {vehicle} from {site} is scheduled for {month} {year}.",
    "{o1} and {o2} are expected to sign a framework agreement on {topic} this year.",
    "Engineers at {o1} continued testing the instruments, and the teams exchanged data during the campaign.",
    "The programme, which began in {year}, brings together scientists from several countries.",
    '"This cooperation is a cornerstone of our strategy," {p1} said after the ceremony.',
]
TOPICS = ["Earth observation", "lunar exploration", "space science", "navigation", "climate monitoring"]


def generate(megabytes: float, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    docs, size = [], 0
    while size < megabytes * 1_000_000:
        sentences = []
        for _ in range(rng.randint(8, 16)):
            a, b = rng.sample(AGENCIES, 2)
            sentences.append(
                rng.choice(TEMPLATES).format(
                    o1=a,
                    o2=b,
                    p1=rng.choice(PEOPLE),
                    p2=rng.choice(PEOPLE),
                    f1=rng.choice(OFFICES),
                    f2=rng.choice(OFFICES),
                    city=rng.choice(CITIES),
                    day=rng.randint(1, 28),
                    month=rng.choice(MONTHS),
                    year=rng.randint(1995, 2026),
                    vehicle=rng.choice(VEHICLES),
                    site=rng.choice(SITES),
                    craft=rng.choice(CRAFT),
                    topic=rng.choice(TOPICS),
                )
            )
        text = "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))
        docs.append(text)
        size += len(text.encode("utf-8"))
    return docs


def main(megabytes: float) -> None:
    texts = generate(megabytes)
    words = sum(len(t.split()) for t in texts)
    settings = Settings()
    bare = load_spacy(settings)
    full = load(settings)
    documents = [
        Document(
            id=str(i),
            key=f"bench{i}",
            source="bench",
            form="text",
            raw_text=t,
            text=t,
            date=DateValue("2019-06-15", "day"),
            publisher=MetaValue("ESA"),
            language=MetaValue("en"),
        )
        for i, t in enumerate(texts)
    ]
    bare(texts[0]), analyze(documents[0], full)  # warm both
    start = time.perf_counter()
    for text in texts:
        bare(text)
    bare_seconds = time.perf_counter() - start
    start = time.perf_counter()
    facts = sum(len(analyze(document, full).facts) for document in documents)
    full_seconds = time.perf_counter() - start
    print(f"text: {megabytes:.2f} MB, {len(texts)} documents, {words:,} words")
    print(f"bare spaCy pipeline : {words / bare_seconds:10,.0f} words/s ({bare_seconds:.1f} s)")
    print(
        f"spacecoop extraction: {words / full_seconds:10,.0f} words/s ({full_seconds:.1f} s), {facts:,} facts"
    )
    print(f"ratio (spacecoop / bare): {bare_seconds / full_seconds:.2f}   (target >= 0.60)")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)
