"""The route table: every page is one data function with two renderings, HTML and its JSON twin."""

# No `from __future__ import annotations`: FastAPI must see the Annotated dependencies built in closures.
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import PlainTextResponse, Response

from spacecoop.web import tables, views
from spacecoop.web.params import (
    EntityPageParams,
    FactParams,
    GraphParams,
    ListParams,
    OfficeParams,
    RefParams,
    SearchParams,
    TimelineParams,
)
from spacecoop.web.render import JSON, templates
from spacecoop.web.upload import upload_document


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # the HTML page
    api_path: str  # its JSON twin
    view: Callable
    params: type | None
    template: str
    summary: str
    present: Callable | None = None
    # (name, data function): more data the HTML page shows, each with its own JSON route.
    extras: tuple[tuple[str, str, Callable], ...] = ()


PAGES = (
    Page("home", "/", "/api/overview", views.home, None, "home.html", "Counts, date range and where to start"),
    Page("timeline", "/timeline", "/api/timeline", views.timeline, TimelineParams, "timeline.html",
         "Facts along time, one lane per type; filter by actor, type, status and period",
         views.present_timeline, (("years", "/api/timeline/years", views.timeline_years),
                                  ("undated", "/api/timeline/undated", views.timeline_undated),
                                  ("offices", "/api/timeline/offices", views.timeline_offices))),
    Page("network", "/network", "/api/graph", views.network, GraphParams, "network.html",
         "Who cooperates with whom: actors and their shared agreements and meetings, by period",
         views.present_network),
    Page("facts", "/facts", "/api/facts", views.facts, FactParams, "facts.html",
         "Facts (resolved events when available), filtered, sorted and paged", None,
         (("facets", "/api/facts/facets", views.fact_facets),)),
    Page("fact", "/facts/{id}", "/api/facts/{id}", views.fact, RefParams, "fact.html",
         "One fact with every source, its evidence, date, confidence and conflicts"),
    Page("documents", "/documents", "/api/documents", views.documents, ListParams, "documents.html",
         "Documents in the store, newest first"),
    Page("document", "/documents/{id}", "/api/documents/{id}", views.document, RefParams, "document.html",
         "A document's clean text with each fact's evidence highlighted", views.present_document),
    Page("entities", "/entities", "/api/entities", views.entities, ListParams, "entities.html",
         "Agencies, governments, people, vehicles and sites"),
    Page("entity", "/entities/{id}", "/api/entities/{id}", views.entity, EntityPageParams, "entity.html",
         "An entity: aliases, offices over time, partners and facts", views.present_entity),
    Page("offices", "/offices", "/api/offices", views.offices, OfficeParams, "offices.html",
         "Who held which office when"),
    Page("search", "/search", "/api/search", views.search, SearchParams, "search.html",
         "Full-text search over documents and facts with facets (type, actor, year, publisher)"),
)  # fmt: skip


def _no_params() -> None:
    return None


def _data(request: Request, view: Callable, params) -> dict:
    with request.app.state.engine.connect() as conn:
        return view(conn, params)


def _json_route(page: Page) -> Callable:
    def endpoint(request: Request, params: Annotated[Any, Depends(page.params or _no_params)]) -> Response:
        return JSON(_data(request, page.view, params))

    endpoint.__doc__ = page.summary
    return endpoint


def _html_route(page: Page) -> Callable:
    def endpoint(request: Request, params: Annotated[Any, Depends(page.params or _no_params)]) -> Response:
        data = _data(request, page.view, params)
        api_url = page.api_path.format(**request.path_params)
        if request.url.query:
            api_url += "?" + request.url.query
        params_dict = {
            k: (v if len(v := request.query_params.getlist(k)) > 1 or k == "actor" else v[0])
            for k in request.query_params
        }
        context = {"data": data, "page": page.name, "api_url": api_url, "params": params_dict}
        context.update({name: _data(request, view, params) for name, _, view in page.extras})
        if page.present:
            context.update(page.present(data, context))
        return templates.TemplateResponse(request, page.template, context)

    return endpoint


def _raw_text(request: Request, params: Annotated[RefParams, Depends()]) -> Response:
    """A document's raw original, as plain text (never interpreted as a page)."""
    raw = _data(request, views.document_raw, params)
    return PlainTextResponse(
        raw["raw_text"] or "",
        headers={"Content-Security-Policy": "sandbox; default-src 'none'"},
    )


def _raw_json(request: Request, params: Annotated[RefParams, Depends()]) -> Response:
    """A document's raw original text, before cleaning."""
    return JSON(_data(request, views.document_raw, params))


# Every table's CSV twin: the same parameters as its page, one page of rows (at most `limit`).
CSV_TABLES = (
    ("facts", FactParams, views.facts, tables.facts_rows),
    ("documents", ListParams, views.documents, tables.documents_rows),
    ("entities", ListParams, views.entities, tables.entities_rows),
    ("offices", OfficeParams, views.offices, tables.offices_rows),
)


def _csv_route(name: str, params_type: type, view: Callable, rows: Callable) -> Callable:
    def endpoint(request: Request, params: Annotated[Any, Depends(params_type)]) -> Response:
        return Response(
            tables.as_csv(*rows(_data(request, view, params))),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="spacecoop-{name}.csv"'},
        )

    endpoint.__doc__ = f"The {name} table with the same filters, as CSV (one page: at most `limit` rows)."
    return endpoint


def _health(request: Request) -> Response:
    """Liveness: answers without touching the store."""
    return JSON({"status": "ok"})


def _help(request: Request) -> Response:
    return templates.TemplateResponse(request, "help.html", {"pages": PAGES, "page": "help", "api_url": None})


def register(app: FastAPI) -> None:
    """Add every page, its JSON twin and the API-only routes to `app`."""
    app.add_api_route("/api/health", _health, methods=["GET"], summary="Liveness")
    for name, params_type, view, rows in CSV_TABLES:
        app.add_api_route(f"/api/{name}.csv", _csv_route(name, params_type, view, rows), methods=["GET"],
                          summary=f"{name.capitalize()} as CSV", operation_id=f"get_{name}_csv")  # fmt: skip
    app.add_api_route("/api/documents/{id}/raw", _raw_json, methods=["GET"], summary="Raw original (JSON)")
    app.add_api_route(
        "/api/documents", upload_document, methods=["POST"], status_code=201, summary="Upload a document"
    )
    for page in PAGES:
        for name, path, view in page.extras:
            extra = Page(
                f"{page.name}_{name}", "", path, view, page.params, "", f"{page.name.capitalize()}: {name}"
            )
            app.add_api_route(path, _json_route(extra), methods=["GET"], name=f"api_{extra.name}",
                              summary=extra.summary, operation_id=f"get_{extra.name}")  # fmt: skip
        app.add_api_route(page.api_path, _json_route(page), methods=["GET"], name=f"api_{page.name}",
                          summary=page.summary, operation_id=f"get_{page.name}")  # fmt: skip
    app.add_api_route("/help", _help, methods=["GET"], include_in_schema=False)
    app.add_api_route("/documents/{id}/raw", _raw_text, methods=["GET"], include_in_schema=False)
    for page in PAGES:
        app.add_api_route(
            page.path, _html_route(page), methods=["GET"], name=page.name, include_in_schema=False
        )
