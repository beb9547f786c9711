"""Incremental resolution: a document resolved against its neighbours gives what a rebuild gives,
events keep their ids as sources are added, and ids no longer used redirect."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from spacecoop import models
from spacecoop.resolve import resolve_store
from spacecoop.resolve.incremental import resolve_changes
from spacecoop.resolve.stable_ids import stabilize
from spacecoop.settings import Settings
from spacecoop.store import Store, schema
from spacecoop.store.event_ids import follow_redirect
from spacecoop.web.app import create_app
from tests.conftest import scratch_database
from tests.test_web_sample_store import analyzed_documents

ORDER = ("nasa_jaxa_2021", "esa_cnes_2019", "nasa_esa_2021")


def _events(store: Store) -> dict[str, frozenset[str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.event_sources.c.event_id, schema.event_sources.c.fact_id)).all()
    found: dict[str, set[str]] = {}
    for event_id, fact_id in rows:
        found.setdefault(event_id, set()).add(fact_id)
    return {k: frozenset(v) for k, v in found.items()}


def test_incremental_resolution_matches_a_rebuild_and_keeps_ids(tmp_path):
    analyzed = analyzed_documents()
    with Store.open(scratch_database(tmp_path / "full.db")) as full:
        for key in ORDER:
            full.save_analyzed(analyzed[key])
        resolve_store(full)
        rebuilt = set(_events(full).values())
    with Store.open(scratch_database(tmp_path / "step.db")) as store:
        seen: dict[str, frozenset[str]] = {}
        for key in ORDER:
            store.save_analyzed(analyzed[key])
            resolve_changes(store)
            now = _events(store)
            with store.engine.connect() as conn:
                for old_id, facts in seen.items():
                    # Every id served before still leads to an event holding its facts.
                    live = old_id if old_id in now else follow_redirect(conn, old_id)
                    assert live is not None and facts <= now[live], (key, old_id)
            seen = now
        assert set(seen.values()) == rebuilt
        before = _events(store)
        resolve_store(store)  # `spacecoop resolve --all`: same events, same ids
        assert _events(store) == before


def test_event_keeps_its_id_when_a_source_joins():
    old = {"ev-a": frozenset({"f1"}), "ev-b": frozenset({"f2", "f3"})}
    fresh = models.Resolution(
        entities=(),
        events=(_event("ev-new1", "f1", "f4"), _event("ev-new2", "f2"), _event("ev-new3", "f3")),
        offices=(),
        links=(models.EventLink("ev-new1", "ev-new3", "realised_as"),),
    )
    stable, redirects = stabilize(fresh, old)
    ids = [e.id for e in stable.events]
    assert ids[0] == "ev-a"  # a source joined: same id
    assert sorted(ids[1:]) == ["ev-b", "ev-new3"]  # split: one part keeps the id, one is new
    assert stable.links[0].from_event == "ev-a"
    assert redirects == []
    merged, redirects = stabilize(models.Resolution((), (_event("ev-x", "f1", "f2", "f3"),), (), ()), old)
    assert [e.id for e in merged.events] == ["ev-b"]  # the larger part's id wins
    assert [(r.old_id, r.new_id, r.reason) for r in redirects] == [("ev-a", "ev-b", "merged")]


def _event(event_id: str, *fact_ids: str) -> models.Event:
    sources = tuple(
        models.FactSource(f, "doc", "doc", models.Span(0, 1, "x"), None, None, 1.0) for f in fact_ids
    )
    return models.Event(event_id, "meeting", {}, None, None, 1.0, sources)


def test_web_old_event_id_answers_with_the_event_it_became(tmp_path):
    analyzed = analyzed_documents()
    db = scratch_database(tmp_path / "web.db")
    with Store.open(db) as store:
        for key in ORDER:
            store.save_analyzed(analyzed[key])
        resolve_store(store)
        target = sorted(_events(store))[0]
        with store.engine.begin() as conn:
            conn.execute(
                schema.event_redirects.insert().values(old_id="ev-gone", new_id=target, reason="merged")
            )
    client = TestClient(create_app(Settings(db=db)))
    answer = client.get("/api/facts/ev-gone")
    assert answer.status_code == 200
    assert answer.json()["id"] == target and answer.json()["redirected_from"] == "ev-gone"
    assert client.get("/api/facts/ev-never-was").status_code == 404
