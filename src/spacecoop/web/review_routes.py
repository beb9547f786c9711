"""Review routes: the JSON write API (reviewer token), the review queue, the corrections log with
its Atom and JSON feeds, and the review pages. Included by app.py with one line."""

# No `from __future__ import annotations`: FastAPI must see the Annotated dependencies.
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from spacecoop.review.desk import Reresolver, queue
from spacecoop.store import review as rv
from spacecoop.store import review_operations as ops
from spacecoop.store import review_read as rr
from spacecoop.web.feeds import atom_feed, json_feed
from spacecoop.web.render import JSON, templates
from spacecoop.web.review_auth import require

router = APIRouter()
Reviewer = Annotated[dict, Depends(require("reviewer"))]
Reader = Annotated[dict, Depends(require("reader"))]
Admin = Annotated[dict, Depends(require("admin"))]


class Decision(BaseModel):
    version: int | None = Field(
        None, description="the fact's version you saw (0: never reviewed); a newer one is a 409"
    )
    reason: str | None = Field(None, max_length=2000)


class Edit(Decision):
    args: dict[str, str | list[str] | None] | None = None
    date: str | None = None
    status: str | None = None


class NewFact(BaseModel):
    doc_id: str
    type: str
    start: int
    end: int
    args: dict[str, str | list[str] | None] = {}
    date: str | None = None
    status: str | None = None
    reason: str | None = Field(None, max_length=2000)


class Merge(BaseModel):
    keep: str
    merge: str
    reason: str | None = Field(None, max_length=2000)


class EntitySplit(BaseModel):
    entity: str
    names: list[str]
    new_name: str | None = None
    reason: str | None = Field(None, max_length=2000)


class EventSplit(BaseModel):
    event: str
    facts: list[str]
    reason: str | None = Field(None, max_length=2000)


class Withdrawal(BaseModel):
    reason: str | None = Field(None, max_length=2000)


class NewToken(BaseModel):
    name: str = Field(..., min_length=1, max_length=200)
    role: str


def _store(request: Request):
    """A writable store next to the app's read-only engine, opened on the first write."""
    state = request.app.state
    if getattr(state, "review_store", None) is None:
        from spacecoop.store.core import Store

        state.review_store = Store.open(state.settings)
        state.reresolve = Reresolver(lambda: Store.open(state.settings))
    return state.review_store


def _write(
    request: Request, tasks: BackgroundTasks | None, action, *args, http_status: int = 200, **kwargs
) -> Response:
    store = _store(request)
    try:
        result = rv.write(store.engine, action, *args, **kwargs)
    except rv.Conflict as error:
        return JSON(
            {"error": {"status": 409, "message": str(error)}, "current": error.current}, status_code=409
        )
    if tasks is not None:
        # Events and entity pages follow the change once resolution has run again.
        tasks.add_task(request.app.state.reresolve)
    return JSON(result, status_code=http_status)


def _read(request: Request, function, *args, **kwargs) -> Any:
    with request.app.state.engine.connect() as conn:
        return function(conn, *args, **kwargs)


# --- writes ---------------------------------------------------------------------------------------


@router.post("/api/review/facts/{fact_id}/accept", summary="Accept a fact (reviewer)")
def accept(fact_id: str, body: Decision, who: Reviewer, request: Request, tasks: BackgroundTasks) -> Response:
    return _write(
        request, tasks, rv.decide, fact_id, "accept", who["name"], reason=body.reason, version=body.version
    )


@router.post("/api/review/facts/{fact_id}/reject", summary="Reject a fact, with a reason (reviewer)")
def reject(fact_id: str, body: Decision, who: Reviewer, request: Request, tasks: BackgroundTasks) -> Response:
    return _write(
        request, tasks, rv.decide, fact_id, "reject", who["name"], reason=body.reason, version=body.version
    )


@router.post("/api/review/facts/{fact_id}/edit", summary="Edit a fact's arguments, date or status (reviewer)")
def edit(fact_id: str, body: Edit, who: Reviewer, request: Request, tasks: BackgroundTasks) -> Response:
    edits = rv.Edits(args=body.args, date=body.date, status=body.status)
    return _write(request, tasks, rv.decide, fact_id, "edit", who["name"], reason=body.reason,
                  version=body.version, edits=edits)  # fmt: skip


@router.post("/api/review/facts", status_code=201, summary="Add a fact with its evidence span (reviewer)")
def add(body: NewFact, who: Reviewer, request: Request, tasks: BackgroundTasks) -> Response:
    return _write(request, tasks, rv.add_fact, body.doc_id, body.type, body.start, body.end, body.args,
                  who["name"], date=body.date, status=body.status, reason=body.reason, http_status=201)  # fmt: skip


@router.post("/api/review/entities/merge", summary="Merge two entities (reviewer)")
def merge_entities(body: Merge, who: Reviewer, request: Request, tasks: BackgroundTasks) -> Response:
    return _write(request, tasks, ops.record_operation, "merge_entities", who["name"], body.reason,
                  keep=body.keep, merge=body.merge)  # fmt: skip


@router.post("/api/review/entities/split", summary="Split aliases off an entity (reviewer)")
def split_entity(body: EntitySplit, who: Reviewer, request: Request, tasks: BackgroundTasks) -> Response:
    return _write(request, tasks, ops.record_operation, "split_entity", who["name"], body.reason,
                  entity=body.entity, names=body.names, new_name=body.new_name)  # fmt: skip


