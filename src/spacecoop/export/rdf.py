"""The store as RDF (JSON-LD and Turtle, with rdflib).

Stable IRIs: entities, facts, events and documents are named by their store ids under
https://spacecoop.example/id/, so two exports of the same store name the same things.
Each fact carries its provenance with PROV-O: the document it was derived from, and an
evidence node with the quoted sentence and its character offsets in the clean text.
Known Wikidata ids become owl:sameAs links.
"""

from __future__ import annotations

import hashlib
import re
from typing import BinaryIO
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV

from spacecoop.store import web_queries
from spacecoop.store.core import Store

BASE = "https://spacecoop.example/id/"
SC = Namespace("https://spacecoop.example/vocab#")
WD = Namespace("http://www.wikidata.org/entity/")
TYPE_CLASS = {"agreement": SC.Agreement, "meeting": SC.Meeting, "launch": SC.Launch, "role": SC.Role}
CONTEXT = {
    "sc": str(SC),
    "prov": str(PROV),
    "owl": str(OWL),
    "rdfs": str(RDFS),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
}


def iri(kind: str, ident: str) -> URIRef:
    return URIRef(BASE + kind + "/" + quote(ident, safe=""))


def _date(value: str | None) -> Literal | None:
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)


def _add_args(g: Graph, node: URIRef, args: dict) -> None:
    for key, value in sorted(args.items()):
        for item in value if isinstance(value, list) else [value]:
            if item not in (None, ""):
                g.add((node, SC[key], Literal(str(item))))


def build_graph(store: Store) -> Graph:
    with store.engine.connect() as conn:
        documents = web_queries.export_documents(conn)
        entities = web_queries.export_entities(conn)
        facts = web_queries.export_facts(conn)
        events = web_queries.export_events(conn)
        offices = web_queries.export_offices(conn)
        links = web_queries.export_links(conn)
    g = Graph()
    for prefix, namespace in CONTEXT.items():
        g.bind(prefix, namespace)
    g.bind("wd", WD)

    for d in documents:
        node = iri("document", d["id"])
        g.add((node, RDF.type, SC.Document))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, SC.key, Literal(d["key"])))
        for prop, key in (
            (DCTERMS.title, "title"),
            (DCTERMS.publisher, "publisher"),
            (DCTERMS.language, "language"),
        ):
            if d[key]:
                g.add((node, prop, Literal(d[key])))
        if d["date"]:
            g.add((node, DCTERMS.date, _date(d["date"])))
        if d["url"]:
            g.add((node, DCTERMS.source, Literal(d["url"])))

    for e in entities:
        node = iri("entity", e["id"])
        g.add((node, RDF.type, SC.Entity))
        g.add((node, SC.entityType, Literal(e["type"])))
        g.add((node, RDFS.label, Literal(e["name"])))
        for alias in e["aliases"]:
            g.add((node, SC.alias, Literal(alias)))
        if e["wikidata"] and re.fullmatch(r"Q\d+", e["wikidata"]):
            g.add((node, OWL.sameAs, WD[e["wikidata"]]))
        elif e["wikidata"]:
            g.add((node, SC.wikidata, Literal(e["wikidata"])))  # not an item id: keep it, unlinked
        for other in e["predecessors"]:
            g.add((node, SC.predecessor, iri("entity", other)))
        for other in e["successors"]:
            g.add((node, SC.successor, iri("entity", other)))

    for f in facts:
        node = iri("fact", f["id"])
        g.add((node, RDF.type, SC.Fact))
        g.add((node, RDF.type, TYPE_CLASS.get(f["type"], SC.Fact)))
        g.add((node, SC.factType, Literal(f["type"])))
        _add_args(g, node, f["args"])
        if f["date"]:
            g.add((node, SC.date, _date(f["date"])))
        if f["status"]:
            g.add((node, SC.status, Literal(f["status"])))
        g.add((node, SC.confidence, Literal(float(f["confidence"]), datatype=XSD.double)))
        document = iri("document", f["doc_id"])
        g.add((node, PROV.wasDerivedFrom, document))
        evidence = URIRef(str(node) + "#evidence")
        g.add((node, SC.evidence, evidence))
        g.add((evidence, RDF.type, SC.Evidence))
        g.add((evidence, PROV.value, Literal(f["evidence_text"])))
        g.add((evidence, PROV.wasQuotedFrom, document))
        g.add((evidence, SC.start, Literal(int(f["evidence_start"]))))
        g.add((evidence, SC.end, Literal(int(f["evidence_end"]))))
        if f["event_id"]:
            g.add((node, SC.reports, iri("event", f["event_id"])))

    for ev in events:
        node = iri("event", ev["id"])
        g.add((node, RDF.type, SC.Event))
        g.add((node, RDF.type, TYPE_CLASS.get(ev["type"], SC.Event)))
        g.add((node, SC.factType, Literal(ev["type"])))
        if ev["date"]:
            g.add((node, SC.date, _date(ev["date"])))
        if ev["status"]:
            g.add((node, SC.status, Literal(ev["status"])))
        g.add((node, SC.confidence, Literal(float(ev["confidence"]), datatype=XSD.double)))
        for conflict in ev["conflicts"]:
            g.add((node, SC.conflict, Literal(conflict)))
        for role, entity_id in ev["entities"]:
            g.add((node, SC[role], iri("entity", entity_id)))
        for fact_id in ev["facts"]:
            g.add((node, PROV.wasDerivedFrom, iri("fact", fact_id)))

    for o in offices:
        basis = "|".join(str(o[k]) for k in ("office", "organization", "person", "start"))
        node = iri("office-term", hashlib.sha256(basis.encode()).hexdigest()[:16])
        g.add((node, RDF.type, SC.OfficeTerm))
        g.add((node, SC.office, Literal(o["office"])))
        g.add((node, SC.organization, iri("entity", o["organization"])))
        g.add((node, SC.holder, iri("entity", o["person"])))
        if o["start"]:
            g.add((node, SC.start, _date(o["start"])))
        if o["end"]:
            g.add((node, SC.end, _date(o["end"])))
        for event_id in o["event_ids"]:
            g.add((node, PROV.wasDerivedFrom, iri("event", event_id)))

    for link in links:
        node = BNode()
        g.add((iri("event", link["from_event"]), SC[_camel(link["kind"])], iri("event", link["to_event"])))
        if link["note"]:
            g.add((node, RDF.type, RDF.Statement))
            g.add((node, RDF.subject, iri("event", link["from_event"])))
            g.add((node, RDF.predicate, SC[_camel(link["kind"])]))
            g.add((node, RDF.object, iri("event", link["to_event"])))
            g.add((node, RDFS.comment, Literal(link["note"])))
    return g


def _camel(kind: str) -> str:
    head, *rest = kind.split("_")
    return head + "".join(part.capitalize() for part in rest)


def count_facts(g: Graph) -> int:
    """How many per-document facts a graph holds (what an export must preserve)."""
    return len(set(g.subjects(RDF.type, SC.Fact)))


def write_turtle(store: Store, out: BinaryIO) -> int:
    g = build_graph(store)
    g.serialize(destination=out, format="turtle", encoding="utf-8")
    return count_facts(g)


def write_jsonld(store: Store, out: BinaryIO) -> int:
    g = build_graph(store)
    g.serialize(destination=out, format="json-ld", context=CONTEXT, encoding="utf-8")
    return count_facts(g)
