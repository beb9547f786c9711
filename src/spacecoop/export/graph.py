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
        dates = web_queries.pair_dates(conn)
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
        # Gephi reads `start` and `end` (ISO dates) as each edge's time interval: the first and
        # last agreement or meeting the two actors share. A year or month alone is widened.
        first, last = dates.get((edge["source"], edge["target"]), (None, None))
        g.add_edge(
            edge["source"],
            edge["target"],
            weight=int(edge["weight"]),
            agreements=int(edge["agreements"]),
            meetings=int(edge["meetings"]),
            start=_full_date(first, start=True),
            end=_full_date(last, start=False),
        )
    for node in g.nodes:
        starts = [g.edges[node, other]["start"] for other in g[node] if g.edges[node, other]["start"]]
        ends = [g.edges[node, other]["end"] for other in g[node] if g.edges[node, other]["end"]]
        g.nodes[node]["start"] = min(starts) if starts else ""
        g.nodes[node]["end"] = max(ends) if ends else ""
    return g


def _full_date(iso: str | None, start: bool) -> str:
    """An ISO prefix as a full date: its first day for a start, its last for an end."""
    if not iso or not iso[:4].isdigit():
        return ""
    parts = iso[:10].split("-")
    if len(parts) == 1:
        return f"{parts[0]}-01-01" if start else f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{iso[:7]}-01" if start else f"{iso[:7]}-28"
    return iso[:10]


def write_graphml(store: Store, out: BinaryIO) -> int:
    g = cooperation_graph(store)
    nx.write_graphml(g, out, encoding="utf-8")
    return g.number_of_edges()
