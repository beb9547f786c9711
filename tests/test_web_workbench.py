"""The workbench's queries and routes without a browser: names read the same way everywhere,
facets count what the table holds, every table has a CSV twin with the same filters, the
network's cached counts equal the direct query, labels never overlap."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from spacecoop.settings import Settings
from spacecoop.store import web_queries as wq
from spacecoop.store.web_queries import FactFilter
from spacecoop.store.web_queries.lookup import fold
from spacecoop.web import layout
from spacecoop.web.app import create_app
from tests.test_browser_workbench import workbench_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return workbench_store(tmp_path_factory.mktemp("wb") / "wb.db")


@pytest.fixture()
def conn(db):
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as opened:
        yield opened
    engine.dispose()


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(Settings(db=db)))


def test_fold_drops_case_accents_and_punctuation():
    assert fold("Centre national d'Études  spatiales") == "centre national d etudes spatiales"
    assert fold("ROSKOSMOS") == "roskosmos"


@pytest.mark.parametrize(
    "typed, entity, how",
    [("Kourou", "guiana-space-centre", "exact"), ("centre spatial guyanais", "guiana-space-centre", "exact"),
     ("Perminov", "person:anatoly-perminov", "words"), ("jean-jacques", "person:jean-jacques-dordain", "words"),
     ("Roskos", "roscosmos", "part"), ("nasa", "nasa", "exact")],
)  # fmt: skip
def test_names_any_alias_surname_or_part(conn, typed, entity, how):
    found = wq.match_name(wq.name_index(conn), typed)
    assert found.ids == (entity,) and found.how == how


def test_names_nothing_matches_suggests_close_names(conn):
    found = wq.match_name(wq.name_index(conn), "Perminof")
    assert found.ids == () and found.suggestions[0]["name"] == "Anatoly Perminov"
    page = wq.list_facts(conn, FactFilter(actors=("Perminof",)))
    assert page["total"] == 0 and page["actors"][0]["suggestions"][0]["id"] == "person:anatoly-perminov"


def test_several_actors_must_all_take_part(conn):
    both = wq.list_facts(conn, FactFilter(actors=("ESA and Roscosmos",)))
    assert {i["id"] for i in both["items"]} == {"ev-esa-roscosmos-pact", "ev-esa-roscosmos-undated"}
    assert [a["query"] for a in both["actors"]] == ["ESA", "Roscosmos"]
    assert wq.list_facts(conn, FactFilter(actors=("ESA", "Roscosmos", "NASA")))["total"] == 0
    # A known name holding "and" is not split.
    assert wq.resolve_actors(conn, ["Guiana Space Centre"])[0].ids == ("guiana-space-centre",)


def test_facets_count_the_matches(conn):
    data = wq.fact_facets(conn, FactFilter(actors=("ESA",)))
    facets = {name: {v["value"]: v["count"] for v in values} for name, values in data["facets"].items()}
    assert data["total"] == wq.list_facts(conn, FactFilter(actors=("ESA",)))["total"] == 5
    assert facets["type"] == {"agreement": 5}
    assert facets["actor"]["ESA"] == 5 and facets["actor"]["Roscosmos"] == 2
    assert facets["country"]["Russia"] == 2 and facets["country"]["France"] == 2
    assert facets["language"] == {"en": 5} and facets["source"] == {"CNES": 3, "ESA": 2}
    # Choosing a facet value narrows the list to exactly that count.
    assert wq.list_facts(conn, FactFilter(actors=("ESA",), country="Russia"))["total"] == 2
    assert wq.list_facts(conn, FactFilter(actors=("ESA",), source="ESA"))["total"] == 2


def test_undated_facts_are_placed_by_their_first_report(conn):
    data = wq.undated(conn, FactFilter())
    assert [(i["id"], i["reported"]) for i in data["items"]] == [("ev-esa-roscosmos-undated", "2011-10-22")]
    assert wq.undated(conn, FactFilter(since="2012"))["total"] == 0


def _edges(g: dict) -> list[tuple]:
    return sorted((e["source"], e["target"], e["agreements"], e["meetings"]) for e in g["edges"])


@pytest.mark.parametrize("since, until", [("2005", "2005"), ("2019", "2021"), ("2021", None), (None, "2019")])
def test_network_counts_from_the_cache_equal_the_direct_query(conn, since, until):
    cached = wq.graph(conn, since=since, until=until)  # whole years: the in-memory counts
    direct = wq.graph(conn, since=(since or "1000") + "-01", until=(until or "2999") + "-12")  # SQL
    assert _edges(cached) == _edges(direct) and cached["nodes"] == direct["nodes"]
    assert _edges(cached)


def test_network_open_period_counts_undated_events_too(conn):
    everything = _edges(wq.graph(conn))
    dated = _edges(wq.graph(conn, since="1000-01", until="2999-12"))
    assert ("esa", "roscosmos", 2, 0) in everything and ("esa", "roscosmos", 1, 0) in dated


def test_network_ego_view_and_kinds(conn):
    ego = wq.graph(conn, ego=("roscosmos",))
    assert {n["id"] for n in ego["nodes"]} == {"roscosmos", "esa"}
    agencies = wq.graph(conn, kinds=("agency",))
    assert all(n["type"] == "agency" for n in agencies["nodes"])


def test_network_labels_never_overlap():
    nodes = [{"id": str(i), "name": f"Agency number {i}", "weight": 10 - i % 5, "x": 100 + (i % 3) * 10,
              "y": 100 + (i // 3) * 8, "r": 6.0} for i in range(12)]  # fmt: skip
    layout.place_labels(nodes, 900, 560)
    boxes = []
    for n in nodes:
        if n["label"]:
            w = len(n["label"]) * layout.LABEL_CHAR
            x1 = n["lx"] - (w / 2 if n["anchor"] == "middle" else w if n["anchor"] == "end" else 0)
            boxes.append((x1, n["ly"] - 12, x1 + w, n["ly"] + 2))
    assert 2 <= len(boxes) < len(nodes)  # crowded: some labels wait for a zoom
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] + 0.5 or b[2] <= a[0] + 0.5 or a[3] <= b[1] + 0.5 or b[3] <= a[1] + 0.5


@pytest.mark.parametrize("table", ["facts", "documents", "entities", "offices"])
def test_every_table_has_a_csv_twin_with_the_same_filters(client, table):
    params = {"facts": {"actor": ["ESA", "Roscosmos"]}, "documents": {"q": "Soyuz"},
              "entities": {"q": "perminov"}, "offices": {"person": "Nelson"}}[table]  # fmt: skip
    page = client.get(f"/api/{table}", params=params).json()
    rows = list(csv.DictReader(io.StringIO(client.get(f"/api/{table}.csv", params=params).text)))
    assert len(rows) == page["total"] >= 1
    html = client.get(f"/{table}", params=params).text
    assert f"/api/{table}.csv?" in html and f'href="/api/{table}?' in html


def test_facts_csv_has_analyst_columns_with_joined_lists(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/facts.csv", params={"actor": "Dordain"}).text)))
    assert rows[0]["parties"] == "ESA; Roscosmos"
    assert rows[0]["signatories"] == "Jean-Jacques Dordain; Anatoly Perminov"
    assert rows[0]["place"] == "Paris" and rows[0]["date"] == "2005-01-11"


def test_offices_show_names_not_ids(client):
    html = client.get("/offices").text
    assert "Bill Nelson" in html and ">bill-nelson<" not in html and ">nasa<" not in html


def test_tables_sort_by_a_column(client):
    docs = client.get("/api/documents", params={"sort": "title"}).json()["items"]
    titles = [d["title"] for d in docs]
    assert titles == sorted(titles)
    entities = client.get("/api/entities", params={"sort": "-events"}).json()["items"]
    assert [e["events"] for e in entities] == sorted((e["events"] for e in entities), reverse=True)
    statuses = [i["status"] for i in client.get("/api/facts", params={"sort": "status"}).json()["items"]]
    assert [s for s in statuses if s] == sorted(s for s in statuses if s)
    assert client.get("/api/documents", params={"sort": "nonsense"}).status_code == 400


def test_entity_page_by_surname_and_unknown_name(client):
    assert client.get("/api/entities/Perminov").json()["id"] == "person:anatoly-perminov"
    missing = client.get("/api/entities/Perminof")
    assert missing.status_code == 404 and "Anatoly Perminov" in missing.json()["error"]["message"]


@pytest.mark.sqlite_only  # opens the store file it builds
def test_remembered_counts_follow_the_store(tmp_path):
    from sqlalchemy import create_engine

    from spacecoop.store.core import Store
    from tests.test_web_sample_store import analyzed_documents, build_store, resolution

    path = build_store(tmp_path / "c.db")
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert wq.list_facts(conn, FactFilter())["total"] == 9
    store = Store.open(path)
    try:
        res = resolution(analyzed_documents())
        store.save_resolution(res.__class__(res.entities, res.events[:5], res.offices, ()))
    finally:
        store.close()
    with engine.connect() as conn:
        assert wq.list_facts(conn, FactFilter())["total"] == 5
    engine.dispose()


def test_timeline_draws_terms_of_office_as_bands(client):
    terms = client.get("/api/timeline/offices", params={"actor": "NASA"}).json()["items"]
    assert [(t["person_name"], t["start"], t["end"]) for t in terms] == [
        ("Jim Bridenstine", "2018-04", "2021-01"),
        ("Bill Nelson", "2021-05", None),
    ]
    assert client.get("/api/timeline/offices", params={"actor": "NASA", "until": "2017"}).json()["total"] == 0
    html = client.get("/timeline", params={"actor": "NASA"}).text
    assert html.count('class="term-link"') == 2 and "Bill Nelson, Administrator of NASA" in html


def test_term_bands_share_a_line_only_when_they_do_not_overlap():
    from spacecoop.web.bands import term_bands

    terms = [
        {"person_name": "A", "office": "Head", "organization_name": "X", "start": "2001", "end": "2004"},
        {"person_name": "B", "office": "Head", "organization_name": "X", "start": "2003", "end": "2006"},
        {"person_name": "C", "office": "Head", "organization_name": "X", "start": "2007", "end": "2009"},
    ]
    drawn = term_bands(terms, 2000.0, 2010.0, 100.0, "2026-01-01")
    y = {b["person_name"]: b["y"] for b in drawn["bars"]}
    assert y["A"] != y["B"]  # they overlap in 2003-2004
    assert y["C"] == y["A"]  # C starts after A's line is free again


def test_documents_and_entities_have_facets_that_narrow(client):
    docs = client.get("/api/documents").json()
    sources = {v["value"]: v["count"] for v in docs["facets"]["source"]}
    assert sources["ESA"] == 2
    narrowed = client.get("/api/documents", params={"source": "ESA"}).json()
    assert narrowed["total"] == 2 and {d["publisher"] for d in narrowed["items"]} == {"ESA"}
    assert {v["value"] for v in narrowed["facets"]["source"]} >= {"ESA", "CNES"}  # the facet keeps the others
    html = client.get("/documents", params={"source": "ESA"}).text
    assert 'data-facet="year"' in html and "source: ESA" in html
    types = {v["value"]: v["count"] for v in client.get("/api/entities").json()["facets"]["type"]}
    assert types["agency"] == 5 and types["person"] == 5


def test_search_suggests_close_names_when_nothing_matches(client):
    found = client.get("/api/search", params={"q": "Roskosmoss"}).json()
    assert found["facts"]["total"] == 0 and found["suggestions"][0]["name"] == "Roscosmos"
    assert client.get("/api/search", params={"q": "Roscosmos"}).json()["suggestions"] == []
    by_source = client.get("/api/search", params={"q": "Soyuz", "source": "CNES"}).json()
    assert {d["publisher"] for d in by_source["documents"]["items"]} == {"CNES"}


@pytest.mark.sqlite_only  # opens the store file it builds
def test_before_resolution_a_surname_still_finds_its_facts(tmp_path):
    from sqlalchemy import create_engine

    from tests.test_web_sample_store import build_store

    engine = create_engine(f"sqlite:///{build_store(tmp_path / 'u.db', resolved=False)}")
    with engine.connect() as conn:
        assert wq.list_facts(conn, FactFilter(actors=("Nelson",)))["total"] == 2  # "Bill Nelson"
        assert wq.list_facts(conn, FactFilter(actors=("esa",)))["total"] == 3  # an acronym: whole only
    engine.dispose()
