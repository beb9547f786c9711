"""The cooperation network as GraphML for Gephi and Cytoscape: attributes are plain strings and numbers."""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from spacecoop.store import web_queries
from spacecoop.store.core import Store


def cooperation_graph(store: Store) -> nx.Graph:
    """Actors as nodes, shared agreements and meetings as weighted edges (every period, every actor)."""
    with store.engine.connect() as conn:
        data = web_queries.graph(conn, max_nodes=1_000_000)
        wikidata = {e["id"]: e["wikidata"] for e in web_queries.export_entities(conn)}
    g = nx.Graph(name="spacecoop cooperation network")
    for node in data["nodes"]:
        g.add_node(
            node["id"],
            label=node["name"],
            type=node["type"] or "",
            wikidata=wikidata.get(node["id"]) or "",
            weight=int(node["weight"]),
        )
    for edge in data["edges"]:
        g.add_edge(
            edge["source"],
            edge["target"],
            weight=int(edge["weight"]),
            agreements=int(edge["agreements"]),
            meetings=int(edge["meetings"]),
        )
    return g


def write_graphml(store: Store, out: BinaryIO) -> int:
    g = cooperation_graph(store)
    nx.write_graphml(g, out, encoding="utf-8")
    return g.number_of_edges()
