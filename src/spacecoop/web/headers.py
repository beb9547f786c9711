"""Security headers on every response, as plain ASGI middleware.

Starlette's `@app.middleware("http")` runs each request through extra tasks and streams; headers
only need adding to the response start, which costs nothing measurable this way."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Document text is untrusted: no inline script may run, whatever slipped into a page.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
FIXED = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"}


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                # A route may set a stricter policy of its own (the raw text is sandboxed).
                if "content-security-policy" not in headers:
                    headers["Content-Security-Policy"] = CSP
                headers.update(FIXED)
            await send(message)

        await self.app(scope, receive, send_with_headers)
