"""Plain ASGI middleware for two things every route needs: HEAD answered wherever GET is, and
requests carrying a NUL character refused with 400 before they reach a query (PostgreSQL
refuses NUL in text, which would otherwise surface as a 503)."""

from __future__ import annotations

import json
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_NUL_MESSAGE = "the request holds a NUL character (%00), which no name, date or query can contain"


class RequestGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _has_nul(scope):
            await _refuse(send, scope["method"] == "HEAD")
            return
        if scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            # The GET response's status and headers (Content-Length included), without its body.
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def _has_nul(scope: Scope) -> bool:
    raw_path = scope.get("raw_path") or scope.get("path", "").encode()
    query = scope.get("query_string", b"")
    return b"\x00" in unquote_to_bytes(raw_path) or b"\x00" in unquote_to_bytes(query.replace(b"+", b" "))


async def _refuse(send: Send, head: bool) -> None:
    body = json.dumps({"error": {"status": 400, "message": _NUL_MESSAGE}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 400, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else body})
