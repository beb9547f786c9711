"""Resolution on the five seed documents: through the real pipeline, and from the gold facts."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from spacecoop.knowledge import load_knowledge
from spacecoop.models import DateValue, Fact, Span
from spacecoop.resolve import resolve_all
from tests.conftest import shared_path

_NOT_ARGS = {
    "doc",
    "type",
    "date",
    "as_of",
    "status",
    "evidence",
    "confidence",
    "note",
    "count",
    "same_as",
    "date_alternatives",
}


@pytest.fixture(scope="module")
def seed_documents():
    from spacecoop.sources import read_source

    return [read_source(path) for path in sorted(shared_path("seeds").glob("*.txt"))]


@pytest.fixture(scope="module")
def pipeline_resolution(seed_documents, nlp):
    from spacecoop.pipeline import analyze

    facts = [fact for document in seed_documents for fact in analyze(document, nlp).facts]
    return resolve_all(facts, seed_documents, load_knowledge())


def _gold_facts() -> list[Fact]:
    facts = []
    for number, line in enumerate(shared_path("eval", "seeds-gold.jsonl").read_text().splitlines()):
        record = json.loads(line)
        date = record.get("as_of" if record["type"] == "role" else "date")
        value = DateValue(date, alternatives=tuple(record.get("date_alternatives", ()))) if date else None
        evidence = record["evidence"]
        facts.append(
            Fact(
                record["type"],
                record["doc"],
                {k: v for k, v in record.items() if k not in _NOT_ARGS},
                Span(number, number + len(evidence), evidence),
                value,
                record.get("status"),
                0.9,
                doc_id=record["doc"],
            )
        )
    return facts


@pytest.fixture(scope="module")
def gold_resolution(seed_documents):
    # The gold names documents by key; the same documents under those ids.
    documents = [replace(d, id=d.key) for d in seed_documents]
    return resolve_all(_gold_facts(), documents, load_knowledge())


@pytest.fixture(params=[pytest.param("pipeline", marks=pytest.mark.slow), "gold"])
def resolution(request):
    return request.getfixturevalue(f"{request.param}_resolution")


def test_seeds_roscosmos_has_its_federal_agency_names(resolution):
    (roscosmos,) = [e for e in resolution.entities if e.name == "Roscosmos"]
    assert {"Federal Space Agency", "Russian Federal Space Agency"} <= set(roscosmos.aliases)


def test_seeds_esa_russia_agreement_of_2003_is_one_event_with_both_esa_pages(resolution):
    (event,) = [e for e in resolution.events if e.type == "agreement" and e.date == "2003-02-11"]
    docs = {s.doc_key[:3] for s in event.sources}
    assert docs == {"000", "001"}
    assert {s.date for s in event.sources} == {"2003-02-11", None}


def test_seeds_space_science_agreement_of_2018_realises_the_2017_plan(resolution):
    events = {e.id: e for e in resolution.events}
    linked = [
        (events[link.from_event], events[link.to_event])
        for link in resolution.links
        if link.kind == "realised_as"
    ]
    assert any(
        plan.status == "expected"
        and any(s.doc_key.startswith("004") for s in plan.sources)
        and deed.status == "signed"
        and (deed.date or "").startswith("2018-06")
        for plan, deed in linked
    )


def test_seeds_heads_of_roscosmos_come_out_in_order_with_evidence(resolution):
    names = {e.id: e.name for e in resolution.entities}
    heads = [t for t in resolution.offices if t.organization == "roscosmos" and t.office == "Head"]
    assert [(names[t.person], t.start[:4], (t.end or "")[:4]) for t in heads] == [
        ("Igor Komarov", "2016", "2017"),
        ("Dmitry Rogozin", "2018", ""),
    ]
    events = {e.id: e for e in resolution.events}
    for term in heads:
        surname = names[term.person].split()[-1]
        evidence = [s.evidence.text for i in term.event_ids for s in events[i].sources]
        assert evidence and all(surname in text for text in evidence)


def test_seeds_resolution_does_not_depend_on_input_order(seed_documents):
    import random

    facts = _gold_facts()
    documents = [replace(d, id=d.key) for d in seed_documents]
    knowledge = load_knowledge()
    expected = resolve_all(facts, documents, knowledge)
    rng = random.Random(11)
    for _ in range(5):
        rng.shuffle(facts)
        rng.shuffle(documents)
        assert resolve_all(facts, documents, knowledge) == expected
