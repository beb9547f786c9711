"""Review decisions in the store: tied to evidence, kept across re-extraction, with an audit row
for each change and a version that makes concurrent edits conflict."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from spacecoop.errors import BadQuery
from spacecoop.store import schema
from spacecoop.store.review import Conflict, Edits, add_fact, decide, fact_state, write
from spacecoop.store.review_operations import record_operation
from spacecoop.store.review_read import changed_decisions, log_entries, review_marks
from tests.review_support import BACKENDS, TEXTS, document, drop_everything, reextract, store_url, store_with


def fact_id(store, doc_key: str, fact_type: str, begins: str = "") -> str:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(schema.facts).where(schema.facts.c.doc_key == doc_key, schema.facts.c.type == fact_type)
        ).all()
    rows = [r for r in rows if r.evidence_text.startswith(begins)]
    assert len(rows) == 1, rows
    return rows[0].id


def stored_ids(store) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(schema.facts.c.id)).scalars())


def person_events(store, entity_id: str) -> int:
    with store.engine.connect() as conn:
        ee = schema.event_entities
        return len(conn.execute(select(ee.c.event_id).where(ee.c.entity_id == entity_id)).all())


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    s = store_with(store_url(request.param, tmp_path / "review.db"))
    try:
        yield s
    finally:
        drop_everything(s.engine)
        s.close()


def test_review_decisions_hold_after_reextraction_with_a_changed_extractor(store):
    accepted = fact_id(store, "orbit_news", "launch")
    rejected = fact_id(store, "mars_talks", "role")
    edited = fact_id(store, "moon_pact", "agreement")
    lost = fact_id(store, "moon_pact", "meeting")  # the changed extractor no longer finds it
    write(store.engine, decide, accepted, "accept", "ana", version=0)
    write(store.engine, decide, rejected, "reject", "ana", reason="chairman is not the title here", version=0)
    write(store.engine, decide, edited, "edit", "ben", version=0,
          edits=Edits(args={"place": "Washington"}, date="2022-03-03"))  # fmt: skip
    write(store.engine, decide, lost, "accept", "ben", version=0)
    doc = document("moon_pact")
    start = TEXTS["moon_pact"].index("A Vega")
    added = write(store.engine, add_fact, doc.id, "role", start, start + 6, {"person": "Vega", "role": "rocket",
                  "organization": "ESA"}, "ana", reason="test add")["id"]  # fmt: skip
    record_operation_ids = write(store.engine, record_operation, "merge_entities", "ana", "same person",
                                 keep="person:giorgio-saccoccia", merge="G. Saccoccia")  # fmt: skip
    assert record_operation_ids["kind"] == "merge_entities"

    reextract(store)

    ids = stored_ids(store)
    assert rejected not in ids, "a rejected fact came back after re-extraction"
    assert {accepted, edited, added} <= ids
    with store.engine.connect() as conn:
        assert fact_state(conn, accepted)["review"] == "accepted"
        edited_now = fact_state(conn, edited)
        assert edited_now["review"] == "edited"
        assert edited_now["args"]["place"] == "Washington" and edited_now["date"] == "2022-03-03"
        # the changed extractor trimmed the span: the decision moved with it and says so
        assert edited_now["evidence_state"] == "moved"
        assert fact_state(conn, added)["review"] == "added"
        changed = {c["fact_id"]: c["evidence_state"] for c in changed_decisions(conn)}
        assert changed[lost] == "orphaned"
        assert fact_state(conn, lost)["review"] == "accepted"
        assert changed[edited] == "moved"
        marks = review_marks(conn)
    assert "person:g-saccoccia" not in {e for e in _entity_ids(store)}
    # his role and the Cologne meeting (G. Saccoccia) are now one person's; v2 lost the Rome meeting
    assert person_events(store, "person:giorgio-saccoccia") == 2
    assert set(marks.values()) >= {"accepted", "edited", "added"}
    # an orphaned decision cannot be re-affirmed onto a fact the text no longer yields; rejecting it is fine
    with pytest.raises(BadQuery, match="no longer finds"):
        write(store.engine, decide, lost, "accept", "ana", version=1)
    assert (
        write(store.engine, decide, lost, "reject", "ana", reason="gone", version=1)["review"] == "rejected"
    )


def _entity_ids(store) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(schema.entities.c.id)).scalars())


def test_review_second_writer_with_a_stale_version_gets_a_conflict_and_nothing_is_lost(store):
    target = fact_id(store, "mars_talks", "agreement")
    write(store.engine, decide, target, "edit", "ana", version=0, edits=Edits(args={"place": "Paris"}))
    with pytest.raises(Conflict) as caught:
        write(store.engine, decide, target, "edit", "ben", version=0, edits=Edits(args={"place": "Bonn"}))
    assert caught.value.current["args"]["place"] == "Paris" and caught.value.current["version"] == 1
    # Ben resolves it: reloads version 1 and edits again; both edits are in the log.
    write(
        store.engine, decide, target, "edit", "ben", version=1, edits=Edits(args={"title": "a Mars camera"})
    )
    with store.engine.connect() as conn:
        now = fact_state(conn, target)
        log = log_entries(conn, target=target)
    assert now["args"]["place"] == "Paris" and now["args"]["title"] == "a Mars camera" and now["version"] == 2
    assert [e["actor"] for e in log] == ["ben", "ana"]
    assert json.loads(json.dumps(log[0]["before"]))["args"]["place"] == "Paris"


def test_review_reject_needs_a_reason_and_rejected_facts_can_be_restored(store):
    target = fact_id(store, "orbit_news", "meeting", "The German")
    with pytest.raises(BadQuery):
        write(store.engine, decide, target, "reject", "ana", version=0)
    write(store.engine, decide, target, "reject", "ana", reason="no meeting", version=0)
    assert target not in stored_ids(store)
    write(store.engine, decide, target, "accept", "ben", version=1)
    assert target in stored_ids(store)


def test_review_split_entity_and_event_merge_survive_resolution(store):
    from spacecoop.resolve import resolve_store

    first = _event_of(store, fact_id(store, "moon_pact", "agreement"))
    second = _event_of(store, fact_id(store, "orbit_news", "agreement"))
    write(store.engine, record_operation, "merge_events", "ana", "one accord", keep=first, merge=second)
    resolve_store(store)
    assert _event_of(store, fact_id(store, "moon_pact", "agreement")) == _event_of(
        store, fact_id(store, "orbit_news", "agreement")
    )
    reextract(store)
    assert _event_of(store, fact_id(store, "moon_pact", "agreement")) == _event_of(
        store, fact_id(store, "orbit_news", "agreement")
    )


def _event_of(store, fid: str) -> str:
    with store.engine.connect() as conn:
        es = schema.event_sources
        return conn.execute(select(es.c.event_id).where(es.c.fact_id == fid)).scalar_one()


def test_review_two_reviewers_at_the_same_moment_one_wins_one_gets_the_winners_state(store):
    import threading

    target = fact_id(store, "orbit_news", "agreement")
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def reviewer(name: str, place: str) -> None:
        barrier.wait()
        try:
            outcomes[name] = write(store.engine, decide, target, "edit", name, version=0,
                                   edits=Edits(args={"place": place}))  # fmt: skip
        except Conflict as error:
            outcomes[name] = error

    threads = [threading.Thread(target=reviewer, args=a) for a in (("ana", "Tokyo"), ("ben", "Delhi"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    conflicts = [o for o in outcomes.values() if isinstance(o, Conflict)]
    wins = [o for o in outcomes.values() if isinstance(o, dict)]
    assert len(conflicts) == 1 and len(wins) == 1
    assert conflicts[0].current["args"]["place"] == wins[0]["args"]["place"]
    with store.engine.connect() as conn:
        assert fact_state(conn, target)["args"]["place"] == wins[0]["args"]["place"]
        assert len(log_entries(conn, target=target)) == 1


def test_review_split_entity_moves_its_events_and_an_event_split_keeps_after_reextraction(store):
    from spacecoop.resolve import resolve_store

    write(store.engine, record_operation, "merge_entities", "ana", None, keep="person:giorgio-saccoccia",
          merge="person:g-saccoccia")  # fmt: skip
    resolve_store(store)
    assert person_events(store, "person:giorgio-saccoccia") == 3
    # the analyst changes their mind the other way: G. Saccoccia is someone else after all
    write(store.engine, record_operation, "split_entity", "ben", "another person", entity="person:giorgio-saccoccia",
          names=["G. Saccoccia"], new_name="G. Saccoccia")  # fmt: skip
    resolve_store(store)
    with store.engine.connect() as conn:
        e = schema.entities
        split_off = conn.execute(select(e.c.id).where(e.c.name == "G. Saccoccia")).scalar_one()
    assert person_events(store, split_off) == 1  # the Cologne meeting
    assert person_events(store, "person:giorgio-saccoccia") == 2

    agreement = fact_id(store, "moon_pact", "agreement")
    other = fact_id(store, "orbit_news", "agreement")
    write(store.engine, record_operation, "merge_events", "ana", None, keep=_event_of(store, agreement),
          merge=_event_of(store, other))  # fmt: skip
    resolve_store(store)
    merged = _event_of(store, agreement)
    write(store.engine, record_operation, "split_event", "ben", "two accords", event=merged, facts=[other])
    resolve_store(store)
    assert _event_of(store, agreement) != _event_of(store, other)
    reextract(store)  # new spans, so new machine ids: the split follows the evidence, not the ids
    agreement = fact_id(store, "moon_pact", "agreement")
    other = fact_id(store, "orbit_news", "agreement")
    assert _event_of(store, agreement) != _event_of(store, other)
    with pytest.raises(BadQuery):
        write(store.engine, record_operation, "split_event", "ben", None, event=_event_of(store, agreement),
              facts=[agreement])  # fmt: skip


def test_review_decisions_on_real_extractions_hold_when_the_samples_are_reanalyzed(tmp_path):
    """The product's own pipeline on the sample documents: decide, re-ingest with --reanalyze
    (with a lower confidence everywhere, as a retrained model would give), every decision holds."""
    import dataclasses

    from spacecoop.ingest import PipelineAnalyzer, ingest_paths
    from spacecoop.settings import Settings
    from spacecoop.store.core import Store
    from tests.conftest import SAMPLES

    analyzer = PipelineAnalyzer(Settings())

    def retrained(document):
        analyzed = analyzer(document)
        facts = tuple(dataclasses.replace(f, confidence=f.confidence * 0.8) for f in analyzed.facts)
        return dataclasses.replace(analyzed, facts=facts)

    with Store.open(str(tmp_path / "samples.db")) as store:
        ingest_paths([SAMPLES], store, analyzer, progress=False)
        with store.engine.connect() as conn:
            rows = conn.execute(select(schema.facts).order_by(schema.facts.c.id)).all()
        assert len(rows) >= 6
        verdicts = {}
        for n, row in enumerate(rows[:6]):
            if n == 0:
                write(store.engine, decide, row.id, "reject", "ana", reason="not in the text", version=0)
                verdicts[row.id] = "rejected"
            elif n == 1:
                write(
                    store.engine,
                    decide,
                    row.id,
                    "edit",
                    "ana",
                    version=0,
                    edits=Edits(args={"note": "checked"}),
                )
                verdicts[row.id] = "edited"
            else:
                write(store.engine, decide, row.id, "accept", "ana", version=0)
                verdicts[row.id] = "accepted"
        report = ingest_paths([SAMPLES], store, retrained, progress=False, reanalyze=True)
        assert report.reanalyzed
        ids = stored_ids(store)
        with store.engine.connect() as conn:
            for fid, verdict in verdicts.items():
                state = fact_state(conn, fid)
                assert state["review"] == verdict and state["evidence_state"] == "holds"
                assert (fid in ids) == (verdict != "rejected")
            assert changed_decisions(conn) == []
