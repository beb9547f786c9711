"""The JSON API and the pages, in process: every route answers, bad parameters are clear 4xx."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from spacecoop.errors import StoreError
from spacecoop.settings import Settings
from spacecoop.web.app import create_app, read_only_engine
from spacecoop.web.routes import PAGES
from tests.test_web_sample_store import HOSTILE, build_store

DOCS = Path(__file__).resolve().parents[1] / "docs" / "web.md"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build_store(tmp_path_factory.mktemp("api") / "api.db", hostile=True)


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(Settings(db=db)))


def test_web_api_health_and_overview(client):
    assert client.get("/api/health").json() == {"status": "ok"}
    overview = client.get("/api/overview").json()
    assert overview["documents"] == 4 and overview["resolved"] is True
    assert overview["by_type"]["agreement"] == 5
    assert [(a["id"], a["events"]) for a in overview["top_entities"][:2]] == [("nasa", 4), ("esa", 3)]


def test_web_api_facts_filters_page_and_sort(client):
    page = client.get("/api/facts", params={"type": "agreement", "sort": "-date", "limit": 2}).json()
    assert page["total"] == 5
    assert [i["date"] for i in page["items"]] == ["2021-10-27", "2021-05-03"]
    second = client.get(
        "/api/facts", params={"type": "agreement", "sort": "-date", "limit": 2, "offset": 2}
    ).json()
    assert {i["id"] for i in second["items"]}.isdisjoint({i["id"] for i in page["items"]})
    planned = client.get("/api/facts", params={"status": "planned"}).json()
    assert [i["args"]["vehicle"] for i in planned["items"]] == ["H3"]
    by_entity = client.get("/api/facts", params={"entity": "Japan Aerospace Exploration Agency"}).json()
    assert by_entity["total"] == 2
    by_text = client.get("/api/facts", params={"q": "Gateway"}).json()
    assert [i["id"] for i in by_text["items"]] == ["ev-nasa-esa-gateway"]
    period = client.get("/api/facts", params={"since": "2019-06", "until": "2019-06"}).json()
    assert period["total"] == 2


def test_web_api_facts_csv_follows_the_filters(client):
    import csv
    import io

    response = client.get("/api/facts.csv", params={"type": "launch"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["summary"] for r in rows] == [
        "Ariane 5 with two telecommunication satellites from Guiana Space Centre",
        "H3 with HTV-X1 from Tanegashima",
    ]
    assert client.get("/api/facts.csv", params={"type": "nope"}).status_code == 400


def test_web_api_fact_shows_sources_conflicts_and_falls_back_to_document_facts(client):
    event = client.get("/api/facts/ev-nasa-jaxa-lunar").json()
    assert len(event["source_list"]) == 2 and event["conflicts"]
    assert {a["id"] for a in event["actors"]} == {"nasa", "jaxa"}
    fact_id = event["source_list"][0]["fact_id"]
    single = client.get(f"/api/facts/{fact_id}").json()
    assert single["kind"] == "fact" and single["event_id"] == "ev-nasa-jaxa-lunar"
    linked = client.get("/api/facts/ev-esa-cnes-eo").json()
    link = linked["links"][0]
    assert len(linked["links"]) == 1 and {k: link[k] for k in ("kind", "note", "direction", "event_id")} == {
        "kind": "slipped_to", "note": "an example link", "direction": "to", "event_id": "ev-esa-cnes-csg"
    }  # fmt: skip
    # Named for a reader, not by its id.
    assert link["label"] == "ESA – CNES: cooperation at the Guiana Space Centre (2019-06-12)"


def test_web_api_documents_list_detail_and_raw(client):
    listing = client.get("/api/documents", params={"limit": 2}).json()
    assert listing["total"] == 4 and len(listing["items"]) == 2
    doc = client.get("/api/documents/esa_cnes_2019").json()
    assert len(doc["facts"]) == 3 and "raw_text" not in doc
    assert doc["text"][doc["facts"][0]["evidence_start"] : doc["facts"][0]["evidence_end"]].startswith(
        "ESA and CNES"
    )
    raw = client.get("/api/documents/hostile/raw").json()
    assert raw["raw_text"].startswith("<html>")
    page = client.get("/documents/hostile/raw")
    assert page.headers["content-type"].startswith("text/plain")
    assert "sandbox" in page.headers["content-security-policy"]


def test_web_api_entities_entity_and_offices(client):
    listing = client.get("/api/entities", params={"q": "space agency"}).json()
    assert [e["id"] for e in listing["items"]] == ["esa"]
    nasa = client.get("/api/entities/nasa").json()
    assert nasa["wikidata"] == "Q23548" and "National Aeronautics and Space Administration" in nasa["aliases"]
    assert [o["person"] for o in nasa["offices"]] == ["jim-bridenstine", "bill-nelson"]
    assert nasa["partners"][0]["id"] == "jaxa"
    offices = client.get("/api/offices", params={"organization": "nasa"}).json()
    assert offices["total"] == 2


def test_web_api_timeline_and_graph_by_period(client):
    timeline = client.get("/api/timeline", params={"actor": "ESA", "type": "agreement"}).json()
    assert [i["date"] for i in timeline["items"]] == ["2019-06-12", "2020", "2021-10-27"]
    years = client.get("/api/timeline/years", params={"actor": "ESA", "type": "agreement"}).json()
    assert [(y["year"], y["count"]) for y in years["years"]] == [("2019", 1), ("2020", 1), ("2021", 1)]
    graph = client.get("/api/graph", params={"since": "2021", "until": "2021"}).json()
    assert {(e["source"], e["target"]) for e in graph["edges"]} == {("jaxa", "nasa"), ("esa", "nasa")}
    edge = client.get("/api/graph", params={"source": "cnes", "target": "esa"}).json()
    assert [i["id"] for i in edge["edge"]["items"]] == ["ev-esa-cnes-csg", "ev-esa-cnes-eo"]


@pytest.mark.sqlite_only  # FTS5 ranking and highlighting
def test_web_api_search_with_facets(client):
    result = client.get("/api/search", params={"q": "lunar"}).json()
    assert result["engine"] == "fts5" and result["facts"]["capped"] is False
    assert result["facts"]["total"] == 2 and result["documents"]["total"] == 2
    publishers = {f["value"] for f in result["documents"]["facets"]["publisher"]}
    assert publishers == {"NASA", "ESA"}
    narrowed = client.get("/api/search", params={"q": "lunar", "publisher": "ESA"}).json()
    assert [d["key"] for d in narrowed["documents"]["items"]] == ["nasa_esa_2021"]
    by_year = client.get("/api/search", params={"q": "signed", "year": "2019"}).json()
    assert [i["id"] for i in by_year["facts"]["items"]] == []
    assert client.get("/api/search").json()["facts"] is None  # no words yet: an empty form, not an error


@pytest.mark.parametrize(
    "url, words",
    [
        ("/api/facts?since=2021-13", "since"),
        ("/api/facts?until=yesterday", "until"),
        ("/api/facts?since=2022&until=2021", "after"),
        ("/api/facts?type=party", "type"),
        ("/api/facts?status=maybe", "status"),
        ("/api/facts?sort=name", "sort"),
        ("/api/facts?limit=0", "limit"),
        ("/api/facts?limit=abc", "limit"),
        ("/api/facts?offset=-1", "offset"),
        ("/api/timeline?since=99", "since"),
        ("/api/timeline/years?type=x", "type"),
        ("/api/graph?source=nasa", "target"),
        ("/api/graph?nodes=1", "nodes"),
        ("/api/search?q=%21%21%21", "word"),
        ("/api/search?q=moon&year=21", "year"),
        ("/api/entities?limit=100000", "limit"),
        ("/api/offices?offset=x", "offset"),
        ("/api/documents?limit=-5", "limit"),
        ("/api/entities/nasa?limit=0", "limit"),
    ],
)
def test_web_api_bad_parameters_are_clear_400s(client, url, words):
    response = client.get(url)
    assert response.status_code == 400, response.text
    message = response.json()["error"]["message"]
    assert words in message


@pytest.mark.parametrize(
    "url",
    ["/api/facts/nope", "/api/documents/nope", "/api/entities/nope", "/api/documents/nope/raw", "/api/nope"],
)
def test_web_api_unknown_things_are_404s(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "nope" in response.json()["error"]["message"]


def test_web_api_pages_render_and_link_their_json_twin(client):
    for page in PAGES:
        path = page.path.replace(
            "{id}", {"fact": "ev-nasa-jaxa-lunar", "document": "hostile", "entity": "nasa"}.get(page.name, "")
        )
        response = client.get(path, params={"q": "lunar"} if page.name == "search" else None)
        assert response.status_code == 200, path
        assert "text/html" in response.headers["content-type"]
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert f'href="{page.api_path.split("{")[0]}' in response.text, path


def test_web_api_pages_escape_untrusted_text(client):
    for path in (
        "/documents/hostile",
        "/facts/ev-hostile",
        "/entities/hostile-actor",
        "/timeline",
        "/search?q=hostile",
    ):
        html = client.get(path).text
        assert "<script>window" not in html and "<img src" not in html, path
        assert "&lt;script&gt;" in html or "&lt;img" in html, path


def test_web_api_person_page_charts_the_offices_held(client):
    html = client.get("/entities/bill-nelson").text
    assert 'class="row-label"' in html and "Administrator, NASA" in html


def test_web_api_bad_page_parameters_render_an_html_error(client):
    response = client.get("/timeline?since=banana")
    assert response.status_code == 400
    assert "text/html" in response.headers["content-type"] and "banana" in response.text


def test_web_api_openapi_lists_every_json_route(client):
    spec = client.get("/api/openapi.json").json()
    for page in PAGES:
        assert page.api_path in spec["paths"]
    assert "post" in spec["paths"]["/api/documents"]


def test_web_api_store_is_opened_read_only(db, tmp_path):
    engine = read_only_engine(Settings(db=db))
    with engine.connect() as conn, pytest.raises(Exception, match="readonly|read-only"):
        conn.exec_driver_sql("DELETE FROM facts")
    with pytest.raises(StoreError, match="no store here"):
        read_only_engine(Settings(db=str(tmp_path / "missing.db")))


def test_web_api_upload_is_off_without_a_token(client):
    response = client.post("/api/documents?filename=a.txt", content=b"NASA and ESA met.")
    assert response.status_code == 403
    assert "SPACECOOP_UPLOAD_TOKEN" in response.json()["error"]["message"]


def test_web_api_upload_needs_the_token_and_respects_the_size_limit(db):
    guarded = TestClient(create_app(Settings(db=db, upload_token="s3cret", max_upload_bytes=100)))
    assert guarded.post("/api/documents?filename=a.txt", content=b"x").status_code == 401
    wrong = guarded.post(
        "/api/documents?filename=a.txt", content=b"x", headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401
    auth = {"Authorization": "Bearer s3cret"}
    big = guarded.post("/api/documents?filename=a.txt", content=b"x" * 101, headers=auth)
    assert big.status_code == 413 and "100 bytes" in big.json()["error"]["message"]
    empty = guarded.post("/api/documents?filename=a.txt", content=b"", headers=auth)
    assert empty.status_code == 400
    nameless = guarded.post("/api/documents", content=b"x", headers=auth)
    assert nameless.status_code == 400 and "filename" in nameless.json()["error"]["message"]


def test_web_api_hostile_names_survive_as_data(client):
    entity = client.get("/api/entities/hostile-actor").json()
    assert entity["name"] == HOSTILE


def test_web_docs_list_every_route_and_command(client):
    text = DOCS.read_text(encoding="utf-8")
    for route in client.app.routes:
        path = getattr(route, "path", "")
        if path.startswith("/static"):
            continue
        assert f"`{path}`" in text or f"`{path}?" in text or f"{path}`" in text, path
    for command in ("spacecoop serve", "spacecoop export"):
        assert command in text


@pytest.mark.slow
def test_web_api_upload_ingests_a_document_with_the_token(tmp_path, nlp):
    db = build_store(tmp_path / "up.db", resolved=False)
    app = create_app(Settings(db=db, upload_token="s3cret"))
    app.state.nlp = nlp  # the session's pipeline, loaded once
    guarded = TestClient(app)
    body = b"Paris, 3 March 2024. NASA and ESA signed an agreement on lunar exploration in Paris on 3 March 2024.\n"
    auth = {"Authorization": "Bearer s3cret"}
    first = guarded.post("/api/documents?filename=upload_note.txt", content=body, headers=auth)
    assert first.status_code == 201, first.text
    assert first.json()["key"] == "upload_note" and first.json()["created"] is True
    again = guarded.post("/api/documents?filename=upload_note.txt", content=body, headers=auth)
    assert again.status_code == 200 and again.json()["created"] is False
    stored = guarded.get("/api/documents/upload_note").json()
    assert "lunar exploration" in stored["text"]


def test_web_cmds_serve_refuses_a_missing_store(tmp_path):
    from click.testing import CliRunner

    from spacecoop.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code != 0 and "absent.db" in result.output
    assert not (tmp_path / "absent.db").exists()  # serving never creates a store


def test_web_api_an_empty_store_still_answers_every_page(tmp_path):
    from spacecoop.store.core import Store

    Store.open(str(tmp_path / "empty.db")).close()
    empty = TestClient(create_app(Settings(db=str(tmp_path / "empty.db"))))
    for path in ("/", "/timeline", "/network", "/facts", "/documents", "/entities", "/offices", "/search?q=moon",
                 "/api/timeline/years", "/api/graph", "/api/facts.csv"):  # fmt: skip
        response = empty.get(path)
        assert response.status_code == 200, path
    assert "The store is empty" in empty.get("/").text
