"""A small hand-written store for the web, export and browser tests, and tests of its read queries.

The sentences are our own. The store is filled through the Store API (save_analyzed,
save_resolution), so the full-text indexes are filled as the product fills them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from spacecoop import models
from spacecoop.errors import BadQuery, NotFound
from spacecoop.store import web_queries as wq
from spacecoop.store.core import Store
from spacecoop.store.web_queries import FactFilter, SearchFilter
from tests.conftest import scratch_database

HOSTILE = (
    '<script>window.__pwned = "script";</script>'
    '<img src="x" onerror="window.__pwned = \'img\'">'
    "<a href=\"javascript:window.__pwned='link'\">click</a>"
    "<svg onload=\"window.__pwned = 'svg'\"></svg>"
)

TEXTS = {
    "nasa_jaxa_2021": (
        "NASA and JAXA signed an agreement on lunar surface exploration in Tokyo on 3 May 2021. "
        "Bill Nelson, the NASA Administrator, met JAXA President Hiroshi Yamakawa the same day. "
        "An H3 rocket will launch the HTV-X1 cargo ship from Tanegashima next year."
    ),
    "esa_cnes_2019": (
        "ESA and CNES agreed in Paris on 12 June 2019 to extend their cooperation at the Guiana Space Centre. "
        "An Ariane 5 rocket lifted off from Kourou on 20 June 2019 with two telecommunication satellites. "
        "The two agencies expect to sign a new accord on Earth observation in 2020."
    ),
    "nasa_esa_2021": (
        "NASA and ESA signed a memorandum on the lunar Gateway in Washington on 27 October 2021. "
        "Officials recalled that NASA and JAXA had signed their lunar agreement in May 2021. "
        "Jim Bridenstine led NASA as Administrator until January 2021."
    ),
}
META = {
    "nasa_jaxa_2021": ("NASA and JAXA sign a lunar agreement", "NASA", "2021-05-04"),
    "esa_cnes_2019": ("ESA and CNES extend their cooperation", "CNES", "2019-06-21"),
    "nasa_esa_2021": ("A Gateway memorandum for NASA and ESA", "ESA", "2021-10-28"),
}


def doc_id(key: str, text: str) -> str:
    return hashlib.sha256((key + text).encode()).hexdigest()


def make_document(key: str, text: str, title: str, publisher: str, date: str, raw: str | None = None):
    return models.Document(
        id=doc_id(key, text),
        key=key,
        source=f"{key}.txt",
        form="text",
        raw_text=raw if raw is not None else text,
        text=text,
        date=models.DateValue(date, "day"),
        title=models.MetaValue(title),
        publisher=models.MetaValue(publisher),
        language=models.MetaValue("en"),
    )


def span_of(text: str, sentence_start: str) -> models.Span:
    """The sentence of `text` that begins with `sentence_start`."""
    start = text.index(sentence_start)
    end = text.find(". ", start)
    end = len(text) if end < 0 else end + 1
    return models.Span(start, end, text[start:end])


def make_fact(doc, type_, args, begins, date, status=None, confidence=0.8, precision="day"):
    return models.Fact(
        type=type_,
        doc=doc.key,
        doc_id=doc.id,
        args=args,
        evidence=span_of(doc.text, begins),
        date=models.DateValue(date, precision) if date else None,
        status=status,
        confidence=confidence,
    )


def analyzed_documents() -> dict[str, models.AnalyzedDocument]:
    docs = {k: make_document(k, t, *META[k]) for k, t in TEXTS.items()}
    d1, d2, d3 = docs["nasa_jaxa_2021"], docs["esa_cnes_2019"], docs["nasa_esa_2021"]
    facts = {
        "nasa_jaxa_2021": [
            make_fact(
                d1,
                "agreement",
                {
                    "parties": ["NASA", "JAXA"],
                    "signatories": [],
                    "place": "Tokyo",
                    "title": "lunar surface exploration",
                },
                "NASA and JAXA",
                "2021-05-03",
                "signed",
            ),
            make_fact(
                d1,
                "meeting",
                {
                    "participants": ["Bill Nelson", "Hiroshi Yamakawa"],
                    "organizations": ["NASA", "JAXA"],
                    "place": None,
                },
                "Bill Nelson",
                "2021-05-03",
            ),
            make_fact(
                d1,
                "launch",
                {"vehicle": "H3", "site": "Tanegashima", "payloads": ["HTV-X1"]},
                "An H3",
                "2022",
                "planned",
                precision="year",
            ),
            make_fact(
                d1,
                "role",
                {"person": "Bill Nelson", "role": "Administrator", "organization": "NASA"},
                "Bill Nelson",
                "2021-05-04",
            ),
        ],
        "esa_cnes_2019": [
            make_fact(
                d2,
                "agreement",
                {
                    "parties": ["ESA", "CNES"],
                    "signatories": [],
                    "place": "Paris",
                    "title": "cooperation at the Guiana Space Centre",
                },
                "ESA and CNES",
                "2019-06-12",
                "signed",
            ),
            make_fact(
                d2,
                "launch",
                {
                    "vehicle": "Ariane 5",
                    "site": "Guiana Space Centre",
                    "payloads": ["two telecommunication satellites"],
                },
                "An Ariane 5",
                "2019-06-20",
                "done",
            ),
            make_fact(
                d2,
                "agreement",
                {"parties": ["ESA", "CNES"], "signatories": [], "place": None, "title": "Earth observation"},
                "The two agencies",
                "2020",
                "expected",
                precision="year",
            ),
        ],
        "nasa_esa_2021": [
            make_fact(
                d3,
                "agreement",
                {
                    "parties": ["NASA", "ESA"],
                    "signatories": [],
                    "place": "Washington",
                    "title": "lunar Gateway",
                },
                "NASA and ESA",
                "2021-10-27",
                "signed",
            ),
            make_fact(
                d3,
                "agreement",
                {"parties": ["NASA", "JAXA"], "signatories": [], "place": None, "title": "lunar agreement"},
                "Officials recalled",
                "2021-05",
                "signed",
                precision="month",
            ),
            make_fact(
                d3,
                "role",
                {"person": "Jim Bridenstine", "role": "Administrator", "organization": "NASA"},
                "Jim Bridenstine",
                "2021-01",
                precision="month",
            ),
        ],
    }
    return {
        k: models.AnalyzedDocument(document=docs[k], sentences=(), mentions=(), facts=tuple(facts[k]))
        for k in TEXTS
    }


def _source(fact: models.Fact) -> models.FactSource:
    return models.FactSource(
        fact_id=fact.id,
        doc_id=fact.doc_id,
        doc_key=fact.doc,
        evidence=fact.evidence,
        date=fact.date.iso if fact.date else None,
        status=fact.status,
        confidence=fact.confidence,
    )


ENTITIES = (
    models.Entity("nasa", "NASA", "agency", ("National Aeronautics and Space Administration",), "Q23548"),
    models.Entity("jaxa", "JAXA", "agency", ("Japan Aerospace Exploration Agency",)),
    models.Entity("esa", "ESA", "agency", ("European Space Agency",), "Q25338"),
    models.Entity("cnes", "CNES", "agency", ("Centre national d'études spatiales",)),
    models.Entity("bill-nelson", "Bill Nelson", "person"),
    models.Entity("hiroshi-yamakawa", "Hiroshi Yamakawa", "person"),
    models.Entity("jim-bridenstine", "Jim Bridenstine", "person"),
    models.Entity("h3", "H3", "vehicle"),
    models.Entity("ariane-5", "Ariane 5", "vehicle"),
)


def resolution(analyzed: dict[str, models.AnalyzedDocument]) -> models.Resolution:
    f = {k: a.facts for k, a in analyzed.items()}
    a1, m1, l1, r1 = f["nasa_jaxa_2021"]
    a2, l2, x2 = f["esa_cnes_2019"]
    a3, a1b, r3 = f["nasa_esa_2021"]

    def event(eid, fact, entities, extra=(), conflicts=()):
        return models.Event(
            id=eid,
            type=fact.type,
            args=fact.args,
            date=fact.date.iso if fact.date else None,
            status=fact.status,
            confidence=fact.confidence,
            sources=tuple(_source(x) for x in (fact, *extra)),
            conflicts=conflicts,
            entities=entities,
        )

    events = (
        event(
            "ev-nasa-jaxa-lunar",
            a1,
            (("party", "nasa"), ("party", "jaxa")),
            extra=(a1b,),
            conflicts=("date: 2021-05-03 in nasa_jaxa_2021, 2021-05 in nasa_esa_2021",),
        ),
        event(
            "ev-nelson-yamakawa",
            m1,
            (
                ("participant", "bill-nelson"),
                ("participant", "hiroshi-yamakawa"),
                ("organization", "nasa"),
                ("organization", "jaxa"),
            ),
        ),
        event("ev-h3-htvx1", l1, (("vehicle", "h3"),)),
        event("ev-nelson-role", r1, (("person", "bill-nelson"), ("organization", "nasa"))),
        event("ev-esa-cnes-csg", a2, (("party", "esa"), ("party", "cnes"))),
        event("ev-ariane5-2019", l2, (("vehicle", "ariane-5"),)),
        event("ev-esa-cnes-eo", x2, (("party", "esa"), ("party", "cnes"))),
        event("ev-nasa-esa-gateway", a3, (("party", "nasa"), ("party", "esa"))),
        event("ev-bridenstine-role", r3, (("person", "jim-bridenstine"), ("organization", "nasa"))),
    )
    offices = (
        models.OfficeTerm(
            "Administrator", "nasa", "jim-bridenstine", "2018-04", "2021-01", ("ev-bridenstine-role",)
        ),
        models.OfficeTerm("Administrator", "nasa", "bill-nelson", "2021-05", None, ("ev-nelson-role",)),
    )
    links = (models.EventLink("ev-esa-cnes-eo", "ev-esa-cnes-csg", "slipped_to", "an example link"),)
    return models.Resolution(entities=ENTITIES, events=events, offices=offices, links=links)


def hostile_document() -> models.AnalyzedDocument:
    text = f"NASA and {HOSTILE} signed a hostile agreement in 2020. Nothing else happened."
    doc = make_document(
        "hostile", text, f"Title {HOSTILE}", f"Pub {HOSTILE}", "2020-01-02", raw=f"<html>{text}</html>"
    )
    fact = make_fact(
        doc,
        "agreement",
        {"parties": ["NASA", HOSTILE], "signatories": [], "place": HOSTILE, "title": HOSTILE},
        "NASA and",
        "2020",
        "signed",
        precision="year",
    )
    return models.AnalyzedDocument(document=doc, sentences=(), mentions=(), facts=(fact,))


def build_store(path: Path, *, resolved: bool = True, hostile: bool = False) -> str:
    """A store file at `path` (or a scratch PostgreSQL database, see tests/conftest.py) with the
    sample documents (and their resolution). Returns the path or URL."""
    path = scratch_database(path)
    store = Store.open(str(path))
    try:
        analyzed = analyzed_documents()
        for item in analyzed.values():
            store.save_analyzed(item)
        if hostile:
            bad = hostile_document()
            store.save_analyzed(bad)
        if resolved:
            res = resolution(analyzed)
            if hostile:
                bad_fact = bad.facts[0]
                bad_entity = models.Entity("hostile-actor", HOSTILE, "agency", (HOSTILE,))
                bad_event = models.Event(
                    id="ev-hostile",
                    type="agreement",
                    args=bad_fact.args,
                    date="2020",
                    status="signed",
                    confidence=0.5,
                    sources=(_source(bad_fact),),
                    conflicts=(HOSTILE,),
                    entities=(("party", "nasa"), ("party", "hostile-actor")),
                )
                res = models.Resolution(
                    res.entities + (bad_entity,), res.events + (bad_event,), res.offices, res.links
                )
            store.save_resolution(res)
    finally:
        store.close()
    return str(path)


@pytest.fixture()
def conn(tmp_path):
    store = Store.open(build_store(tmp_path / "s.db"))
    with store.engine.connect() as connection:
        yield connection
    store.close()


@pytest.fixture()
def unresolved_conn(tmp_path):
    store = Store.open(build_store(tmp_path / "u.db", resolved=False))
    with store.engine.connect() as connection:
        yield connection
    store.close()


def test_web_queries_list_facts_filters_by_entity_alias_and_period(conn):
    page = wq.list_facts(conn, FactFilter(entity="European Space Agency", since="2020", until="2021"))
    assert [i["id"] for i in page["items"]] == ["ev-esa-cnes-eo", "ev-nasa-esa-gateway"]
    assert page["total"] == 2


def test_web_queries_fact_detail_lists_every_source_and_conflict(conn):
    detail = wq.fact_detail(conn, "ev-nasa-jaxa-lunar")
    assert {s["doc_key"] for s in detail["source_list"]} == {"nasa_jaxa_2021", "nasa_esa_2021"}
    assert detail["conflicts"] and "2021-05" in detail["conflicts"][0]
    with pytest.raises(NotFound):
        wq.fact_detail(conn, "no-such-fact")


def test_web_queries_without_resolution_fall_back_to_document_facts(unresolved_conn):
    page = wq.list_facts(unresolved_conn, FactFilter(entity="JAXA"))
    assert page["resolved"] is False
    assert {i["type"] for i in page["items"]} == {"agreement", "meeting"}
    graph = wq.graph(unresolved_conn)
    assert {(e["source"], e["target"]) for e in graph["edges"]} == {
        ("JAXA", "NASA"),
        ("CNES", "ESA"),
        ("ESA", "NASA"),
    }


def test_web_queries_graph_weights_edges_by_shared_events(conn):
    graph = wq.graph(conn)
    edges = {(e["source"], e["target"]): e for e in graph["edges"]}
    assert edges[("cnes", "esa")]["agreements"] == 2
    assert edges[("jaxa", "nasa")]["weight"] == 2  # one agreement and one meeting
    assert wq.graph(conn, since="2021")["edges"] and ("cnes", "esa") not in {
        (e["source"], e["target"]) for e in wq.graph(conn, since="2021")["edges"]
    }


@pytest.mark.sqlite_only  # FTS5 ranking and highlighting
def test_web_queries_search_finds_documents_and_facts_with_facets(conn):
    result = wq.search(conn, SearchFilter(q="lunar"))
    assert result["facts"]["total"] == 2
    assert {f["value"] for f in result["facts"]["facets"]["actor"]} >= {"NASA", "JAXA", "ESA"}
    narrowed = wq.search(conn, SearchFilter(q="lunar", actor="JAXA"))
    assert [i["id"] for i in narrowed["facts"]["items"]] == ["ev-nasa-jaxa-lunar"]
    assert result["documents"]["total"] == 2
    assert wq.HIT_OPEN in result["documents"]["items"][0]["snippet"]
    with pytest.raises(BadQuery):
        wq.search(conn, SearchFilter(q="!!!"))


def test_web_queries_document_by_key_or_prefix(conn):
    doc = wq.document_detail(conn, "esa_cnes_2019")
    assert len(doc["facts"]) == 3 and all(f["event_id"] for f in doc["facts"])
    assert wq.document_detail(conn, doc["id"][:10])["key"] == "esa_cnes_2019"
    with pytest.raises(NotFound):
        wq.document_detail(conn, "missing")


def test_web_queries_entity_detail_has_offices_and_partners(conn):
    entity = wq.entity_detail(conn, "National Aeronautics and Space Administration")
    assert entity["id"] == "nasa"
    assert [o["person"] for o in entity["offices"]] == ["jim-bridenstine", "bill-nelson"]
    partners = {p["id"]: p["events"] for p in entity["partners"]}
    assert partners["jaxa"] == 2 and partners["esa"] == 1


def test_web_queries_timeline_counts_years(conn):
    years = wq.years(conn, FactFilter(type="agreement"))
    assert [(y["year"], y["count"]) for y in years] == [("2019", 1), ("2020", 1), ("2021", 2)]
    assert wq.years(conn, FactFilter(type="agreement", since="2020")) == [
        {"year": "2020", "count": 1},
        {"year": "2021", "count": 2},
    ]
    assert wq.date_range(conn) == {"first": "2019-06-12", "last": "2022"}


def test_web_queries_list_facts_finds_words_before_and_after_resolution(conn, unresolved_conn):
    # Resolved: the events' full-text index; unresolved: the evidence sentences and arguments.
    assert [i["id"] for i in wq.list_facts(conn, FactFilter(q="gateway"))["items"]] == ["ev-nasa-esa-gateway"]
    before = wq.list_facts(unresolved_conn, FactFilter(q="Gateway"))
    assert before["total"] == 1 and "Gateway" in before["items"][0]["evidence"]
    # LIKE wildcards in the words are taken literally.
    assert wq.list_facts(unresolved_conn, FactFilter(q="%"))["total"] == 0
    assert wq.list_facts(unresolved_conn, FactFilter(q="Gateway", type="launch"))["total"] == 0
