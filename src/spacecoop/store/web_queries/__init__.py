"""Read queries behind the HTTP API, the web UI and the exports.

Every function takes an open SQLAlchemy `Connection` and returns plain dicts and lists, so one
result renders as JSON and as HTML. "Facts" here are resolved events when the resolution tables
are filled, and the per-document facts otherwise (each then stands alone with one source).
Every list is paged with LIMIT/OFFSET over composite indexes, so a large store answers a page as
fast as a small one. One module per kind of page; this package exports what the rest of spacecoop
calls.
"""

from spacecoop.store.web_queries.common import (
    HIT_CLOSE,
    HIT_OPEN,
    SORTS,
    FactFilter,
    is_resolved,
)
from spacecoop.store.web_queries.documents import document_detail, document_raw, list_documents
from spacecoop.store.web_queries.entities import (
    entity_detail,
    list_entities,
    list_offices,
    office_terms,
    readable,
)
from spacecoop.store.web_queries.exports import (
    export_documents,
    export_entities,
    export_events,
    export_facts,
    export_links,
    export_offices,
)
from spacecoop.store.web_queries.facets import fact_facets
from spacecoop.store.web_queries.facts import date_range, fact_detail, list_facts, timeline, undated, years
from spacecoop.store.web_queries.lookup import country_of, fold, match_name, name_index, resolve_actors
from spacecoop.store.web_queries.names import entity_ids_for, entity_names
from spacecoop.store.web_queries.network import edge_facts, graph, overview, pair_dates, top_actors
from spacecoop.store.web_queries.pair_cache import warm as warm_network
from spacecoop.store.web_queries.search import SearchFilter, search

__all__ = [
    "HIT_CLOSE",
    "HIT_OPEN",
    "SORTS",
    "FactFilter",
    "SearchFilter",
    "date_range",
    "document_detail",
    "document_raw",
    "edge_facts",
    "entity_detail",
    "entity_ids_for",
    "entity_names",
    "export_documents",
    "export_entities",
    "export_events",
    "export_facts",
    "export_links",
    "export_offices",
    "country_of",
    "fact_detail",
    "fact_facets",
    "fold",
    "match_name",
    "name_index",
    "readable",
    "resolve_actors",
    "graph",
    "is_resolved",
    "list_documents",
    "list_entities",
    "list_facts",
    "list_offices",
    "office_terms",
    "overview",
    "pair_dates",
    "search",
    "timeline",
    "top_actors",
    "undated",
    "warm_network",
    "years",
]
