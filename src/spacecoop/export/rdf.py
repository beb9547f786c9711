"""The store as RDF: Turtle and JSON-LD, written as a stream of subjects.

Stable IRIs: entities, facts, events and documents are named by their store ids under
https://spacecoop.example/id/, so two exports of the same store name the same things.
Each fact carries its provenance with PROV-O: the document it was derived from, and an
evidence node with the quoted sentence and its character offsets in the clean text.
Known Wikidata ids become owl:sameAs links.

The triples are produced one subject at a time and written as they come (terms rendered by
rdflib), so a store of 100,000 facts is exported without holding a graph of millions of
triples in memory; `build_graph` gives the same triples as an rdflib Graph for small stores.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, NamespaceManager
from rdflib.term import Node

from spacecoop.store import web_queries
from spacecoop.store.core import Store

BASE = "https://spacecoop.example/id/"
SC = Namespace("https://spacecoop.example/vocab#")
WD = Namespace("http://www.wikidata.org/entity/")
TYPE_CLASS = {"agreement": SC.Agreement, "meeting": SC.Meeting, "launch": SC.Launch, "role": SC.Role}
PREFIXES = {
    "sc": str(SC),
    "prov": str(PROV),
    "owl": str(OWL),
    "rdfs": str(RDFS),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
    "wd": str(WD),
}

Block = tuple[URIRef, list[tuple[URIRef, Node]]]  # one subject and its (predicate, object) pairs


def iri(kind: str, ident: str) -> URIRef:
    return URIRef(BASE + kind + "/" + quote(ident, safe=""))


def _date(value: str) -> Literal:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)


def _args(args: dict) -> list[tuple[URIRef, Node]]:
    pairs = []
    for key, value in sorted(args.items()):
        for item in value if isinstance(value, list) else [value]:
            if item not in (None, "") and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
                pairs.append((SC[key], Literal(str(item))))
    return pairs


def _dated(pairs: list, prop: URIRef, value: str | None) -> None:
    if value:
        pairs.append((prop, _date(value)))


def _names(value) -> str:
    values = value if isinstance(value, list) else [value]
    return ", ".join(str(v) for v in values if v)


def event_title(kind: str, args: dict, date: str | None) -> str:
    """A title a triple-store browser can list an event by: who, what and when."""
    if kind == "agreement":
        text = f"{' – '.join(map(str, args.get('parties') or [])) or 'Agreement'}: {args.get('title') or 'agreement'}"
    elif kind == "meeting":
        text = f"Meeting of {_names(args.get('participants')) or _names(args.get('organizations')) or '?'}"
    elif kind == "launch":
        text = f"Launch of {args.get('vehicle') or '?'}" + (
            f" with {_names(args.get('payloads'))}" if args.get("payloads") else ""
        )
    elif kind == "role":
        text = f"{args.get('person') or '?'}, {args.get('role') or 'role'}" + (
            f" of {args['organization']}" if args.get("organization") else ""
        )
    else:
        text = kind
    return f"{text} ({date})" if date else text


def blocks(store: Store) -> Iterator[Block]:
    """Every subject of the export with its predicates and objects."""
    with store.engine.connect() as conn:
        documents = web_queries.export_documents(conn)
        entities = web_queries.export_entities(conn)
        events = web_queries.export_events(conn)
        offices = web_queries.export_offices(conn)
        links = web_queries.export_links(conn)
        facts = web_queries.export_facts(conn)
    for d in documents:
        pairs = [(RDF.type, SC.Document), (RDF.type, PROV.Entity), (SC.key, Literal(d["key"]))]
        for prop, key in (
            (DCTERMS.title, "title"),
            (DCTERMS.publisher, "publisher"),
            (DCTERMS.language, "language"),
        ):
            if d[key]:
                pairs.append((prop, Literal(d[key])))
        _dated(pairs, DCTERMS.date, d["date"])
        if d["url"]:
            pairs.append((DCTERMS.source, Literal(d["url"])))
        yield iri("document", d["id"]), pairs
    for e in entities:
        pairs = [(RDF.type, SC.Entity), (SC.entityType, Literal(e["type"])), (RDFS.label, Literal(e["name"]))]
        pairs += [(SC.alias, Literal(a)) for a in e["aliases"]]
        if e["wikidata"] and re.fullmatch(r"Q\d+", e["wikidata"]):
            pairs.append((OWL.sameAs, WD[e["wikidata"]]))
        elif e["wikidata"]:
            pairs.append((SC.wikidata, Literal(e["wikidata"])))  # not an item id: kept, unlinked
        pairs += [(SC.predecessor, iri("entity", other)) for other in e["predecessors"]]
        pairs += [(SC.successor, iri("entity", other)) for other in e["successors"]]
        yield iri("entity", e["id"]), pairs
    for f in facts:
        node = iri("fact", f["id"])
        evidence = URIRef(str(node) + "#evidence")
        pairs = [
            (RDF.type, SC.Fact),
            (RDF.type, TYPE_CLASS.get(f["type"], SC.Fact)),
            (SC.factType, Literal(f["type"])),
        ]
        pairs += _args(f["args"])
        _dated(pairs, SC.date, f["date"])
        if f["status"]:
            pairs.append((SC.status, Literal(f["status"])))
        pairs.append((SC.confidence, Literal(float(f["confidence"]), datatype=XSD.double)))
        pairs.append((PROV.wasDerivedFrom, iri("document", f["doc_id"])))
        pairs.append((SC.evidence, evidence))
        if f["event_id"]:
            pairs.append((SC.reports, iri("event", f["event_id"])))
        yield node, pairs
        yield (
            evidence,
            [
                (RDF.type, SC.Evidence),
                (PROV.value, Literal(f["evidence_text"])),
                (PROV.wasQuotedFrom, iri("document", f["doc_id"])),
                (SC.start, Literal(int(f["evidence_start"]))),
                (SC.end, Literal(int(f["evidence_end"]))),
            ],
        )
    for ev in events:
        pairs = [
            (RDF.type, SC.Event),
            (RDF.type, TYPE_CLASS.get(ev["type"], SC.Event)),
            (SC.factType, Literal(ev["type"])),
            (DCTERMS.title, Literal(event_title(ev["type"], ev["args"], ev["date"]))),
        ]
        _dated(pairs, SC.date, ev["date"])
        if ev["status"]:
            pairs.append((SC.status, Literal(ev["status"])))
        pairs.append((SC.confidence, Literal(float(ev["confidence"]), datatype=XSD.double)))
        pairs += [(SC.conflict, Literal(c)) for c in ev["conflicts"]]
        pairs += [
            (SC[role], iri("entity", entity_id)) for role, entity_id in ev["entities"] if role.isidentifier()
        ]
        pairs += [(PROV.wasDerivedFrom, iri("fact", fact_id)) for fact_id in ev["facts"]]
        yield iri("event", ev["id"]), pairs
    for o in offices:
        basis = "|".join(str(o[k]) for k in ("office", "organization", "person", "start"))
        pairs = [
            (RDF.type, SC.OfficeTerm),
            (SC.office, Literal(o["office"])),
            (SC.organization, iri("entity", o["organization"])),
            (SC.holder, iri("entity", o["person"])),
        ]
        _dated(pairs, SC.start, o["start"])
        _dated(pairs, SC.end, o["end"])
        pairs += [(PROV.wasDerivedFrom, iri("event", e)) for e in o["event_ids"]]
        yield iri("office-term", hashlib.sha256(basis.encode()).hexdigest()[:16]), pairs
    for link in links:
        source, target = iri("event", link["from_event"]), iri("event", link["to_event"])
        kind = _camel(link["kind"])
        basis = "|".join((link["from_event"], link["to_event"], link["kind"]))
        yield source, [(SC[kind], target)]
        pairs = [
            (RDF.type, SC.Link),
            (SC.source, source),
            (SC.target, target),
            (SC.kind, Literal(link["kind"])),
        ]
        if link["note"]:
            pairs.append((RDFS.comment, Literal(link["note"])))
        yield iri("link", hashlib.sha256(basis.encode()).hexdigest()[:16]), pairs


def _camel(kind: str) -> str:
    head, *rest = re.sub(r"\W", "_", kind).split("_")
    return head + "".join(part.capitalize() for part in rest)


def build_graph(store: Store) -> Graph:
    """The export as an rdflib Graph (for small stores and tests)."""
    g = Graph()
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    for subject, pairs in blocks(store):
        for predicate, obj in pairs:
            g.add((subject, predicate, obj))
    return g


def count_facts(g: Graph) -> int:
    """How many per-document facts a graph holds (what an export must preserve)."""
    return len(set(g.subjects(RDF.type, SC.Fact)))


def _turtle_terms(manager: NamespaceManager):
    # Our own IRI shortening: rdflib's asks its namespace trie about every new IRI, which grows
    # with each fact and makes a large export quadratic.
    local = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")

    def term(t: Node) -> str:
        if isinstance(t, URIRef):
            for prefix, namespace in PREFIXES.items():
                if t.startswith(namespace) and local.fullmatch(t[len(namespace) :]):
                    return f"{prefix}:{t[len(namespace) :]}"
            return t.n3()
        return t.n3(manager)

    return term


def write_turtle(store: Store, out: BinaryIO) -> int:
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace)
        out.write(f"@prefix {prefix}: <{namespace}> .\n".encode())
    term = _turtle_terms(manager)
    facts = 0
    for subject, pairs in blocks(store):
        facts += (RDF.type, SC.Fact) in pairs
        lines = [f"    {term(p)} {term(o)}" for p, o in pairs]
        out.write(f"\n{term(subject)}\n".encode() + " ;\n".join(lines).encode("utf-8") + b" .\n")
    return facts


def _jsonld_object(obj: Node) -> dict:
    if isinstance(obj, Literal):
        value: dict = {"@value": obj.toPython() if obj.datatype in (XSD.double, XSD.integer) else str(obj)}
        if obj.datatype and obj.datatype not in (XSD.string,):
            value["@type"] = str(obj.datatype)
        if obj.language:
            value["@language"] = obj.language
        return value
    return {"@id": str(obj)}


def write_jsonld(store: Store, out: BinaryIO) -> int:
    out.write(b'{"@context": ' + json.dumps(PREFIXES).encode() + b', "@graph": [')
    facts = 0
    for i, (subject, pairs) in enumerate(blocks(store)):
        facts += (RDF.type, SC.Fact) in pairs
        node: dict = {"@id": str(subject)}
        types = [str(o) for p, o in pairs if p == RDF.type]
        if types:
            node["@type"] = types
        for p, o in pairs:
            if p != RDF.type:
                node.setdefault(str(p), []).append(_jsonld_object(o))
        out.write((b",\n" if i else b"\n") + json.dumps(node, ensure_ascii=False).encode("utf-8"))
    out.write(b"\n]}\n")
    return facts
