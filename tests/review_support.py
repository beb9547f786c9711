"""A small corpus of our own sentences and two "extractor versions" for the review tests.

Version 2 behaves as a changed extractor would: other confidences, a place it now finds, evidence
spans that stop before the full stop, one fact it no longer finds and one it newly finds.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path

from spacecoop import models

TEXTS = {
    "moon_pact": (
        "The Italian Space Agency and NASA signed an accord on lunar rovers on 4 March 2022. "
        "Giorgio Saccoccia, President of the Italian Space Agency, met Bill Nelson in Rome on 4 March 2022. "
        "A Vega rocket will carry the Lares-3 satellite from Kourou in 2024."
    ),
    "mars_talks": (
        "CNES and the German Aerospace Center agreed on 9 May 2020 to build a Mars camera together. "
        "Philippe Baptiste, chairman of CNES, visited Cologne with G. Saccoccia on 10 May 2020. "
        "An Ariane 6 rocket launched the Sentinel-9 probe from Kourou on 2 June 2020."
    ),
    "orbit_news": (
        "JAXA and ISRO signed a memorandum on lunar polar exploration on 7 July 2021. "
        "Hiroshi Yamakawa, President of JAXA, met K. Sivan in Bengaluru on 7 July 2021. "
        "An H-IIA rocket launched the Ibuki-3 satellite from Tanegashima on 1 August 2021. "
        "The German Aerospace Center and DLR joined the study in September 2021."
    ),
}


def sentence(text: str, begins: str, *, trim: bool = False) -> models.Span:
    start = text.index(begins)
    end = text.find(". ", start)
    end = len(text) if end < 0 else end + 1
    if trim:
        end -= 1
    return models.Span(start, end, text[start:end])


def document(key: str) -> models.Document:
    text = TEXTS[key]
    return models.Document(
        id=hashlib.sha256(text.encode()).hexdigest(),
        key=key,
        source=f"{key}.txt",
        form="text",
        raw_text=text,
        text=text,
        date=models.DateValue("2024-01-01", "day"),
        title=models.MetaValue(key.replace("_", " ")),
        publisher=models.MetaValue("Desk"),
        language=models.MetaValue("en"),
    )


# (type, args, sentence start, date, status, confidence) per document
FACTS = {
    "moon_pact": [
        (
            "agreement",
            {"parties": ["ASI", "NASA"], "signatories": [], "place": None, "title": "lunar rovers"},
            "The Italian",
            "2022-03-04",
            "signed",
            0.9,
        ),
        (
            "meeting",
            {"participants": ["Giorgio Saccoccia", "Bill Nelson"], "organizations": ["ASI"], "place": "Rome"},
            "Giorgio",
            "2022-03-04",
            None,
            0.7,
        ),
        (
            "launch",
            {"vehicle": "Vega", "site": "Kourou", "payloads": ["Lares-3"]},
            "A Vega",
            "2024",
            "planned",
            0.6,
        ),
        (
            "role",
            {"person": "Giorgio Saccoccia", "role": "President", "organization": "ASI"},
            "Giorgio",
            "2022-03-04",
            None,
            0.5,
        ),
    ],
    "mars_talks": [
        (
            "agreement",
            {"parties": ["CNES", "DLR"], "signatories": [], "place": None, "title": "Mars camera"},
            "CNES and",
            "2020-05-09",
            "signed",
            0.8,
        ),
        (
            "meeting",
            {
                "participants": ["Philippe Baptiste", "G. Saccoccia"],
                "organizations": ["CNES"],
                "place": "Cologne",
            },
            "Philippe",
            "2020-05-10",
            None,
            0.4,
        ),
        (
            "launch",
            {"vehicle": "Ariane 6", "site": "Kourou", "payloads": ["Sentinel-9"]},
            "An Ariane",
            "2020-06-02",
            "done",
            0.85,
        ),
        (
            "role",
            {"person": "Philippe Baptiste", "role": "chairman", "organization": "CNES"},
            "Philippe",
            "2020-05-10",
            None,
            0.3,
        ),
    ],
    "orbit_news": [
        (
            "agreement",
            {"parties": ["JAXA", "ISRO"], "signatories": [], "place": None, "title": "lunar polar"},
            "JAXA and",
            "2021-07-07",
            "signed",
            0.9,
        ),
        (
            "meeting",
            {
                "participants": ["Hiroshi Yamakawa", "K. Sivan"],
                "organizations": ["JAXA", "ISRO"],
                "place": "Bengaluru",
            },
            "Hiroshi",
            "2021-07-07",
            None,
            0.75,
        ),
        (
            "launch",
            {"vehicle": "H-IIA", "site": "Tanegashima", "payloads": ["Ibuki-3"]},
            "An H-IIA",
            "2021-08-01",
            "done",
            0.95,
        ),
        (
            "meeting",
            {"participants": [], "organizations": ["German Aerospace Center", "DLR"], "place": None},
            "The German",
            "2021-09",
            None,
            0.2,
        ),
    ],
}


def analyze_v1(doc: models.Document) -> models.AnalyzedDocument:
    facts = []
    for fact_type, args, begins, date, status, confidence in FACTS[doc.key]:
        facts.append(
            models.Fact(
                type=fact_type,
                doc=doc.key,
                doc_id=doc.id,
                args=dict(args),
                evidence=sentence(doc.text, begins),
                status=status,
                confidence=confidence,
                date=models.DateValue(date, {4: "year", 7: "month"}.get(len(date), "day")),
            )  # fmt: skip
        )
    return models.AnalyzedDocument(doc, (), (), tuple(facts))


def analyze_v2(doc: models.Document) -> models.AnalyzedDocument:
    """The changed extractor: spans trimmed, new confidences, the launch site dropped from the
    Ariane launch's sentence, the Rome meeting lost, a new fact on the Vega sentence's payload."""
    out = []
    for fact in analyze_v1(doc).facts:
        if fact.type == "meeting" and fact.args.get("place") == "Rome":
            continue
        args = dict(fact.args)
        if fact.type == "agreement":
            args["place"] = "unknown place"
        out.append(dataclasses.replace(fact, args=args, confidence=round(fact.confidence * 0.9, 3),
                                       evidence=sentence(doc.text, fact.evidence.text[:8], trim=True)))  # fmt: skip
    return models.AnalyzedDocument(doc, (), (), tuple(out))


# SPACECOOP_TEST_POSTGRES_URL names a scratch PostgreSQL database: the review tests run there too
# (its tables are dropped).
POSTGRES_URL = os.environ.get("SPACECOOP_TEST_POSTGRES_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def store_url(backend: str, path: Path) -> str:
    return str(path) if backend == "sqlite" else POSTGRES_URL


def drop_everything(engine) -> None:
    from spacecoop.store import schema
    from spacecoop.store.review_schema import review_metadata

    if engine.dialect.name == "sqlite":
        return
    review_metadata.drop_all(engine)
    schema.metadata.drop_all(engine)


def store_with(path: Path | str, analyze=analyze_v1):
    from spacecoop.resolve import resolve_store
    from spacecoop.store.core import Store

    store = Store.open(str(path))
    for key in TEXTS:
        store.save_analyzed(analyze(document(key)), replace=True)
    resolve_store(store)
    return store


def reextract(store, analyze=analyze_v2) -> None:
    from spacecoop.resolve import resolve_store

    for key in TEXTS:
        store.save_analyzed(analyze(document(key)), replace=True)
    resolve_store(store)
