"""The FastAPI application: a read-only store, one route table, errors mapped in one place."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from spacecoop import __version__
from spacecoop.errors import BadQuery, NotFound, SpacecoopError, StoreError, UnreadableDocument
from spacecoop.settings import Settings
from spacecoop.web.guard import RequestGuard
from spacecoop.web.headers import SecurityHeaders
from spacecoop.web.render import JSON, templates

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"

STATUS_FOR = {NotFound: 404, BadQuery: 400, UnreadableDocument: 400, StoreError: 503}


def read_only_engine(settings: Settings) -> Engine:
    """An engine that cannot write: SQLite opened with mode=ro, PostgreSQL read-only transactions."""
    try:
        url = make_url(settings.db_url)
    except ArgumentError as exc:
        raise StoreError(f"{settings.db_shown}: not a database path or URL ({exc})") from exc
    if url.get_backend_name() != "sqlite":
        try:
            return create_engine(
                url, pool_pre_ping=True, connect_args={"options": "-c default_transaction_read_only=on"}
            )
        except Exception as exc:  # a missing driver or a malformed URL
            raise StoreError(f"{url.render_as_string(hide_password=True)}: {exc}") from exc
    path = Path(url.database or "")
    if not url.database or url.database == ":memory:" or not path.is_file():
        raise StoreError(f"{settings.db_shown}: no store here; create one with `spacecoop ingest` first")
    return create_engine(
        f"sqlite:///file:{path.resolve()}?mode=ro&uri=true", connect_args={"check_same_thread": False}
    )


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path.startswith("/openapi")


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSON({"error": {"status": status, "message": message}}, status_code=status)
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SpacecoopError)
    async def spacecoop_error(request: Request, exc: SpacecoopError) -> Response:
        status = next((code for kind, code in STATUS_FOR.items() if isinstance(exc, kind)), 500)
        return error_response(request, status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ())[1:]) or "request"
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(request, 400, "; ".join(problems) or "invalid parameters")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"{request.url.path}: no such page or API route (see /help)"
        response = error_response(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(SQLAlchemyError)
    async def store_failure(request: Request, exc: SQLAlchemyError) -> Response:
        log.exception("store query failed on %s", request.url.path)
        return error_response(request, 503, "the store could not answer this query; see the server log")


def app_from_env() -> FastAPI:
    """The app over the store named by SPACECOOP_DB: the factory `spacecoop serve --workers N` gives uvicorn."""
    from spacecoop.settings import settings_from_env

    return create_app(settings_from_env())


def _telemetry() -> dict:
    # FastAPI records OpenTelemetry spans, metrics and logs for every request, to no-op providers
    # unless an operator configures some; spacecoop configures none, so it records only when the
    # operator asks FastAPI to set providers up from the environment.
    if os.environ.get("FASTAPI_OTEL_AUTO_CONFIGURE", "").lower() == "true":
        return {}
    return {"tracing": False, "metrics": False, "logs": False, "operation_spans": False}


def create_app(settings: Settings, engine: Engine | None = None) -> FastAPI:
    """The web application over `settings.db` (or `engine`), read-only apart from the upload route."""
    from spacecoop.web.review_routes import router as review_router
    from spacecoop.web.routes import register

    app = FastAPI(
        title="spacecoop",
        version=__version__,
        description="Facts of international space cooperation, each with its evidence. "
        "Every HTML page has a JSON twin under /api.",
        # Swagger UI loads its script from a CDN; the product works offline, so /help lists the routes.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        default_response_class=JSON,
        telemetry=_telemetry(),
    )
    app.state.settings = settings
    app.state.engine = engine or read_only_engine(settings)
    _install_error_handlers(app)

    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestGuard)  # outermost: HEAD and NUL are settled before any route
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    register(app)
    app.include_router(review_router)  # review: write API, queue, corrections log and its feeds
    threading.Thread(target=_warm, args=(app.state.engine,), daemon=True, name="spacecoop-warm").start()
    return app


def _warm(engine: Engine) -> None:
    """Read the names and the network's counts once at start (seconds on a million facts), so
    the first visitor does not wait for them. A failure here is met again, and reported, by the
    first request that needs them."""
    from spacecoop.store import web_queries

    try:
        with engine.connect() as conn:
            web_queries.name_index(conn)
            if web_queries.is_resolved(conn):
                web_queries.warm_network(conn)
    except Exception:  # noqa: BLE001 - only a head start; requests report their own errors
        return
