"""The review HTTP API: every write route refuses without a reviewer token and changes nothing;
two reviewers on one fact get a conflict, not a lost update; the log and its feeds show changes."""

from __future__ import annotations

import json
import warnings
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import func, select

from spacecoop.settings import Settings
from spacecoop.store import schema
from spacecoop.store.review import write
from spacecoop.store.review_read import create_token
from spacecoop.store.review_schema import REVIEW_TABLES
from tests.review_support import BACKENDS, TEXTS, document, drop_everything, store_url, store_with

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(params=BACKENDS)
def desk(request, tmp_path):
    db = store_url(request.param, tmp_path / "web.db")
    store = store_with(db)
    tokens = {role: write(store.engine, create_token, f"{role} person", role)["token"] for role in
              ("reader", "reviewer", "admin")}  # fmt: skip
    tokens["second"] = write(store.engine, create_token, "second reviewer", "reviewer")["token"]
    from spacecoop.web.app import create_app

    app = create_app(Settings(db=str(db)))
    try:
        with TestClient(app) as client:
            yield client, store, tokens
    finally:
        app.state.engine.dispose()
        if getattr(app.state, "review_store", None) is not None:
            app.state.review_store.close()
        drop_everything(store.engine)
        store.close()


def auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def facts_of(store) -> list:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(schema.facts).order_by(schema.facts.c.id))]


def snapshot(store) -> tuple:
    """Everything a write could change: facts, resolution, decisions, log, tokens."""
    with store.engine.connect() as conn:
        tables = (schema.facts, schema.entities, schema.events, schema.event_entities, *REVIEW_TABLES)
        return tuple(
            sorted(map(tuple, conn.execute(select(t)).all()), key=lambda r: json.dumps(r, default=str))
            for t in tables
        )


def first_fact(store, fact_type: str, doc_key: str = "mars_talks") -> str:
    with store.engine.connect() as conn:
        f = schema.facts
        return (
            conn.execute(select(f.c.id).where(f.c.type == fact_type, f.c.doc_key == doc_key))
            .scalars()
            .first()
        )


def event_of(store, fact_id: str) -> str:
    with store.engine.connect() as conn:
        es = schema.event_sources
        return conn.execute(select(es.c.event_id).where(es.c.fact_id == fact_id)).scalar_one()


def write_requests(store) -> list[tuple[str, dict]]:
    """One valid request for every write route (so a refusal can only come from the token)."""
    agreement, launch = first_fact(store, "agreement"), first_fact(store, "launch")
    doc = document("mars_talks")
    start = TEXTS["mars_talks"].index("An Ariane")
    return [
        (f"/api/review/facts/{agreement}/accept", {"version": 0}),
        (f"/api/review/facts/{agreement}/reject", {"version": 0, "reason": "wrong"}),
        (f"/api/review/facts/{agreement}/edit", {"version": 0, "args": {"place": "Paris"}}),
        (
            "/api/review/facts",
            {
                "doc_id": doc.id,
                "type": "launch",
                "start": start,
                "end": start + 20,
                "args": {"vehicle": "Ariane 6"},
            },
        ),  # fmt: skip
        ("/api/review/entities/merge", {"keep": "person:giorgio-saccoccia", "merge": "person:g-saccoccia"}),
        ("/api/review/entities/split", {"entity": "cnes", "names": ["CNES"]}),
        ("/api/review/events/merge", {"keep": event_of(store, agreement), "merge": event_of(store, launch)}),
        ("/api/review/events/split", {"event": event_of(store, agreement), "facts": [agreement]}),
        ("/api/review/operations/0000000000000000/withdraw", {}),
        ("/api/review/tokens", {"name": "mallory", "role": "admin"}),
        ("/api/review/tokens/0000/revoke", {}),
    ]


def test_review_every_write_route_is_listed_here(desk):
    from spacecoop.web.review_routes import router

    client, store, _ = desk
    routes = {r.path for r in router.routes if "POST" in r.methods}
    listed = {path for path, _ in write_requests(store)}
    templates = {
        p.replace("{fact_id}", "x").replace("{curation_id}", "x").replace("{token_id}", "x") for p in routes
    }
    normalised = {
        "/".join("x" if part and len(part) >= 4 and part.isalnum() and not part.isalpha() else part
                 for part in p.split("/"))
        for p in listed
    }  # fmt: skip
    assert templates == normalised


@pytest.mark.parametrize("who", ["nobody", "bad token", "reader"])
def test_review_write_routes_refuse_without_a_reviewer_token_and_change_nothing(desk, who):
    client, store, tokens = desk
    headers = {"nobody": {}, "bad token": auth("sc_0000_notatoken"), "reader": auth(tokens["reader"])}[who]
    before = snapshot(store)
    for path, body in write_requests(store):
        answer = client.post(path, json=body, headers=headers)
        assert answer.status_code == (403 if who == "reader" else 401), (path, answer.text)
    assert snapshot(store) == before