@router.post("/api/review/events/merge", summary="Merge two events (reviewer)")
def merge_events(body: Merge, who: Reviewer, request: Request, tasks: BackgroundTasks) -> Response:
    return _write(request, tasks, ops.record_operation, "merge_events", who["name"], body.reason,
                  keep=body.keep, merge=body.merge)  # fmt: skip


@router.post("/api/review/events/split", summary="Split source facts off an event (reviewer)")
def split_event(body: EventSplit, who: Reviewer, request: Request, tasks: BackgroundTasks) -> Response:
    return _write(request, tasks, ops.record_operation, "split_event", who["name"], body.reason,
                  event=body.event, facts=body.facts)  # fmt: skip


@router.post("/api/review/operations/{curation_id}/withdraw", summary="Undo a merge or split (reviewer)")
def withdraw(
    curation_id: str, body: Withdrawal, who: Reviewer, request: Request, tasks: BackgroundTasks
) -> Response:
    return _write(request, tasks, ops.withdraw, curation_id, who["name"], body.reason)


@router.post("/api/review/tokens", status_code=201, summary="Create a token (admin)")
def create_token(body: NewToken, who: Admin, request: Request) -> Response:
    return _write(request, None, rr.create_token, body.name, body.role, http_status=201)


@router.post("/api/review/tokens/{token_id}/revoke", summary="Revoke a token (admin)")
def revoke_token(token_id: str, who: Admin, request: Request) -> Response:
    _write(request, None, rr.revoke_token, token_id, who["name"])
    return JSON({"id": token_id, "revoked": True})


# --- reads ----------------------------------------------------------------------------------------


@router.get("/api/review/whoami", summary="The token's holder and role")
def whoami(who: Reader) -> Response:
    return JSON(who)


@router.get("/api/review/queue", summary="Facts to review, most urgent first (reader token)")
def review_queue(who: Reader, request: Request, limit: int = Query(50, ge=1, le=500),
                 offset: int = Query(0, ge=0)) -> Response:  # fmt: skip
    return JSON(_read(request, queue, limit=limit, offset=offset))


@router.get("/api/review/tokens", summary="Tokens (admin)")
def tokens(who: Admin, request: Request) -> Response:
    return JSON(_read(request, rr.list_tokens))


@router.get("/api/review/facts/{fact_id}", summary="A fact's review status, version and history")
def fact_history(fact_id: str, request: Request) -> Response:
    return JSON(_history(request, fact_id))


def _history(request: Request, fact_id: str) -> dict:
    state = _read(request, rv.fact_state, fact_id)
    return {"fact": state, "log": _read(request, rr.log_entries, target=fact_id, limit=None)}


@router.get("/api/review/changes", summary="Decisions whose evidence changed at the last re-extraction")
def changes(request: Request) -> Response:
    return JSON(_read(request, rr.changed_decisions))


@router.get("/api/review/log", summary="The corrections log, newest first")
def log(request: Request, limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0),
        target: str | None = Query(None, max_length=200)) -> Response:  # fmt: skip
    return JSON({"total": _read(request, rr.log_count),
                 "items": _read(request, rr.log_entries, target=target, limit=limit, offset=offset)})  # fmt: skip


def _public_log(request: Request) -> list[dict]:
    # Token administration is not a correction of the record: the public feeds leave it out.
    return [e for e in _read(request, rr.log_entries, limit=200) if e["target_kind"] != "token"][:50]


@router.get("/review/log.atom", summary="The corrections log as an Atom feed")
def log_atom(request: Request) -> Response:
    base = str(request.base_url).rstrip("/")
    return Response(atom_feed(_public_log(request), base), media_type="application/atom+xml; charset=utf-8")


@router.get("/review/log.json", summary="The corrections log as a JSON Feed")
def log_json_feed(request: Request) -> Response:
    base = str(request.base_url).rstrip("/")
    return JSON(json_feed(_public_log(request), base), media_type="application/feed+json")


# --- pages ----------------------------------------------------------------------------------------


def _page(request: Request, template: str, context: dict, api_url: str | None) -> Response:
    return templates.TemplateResponse(request, template, {"page": "review", "api_url": api_url, **context})


@router.get("/review", include_in_schema=False)
def review_page(request: Request) -> Response:
    return _page(request, "review.html", {}, None)


@router.get("/review/log", include_in_schema=False)
def log_page(request: Request, offset: int = Query(0, ge=0)) -> Response:
    items = [
        e for e in _read(request, rr.log_entries, limit=100, offset=offset) if e["target_kind"] != "token"
    ]
    return _page(request, "review_log.html", {"items": items, "offset": offset,
                                              "total": _read(request, rr.log_count)}, "/api/review/log")  # fmt: skip


@router.get("/review/facts/{fact_id}", include_in_schema=False)
def fact_page(fact_id: str, request: Request) -> Response:
    return _page(request, "review_fact.html", _history(request, fact_id), f"/api/review/facts/{fact_id}")


@router.get("/review/documents/{doc_ref}", include_in_schema=False)
def document_page(doc_ref: str, request: Request) -> Response:
    from spacecoop.store.core import Store

    doc = Store(request.app.state.engine).document(doc_ref)  # reads only: the read-only engine will do
    context = {"doc": {k: doc[k] for k in ("id", "key", "title", "text", "date", "publisher")}}
    return _page(request, "review_document.html", context, None)
