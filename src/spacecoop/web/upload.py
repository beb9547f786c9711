"""POST /api/documents: ingest one uploaded document. Off unless an upload token is configured."""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import tempfile
from pathlib import Path

from fastapi import HTTPException, Query, Request
from fastapi.responses import Response

from spacecoop.settings import Settings
from spacecoop.web.render import JSON

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _check_token(settings: Settings, request: Request) -> None:
    if not settings.upload_token:
        raise HTTPException(
            403, "uploads are off: the server has no upload token (set SPACECOOP_UPLOAD_TOKEN)"
        )
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.encode(), settings.upload_token.encode()):
        raise HTTPException(401, "give the upload token as 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})  # fmt: skip


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"upload of {declared} bytes is over the limit of {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise HTTPException(413, f"upload is over the limit of {limit} bytes")
    if not body:
        raise HTTPException(400, "the upload is empty: send the document's bytes as the request body")
    return bytes(body)


def _ingest(settings: Settings, app_state, name: str, data: bytes) -> dict:
    # Imported here: the pipeline is heavy and only this route needs it.
    from spacecoop.pipeline import load
    from spacecoop.pipeline.analyze import analyze
    from spacecoop.sources import read_source
    from spacecoop.store.core import Store

    if getattr(app_state, "nlp", None) is None:
        app_state.nlp = load(settings)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        document = read_source(str(path))
    analyzed = analyze(document, app_state.nlp)
    store = Store.open(settings)
    try:
        created = store.save_analyzed(analyzed)
        if created:
            _resolve(store)
    finally:
        store.close()
    return {"id": document.id, "key": document.key, "created": created, "facts": len(analyzed.facts)}


def _resolve(store) -> None:
    # An uploaded document joins the events it reports at once, against its neighbours only.
    from spacecoop.resolve.incremental import resolve_changes

    try:
        resolve_changes(store)
    except Exception:  # the document is stored; `spacecoop resolve` finishes the job
        logging.getLogger(__name__).exception("resolution after an upload failed")


async def upload_document(
    request: Request,
    filename: str = Query(..., max_length=200, description="the file's name; its extension tells the form"),
) -> Response:
    """Ingest one document sent as the raw request body (needs `Authorization: Bearer <token>`)."""
    settings: Settings = request.app.state.settings
    _check_token(settings, request)
    name = SAFE_NAME.sub("_", Path(filename).name).strip("._")
    if not name:
        raise HTTPException(400, f"filename={filename!r}: give a file name such as release.html")
    data = await _read_limited(request, settings.max_upload_bytes)
    result = await asyncio.to_thread(_ingest, settings, request.app.state, name, data)
    return JSON(result, status_code=201 if result["created"] else 200)