def test_review_token_routes_need_an_admin_token(desk):
    client, store, tokens = desk
    before = snapshot(store)
    answer = client.post(
        "/api/review/tokens", json={"name": "x", "role": "admin"}, headers=auth(tokens["reviewer"])
    )
    assert answer.status_code == 403
    assert snapshot(store) == before
    made = client.post(
        "/api/review/tokens", json={"name": "desk", "role": "reader"}, headers=auth(tokens["admin"])
    )
    assert made.status_code == 201 and made.json()["token"].startswith("sc_")
    with store.engine.connect() as conn:
        stored = conn.execute(select(REVIEW_TABLES[2])).all()
    assert all(made.json()["token"] not in json.dumps([tuple(r) for r in stored]) for _ in [0])


def test_review_revoked_token_is_refused(desk):
    client, store, tokens = desk
    token_id = tokens["second"].split("_")[1]
    assert client.get("/api/review/whoami", headers=auth(tokens["second"])).status_code == 200
    assert (
        client.post(
            f"/api/review/tokens/{token_id}/revoke", json={}, headers=auth(tokens["admin"])
        ).status_code
        == 200
    )
    fact = first_fact(store, "agreement")
    answer = client.post(f"/api/review/facts/{fact}/accept", json={}, headers=auth(tokens["second"]))
    assert answer.status_code == 401


def test_review_two_reviewers_edit_one_fact_the_second_gets_a_conflict(desk):
    client, store, tokens = desk
    fact = first_fact(store, "agreement")
    seen = client.get(f"/api/review/facts/{fact}").json()["fact"]["version"]
    first = client.post(f"/api/review/facts/{fact}/edit", json={"version": seen, "args": {"place": "Paris"}},
                        headers=auth(tokens["reviewer"]))  # fmt: skip
    second = client.post(f"/api/review/facts/{fact}/edit", json={"version": seen, "args": {"place": "Bonn"}},
                         headers=auth(tokens["second"]))  # fmt: skip
    assert first.status_code == 200 and second.status_code == 409
    current = second.json()["current"]
    assert current["args"]["place"] == "Paris" and current["by"] == "reviewer person"
    # the second reviewer resolves the conflict with the version the 409 gave them
    again = client.post(f"/api/review/facts/{fact}/edit", headers=auth(tokens["second"]),
                        json={"version": current["version"], "args": {"place": "Bonn"}, "reason": "text says Bonn"})  # fmt: skip
    assert again.status_code == 200 and again.json()["args"]["place"] == "Bonn"
    history = client.get(f"/api/review/facts/{fact}").json()["log"]
    assert [e["actor"] for e in history] == ["second reviewer", "reviewer person"]
    assert history[0]["before"]["args"]["place"] == "Paris" and history[0]["after"]["args"]["place"] == "Bonn"


def test_review_queue_log_pages_and_feeds(desk):
    client, store, tokens = desk
    assert client.get("/api/review/queue").status_code == 401
    queue = client.get("/api/review/queue", headers=auth(tokens["reader"])).json()
    scores = [i["score"] for i in queue["items"]]
    assert scores == sorted(scores, reverse=True) and queue["total"] == len(facts_of(store))
    target = queue["items"][0]["id"]
    answer = client.post(f"/api/review/facts/{target}/reject", headers=auth(tokens["reviewer"]),
                         json={"version": 0, "reason": "the text says otherwise"})  # fmt: skip
    assert answer.status_code == 200 and answer.json()["review"] == "rejected"
    assert target not in {
        i["id"] for i in client.get("/api/review/queue", headers=auth(tokens["reader"])).json()["items"]
    }
    assert client.get(f"/facts/{target}").status_code == 404  # gone from the reader pages
    page = client.get(f"/review/facts/{target}")
    assert (
        page.status_code == 200 and "the text says otherwise" in page.text and "reviewer person" in page.text
    )
    log_page = client.get("/review/log")
    assert "the text says otherwise" in log_page.text
    atom = ET.fromstring(client.get("/review/log.atom").content)
    entries = atom.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 1 and "reject" in entries[0].find("{http://www.w3.org/2005/Atom}title").text
    feed = client.get("/review/log.json").json()
    assert feed["items"][0]["content_text"].startswith("why: the text says otherwise")
    assert client.get("/review").status_code == 200


def test_review_queue_puts_a_contradicted_office_first(desk):
    from spacecoop.review.queue import office_contradictions

    offices = [
        {
            "office": "President",
            "organization": "ASI",
            "person": "Someone Else",
            "start": "2021",
            "end": "2023",
        }
    ]
    fact = {"type": "role", "date": "2022-03-04",
            "args": {"person": "Giorgio Saccoccia", "role": "President", "organization": "ASI"}}  # fmt: skip
    assert office_contradictions(fact, offices)
    assert not office_contradictions({**fact, "date": "2019"}, offices)


def test_review_log_counts_every_write(desk):
    client, store, tokens = desk
    fact = first_fact(store, "launch")
    client.post(f"/api/review/facts/{fact}/accept", json={"version": 0}, headers=auth(tokens["reviewer"]))
    with store.engine.connect() as conn:
        from spacecoop.store.review_schema import curation_log

        actions = list(
            conn.execute(select(curation_log.c.action).where(curation_log.c.action == "accept")).scalars()
        )
        total = conn.execute(select(func.count()).select_from(curation_log)).scalar()
    assert actions == ["accept"] and total >= 5  # four tokens created, one acceptance
